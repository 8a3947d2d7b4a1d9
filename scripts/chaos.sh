#!/usr/bin/env bash
# The full chaos run of issue 15: 20 simulated meters at 1 s for --minutes (default 5) through one gateway (cedge) into
# three cloud instances (cedge-cloud, one $share/ingest subscription, one registry) on real mosquitto and influxd;
# the gateway SIGKILLed twice, the broker stopped for a fifth of the run (60 s of 5 min), InfluxDB for 40 % (2 min),
# the cloud instance holding the estimation lease SIGKILLed. Prints progress and, at the end, served against stored
# per series (duplicated, uncommitted, lost). It is ChaosTests (tests/CarbonEdge.IntegrationTests) at full length;
# scripts/test.sh runs its 45 s form. Exits non-zero when anything was duplicated or lost.
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"
minutes=5
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (use --minutes N)" ;;
  esac
done
[[ "$minutes" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--minutes takes a number, e.g. --minutes 5"
ensure_packages "${RUNTIME_PACKAGES[@]}"
export DOTNET_CLI_USE_MSBUILD_SERVER=0
say "building tests/CarbonEdge.IntegrationTests (cedge, cedge-cloud and the simulators with it)"
dotnet build tests/CarbonEdge.IntegrationTests/CarbonEdge.IntegrationTests.csproj -c Release -nologo -clp:ErrorsOnly -v:q || die "build failed (see the errors above)"
mkdir -p artifacts/chaos
progress="$ROOT/artifacts/chaos/chaos-$(date -u +%Y%m%dT%H%M%SZ).txt"
: > "$progress"
say "chaos run of $minutes min; progress and the table also in ${progress#"$ROOT"/}"
CEDGE_CHAOS_MINUTES="$minutes" CEDGE_CHAOS_PROGRESS="$progress" dotnet test tests/CarbonEdge.IntegrationTests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~CarbonEdge.IntegrationTests.ChaosTests" --logger "console;verbosity=minimal" >"${progress%.txt}.test.log" 2>&1 &
test_pid=$!
tail -n +1 -f --pid="$test_pid" "$progress"   # ends (after printing the rest) when the test run does
wait "$test_pid"
status=$?
if [ "$status" -ne 0 ]; then
  grep -E "Assert|Exception|error" "${progress%.txt}.test.log" | head -20 >&2
  die "chaos run failed (full output: ${progress%.txt}.test.log; server logs under artifacts/test-runs/chaos-*)"
fi
say "chaos run passed: nothing duplicated, nothing committed lost"
