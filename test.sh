#!/usr/bin/env bash
# Runs the whole test suite: unit, integration (real redis-server), end-to-end (the whole Aspire
# app, headless) and browser (Chromium). Installs redis-server and chromium when missing.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-packages.sh redis-server chromium
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
dotnet build Recommend.sln -c Release
# One test project at a time (-m:1): the end-to-end fault tests measure how fast the app answers
# while a dependency is down, and on a 2-core machine they must not share it with the ML tests.
# A test that hangs is stopped after 5 minutes with a dump naming it, instead of eating CI's budget.
dotnet test Recommend.sln -c Release --no-build -m:1 --blame-hang-timeout 5m "$@"
