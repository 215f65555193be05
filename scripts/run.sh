#!/usr/bin/env bash
# `make run`: find or start a database, load the demo data, serve.
#
# The database, in this order:
#   1. DATABASE_URL when it is set;
#   2. the PostgreSQL on localhost:5432 (user postgres, or PGUSER), creating
#      the database `kulttuurisilta` when it is missing;
#   3. a private throwaway cluster under .data/pg (the machine's initdb and
#      pg_ctl, a free port, trust auth, its socket in .data/pg/run), stopped
#      again when the server stops. `make clean-data` removes it.
# KS_FORCE_PRIVATE_DB=1 skips step 2 (to try step 3 on a machine that has a
# local PostgreSQL). Email goes to SMTP_URL when set, else to a local mail
# catcher: KS_MAIL=catcher (default, bin/mailcatcher), mailpit
# (scripts/mailpit.sh) or none (in-app only; KS_MAILPIT=0 is the same).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

BIN=${BIN:-bin/kulttuurisilta}
[ -x "$BIN" ] || { echo "run: $BIN is missing; run 'make build' (make run does it)" >&2; exit 1; }

export APP_ENV=${APP_ENV:-dev}
export LISTEN_ADDR=${LISTEN_ADDR:-127.0.0.1:8080}
port=${LISTEN_ADDR##*:}
if ! port_free "$port"; then
  echo "run: port $port is taken; stop what listens there or set LISTEN_ADDR=127.0.0.1:<port>" >&2
  exit 1
fi
if [ -z "${SPA_DIR:-}" ] && [ -f frontend/dist/index.html ]; then
  export SPA_DIR=frontend/dist
fi

local_pg_up() {
  [ "${KS_FORCE_PRIVATE_DB:-0}" != 1 ] || return 1
  (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null
}

# ensure_database creates database $2 on the server at admin URL $1 when missing.
ensure_database() {
  local admin=$1 name=$2
  if command -v psql >/dev/null 2>&1; then
    if [ "$(psql "$admin" -XAtqc "SELECT 1 FROM pg_database WHERE datname = '$name'")" != 1 ]; then
      psql "$admin" -Xqc "CREATE DATABASE $name" >/dev/null
      echo "run: created database $name"
    fi
  else
    echo "run: psql not found; assuming database $name exists" >&2
  fi
}

private=0
if [ -n "${DATABASE_URL:-}" ]; then
  echo "run: using DATABASE_URL"
elif local_pg_up; then
  user=${PGUSER:-postgres}
  ensure_database "postgres://$user@127.0.0.1:5432/postgres?sslmode=disable" kulttuurisilta
  export DATABASE_URL="postgres://$user@127.0.0.1:5432/kulttuurisilta?sslmode=disable"
  echo "run: using the PostgreSQL on localhost:5432 (database kulttuurisilta)"
else
  echo "run: no DATABASE_URL and no PostgreSQL on localhost:5432; starting a private cluster in .data/pg"
  admin=$(scripts/pg-private.sh start .data/pg)
  private=1
  ensure_database "$admin" kulttuurisilta
  export DATABASE_URL=$(with_database "$admin" kulttuurisilta)
  echo "run: private PostgreSQL at ${DATABASE_URL} (data in .data/pg, removed by 'make clean-data')"
fi

"$BIN" seed --demo

# Email: SMTP_URL when set; otherwise a local mail catcher, so a demo user can
# read the notification emails (docs/notifications.md): KS_MAIL=catcher (the
# default: bin/mailcatcher, built with the app), KS_MAIL=mailpit (built once
# from its Go module and npm by scripts/mailpit.sh), KS_MAIL=none (in-app only;
# KS_MAILPIT=0 is the same). Its web page is MAIL_WEB (127.0.0.1:8025), its
# SMTP MAIL_SMTP (127.0.0.1:1025); taken ports are replaced by free ones.
mailpit=""
mail_line="    mail      in-app only (SMTP_URL unset, no mail catcher)"
mail=${KS_MAIL:-catcher}
[ "${KS_MAILPIT:-}" != 0 ] || mail=none
if [ -n "${SMTP_URL:-}" ]; then
  mail_line="    mail      sent through SMTP_URL"
elif [ "$mail" != none ]; then
  web=${MAIL_WEB:-127.0.0.1:8025}
  smtp=${MAIL_SMTP:-127.0.0.1:1025}
  port_free "${web##*:}" || web=127.0.0.1:$(free_port)
  port_free "${smtp##*:}" || smtp=127.0.0.1:$(free_port)
  if [ "$mail" = mailpit ]; then
    mailpit=$(MAILPIT_WEB=$web MAILPIT_SMTP=$smtp scripts/mailpit.sh start) || mailpit=""
  elif [ -x bin/mailcatcher ]; then
    mkdir -p .data
    bin/mailcatcher -smtp "$smtp" -http "$web" >.data/mailcatcher.log 2>&1 &
    mailpit=$!
    wait_ready "http://$web/livez" 10 || { kill "$mailpit" 2>/dev/null; mailpit=""; }
  fi
  if [ -n "$mailpit" ]; then
    export SMTP_URL="smtp://$smtp"
    export MAIL_FROM=${MAIL_FROM:-"Kulttuurisilta <kulttuurisilta@localhost>"}
    mail_line="    mail      http://$web/   ($mail: every email the app sends)"
  else
    echo "run: no mail catcher ($mail did not start); notifications reach the in-app inbox only" >&2
  fi
fi

cat <<EOF

  Kulttuurisilta is starting:
    app       http://${LISTEN_ADDR}/
    API docs  http://${LISTEN_ADDR}/api/docs   (spec: /api/openapi.json)
    health    http://${LISTEN_ADDR}/healthz, /readyz
${mail_line}
  Sign in with one of the demo logins above. Stop with Ctrl-C.

EOF

if [ "$private" = 0 ] && [ -z "$mailpit" ]; then
  exec "$BIN" serve
fi

# With a private cluster or a mail catcher we stay around to stop them when
# the server exits.
"$BIN" serve &
server=$!
stop_rest() {
  [ -z "$mailpit" ] || kill -TERM "$mailpit" 2>/dev/null || true
  [ "$private" = 0 ] || scripts/pg-private.sh stop .data/pg || true
}
stop_all() {
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  stop_rest
}
trap stop_all INT TERM
set +e
wait "$server"
rc=$?
# wait returns early when a trapped signal arrives; wait again for the drain.
wait "$server" 2>/dev/null
set -e
stop_rest
exit "$rc"
