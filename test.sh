#!/usr/bin/env bash
# Runs the whole test suite: unit, actor, HTTP end-to-end and the real @cloudbase/node-sdk against the real host.
# Installs what the tests need first (the SDKs' npm packages, Azurite, the functions runtime's modules, the web example's SDK,
# Chromium for the browser test and PostgreSQL for the journal tests), so a fresh clone needs nothing by hand.
set -euo pipefail
cd "$(dirname "$0")"
command -v node >/dev/null || { echo "node (20 or newer) is required for the SDK tests" >&2; exit 1; }
npm ci --prefix tests/node --no-audit --no-fund --loglevel=error
npm ci --prefix azurite --no-audit --no-fund --loglevel=error
npm ci --prefix runtime --no-audit --no-fund --loglevel=error
npm ci --prefix examples/web --no-audit --no-fund --loglevel=error
# The browser end-to-end test (tests/node/browser-example.test.mjs) drives Debian's Chromium headless; install it once.
sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
if ! command -v chromium >/dev/null; then
  $sudo apt-get update && $sudo apt-get install -y --no-install-recommends chromium
fi
# The PostgreSQL journal tests start private servers from Debian's postgresql binaries (initdb, pg_ctl).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  $sudo apt-get update && $sudo apt-get install -y --no-install-recommends postgresql
fi
dotnet test ActorCloud.sln -c Release "$@"
