#!/usr/bin/env bash
# Starts an ActorCloud cluster on this machine for development: a private PostgreSQL (the shared journal), one
# Azurite (the shared blob store) and N nodes that form one Akka cluster, each serving the whole API on its own port.
#   ./cluster.sh [N] [-- flags passed to every node]        N defaults to 3; Ctrl-C (or SIGTERM) stops everything
# Everything lives under $CLUSTER_DATA (default ./cluster-data): postgres/, azurite/, node-<i>/ with each node's log.
# Node i serves HTTP on $HTTP_BASE+i (default 8081, 8082, ...) and Akka remoting on $REMOTING_BASE+i (4551, ...);
# PostgreSQL listens on $PG_PORT (55432), Azurite on $AZURITE_PORT (10010), all on 127.0.0.1 only.
# Installs Debian's postgresql and the npm packages when they are missing, like ./run.sh and ./test.sh.
set -euo pipefail
cd "$(dirname "$0")"
repo=$PWD
count=${1:-3}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
data=$(mkdir -p "${CLUSTER_DATA:-cluster-data}" && cd "${CLUSTER_DATA:-cluster-data}" && pwd)
http_base=${HTTP_BASE:-8080}
remoting_base=${REMOTING_BASE:-4550}
pg_port=${PG_PORT:-55432}
azurite_port=${AZURITE_PORT:-10010}

sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
command -v node >/dev/null || { echo "node (20 or newer) is required to run Azurite for file storage" >&2; exit 1; }
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  $sudo apt-get update && $sudo apt-get install -y --no-install-recommends postgresql
fi
[ -x azurite/node_modules/.bin/azurite-blob ] || npm ci --prefix azurite --no-audit --no-fund --loglevel=error
[ -d runtime/node_modules/wx-server-sdk ] || npm ci --prefix runtime --no-audit --no-fund --loglevel=error
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# PostgreSQL refuses to run as root; under root it runs as the package's postgres user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo "stopping the cluster..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  as_pg "$pg_bin/pg_ctl" -D "$data/postgres/data" -m fast -w stop >/dev/null 2>&1 || true
}
trap stop_all INT TERM EXIT

echo "building ActorCloud..."
dotnet build src/Api -c Release -o "$data/bin" -v quiet -nologo >"$data/build.log" 2>&1 || { cat "$data/build.log" >&2; exit 1; }

# The journal: a password-protected PostgreSQL on loopback, created once and reused by later runs.
password_file="$data/postgres/password"
if [ ! -d "$data/postgres/data" ]; then
  mkdir -p "$data/postgres"
  head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$password_file"
  [ "$(id -u)" -eq 0 ] && chown -R postgres "$data/postgres"
  as_pg "$pg_bin/initdb" -D "$data/postgres/data" -U actorcloud -A scram-sha-256 --pwfile="$password_file" -E UTF8 >"$data/postgres/initdb.log"
fi
as_pg "$pg_bin/pg_ctl" -D "$data/postgres/data" -l "$data/postgres/log" -w \
  -o "-p $pg_port -k $data/postgres -c listen_addresses=127.0.0.1" start >/dev/null
pg_connection="Host=127.0.0.1;Port=$pg_port;Username=actorcloud;Password=$(cat "$password_file");Database=actorcloud"
export PGPASSWORD; PGPASSWORD=$(cat "$password_file")
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U actorcloud -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'actorcloud'" |
  grep -q 1 || "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U actorcloud actorcloud

# The blob store: one Azurite for every node, with an account key of ours.
mkdir -p "$data/azurite"
[ -f "$data/azurite/account-key" ] || head -c 64 /dev/urandom | base64 -w0 >"$data/azurite/account-key"
account_key=$(cat "$data/azurite/account-key")
AZURITE_ACCOUNTS="actorcloud:$account_key" azurite/start.sh "$data/azurite" "$azurite_port" --silent >>"$data/azurite/log" 2>&1 &
pids+=($!)
blob_connection="DefaultEndpointsProtocol=http;AccountName=actorcloud;AccountKey=$account_key;BlobEndpoint=http://127.0.0.1:$azurite_port/actorcloud;"

seeds=""
for i in $(seq 1 "$count"); do seeds="$seeds${seeds:+,}akka.tcp://actorcloud@127.0.0.1:$((remoting_base + i))"; done

for i in $(seq 1 "$count"); do
  mkdir -p "$data/node-$i"
  dotnet "$data/bin/ActorCloud.Api.dll" --port $((http_base + i)) --data "$data/node-$i" \
    --journal postgresql --journal-connection "$pg_connection" --blob-connection "$blob_connection" \
    --remoting-port $((remoting_base + i)) --seed-nodes "$seeds" \
    --ActorCloud:Blob:AzuriteDirectory "$repo/azurite" --ActorCloud:Functions:RuntimeDirectory "$repo/runtime" \
    "$@" >"$data/node-$i/log" 2>&1 &
  pids+=($!)
done

echo "waiting for $count nodes to be ready..."
for i in $(seq 1 "$count"); do
  until curl -sf "http://127.0.0.1:$((http_base + i))/readyz" >/dev/null; do
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "node $i exited; see $data/node-$i/log" >&2; tail -20 "$data/node-$i/log" >&2; exit 1; }
    sleep 0.5
  done
done

echo
for i in $(seq 1 "$count"); do
  echo "node $i  http://127.0.0.1:$((http_base + i))  pid ${pids[$i]}  log $data/node-$i/log"
done
echo "admin key: $(cat "$data/node-1/admin-key")"
echo "membership: curl http://127.0.0.1:$((http_base + 1))/healthz   kill a node: kill -9 <pid>   stop all: Ctrl-C"
wait "${pids[@]}" 2>/dev/null || true
