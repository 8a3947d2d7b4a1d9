#!/usr/bin/env bash
# Load run (issue 12, "Load"): cedge-cloud with InfluxDB holding 7 backfilled days of three meters, then wrk at
# CONNECTIONS concurrent connections on the dashboard page and the daily emissions endpoint, with two peers in the same
# run: /healthz (the framework floor: no authentication, no data) and /api/v1/sites (the same API key, authentication,
# rate limiter and JSON, but from the registry instead of InfluxDB); ROUNDS rounds alternate the targets so
# that each sees the same machine load. Prints one table; everything runs on 127.0.0.1 under artifacts/load-run/ and
# is stopped at the end.
# Usage: scripts/load.sh [CONNECTIONS=1000] [SECONDS=15] [ROUNDS=2]
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"
CONNECTIONS=${1:-1000}; DURATION=${2:-15}; ROUNDS=${3:-2}
ensure_packages mosquitto influxdb wrk curl

RUN="$ROOT/artifacts/load-run"
rm -rf "$RUN"; mkdir -p "$RUN"/{bin,logs,mosquitto,cloud}
say "publishing cedge-cloud and cedge-sim (Release) to $RUN/bin"
for project in cloud/CarbonEdge.Cloud simulators/CarbonEdge.Simulators; do
  dotnet publish "$project" -c Release -nologo -v:q -o "$RUN/bin" >"$RUN/logs/publish.log" 2>&1 || die "publish of $project failed (see $RUN/logs/publish.log)"
done
BIN="$RUN/bin"
source "$ROOT/scripts/lib/processes.sh"

MQTT_PORT=$(free_port); INFLUX_PORT=$(free_port); INFLUX_RPC=$(free_port); HTTP_PORT=$(free_port)
BROKER_PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
mosquitto_passwd -c -b "$RUN/mosquitto/passwd" load "$BROKER_PASSWORD" >/dev/null || die "mosquitto_passwd failed"
cat >"$RUN/mosquitto/mosquitto.conf" <<CONF
listener $MQTT_PORT 127.0.0.1
allow_anonymous false
password_file $RUN/mosquitto/passwd
max_queued_messages 200000
log_dest file $RUN/logs/mosquitto.log
CONF
start mosquitto mosquitto -c "$RUN/mosquitto/mosquitto.conf"
wait_for mosquitto 20 bash -c "exec 3<>/dev/tcp/127.0.0.1/$MQTT_PORT"
start_influxd "$INFLUX_PORT" "$INFLUX_RPC"

ENTERPRISE=ent-load; SITE=plant-01
cat >"$RUN/cloud/registry.json" <<JSON
{
  "enterprises": [{ "id": "$ENTERPRISE", "name": "Load Steel", "region": "320583", "industry": "3130" }],
  "sites": [{ "id": "$SITE", "enterprise": "$ENTERPRISE", "name": "Mill" }],
  "devices": [
    { "site": "$SITE", "id": "m-101", "kind": "meter", "name": "Line 1", "multiplier": 1, "rolloverKwh": null, "intervalSeconds": 60 },
    { "site": "$SITE", "id": "m-102", "kind": "meter", "name": "Line 2", "multiplier": 1, "rolloverKwh": null, "intervalSeconds": 60 },
    { "site": "$SITE", "id": "m-103", "kind": "meter", "name": "Line 3", "multiplier": 1, "rolloverKwh": null, "intervalSeconds": 60 }]
}
JSON
# the request limits are raised above what wrk sends: the run measures serving, not the 429 path
cat >"$RUN/cloud/cedge-cloud.json" <<JSON
{
  "mqtt": { "url": "mqtt://127.0.0.1:$MQTT_PORT", "clientId": "cedge-cloud-load", "username": "load", "password": "$BROKER_PASSWORD" },
  "influx": { "url": "http://127.0.0.1:$INFLUX_PORT", "database": "carbonedge" },
  "registry": { "path": "registry.db", "seed": "registry.json" },
  "estimation": { "zone": "Asia/Shanghai", "lateDataDelaySeconds": 1 },
  "access": { "keyRequestsPerMinute": 100000000, "addressRequestsPerMinute": 100000000 },
  "http": { "urls": "http://127.0.0.1:$HTTP_PORT" }
}
JSON
KEY=$("$BIN/cedge-cloud" keys create --name load-admin --role admin --config "$RUN/cloud/cedge-cloud.json" | tail -n 1)
[[ $KEY == cek_* ]] || die "keys create did not print a key"
start cloud "$BIN/cedge-cloud" run --config "$RUN/cloud/cedge-cloud.json"
wait_for cedge-cloud 60 curl -sf "http://127.0.0.1:$HTTP_PORT/readyz"

say "backfilling 7 days of three meters (one reading a minute each)"
"$BIN/cedge-sim" history --days 7 --mqtt "mqtt://load:$BROKER_PASSWORD@127.0.0.1:$MQTT_PORT" --site "$SITE" --gateway history \
  --meter m-101:scale=1.0,register-base=120000 --meter m-102:scale=0.6,day-offset=91,register-base=45000 \
  --meter m-103:scale=0.35,day-offset=182,register-base=8000 >"$RUN/logs/history.log" 2>&1 || die "cedge-sim history failed (see $RUN/logs/history.log)"
TO=$(TZ=Asia/Shanghai date -d yesterday +%F); FROM=$(TZ=Asia/Shanghai date -d '7 days ago' +%F)
DAILY="/api/v1/enterprises/$ENTERPRISE/emissions/daily?from=$FROM&to=$TO"
days() { curl -sf -H "X-Api-Key: $KEY" "http://127.0.0.1:$HTTP_PORT$DAILY" | grep -o '"day"' | wc -l; }
wait_for "7 estimated days" 300 bash -c "[ \$(curl -sf -H 'X-Api-Key: $KEY' 'http://127.0.0.1:$HTTP_PORT$DAILY' | grep -o '\"day\"' | wc -l) -ge 7 ]"
say "$(days) daily rows stored; load: ${CONNECTIONS} connections, ${DURATION} s per target, ${ROUNDS} rounds, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

ulimit -n "$(ulimit -Hn)" 2>/dev/null
measure() { # label, path, extra wrk arguments
  local label=$1 path=$2; shift 2
  local line
  line=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s scripts/load/latency.lua "$@" "http://127.0.0.1:$HTTP_PORT$path" 2>&1 | grep '^RESULT') \
    || die "wrk on $path printed no result"
  read -r _ rps mean p95 p99 non2xx errors <<<"$line"
  printf '| %-44s | %5s | %8s | %8s | %8s | %8s | %7s | %6s |\n' "$label" "$round" "$rps" "$mean" "$p95" "$p99" "$non2xx" "$errors"
}
printf '| %-44s | %5s | %8s | %8s | %8s | %8s | %7s | %6s |\n' target round "req/s" "mean ms" "p95 ms" "p99 ms" non-2xx errors
printf '|%s|\n' "----------------------------------------------|-------|----------|----------|----------|----------|---------|--------"
for (( round=1; round<=ROUNDS; round++ )); do
  measure "GET /healthz (floor)" /healthz
  measure "GET / (dashboard page)" /
  measure "GET /api/v1/sites (API key, registry only)" /api/v1/sites -H "X-Api-Key: $KEY"
  measure "GET .../emissions/daily (7 days, API key)" "$DAILY" -H "X-Api-Key: $KEY"
done
say "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
