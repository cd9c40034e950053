"""SQLite: tables, migrations, the load, and the one module that owns the queries."""
