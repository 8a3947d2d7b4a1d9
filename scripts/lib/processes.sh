# Sourced after common.sh by scripts that run the real parts on 127.0.0.1 under $RUN (set RUN first).
PIDS=()
# stop_all: stops what start began, newest first (gateway and cloud say goodbye to the broker before it goes).
stop_all() {
  trap - INT TERM EXIT
  [ -z "${STOPPED_MESSAGE:-}" ] || say "stopping"
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do kill "${PIDS[$i]}" 2>/dev/null; wait "${PIDS[$i]}" 2>/dev/null; done
  [ -z "${STOPPED_MESSAGE:-}" ] || echo "$STOPPED_MESSAGE"
}
trap stop_all INT TERM EXIT

# start NAME COMMAND...: runs COMMAND in the background, output in $RUN/logs/NAME.log; stop_all stops it.
start() { local name=$1; shift; "$@" >"$RUN/logs/$name.log" 2>&1 & PIDS+=($!); }

# start_influxd HTTP_PORT RPC_PORT: InfluxDB 1.x with its data under $RUN/influxdb, bound to 127.0.0.1, and waits
# until /ping answers.
start_influxd() {
  local http=$1 rpc=$2
  mkdir -p "$RUN"/influxdb/{meta,data,wal}
  cat >"$RUN/influxdb/influxdb.conf" <<CONF
reporting-enabled = false
bind-address = "127.0.0.1:$rpc"
[meta]
  dir = "$RUN/influxdb/meta"
[data]
  dir = "$RUN/influxdb/data"
  wal-dir = "$RUN/influxdb/wal"
  index-version = "inmem"
  query-log-enabled = false
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:$http"
  auth-enabled = false
  log-enabled = false
  max-body-size = 0
[logging]
  level = "warn"
CONF
  start influxd influxd run -config "$RUN/influxdb/influxdb.conf"
  wait_for influxd 30 curl -sf "http://127.0.0.1:$http/ping"
}
