#!/usr/bin/env bash
# login-burst.sh [BASE_URL] [N]: sends N concurrent sign-ins with unknown
# emails to a running server and prints its resident memory (the
# process_resident_memory_bytes metric) before, at the peak while the
# burst runs (sampled every 50 ms) and after, with the answers' statuses.
# The figures are in docs/security.md. Each attempt counts toward the
# per-address limit (50 per 15 minutes): rerun against a fresh database or
# after `DELETE FROM login_failures`.
set -euo pipefail
BASE=${1:-http://127.0.0.1:8080}
N=${2:-32}
rss() { curl -fsS "$BASE/metrics" | awk '/^process_resident_memory_bytes/ {printf "%.0f", $2/1048576}'; }
echo "rss_before_MiB=$(rss)"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
pids=()
t0=$(date +%s.%N)
for i in $(seq 1 "$N"); do
	curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' \
		-d "{\"email\":\"nobody$i-$RANDOM@example.org\",\"password\":\"wrong-password-123\"}" \
		"$BASE/api/v1/auth/login" >>"$out" &
	pids+=($!)
done
peak=0
while kill -0 "${pids[@]}" 2>/dev/null; do
	r=$(rss)
	if [ "$r" -gt "$peak" ]; then peak=$r; fi
	sleep 0.05
done
wait
t1=$(date +%s.%N)
r=$(rss)
if [ "$r" -gt "$peak" ]; then peak=$r; fi
echo "rss_peak_MiB=$peak rss_after_MiB=$r burst_seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
echo "statuses: $(sort "$out" | uniq -c | awk '{printf "%s×%s ", $1, $2}')"
