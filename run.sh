#!/usr/bin/env bash
# Starts ActorCloud with its embedded defaults: a SQLite journal under ./data and the admin key printed.
# Any flag is passed on, e.g. ./run.sh --port 0 --data /tmp/ac --create-on-first-write true
set -euo pipefail
cd "$(dirname "$0")"
exec dotnet run --project src/Api -c Release -- "$@"
