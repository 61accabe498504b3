"""Full-text structures that Django fields cannot express, per database vendor.

SQLite: an FTS5 external-content table over search_searchpassage.tokens (the
tokens are pre-analysed, so FTS5 only splits on spaces and keeps positions for
phrase queries). PostgreSQL: a tsvector column built with the 'simple'
configuration from the same tokens, with a GIN index. The search services keep
both in step with the passage rows, in the same transaction.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_passage_fts USING fts5("
    "tokens, content='search_searchpassage', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_passage_fts"]
POSTGRES_FORWARD = [
    "ALTER TABLE search_searchpassage ADD COLUMN vector tsvector",
    "CREATE INDEX search_passage_vector ON search_searchpassage USING GIN (vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_passage_vector",
    "ALTER TABLE search_searchpassage DROP COLUMN IF EXISTS vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
