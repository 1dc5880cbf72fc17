#!/usr/bin/env bash
# Starts ActorCloud with its embedded defaults: a SQLite journal under ./data, file content in an Azurite the host
# starts (and stops) with its files under ./data/azurite, and the admin key printed.
# Any flag is passed on, e.g. ./run.sh --port 0 --data /tmp/ac --create-on-first-write true
set -euo pipefail
cd "$(dirname "$0")"
command -v node >/dev/null || { echo "node (20 or newer) is required to run Azurite for file storage" >&2; exit 1; }
[ -x azurite/node_modules/.bin/azurite-blob ] || npm ci --prefix azurite --no-audit --no-fund --loglevel=error
[ -d runtime/node_modules/wx-server-sdk ] || npm ci --prefix runtime --no-audit --no-fund --loglevel=error
[ -d examples/web/node_modules/@cloudbase/js-sdk ] || npm ci --prefix examples/web --no-audit --no-fund --loglevel=error
exec dotnet run --project src/Api -c Release -- --ActorCloud:Examples:Directory "$PWD/examples" "$@"
