"""SQLite: replace the external-content FTS5 table by a contentless one whose
rowid encodes (document, position) and whose second column holds boosted
passages, so that matching and ranking never read the wide passage rows.
PostgreSQL is unchanged.
"""

from django.db import migrations

FACTOR = 100_000
ROWS = (
    f"SELECT document_id * {FACTOR} + position, "
    "CASE WHEN weight > 1 THEN '' ELSE tokens END, "
    "CASE WHEN weight > 1 THEN tokens ELSE '' END FROM search_searchpassage"
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TABLE IF EXISTS search_passage_fts")
    schema_editor.execute(
        "CREATE VIRTUAL TABLE search_passage_fts USING fts5(tokens, boosted, "
        "content='', tokenize='unicode61 remove_diacritics 0')"
    )
    schema_editor.execute(f"INSERT INTO search_passage_fts(rowid, tokens, boosted) {ROWS}")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TABLE IF EXISTS search_passage_fts")
    schema_editor.execute(
        "CREATE VIRTUAL TABLE search_passage_fts USING fts5("
        "tokens, content='search_searchpassage', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 0')"
    )
    schema_editor.execute("INSERT INTO search_passage_fts(search_passage_fts) VALUES ('rebuild')")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(forward, backward)]
