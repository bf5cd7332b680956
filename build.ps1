# Bootstrap for the SocarDataLake build on Windows/PowerShell: check the .NET SDK, restore Cake, run the build.
# Every argument is passed to Cake: ./build.ps1 --target=Test
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Banner($text) { Write-Host "`n==================== $text ====================" }

Banner 'Checking the .NET SDK'
$required = (Get-Content global.json | ConvertFrom-Json).sdk.version
if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    throw "The .NET SDK is not installed. Install SDK $required or a newer feature band of the same major version: https://dot.net/download"
}
dotnet --version | Out-Null
if ($LASTEXITCODE -ne 0) { dotnet --list-sdks; throw "No installed .NET SDK satisfies global.json ($required, rollForward latestFeature)." }

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'

Banner 'Restoring local tools (Cake)'
dotnet tool restore
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

Banner "Running build/build.cake $args"
dotnet cake build/build.cake @args
exit $LASTEXITCODE
