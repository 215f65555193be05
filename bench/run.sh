#!/usr/bin/env bash
# Repeatable load tests. Everything runs on this machine (loopback only),
# for a bounded time, on a scratch database that is dropped afterwards.
#
#   bench/run.sh foundation   demo data + 500 units; bare Echo /healthz and Echo+pgx
#                             50-row page (bench/baseline) vs the API's /healthz and
#                             authenticated GET /api/v1/units?limit=50; the 50-row
#                             pages again with Accept-Encoding: gzip (both compress)
#   bench/run.sh region       `seed --scale region` (minutes), then the real traffic
#                             mix: the knee search (the highest rate at which every
#                             route keeps p95 < 100 ms with no drops; each rate
#                             DURATION, default 20s, from KNEE_FROM=20 to KNEE_TO=400),
#                             or one fixed RATE when RATE is set
#                             (bench/load -scenario region)
#   bench/run.sh lists        the region data set, then the cost list by cursor and by
#                             offset, with and without the total (bench/lists.sh)
#
# Environment: TEST_DATABASE_URL (admin URL of the PostgreSQL to use; default the
# local one), BENCH_DATABASE_URL (use this already-seeded database instead of a
# scratch one; it is not dropped), DURATION, CONNECTIONS, RATE, KNEE_FROM, KNEE_TO, EDIT_WEIGHT (the
# calendar edits' weight in the region mix, out of 950; default 0, the mix of issue 21),
# KEEP_DB=1.
# Results: bench/results/<scenario>-<time>.{txt,json}.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

scenario=${1:-foundation}
BIN=${BIN:-bin/kulttuurisilta}
[ -x "$BIN" ] || go build -trimpath -o "$BIN" ./api/cmd/kulttuurisilta
mkdir -p bench/results tmp
go build -o tmp/bench-load ./bench/load
go build -o tmp/bench-baseline ./bench/baseline

admin=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
db=
pids=()
cleanup() {
  local rc=$?
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "$db" ] && [ "${KEEP_DB:-0}" != 1 ]; then
    psql "$admin" -Xqc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -n "${BENCH_DATABASE_URL:-}" ]; then
  export DATABASE_URL=$BENCH_DATABASE_URL
else
  db=ks_bench_$$
  psql "$admin" -Xqc "CREATE DATABASE $db" >/dev/null
  export DATABASE_URL
  DATABASE_URL=$(with_database "$admin" "$db")
  echo "bench: scratch database $db"
  "$BIN" seed --demo >/dev/null
  case $scenario in
    foundation)
      # 500 more units so a 50-row page is full and the table has the region's size.
      psql "$DATABASE_URL" -Xq <<'SQL'
INSERT INTO units (id, name, kind, organisation, sector, municipality, address, resident_capacity)
SELECT gen_random_uuid(), 'Bench unit ' || lpad(g::text, 4, '0'), 'care_home', 'Bench organisation', 'public',
       'Turku', 'Benchtie ' || g, 20 + g % 60
FROM generate_series(1, 500) g;
ANALYZE units;
SQL
      ;;
    region|lists)
      echo "bench: seeding the region-scale data set (takes minutes)"
      /usr/bin/time -f "bench: seed --scale region took %es, max RSS %MkB" "$BIN" seed --scale region
      # as autovacuum would soon: the visibility map lets a count read the index only
      psql "$DATABASE_URL" -Xqc "VACUUM (ANALYZE)"
      ;;
  esac
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=bench/results/$scenario-$stamp
port=$(free_port)
export APP_ENV=dev LISTEN_ADDR=127.0.0.1:$port LOG_FORMAT=json SPA_DIR=
# The server logs one line per request, as in production, to a file.
"$BIN" serve >"tmp/bench-server-$stamp.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$port/readyz" 60

{
  echo "# bench $scenario, $(date -u +%FT%TZ), $(nproc) cores, $(go version | awk '{print $3}'), $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "# units: $(psql "$DATABASE_URL" -XAtc 'SELECT count(*) FROM units'), activities: $(psql "$DATABASE_URL" -XAtc 'SELECT count(*) FROM activities' 2>/dev/null || echo -), costs: $(psql "$DATABASE_URL" -XAtc 'SELECT count(*) FROM costs' 2>/dev/null || echo -)"
} | tee "$out.txt"

case $scenario in
  foundation)
    bport=$(free_port)
    tmp/bench-baseline -listen "127.0.0.1:$bport" -db "$DATABASE_URL" 2>/dev/null &
    pids+=($!)
    wait_ready "http://127.0.0.1:$bport/healthz" 30
    cmd=(tmp/bench-load -scenario foundation -base "http://127.0.0.1:$port" -baseline "http://127.0.0.1:$bport" -email "${EMAIL:-producer@demo.fi}"
      -duration "${DURATION:-10s}" -warmup 2s -connections "${CONNECTIONS:-32}" -json "$out.json")
    ;;
  region)
    cmd=(tmp/bench-load -scenario region -base "http://127.0.0.1:$port" -solo "${SOLO:-5s}"
      -email "${EMAIL:-producer0001@region.test}" -password "${PASSWORD:-scale-password}" -json "$out.json"
      -edit-weight "${EDIT_WEIGHT:-0}")
    if [ -n "${RATE:-}" ]; then
      cmd+=(-rate "$RATE" -duration "${DURATION:-60s}")
    else # the knee: the highest rate at which every route keeps p95 < 100 ms with no drops
      cmd+=(-knee -knee-from "${KNEE_FROM:-20}" -knee-to "${KNEE_TO:-400}" -duration "${DURATION:-20s}")
    fi
    ;;
  lists)
    cmd=(bench/lists.sh "http://127.0.0.1:$port" "${EMAIL:-producer0001@region.test}" "${PASSWORD:-scale-password}" "${N:-100}")
    ;;
  *) echo "bench: unknown scenario $scenario" >&2; exit 2 ;;
esac
echo "# ${cmd[*]}" | tee -a "$out.txt"
"${cmd[@]}" | tee -a "$out.txt"
echo "bench: results in $out.txt and $out.json"
