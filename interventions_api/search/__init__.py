"""Everything Meilisearch: index settings, document shape, sync, and the search engine.

The flow is one-way: YAML → SQLite → Meilisearch. Documents are built from the loaded
SQLite database, never from the YAML files, so both engines answer from the same data.
"""
