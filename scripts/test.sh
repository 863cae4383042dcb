#!/usr/bin/env bash
# Builds with warnings as errors, checks formatting, runs every test project, and prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PATH="$PATH:/usr/sbin"

dotnet build Observability.sln -c Release -warnaserror || exit 1
dotnet format Observability.sln --verify-no-changes --no-restore || { echo "dotnet format found changes"; exit 1; }

results=$(mktemp -d)
dotnet test Observability.sln -c Release --no-build --logger "trx" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=3000000
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  line=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$line"); f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$line")
  n=$(sed -E 's/.* notExecuted="([0-9]+)".*/\1/' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + n))
done
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
