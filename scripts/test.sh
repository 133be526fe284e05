#!/usr/bin/env bash
# Runs every test of the repository, after installing what the tests need.
# Usage: scripts/test.sh [extra dotnet test arguments, e.g. --filter Category]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

scripts/install-test-tools.sh

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test Booster.sln --no-restore --blame-hang-timeout 10m "$@" 2>&1 | tee "$log" || status=$?

# One closing line over all test projects, in the plain "N passed, N failed" form.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
