#!/usr/bin/env bash
# Runs the whole test suite: unit, integration (real redis-server), end-to-end (the whole Aspire
# app, headless) and browser (Chromium). Installs redis-server and chromium when missing.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-packages.sh redis-server chromium
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
dotnet test Recommend.slnx -c Release "$@"
