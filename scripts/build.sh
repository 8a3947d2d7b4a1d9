#!/usr/bin/env bash
# Builds the solution (Release) and leaves runnable cedge, cedge-sim, cedge-cloud and cedge-terminal in artifacts/bin/.
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"
say "building CarbonEdge.sln (Release)"
dotnet build CarbonEdge.sln -c Release -nologo -clp:ErrorsOnly -v:q || die "build failed (see the errors above)"
mkdir -p artifacts/bin
for project in edge/CarbonEdge.Edge cloud/CarbonEdge.Cloud simulators/CarbonEdge.Simulators firmware/CarbonEdge.Firmware.Linux; do
  dotnet publish "$project" -c Release --no-build -nologo -v:q -o artifacts/bin >/dev/null || die "publish of $project failed"
done
for exe in cedge cedge-cloud cedge-sim cedge-terminal; do
  [ -x "artifacts/bin/$exe" ] || die "artifacts/bin/$exe missing after publish"
done
say "artifacts/bin: cedge, cedge-cloud, cedge-sim, cedge-terminal"
