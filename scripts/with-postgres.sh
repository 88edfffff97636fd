#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster: made under a temporary folder, listening on
# a free port of 127.0.0.1 only, and removed when the command ends. The command finds the cluster
# in STAGEKIT_TEST_DATABASE_URL. Without a command, runs the server's tests on Postgres:
#   bash scripts/with-postgres.sh                       # the server-postgres test project
#   bash scripts/with-postgres.sh npm run bench -- --only postgres
set -euo pipefail
cd "$(dirname "$0")/.."

# The newest PostgreSQL Debian installed (15 on bookworm, newer elsewhere), unless PG_BIN says.
newest_pg() { { ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true; } | sort -V | tail -1; }
PG_BIN=${PG_BIN:-$(newest_pg)}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL is not installed; installing it (Debian's postgresql package)" >&2
  (apt-get update && apt-get install -y postgresql) >&2
  PG_BIN=$(newest_pg)
fi

dir=$(mktemp -d -t stagekit-pg.XXXXXX)
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
# initdb refuses to run as root: the cluster belongs to the postgres user when we are root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; chmod 700 "$dir"; fi
stop() {
  as_owner "'$PG_BIN/pg_ctl' -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
as_owner "'$PG_BIN/initdb' -D '$dir/data' -U postgres -A trust --no-sync" >/dev/null
# fsync off: a throwaway cluster for tests trades durability against a power cut for speed.
as_owner "'$PG_BIN/pg_ctl' -D '$dir/data' -l '$dir/log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300\" start" >/dev/null
export STAGEKIT_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL on $STAGEKIT_TEST_DATABASE_URL" >&2

if [ $# -eq 0 ]; then
  set -- npx vitest run --project server-postgres
fi
"$@"
