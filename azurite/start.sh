#!/usr/bin/env sh
# Runs Azurite's blob service for ActorCloud on 127.0.0.1 with telemetry off.
#   azurite/start.sh <data location> <port> [more azurite-blob flags, e.g. --silent]
# The account comes from AZURITE_ACCOUNTS ("name:base64key"); without it Azurite serves its public
# development account, which is fine by hand but never what the host starts (it passes a key of its own).
# Installs the pinned Azurite first when it is missing, so a fresh clone needs nothing by hand.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
location=${1:?usage: azurite/start.sh <data location> <port>}
port=${2:?usage: azurite/start.sh <data location> <port>}
shift 2
if [ ! -x "$here/node_modules/.bin/azurite-blob" ]; then
  if command -v flock >/dev/null 2>&1; then
    flock "$here/.install.lock" sh -c "[ -x '$here/node_modules/.bin/azurite-blob' ] || npm ci --prefix '$here' --no-audit --no-fund --loglevel=error" >&2
  else
    npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >&2
  fi
fi
mkdir -p "$location"
# --skipApiVersionCheck: Azure.Storage.Blobs may speak a newer REST version than this Azurite release knows.
exec "$here/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$port" --location "$location" \
  --skipApiVersionCheck --loose --disableTelemetry "$@"
