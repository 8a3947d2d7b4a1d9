# Shared by scripts/*.sh: repository root, logging, Debian packages the real parts need.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

# say MESSAGE: a progress line on stderr, bold only when stderr is a terminal.
if [[ -t 2 ]]; then
  say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
else
  say() { printf '==> %s\n' "$*" >&2; }
fi
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# ensure_packages PKG...: installs the Debian packages that are missing (needs root or sudo).
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "missing packages ${missing[*]}: run as root or install them: apt-get install -y ${missing[*]}"
    sudo="sudo"
  fi
  say "installing ${missing[*]} (apt-get)"
  $sudo apt-get update -qq >/dev/null || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

# What the build needs besides the .NET SDK: the native gateway is linked with gcc.
BUILD_PACKAGES=(gcc libc6-dev)

# Everything the demo and the tests run against: broker, database, serial ptys, Modbus peers, browser.
RUNTIME_PACKAGES=(mosquitto mosquitto-clients influxdb influxdb-client socat)
TEST_PACKAGES=("${RUNTIME_PACKAGES[@]}" mbpoll libmodbus-dev pkg-config gcc chromium fonts-noto-cjk)

command -v dotnet >/dev/null || die "the .NET 10 SDK is not installed (dotnet not on PATH): see https://learn.microsoft.com/dotnet/core/install/linux-debian"

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  local port
  while :; do
    port=$(( (RANDOM << 1 | RANDOM & 1) % 30000 + 20000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# wait_for DESCRIPTION SECONDS COMMAND...: retries COMMAND every 0.2 s until it succeeds.
wait_for() {
  local what=$1 seconds=$2; shift 2
  local deadline=$(( $(date +%s) + seconds ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || die "$what did not come up within ${seconds} s"
    sleep 0.2
  done
}
