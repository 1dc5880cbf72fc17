#!/usr/bin/env bash
# Runs the whole test suite: unit, actor, HTTP end-to-end and the real @cloudbase/node-sdk against the real host.
# Installs what the tests need first (the SDK's npm packages, Azurite and the functions runtime's modules), so a fresh clone needs nothing by hand.
set -euo pipefail
cd "$(dirname "$0")"
command -v node >/dev/null || { echo "node (20 or newer) is required for the SDK tests" >&2; exit 1; }
npm ci --prefix tests/node --no-audit --no-fund --loglevel=error
npm ci --prefix azurite --no-audit --no-fund --loglevel=error
npm ci --prefix runtime --no-audit --no-fund --loglevel=error
dotnet test ActorCloud.sln -c Release "$@"
