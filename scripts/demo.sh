#!/usr/bin/env bash
# The main job: a simulated plant (three Modbus TCP meters and one DL/T 645 meter on a serial line, replaying a real
# steel plant's load) -> the cedge gateway -> mosquitto -> cedge-cloud -> InfluxDB -> daily estimation -> dashboard. Also backfills the past 7 days, as a
# gateway coming back online would. Everything runs on 127.0.0.1 under .run/; Ctrl-C stops what it started.
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"
ensure_packages "${RUNTIME_PACKAGES[@]}"
scripts/build.sh || die "build failed"

RUN="$ROOT/.run"
rm -rf "$RUN"
mkdir -p "$RUN"/{logs,pki,mosquitto/data,cloud,gateway}
BIN="$ROOT/artifacts/bin"
STOPPED_MESSAGE="stopped; logs and data stay in .run/"
source "$ROOT/scripts/lib/processes.sh"

MQTT_PORT=$(free_port); INFLUX_PORT=$(free_port); INFLUX_RPC=$(free_port); HTTP_PORT=$(free_port); GATEWAY_OPS_PORT=$(free_port)
SITE=plant-01; GATEWAY=gw-01; ENTERPRISE=ent-demo-steel
# device, scale, day offset, register base (kWh at 2025-01-01): three lines of one plant
METERS=("m-101 1.0 0 120000" "m-102 0.6 91 45000" "m-103 0.35 182 8000")

say "demo CA and broker certificate (.run/pki: ca.crt, server.crt for IP:127.0.0.1 and DNS:localhost)"
PKI="$RUN/pki"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$PKI/ca.key" -out "$PKI/ca.crt" -days 30 \
  -subj "/CN=CarbonEdge Demo CA" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  >"$RUN/logs/pki.log" 2>&1 || die "openssl: CA failed (see .run/logs/pki.log)"
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$PKI/server.key" -out "$PKI/server.csr" \
  -subj "/CN=localhost" >>"$RUN/logs/pki.log" 2>&1 || die "openssl: server key failed (see .run/logs/pki.log)"
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' >"$PKI/server.ext"
openssl x509 -req -in "$PKI/server.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial -days 30 -extfile "$PKI/server.ext" \
  -out "$PKI/server.crt" >>"$RUN/logs/pki.log" 2>&1 || die "openssl: server certificate failed (see .run/logs/pki.log)"

say "mosquitto on 127.0.0.1:$MQTT_PORT (MQTT over TLS, dynamic security, no anonymous access)"
DYNSEC_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+='); CLOUD_MQTT_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
mosquitto_ctrl dynsec init "$RUN/mosquitto/dynamic-security.json" admin "$DYNSEC_PASSWORD" >/dev/null || die "mosquitto_ctrl dynsec init failed"
cat >"$RUN/mosquitto/mosquitto.conf" <<CONF
user root
per_listener_settings false
persistence true
persistence_location $RUN/mosquitto/data/
log_dest file $RUN/logs/mosquitto.log
max_queued_messages 200000
listener $MQTT_PORT 127.0.0.1
cafile $PKI/ca.crt
certfile $PKI/server.crt
keyfile $PKI/server.key
tls_version tlsv1.2
allow_anonymous false
plugin /usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so
plugin_opt_config_file $RUN/mosquitto/dynamic-security.json
CONF
start mosquitto-stdout mosquitto -c "$RUN/mosquitto/mosquitto.conf"
wait_for mosquitto 20 bash -c "exec 3<>/dev/tcp/127.0.0.1/$MQTT_PORT"

say "InfluxDB on 127.0.0.1:$INFLUX_PORT"
start_influxd "$INFLUX_PORT" "$INFLUX_RPC"

say "three simulated meters (Modbus TCP)"
devices_json=""; registry_devices=""; history_meters=()
for spec in "${METERS[@]}"; do
  read -r device scale offset base <<<"$spec"
  port=$(free_port)
  start "$device" "$BIN/cedge-sim" meter modbus-tcp --listen "127.0.0.1:$port" --unit 1 --scale "$scale" --day-offset "$offset" --register-base "$base"
  wait_for "meter $device" 20 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port"
  devices_json+="${devices_json:+,}{\"id\":\"$device\",\"driver\":\"modbus-tcp\",\"intervalMs\":5000,\"modbus\":{\"host\":\"127.0.0.1\",\"port\":$port,\"unitId\":1},\"points\":$("$BIN/cedge-sim" meter map --gateway-points)}"
  registry_devices+="${registry_devices:+,}{\"site\":\"$SITE\",\"id\":\"$device\",\"kind\":\"meter\",\"name\":\"Line meter $device\",\"multiplier\":1,\"rolloverKwh\":null,\"intervalSeconds\":60}"
  history_meters+=(--meter "$device:scale=$scale,day-offset=$offset,register-base=$base")
  echo "  $device on 127.0.0.1:$port (scale $scale, day offset $offset)"
done

say "one DL/T 645-2007 meter on a serial line (a socat pty pair at 2400 baud, 8N1: a pty takes no parity)"
# a compressor-house feeder: the profile at 0.12 stays under the 79.9999 kW a meter shows in XX.XXXX (DL/T 645-2007 A.5)
DLT645_METER="m-645 0.12 273 3000"; read -r device scale offset base <<<"$DLT645_METER"
start socat-645 socat pty,raw,echo=0,link="$RUN/dlt645-meter" pty,raw,echo=0,link="$RUN/dlt645-gateway"
wait_for "the DL/T 645 serial line" 10 test -e "$RUN/dlt645-gateway"
start "$device" "$BIN/cedge-sim" meter dlt645 --serial "$RUN/dlt645-meter" --baud 2400 --parity N --address 000000000645 \
  --scale "$scale" --day-offset "$offset" --register-base "$base"
wait_for "meter $device" 30 grep -q " serving " "$RUN/logs/$device.log"
dlt645_points=$(printf '{"point":"%s"},' energy.active.import power.active voltage.a current.a power.factor)
devices_json+=",{\"id\":\"$device\",\"driver\":\"dlt645\",\"intervalMs\":5000,\"dlt645\":{\"address\":\"000000000645\",\"serialPort\":\"$RUN/dlt645-gateway\",\"baud\":2400,\"parity\":\"N\"},\"points\":[${dlt645_points%,}]}"
registry_devices+=",{\"site\":\"$SITE\",\"id\":\"$device\",\"kind\":\"meter\",\"name\":\"Compressor house (DL/T 645)\",\"multiplier\":1,\"rolloverKwh\":null,\"intervalSeconds\":60}"
history_meters+=(--meter "$device:scale=$scale,day-offset=$offset,register-base=$base")
echo "  $device address 000000000645 on $RUN/dlt645-gateway (scale $scale, day offset $offset)"

# One CEMS stack reporting over HJ 212-2017 to the gateway's hj212 input (docs/hj212.md): its unit backfills the
# past 7 days of minute data once the gateway listens, then reports live.
HJ212_PORT=$(free_port); STACK_MN=88888880000001; STACK_PW=123456
registry_devices+=",{\"site\":\"$SITE\",\"id\":\"stack-1\",\"kind\":\"cems\",\"name\":\"Boiler 1 stack (CEMS, HJ 212)\",\"multiplier\":1,\"rolloverKwh\":null,\"intervalSeconds\":60}"

cat >"$RUN/cloud/registry.json" <<JSON
{
  "enterprises": [{ "id": "$ENTERPRISE", "name": "Demo Steel Rolling Co.", "region": "320583", "industry": "3130" }],
  "sites": [{ "id": "$SITE", "enterprise": "$ENTERPRISE", "name": "Kunshan rolling mill" }],
  "devices": [$registry_devices]
}
JSON
cat >"$RUN/cloud/cedge-cloud.json" <<JSON
{
  "mqtt": { "url": "mqtts://127.0.0.1:$MQTT_PORT", "caFile": "../pki/ca.crt", "clientId": "cedge-cloud-demo", "username": "cloud", "password": "$CLOUD_MQTT_PASSWORD" },
  "broker": { "host": "127.0.0.1", "port": $MQTT_PORT, "adminUsername": "admin", "adminPassword": "$DYNSEC_PASSWORD",
              "ctrlArguments": ["--cafile", "$PKI/ca.crt"], "gatewayUrl": "mqtts://127.0.0.1:$MQTT_PORT" },
  "influx": { "url": "http://127.0.0.1:$INFLUX_PORT", "database": "carbonedge" },
  "registry": { "path": "registry.db", "seed": "registry.json" },
  "estimation": { "zone": "Asia/Shanghai", "gridCalibre": "ets_reporting" },
  "account": { "evaluateSeconds": 5 },
  "http": { "urls": "http://127.0.0.1:$HTTP_PORT" }
}
JSON
cat >"$RUN/gateway/gateway.json" <<JSON
{
  "gateway": { "site": "$SITE", "id": "$GATEWAY", "dataDir": "data" },
  "mqtt": { "url": "mqtts://127.0.0.1:$MQTT_PORT", "caFile": "../pki/ca.crt" },
  "uplink": { "maxReadingsPerBatch": 500, "flushIntervalMs": 1000 },
  "health": { "metricsPort": $GATEWAY_OPS_PORT },
  "devices": [$devices_json],
  "hj212": { "listen": "127.0.0.1:$HJ212_PORT", "stations": [{ "mn": "$STACK_MN", "pw": "$STACK_PW", "device": "stack-1" }] }
}
JSON

say "access: an admin API key and a plant-manager user (enterprise role)"
ADMIN_KEY=$("$BIN/cedge-cloud" keys create --name demo-admin --role admin --config "$RUN/cloud/cedge-cloud.json" | tail -n 1) \
  || die "keys create failed"
MANAGER_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
echo "$MANAGER_PASSWORD" | "$BIN/cedge-cloud" users add --name plant-manager --role enterprise --scope "enterprise:$ENTERPRISE" \
  --config "$RUN/cloud/cedge-cloud.json" >/dev/null || die "users add failed"

echo "$CLOUD_MQTT_PASSWORD" | "$BIN/cedge-cloud" broker cloud-account --username cloud --config "$RUN/cloud/cedge-cloud.json" >/dev/null \
  || die "broker cloud-account failed"

say "cloud (cedge-cloud) on http://127.0.0.1:$HTTP_PORT"
start cloud "$BIN/cedge-cloud" run --config "$RUN/cloud/cedge-cloud.json"
wait_for cedge-cloud 60 curl -sf -H "X-Api-Key: $ADMIN_KEY" "http://127.0.0.1:$HTTP_PORT/api/v1/sites"

say "gateway (cedge) provisioned with a one-time token, polling every 5 s"
provision() { # provision GATEWAY CONFIG: a token from the cloud, redeemed by cedge provision into CONFIG
  local token
  token=$("$BIN/cedge-cloud" broker token --site "$SITE" --gateway "$1" --config "$RUN/cloud/cedge-cloud.json" | tail -n 1) || die "broker token failed"
  "$BIN/cedge" provision --cloud "http://127.0.0.1:$HTTP_PORT" --token "$token" --config "$2" >/dev/null || die "cedge provision $1 failed"
}
provision "$GATEWAY" "$RUN/gateway/gateway.json"
provision "$GATEWAY-history" "$RUN/gateway/history.json"
json_field() { sed -n "s/.*\"$1\": \"\([^\"]*\)\".*/\1/p" "$2" | head -n 1; } # json_field NAME FILE (cedge provision writes one per line)
HISTORY_MQTT="mqtts://$(json_field username "$RUN/gateway/history.json"):$(json_field password "$RUN/gateway/history.json")@127.0.0.1:$MQTT_PORT"
start gateway "$BIN/cedge" run --config "$RUN/gateway/gateway.json"
wait_for "gateway hj212 input" 30 bash -c "exec 3<>/dev/tcp/127.0.0.1/$HJ212_PORT"
say "simulated CEMS stack (HJ 212 unit $STACK_MN -> 127.0.0.1:$HJ212_PORT), backfilling 7 days"
start stack-1 "$BIN/cedge-sim" cems hj212 --target "127.0.0.1:$HJ212_PORT" --mn "$STACK_MN" --pw "$STACK_PW" --interval-s 30 \
  --backfill-hours 168 --report "$RUN/stack-1-report.json"

say "backfill: the past 7 days of the four meters, as a gateway back online would send them"
"$BIN/cedge-sim" history --days 7 --mqtt "$HISTORY_MQTT" --ca-file "$PKI/ca.crt" --site "$SITE" --gateway "$GATEWAY-history" "${history_meters[@]}" \
  || die "backfill failed (see above)"

cat >"$RUN/endpoints.json" <<JSON
{
  "dashboard": "http://127.0.0.1:$HTTP_PORT/",
  "api": "http://127.0.0.1:$HTTP_PORT/api/v1",
  "mqtt": { "url": "mqtts://127.0.0.1:$MQTT_PORT", "caFile": "$PKI/ca.crt" },
  "gatewayOperations": "http://127.0.0.1:$GATEWAY_OPS_PORT/",
  "influxdb": { "url": "http://127.0.0.1:$INFLUX_PORT", "database": "carbonedge" },
  "site": "$SITE", "enterprise": "$ENTERPRISE",
  "adminApiKey": "$ADMIN_KEY",
  "plantManager": { "name": "plant-manager", "password": "$MANAGER_PASSWORD" }
}
JSON

say "waiting for the daily estimates of the past 7 days"
daily="http://127.0.0.1:$HTTP_PORT/api/v1/enterprises/$ENTERPRISE/emissions/daily"
# scope 2 (grid) and scope 1 (cems) rows for each of the 7 days, before the account step reads the month so far
wait_for "7 days of scope 1 and scope 2 estimates" 90 bash -c "body=\$(curl -sf -H 'X-Api-Key: $ADMIN_KEY' '$daily'); \
  [ \$(grep -o '\"method\":\"grid\"' <<<\"\$body\" | wc -l) -ge 7 ] && [ \$(grep -o '\"method\":\"cems\"' <<<\"\$body\" | wc -l) -ge 7 ]"
API="http://127.0.0.1:$HTTP_PORT/api/v1"
source "$ROOT/scripts/lib/demo-account.sh"

cat <<TEXT

  CarbonEdge demo is running.
    dashboard   http://127.0.0.1:$HTTP_PORT/   sign in as plant-manager, password $MANAGER_PASSWORD
    REST API    http://127.0.0.1:$HTTP_PORT/api/v1/sites/$SITE/live   (header X-Api-Key: adminApiKey of .run/endpoints.json)
                $daily
    API docs    http://127.0.0.1:$HTTP_PORT/reference   (OpenAPI: /openapi/v1.json)
    operations  /healthz /readyz /metrics
    gateway     http://127.0.0.1:$GATEWAY_OPS_PORT/healthz /readyz /metrics
    MQTT (TLS)  127.0.0.1:$MQTT_PORT   (mosquitto_sub -p $MQTT_PORT --cafile .run/pki/ca.crt -u cloud -P $CLOUD_MQTT_PASSWORD -t 'carbonedge/v1/+/+/telemetry' -v)
    InfluxDB    http://127.0.0.1:$INFLUX_PORT  database carbonedge   (influx -port $INFLUX_PORT -database carbonedge)
    endpoints   .run/endpoints.json     logs .run/logs/
    re-estimate artifacts/bin/cedge-cloud estimate --day YYYY-MM-DD --config .run/cloud/cedge-cloud.json
$ACCOUNT_TEXT

  Ctrl-C stops everything.
TEXT
wait
