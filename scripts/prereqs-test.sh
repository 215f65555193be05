#!/usr/bin/env bash
# Checks scripts/prereqs.sh the way a fresh machine meets it: with something
# missing it must stop within seconds, with exit 1 and exactly one line that
# names what is missing. (`make test-scripts`, part of `make test`.)
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0

# expect NAME PATTERN ENV...: run prereqs under ENV; want exit 1, one line matching PATTERN, < 10 s.
expect() {
  local name=$1 pattern=$2 out rc t0 secs
  shift 2
  t0=$(date +%s)
  set +e
  out=$(env "$@" ./scripts/prereqs.sh 2>&1)
  rc=$?
  set -e
  secs=$(($(date +%s) - t0))
  if [ "$rc" -ne 1 ] || [ "$(printf '%s\n' "$out" | wc -l)" -ne 1 ] || ! grep -q -- "$pattern" <<<"$out" || [ "$secs" -ge 10 ]; then
    echo "prereqs-test: $name: exit $rc after ${secs}s, output:"
    printf '%s\n' "$out" | sed 's/^/  | /'
    fail=1
  else
    echo "prereqs-test: $name: ok ($out)"
  fi
}

# No Go on PATH (only the base system's directories).
expect "no Go" "^prereqs: missing: Go " -i HOME="$HOME" PATH=/usr/bin:/bin
# A Chromium that is not there (a given CHROMIUM_PATH is never installed over).
expect "no Chromium" "^prereqs: missing: Chromium at /nonexistent/chromium" CHROMIUM_PATH=/nonexistent/chromium
# A database that does not answer.
expect "no database" "^prereqs: missing: a PostgreSQL" TEST_DATABASE_URL="postgres://postgres@127.0.0.1:1/postgres?sslmode=disable"
exit "$fail"
