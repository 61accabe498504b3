"""The document index (docs/decisions/0004-document-level-index.md): one
entry per search document with its distinct tokens and their capped counts.

SQLite: a contentless FTS5 table whose rowid is the document id.
PostgreSQL: a side table (document id, tsvector with a GIN index, and a
small ranking tsvector), so that matching and ranking never read passage
rows; the passages' own tsvector becomes a generated column.
Existing documents get their entries from their passage rows.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_document_fts USING fts5(tokens, boosted, "
    "content='', tokenize='unicode61 remove_diacritics 0')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_document_fts"]
POSTGRES_FORWARD = [
    # The passages' vector becomes a generated column: written with the row,
    # instead of an UPDATE of every passage row just inserted.
    "DROP INDEX IF EXISTS search_passage_vector",
    "ALTER TABLE search_searchpassage DROP COLUMN vector",
    "ALTER TABLE search_searchpassage ADD COLUMN vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED",
    "CREATE INDEX search_passage_vector ON search_searchpassage USING GIN (vector)",
    # No foreign key: Django's flush (TransactionTestCase, `flush`) truncates
    # the model tables without CASCADE and would fail on a reference from a
    # table it does not know. The search services delete entries with their
    # documents and upsert them by document id.
    "CREATE TABLE search_document_vector ("
    "document_id bigint PRIMARY KEY, "
    "vector tsvector NOT NULL, rank_vector tsvector NOT NULL)",
    "CREATE INDEX search_document_vector_gin ON search_document_vector "
    "USING GIN (vector)",
]
POSTGRES_BACKWARD = [
    "DROP TABLE IF EXISTS search_document_vector",
    "DROP INDEX IF EXISTS search_passage_vector",
    "ALTER TABLE search_searchpassage DROP COLUMN vector",
    "ALTER TABLE search_searchpassage ADD COLUMN vector tsvector",
    "UPDATE search_searchpassage SET vector = to_tsvector('simple', tokens)",
    "CREATE INDEX search_passage_vector ON search_searchpassage USING GIN (vector)",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}
    for statement in statements.get(vendor, []):
        schema_editor.execute(statement)
    if vendor not in statements:
        return
    # The entries are computed in Python from the passages' tokens.
    from ecoc_hub.search.backends import for_vendor

    with schema_editor.connection.cursor() as cursor:
        for_vendor(vendor).add_all_document_entries(cursor)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_contentless_fts")]

    operations = [migrations.RunPython(forward, backward)]
