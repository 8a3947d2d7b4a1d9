#!/usr/bin/env bash
# Runs every test: installs the real servers it needs (mosquitto, influxd, socat, libmodbus, mbpoll, chromium),
# builds, runs unit and integration tests, and prints "N passed, N failed[, N skipped]" as its last line.
# Exits non-zero on any failure. Test logs and server run folders: artifacts/test-runs/, TRX: artifacts/test-results/.
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"
start=$(date +%s)
ensure_packages "${TEST_PACKAGES[@]}"
scripts/build.sh || { echo "0 passed, 1 failed"; exit 1; }

rm -rf artifacts/test-results artifacts/test-runs
mkdir -p artifacts/test-results artifacts/test-runs
say "running tests"
dotnet test CarbonEdge.sln -c Release --no-build -nologo -v:q \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory artifacts/test-results \
  --blame-hang-timeout 5m
status=$?

passed=0; failed=0; skipped=0; reports=0
for trx in artifacts/test-results/*.trx; do
  [ -f "$trx" ] || continue
  reports=$((reports + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
projects=$(grep -l '<IsTestProject>true</IsTestProject>' tests/*/*.csproj | wc -l)
if [ "$reports" -lt "$projects" ]; then
  echo "error: $((projects - reports)) test project(s) produced no results (crashed or hung; see above)" >&2
  failed=$((failed + projects - reports))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "error: dotnet test exited with $status" >&2
  failed=1
fi
say "tests took $(( $(date +%s) - start )) s"
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
