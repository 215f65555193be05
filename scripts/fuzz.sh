#!/usr/bin/env bash
# Runs every Go fuzz target for a bounded time (default 10s each), so the
# hostile-input checks run in CI without making it slow.
set -euo pipefail
fuzztime=${1:-10s}
cd "$(dirname "$0")/.."
found=0
while IFS= read -r file; do
  pkg="./$(dirname "$file")"
  for target in $(grep -oE '^func (Fuzz[A-Za-z0-9_]+)' "$file" | awk '{print $2}'); do
    found=$((found + 1))
    echo "fuzz $pkg $target ($fuzztime)"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg"
  done
done < <(grep -rl --include='*_test.go' -E '^func Fuzz' api || true)
echo "fuzz: $found targets"
