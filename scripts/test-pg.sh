#!/usr/bin/env bash
# Run the test suite against a throw-away local PostgreSQL server, started and stopped the way CI does.
#
#   scripts/test-pg.sh                      # the whole suite, SQLite and PostgreSQL
#   scripts/test-pg.sh tests/test_journal.py -x
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg-server.sh
trap pg_server_stop EXIT
pg_server_start
python -m pytest "$@"
