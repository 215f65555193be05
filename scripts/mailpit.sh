#!/usr/bin/env bash
# The local mail catcher of `make run`: mailpit (github.com/axllent/mailpit),
# so a demo user can read every email the app sends in a browser.
#
#   scripts/mailpit.sh build   build it once into .data/tools/ (prints the binary's path)
#   scripts/mailpit.sh start   start it in the background; prints its PID
#
# The Go module of mailpit does not hold its web UI (that is built with npm
# at release), so `go build` alone gives a mailpit whose web page is blank.
# We build the UI from the module's own sources and lockfile with npm, then
# the binary, which embeds it. v1.33.1's UI needs npm packages our registry
# does not serve (rapidoc@^12, sass-embedded@1.108.1); v1.27.11's builds.
# See docs/notifications.md and ADR 0091.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=${MAILPIT_VERSION:-v1.27.11}
TOOLS=.data/tools
BIN=$TOOLS/mailpit-$VERSION
MAILPIT_WEB=${MAILPIT_WEB:-127.0.0.1:8025}
MAILPIT_SMTP=${MAILPIT_SMTP:-127.0.0.1:1025}

build() {
  if [ -x "$BIN" ]; then echo "$BIN"; return 0; fi
  command -v npm >/dev/null || { echo "mailpit: npm is needed to build its web UI" >&2; return 1; }
  mkdir -p "$TOOLS"
  local log=$TOOLS/mailpit-build.log src
  echo "mailpit: building $VERSION with its web UI (once; about a minute; log in $log)" >&2
  src=$(go mod download -json "github.com/axllent/mailpit@$VERSION" 2>>"$log" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$src" ] || { echo "mailpit: could not download the module (see $log)" >&2; return 1; }
  rm -rf "$TOOLS/mailpit-src"
  cp -r "$src" "$TOOLS/mailpit-src"
  chmod -R u+w "$TOOLS/mailpit-src"
  if ! (cd "$TOOLS/mailpit-src" && npm ci --no-audit --no-fund && npm run build &&
        CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o mailpit .) >>"$log" 2>&1; then
    echo "mailpit: the build failed (see $log)" >&2
    return 1
  fi
  mv "$TOOLS/mailpit-src/mailpit" "$BIN"
  rm -rf "$TOOLS/mailpit-src"
  echo "$BIN"
}

start() {
  . scripts/lib.sh
  local bin
  bin=$(build) || return 1
  for a in "$MAILPIT_WEB" "$MAILPIT_SMTP"; do
    port_free "${a##*:}" || { echo "mailpit: port ${a##*:} is taken" >&2; return 1; }
  done
  "$bin" --listen "$MAILPIT_WEB" --smtp "$MAILPIT_SMTP" --max 2000 >"$TOOLS/mailpit.log" 2>&1 &
  local pid=$!
  wait_ready "http://$MAILPIT_WEB/livez" 20 >/dev/null 2>&1 || wait_ready "http://$MAILPIT_WEB/" 10 || {
    kill "$pid" 2>/dev/null; echo "mailpit: did not start (see $TOOLS/mailpit.log)" >&2; return 1; }
  echo "$pid"
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  *) echo "usage: scripts/mailpit.sh build|start" >&2; exit 2 ;;
esac
