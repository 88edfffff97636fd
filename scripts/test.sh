#!/usr/bin/env bash
# `npm test`: every test. With PostgreSQL installed, the server's suites run a second time on it,
# beside a throwaway cluster (scripts/with-postgres.sh); without it, those are left out, and said so.
set -euo pipefail
cd "$(dirname "$0")/.."
# The newest PostgreSQL Debian installed (15 on bookworm, newer elsewhere), unless PG_BIN says.
newest_pg() { { ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true; } | sort -V | tail -1; }
PG_BIN=${PG_BIN:-$(newest_pg)}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ -n "${STAGEKIT_TEST_DATABASE_URL:-}" ]; then
  exec npx vitest run "$@"
elif [ -x "$PG_BIN/initdb" ]; then
  exec bash scripts/with-postgres.sh npx vitest run "$@"
else
  echo "PostgreSQL is not installed (apt-get install -y postgresql): the server's suites run in memory only" >&2
  exec npx vitest run "$@"
fi
