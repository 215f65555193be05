#!/usr/bin/env bash
# The cost list over a region data set (1M entries), one client, sequential
# requests: the first page without and with the total (exact up to 10,000,
# then estimated: ADR 0170), with the exact total (?total=exact, a count of
# every entry), a page after a cursor deep in the list, and the same depth by
# offset. Prints p50/p95/max and the
# load average before and after, since the machine may be shared.
#
#   bench/lists.sh BASE_URL EMAIL PASSWORD [N]
# Run through bench/run.sh lists (scratch or BENCH_DATABASE_URL database;
# DATABASE_URL names it).
set -euo pipefail
base=$1/api/v1 email=$2 password=$3 n=${4:-100}
tok=$(curl -sf -X POST "$base/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])')
get() { curl -sf -H "Authorization: Bearer $tok" "$base$1"; }
measure() { # name n path
  printf '%-48s' "$1"
  for _ in $(seq 1 "$2"); do curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $tok" "$base$3"; done |
    python3 -c 'import sys; v=sorted(float(x)*1000 for x in sys.stdin); n=len(v)
print("p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms  (n=%d)" % (v[n//2], v[min(n-1, int(n*0.95))], v[-1], n))'
}
# A cursor about 900,000 entries deep: walking there takes 4,500 requests, but
# a cursor names a position in the list's order whatever the filters of the
# page that gave it, so the first page from the day of entry 900,000 gives one.
day=$(psql "$DATABASE_URL" -XAtc "SELECT incurred_on FROM costs ORDER BY incurred_on, id OFFSET 900000 LIMIT 1")
deep=$(get "/costs?limit=50&total=false&from=$day" | python3 -c 'import sys,json;print(json.load(sys.stdin)["next_cursor"])')
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg); costs: $(get '/costs?limit=1&total=exact' | python3 -c 'import sys,json;print(json.load(sys.stdin)["total"])')"
measure "GET /costs?limit=50&total=false" "$n" "/costs?limit=50&total=false"
measure "GET /costs?limit=50&cursor=<~900,000 deep>" "$n" "/costs?limit=50&cursor=$deep"
measure "GET /costs?limit=50 (first page, total)" "$n" "/costs?limit=50"
measure "GET /costs?limit=50&total=exact" $((n / 5)) "/costs?limit=50&total=exact"
measure "GET /costs?limit=50&offset=900000&total=false" 5 "/costs?limit=50&offset=900000&total=false"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
