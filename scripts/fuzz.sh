#!/usr/bin/env bash
# Runs every Go fuzz target for a bounded time (default 10s each), so the
# hostile-input checks run in CI without making it slow. Progress lines are
# folded into the last one per target (its total of inputs tried). A target
# that fails stops the run; its failing input is written under the package's
# testdata/fuzz/ (commit it: it becomes a regular test case).
set -euo pipefail
fuzztime=${1:-10s}
cd "$(dirname "$0")/.."
found=0
start=$(date +%s)
while IFS= read -r file; do
  pkg="./$(dirname "$file")"
  for target in $(grep -oE '^func (Fuzz[A-Za-z0-9_]+)' "$file" | awk '{print $2}'); do
    found=$((found + 1))
    echo "fuzz $pkg $target ($fuzztime)"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg" 2>&1 |
      awk '/^fuzz: elapsed: .*execs/ { last = $0; next } { if (last != "") { print last; last = "" } print }
           END { if (last != "") print last }'
  done
done < <(grep -rl --include='*_test.go' -E '^func Fuzz' api | sort || true)
echo "fuzz: $found targets, $(($(date +%s) - start))s"
