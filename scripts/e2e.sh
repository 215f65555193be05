#!/usr/bin/env bash
# The SPA's end-to-end suite against the real server: a fresh database
# (ks_e2e_<pid>, dropped on exit) with the demo data, the server on a free
# port serving frontend/dist, then `npm --prefix frontend run e2e` with
# E2E_BASE_URL. Exits with the suite's status, or 1 when a flow was skipped.
#
# The database server is TEST_DATABASE_URL's (default: the PostgreSQL on
# 127.0.0.1:5432, user postgres). `make e2e` builds bin/ and frontend/dist first.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

BIN=${BIN:-bin/kulttuurisilta}
if ! node -e 'process.exit(require("./frontend/package.json").scripts?.e2e ? 0 : 1)' 2>/dev/null; then
  echo "e2e: frontend/package.json has no \"e2e\" script; skipped"
  exit 0
fi
[ -x "$BIN" ] || { echo "e2e: $BIN is missing; run 'make build'" >&2; exit 1; }
[ -x bin/mailcatcher ] || { echo "e2e: bin/mailcatcher is missing; run 'make build'" >&2; exit 1; }
[ -f frontend/dist/index.html ] || { echo "e2e: frontend/dist is missing; run 'make build-spa'" >&2; exit 1; }

admin=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
db=ks_e2e_$$
port=$(free_port)
workdir=$(mktemp -d)
server=
catcher=

cleanup() {
  local rc=$?
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [ -n "$catcher" ]; then
    kill -TERM "$catcher" 2>/dev/null || true
    wait "$catcher" 2>/dev/null || true
  fi
  psql "$admin" -Xqc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  if [ "$rc" -ne 0 ] && [ -f "$workdir/server.log" ]; then
    echo "e2e: last server log lines:"
    grep -v ' level=INFO msg=request ' "$workdir/server.log" | tail -n 20 || true
    echo "e2e: requests that took over a second:"
    grep -E ' msg=request .* duration_ms=[0-9]{4,}' "$workdir/server.log" | tail -n 20 || true
  fi
  rm -rf "$workdir"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql "$admin" -Xqc "CREATE DATABASE $db" >/dev/null
export DATABASE_URL
DATABASE_URL=$(with_database "$admin" "$db")
export APP_ENV=dev LISTEN_ADDR=127.0.0.1:$port SPA_DIR=frontend/dist LOG_FORMAT=text

# Email goes to the local mail catcher (bin/mailcatcher), whose JSON list the
# notification flows read (E2E_MAIL_URL): the unsubscribe link of a real email.
mail_web=127.0.0.1:$(free_port $((port + 1)))
mail_smtp=127.0.0.1:$(free_port $((${mail_web##*:} + 1)))
bin/mailcatcher -smtp "$mail_smtp" -http "$mail_web" >"$workdir/mail.log" 2>&1 &
catcher=$!
wait_ready "http://$mail_web/livez" 20
export SMTP_URL="smtp://$mail_smtp" MAIL_FROM="Kulttuurisilta <kulttuurisilta@localhost>" PUBLIC_BASE_URL="http://127.0.0.1:$port"

echo "e2e: database $db, server on http://127.0.0.1:$port, mail catcher on http://$mail_web/"
"$BIN" seed --demo >"$workdir/seed.log"
"$BIN" serve >"$workdir/server.log" 2>&1 &
server=$!
wait_ready "http://127.0.0.1:$port/readyz" 60

set +e
E2E_BASE_URL="http://127.0.0.1:$port" E2E_MAIL_URL="http://$mail_web" npm --prefix frontend run --silent e2e | tee "$workdir/e2e.log"
rc=$?
set -e
echo "e2e: suite exited $rc"
# No flow may be skipped or left as a todo: a skipped flow is an untested one.
skipped=$(awk '/^# (skipped|todo) / {n += $3} END {print n + 0}' "$workdir/e2e.log")
if [ "$rc" -eq 0 ] && [ "$skipped" -ne 0 ]; then
  echo "e2e: $skipped flows skipped or todo; every flow must run"
  rc=1
fi
exit "$rc"
