#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster in a directory of its own, built
# with the machine's initdb/pg_ctl. Used by `make run` when no database is
# configured or reachable, and by the fault tests (which restart and slow
# down *their own* PostgreSQL, never the shared one on :5432).
#
#   pg-private.sh start DIR [PORT]  initialise (first time) and start; prints the URL
#   pg-private.sh stop DIR          fast shutdown (clients are disconnected)
#   pg-private.sh kill DIR          immediate shutdown (like a crash: no checkpoint)
#   pg-private.sh restart DIR       fast restart on the same port
#   pg-private.sh status DIR        exit 0 when running
#   pg-private.sh url DIR [DB]      print the connection URL
#   pg-private.sh destroy DIR       stop and remove DIR
#
# Layout: DIR/data (the cluster), DIR/run (its unix socket), DIR/port, DIR/log.
# Auth is trust, listening on 127.0.0.1 only. PostgreSQL refuses to run as
# root, so when we are root the cluster belongs to the `postgres` OS user
# (created if missing) and its commands run through runuser/su.
set -euo pipefail

die() { echo "pg-private: $*" >&2; exit 1; }

[ $# -ge 2 ] || die "usage: $0 start|stop|kill|restart|status|url|destroy DIR [PORT|DB]"
cmd=$1
dir=$2
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data=$dir/data
rundir=$dir/run

# pg_bin finds initdb/pg_ctl: on PATH, else the newest /usr/lib/postgresql/*/bin.
pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$d" ] && [ -x "$d/initdb" ] || die "no initdb/pg_ctl found (install PostgreSQL, e.g. apt-get install postgresql)"
  echo "$d"
}
BIN=$(pg_bin)

# as_owner runs a command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -ne 0 ]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- "$@"
  else
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  fi
}

prepare_owner() {
  [ "$(id -u)" -eq 0 ] || return 0
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres ||
      die "running as root and the 'postgres' OS user could not be created"
  fi
  chown postgres: "$dir"
  mkdir -p "$rundir" && chown postgres: "$rundir"
  as_owner test -w "$dir" ||
    die "$dir is not reachable by the postgres OS user (a parent directory is not searchable); use a directory under /tmp"
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  local p
  for p in $(seq "${1:-55432}" "$(( ${1:-55432} + 200 ))"); do
    if port_free "$p"; then echo "$p"; return; fi
  done
  die "no free port near ${1:-55432}"
}

url() {
  echo "postgres://postgres@127.0.0.1:$(cat "$dir/port")/${1:-postgres}?sslmode=disable"
}

running() {
  [ -f "$data/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$data" status >/dev/null 2>&1
}

start() {
  prepare_owner
  if [ ! -f "$data/PG_VERSION" ]; then
    rm -rf "$data"
    as_owner "$BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
      as_owner "$BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  fi
  if running; then
    url
    return
  fi
  local port=${1:-}
  if [ -z "$port" ] && [ -f "$dir/port" ] && port_free "$(cat "$dir/port")"; then
    port=$(cat "$dir/port")
  fi
  [ -n "$port" ] || port=$(pick_port 55432)
  echo "$port" >"$dir/port"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$dir/port"
  mkdir -p "$rundir"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$rundir"
  touch "$dir/log"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$dir/log"
  as_owner "$BIN/pg_ctl" -D "$data" -l "$dir/log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$rundir' -c max_connections=200 -c shared_buffers=256MB" \
    start >/dev/null || { tail -n 30 "$dir/log" >&2; die "pg_ctl start failed"; }
  url
}

case $cmd in
  start) start "${3:-}" ;;
  stop) if running; then as_owner "$BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi ;;
  kill) if running; then as_owner "$BIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null; fi ;;
  restart)
    running || die "not running"
    as_owner "$BIN/pg_ctl" -D "$data" -l "$dir/log" -m fast -w -t 60 restart >/dev/null ;;
  status) running ;;
  url) url "${3:-}" ;;
  destroy)
    if running; then as_owner "$BIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null || true; fi
    rm -rf "$dir" ;;
  *) die "unknown command $cmd" ;;
esac
