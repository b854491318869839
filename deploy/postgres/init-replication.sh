#!/bin/sh
# Runs once, when the primary's data folder is created (docker-entrypoint-initdb.d): a role for streaming
# replication and the pg_hba line that lets the replica use it. Skipped without REPLICATION_PASSWORD.
set -e
if [ -z "$REPLICATION_PASSWORD" ]; then
  echo "REPLICATION_PASSWORD not set: no replication role"
  exit 0
fi
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=pw="$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'pw';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
