#!/usr/bin/env bash
# Bootstrap for the SocarDataLake build: check the .NET SDK, restore the Cake tool, run build/build.cake.
# Every argument is passed to Cake: ./build.sh --target=Test
set -euo pipefail
cd "$(dirname "$0")"

banner() { printf '\n==================== %s ====================\n' "$1"; }

banner "Checking the .NET SDK"
required=$(sed -n 's/.*"version": *"\([0-9.]*\)".*/\1/p' global.json | head -n 1)
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK is not installed. Install SDK ${required} or a newer feature band of the same major version: https://dot.net/download" >&2
  exit 1
fi
if ! dotnet --version >/dev/null 2>&1; then
  echo "No installed .NET SDK satisfies global.json (${required}, rollForward latestFeature). Installed:" >&2
  dotnet --list-sdks >&2
  exit 1
fi
echo "dotnet $(dotnet --version) (global.json asks for ${required}+)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

banner "Restoring local tools (Cake)"
dotnet tool restore

banner "Running build/build.cake $*"
exec dotnet cake build/build.cake "$@"
