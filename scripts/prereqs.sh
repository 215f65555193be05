#!/usr/bin/env bash
# `make test` runs this first. It checks what the tests need and installs
# what it can, so a fresh machine either gets going or stops within seconds
# with ONE line naming everything that is missing (exit 1):
#
#   - Go (the version go.mod names, or a go command that fetches it);
#   - Node.js 20.19+ with npm; the SPA's and the OpenAPI linter's npm
#     packages (npm ci, again whenever a lockfile changes);
#   - git (the spec check compares with the commit);
#   - PostgreSQL: TEST_DATABASE_URL, else the server on 127.0.0.1:5432 (unless
#     KS_FORCE_PRIVATE_DB=1), else
#     a private cluster started with the machine's initdb/pg_ctl (its URL is
#     written to tmp/test.env for the Makefile); psql for the e2e database;
#   - curl (the e2e script waits for the server with it);
#   - Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium} for the browser tests.
#
# As root, missing Debian packages (chromium, postgresql-client, curl, poppler-utils, postgresql)
# are installed with apt-get; otherwise they are reported. It also records
# `git status` in tmp/tree-before, which `make check-tree` compares at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p tmp

missing=()
need() { missing+=("$1"); }
say() { echo "prereqs: $*"; }

# version_ge A B: is version A >= B (dotted numbers)?
version_ge() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]
}

# --- what cannot be installed from here ---------------------------------
want_go=$(awk '/^go /{print $2; exit}' go.mod)
if ! command -v go >/dev/null 2>&1; then
  need "Go $want_go+ (https://go.dev/dl)"
elif ! have_go=$(go env GOVERSION 2>/dev/null) || ! version_ge "${have_go#go}" "$want_go"; then
  need "Go $want_go+ (found ${have_go:-a go command that cannot fetch go$want_go})"
fi

want_node=20.19.0
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  need "Node.js $want_node+ with npm (https://nodejs.org)"
elif ! version_ge "$(node --version | tr -d v)" "$want_node"; then
  need "Node.js $want_node+ (found $(node --version))"
fi

command -v git >/dev/null 2>&1 || need "git"

# --- Debian packages, installed when we are root --------------------------
apt_updated=0
apt_install() {
  [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
  if [ "$apt_updated" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >tmp/apt.log 2>&1 || return 1
    apt_updated=1
  fi
  say "installing $* (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >>tmp/apt.log 2>&1
}

chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  if [ -z "${CHROMIUM_PATH:-}" ] && apt_install chromium && [ -x "$chromium" ]; then
    :
  else
    need "Chromium at $chromium for the browser tests (apt-get install chromium, or set CHROMIUM_PATH)"
  fi
fi

command -v psql >/dev/null 2>&1 || apt_install postgresql-client || need "psql (apt-get install postgresql-client)"
command -v curl >/dev/null 2>&1 || apt_install curl || need "curl (apt-get install curl)"
# pdftoppm renders the programme print for the e2e screenshot (issue 18).
command -v pdftoppm >/dev/null 2>&1 || apt_install poppler-utils || need "pdftoppm (apt-get install poppler-utils)"

# pg_server_bin says whether initdb/pg_ctl are on the machine (pg-private.sh finds them the same way).
pg_server_bin() {
  { command -v initdb && command -v pg_ctl; } >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}
answers_5432() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }

database=
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  database="TEST_DATABASE_URL"
elif [ "${KS_FORCE_PRIVATE_DB:-0}" != 1 ] && answers_5432; then
  database="PostgreSQL on 127.0.0.1:5432"
elif pg_server_bin || apt_install postgresql; then
  database=private
else
  need "PostgreSQL 15+: set TEST_DATABASE_URL, run one on 127.0.0.1:5432 (user postgres, trust), or install its server (apt-get install postgresql) for a private cluster"
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "prereqs: missing: $(printf '%s; ' "${missing[@]}" | sed 's/; $//')" >&2
  exit 1
fi

# --- the database ------------------------------------------------------------
rm -f tmp/test.env
if [ "$database" = private ]; then
  # One cluster per user, kept between runs; outside the work tree (as root the
  # cluster belongs to the postgres OS user, who must reach its directory).
  dir=${KS_TEST_PG_DIR:-${TMPDIR:-/tmp}/ks-test-pg-$(id -u)}
  if ! url=$(scripts/pg-private.sh start "$dir" 2>tmp/pg-private.log); then
    echo "prereqs: missing: a running PostgreSQL (the private cluster in $dir did not start: $(tail -n 1 tmp/pg-private.log))" >&2
    exit 1
  fi
  echo "TEST_DATABASE_URL ?= $url" >tmp/test.env
  database="a private cluster at $url (stop: scripts/pg-private.sh stop $dir)"
fi
admin=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
[ -f tmp/test.env ] && admin=$url
if ! psql "$admin" -XAtqc 'SELECT 1' >/dev/null 2>tmp/psql.log; then
  echo "prereqs: missing: a PostgreSQL the tests can use as superuser without a password ($database: $(head -n 1 tmp/psql.log))" >&2
  exit 1
fi

# --- npm packages --------------------------------------------------------------
# npm_ci DIR installs DIR's packages when node_modules is missing or was
# installed from another lockfile.
npm_ci() {
  local dir=$1 stamp=$1/node_modules/.ks-lock-sha sum
  [ -f "$dir/package-lock.json" ] || return 0
  sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    say "npm ci in $dir"
    npm --prefix "$dir" ci --no-audit --no-fund --loglevel=error >tmp/npm-ci.log 2>&1 ||
      { tail -n 20 tmp/npm-ci.log >&2; echo "prereqs: npm ci in $dir failed (log: tmp/npm-ci.log)" >&2; exit 1; }
    echo "$sum" >"$stamp"
  fi
}
npm_ci frontend
npm_ci tools/openapi

# --- the work tree before the run (make check-tree compares) ------------------
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git status --porcelain --untracked-files=all >tmp/tree-before
fi

say "ok: $(go env GOVERSION), node $(node --version), $database, chromium $("$chromium" --version 2>/dev/null | awk '{print $2}')"
