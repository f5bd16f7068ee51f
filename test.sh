#!/usr/bin/env bash
# Runs the whole test suite: unit, integration (real redis-server), end-to-end (the whole Aspire
# app, headless) and browser (Chromium). Installs redis-server and chromium when missing.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-packages.sh redis-server chromium
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
# A test that hangs is stopped after 5 minutes with a dump naming it, instead of eating CI's budget.
dotnet test Recommend.slnx -c Release --blame-hang-timeout 5m "$@"
