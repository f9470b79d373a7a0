"""Alembic's entry for this history: see ingest.database.migrate."""

from ingest.database.migrate import run_in_alembic

run_in_alembic()
