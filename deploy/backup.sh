#!/usr/bin/env bash
# Back up a running marketbrief deployment, from deploy/:   ./backup.sh [folder]
# (default folder: backups/<UTC time>). Two files:
#   postgres.dump    everything that matters: the library (catalog and article text),
#                    conversations, research runs, prices. pg_dump is consistent while in use.
#   chroma.tar.gz    the vectors. Only a shortcut: they can be rebuilt from the database with
#                    `docker compose exec app marketbrief library reindex` (which re-embeds
#                    every article, so it costs embedding calls with MARKETBRIEF_EMBEDDING=openai).
#                    Chroma is stopped while its files are copied (a copy of files in use can be
#                    torn): searches fail for those seconds.
# The app containers hold nothing worth keeping (MARKETBRIEF_HOME is per-replica scratch).
#
# Restore into a deployment started with the same .env (this replaces what it holds):
#   docker compose stop app
#   docker compose exec -T postgres sh -c 'pg_restore -U "$POSTGRES_USER" -d "$POSTGRES_DB" \
#       --clean --if-exists --no-owner' < backups/TIME/postgres.dump
#   docker compose stop chroma
#   docker compose run --rm --no-deps -v "$PWD/backups/TIME:/backup:ro" --entrypoint sh chroma \
#       -c 'find /data -mindepth 1 -delete && tar -xzf /backup/chroma.tar.gz -C /data'
#   docker compose up -d
# The two files are taken a moment apart: if articles were added in between, or chroma.tar.gz
# is missing, run `docker compose exec app marketbrief library reindex` after restoring.
set -euo pipefail
cd "$(dirname "$0")"

out="${1:-backups/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# The credentials are the container's own (its POSTGRES_* environment), not this shell's.
docker compose exec -T postgres sh -c 'pg_dump -U "$POSTGRES_USER" -d "$POSTGRES_DB" --format=custom' \
  >"$out/postgres.dump"

docker compose stop chroma
trap 'docker compose start chroma' EXIT
docker compose run --rm --no-deps -v "$out:/backup" --entrypoint tar chroma \
  -czf /backup/chroma.tar.gz -C /data .

echo "backed up to $out"
