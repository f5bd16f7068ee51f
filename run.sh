#!/usr/bin/env bash
# Sets up what is missing (redis-server) and runs the whole app: dashboard + gateway.
# Add --headless for servers and CI (no dashboard, every resource's logs on this console).
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-packages.sh redis-server
dotnet build AppHost -c Release -v quiet -nologo
# The same settings as AppHost/Properties/launchSettings.json (profile "http"): no dev certificate here.
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:15080}"
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="${ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL:-http://localhost:19080}"
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="${ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL:-http://localhost:20080}"
# Run the built AppHost itself (not through `dotnet run`) so Ctrl+C / SIGTERM reach it directly.
cd AppHost
exec dotnet bin/Release/net10.0/AppHost.dll "$@"
