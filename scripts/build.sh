#!/usr/bin/env bash
# Builds the solution (Release) and leaves runnable cedge, cedge-sim, cedge-cloud and cedge-terminal in artifacts/bin/.
# cedge, the gateway, is compiled to a native binary (native AOT, linked with gcc); the others run on the .NET runtime.
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"
ensure_packages "${BUILD_PACKAGES[@]}"
say "building CarbonEdge.sln (Release)"
dotnet build CarbonEdge.sln -c Release -nologo -clp:ErrorsOnly -v:q || die "build failed (see the errors above)"
mkdir -p artifacts/bin
for project in cloud/CarbonEdge.Cloud simulators/CarbonEdge.Simulators firmware/CarbonEdge.Firmware.Linux; do
  dotnet publish "$project" -c Release --no-build -nologo -v:q -o artifacts/bin >/dev/null || die "publish of $project failed"
done
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) die "no native gateway build for $(uname -m): build on x86_64 or aarch64 Linux" ;;
esac
say "compiling the gateway (cedge) to a native binary ($rid)"
rm -rf artifacts/native
dotnet publish edge/CarbonEdge.Edge -c Release -r "$rid" -nologo -clp:ErrorsOnly -v:q -o artifacts/native >/dev/null \
  || die "native publish of the gateway failed (it needs gcc and libc6-dev: apt-get install gcc libc6-dev)"
cp artifacts/native/cedge artifacts/native/*.so artifacts/bin/
for exe in cedge cedge-cloud cedge-sim cedge-terminal; do
  [ -x "artifacts/bin/$exe" ] || die "artifacts/bin/$exe missing after publish"
done
say "artifacts/bin: cedge, cedge-cloud, cedge-sim, cedge-terminal"
