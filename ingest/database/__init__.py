"""The product's databases: SQLite embedded, PostgreSQL shared, one code path (SQLAlchemy Core).

`engine` opens them, `schema` describes every table, `migrate` keeps them at the newest
schema, `url` checks the shared database's setting.
"""
