"""Search benchmark: build a generated corpus into the index, then time queries.

    .venv/bin/python bench/search_bench.py --scale S
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ecoc_bench \\
        .venv/bin/python bench/search_bench.py --scale S

The corpus (bench/corpus.py) is rebuilt only when the database does not hold
it yet (or with --rebuild). Printed in one run: indexing throughput, index size
against raw text size, and p50/p95 latencies of every query in the mix, with
and without facet filters, for (1) a full search request through Django's test
client (results + facets + snippets, rendered page), timed twice: with the
facet counts counted on every request ("counted") and as a frequent query
is answered, its counts from the facet cache ("full"), (2) the engine alone
(raw FTS5 / tsvector SQL ranking the top 10 in the document index, or
the passage index for phrases) and (3) a naive
``icontains`` search (on S and smaller only).
"""

# SQL here is assembled from constant table names; values are parameters.
# ruff: noqa: S608

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from bench.corpus import SCALES, Corpus  # noqa: E402

KIND = "bench.resource"
TARGET_P95_MS = {"XS": 50.0, "S": 50.0, "M": 200.0, "L": 200.0}


def _setup_django(args: argparse.Namespace) -> None:
    default = Path(tempfile.gettempdir()) / f"ecoc-bench-{args.scale}"
    os.environ["ECOC_HUB_DATA_DIR"] = args.data_dir or str(default)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecoc_hub.settings")
    os.environ["DEBUG"] = "false"  # no query log in memory
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the facet counts' cache


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _timed(function: Any, repeat: int) -> tuple[float, float, Any]:
    result = function()  # warm-up: caches and statement preparation
    durations = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        durations.append((time.perf_counter() - started) * 1000)
    return _percentile(durations, 0.5), _percentile(durations, 0.95), result


def build(corpus: Corpus) -> dict[str, float]:
    from django.db import connection, transaction

    from ecoc_hub.accounts.models import Organisation
    from ecoc_hub.search import services
    from ecoc_hub.search.services import Passage, index_document

    team, _ = Organisation.objects.get_or_create(
        slug="bench-team", defaults={"name": "Bench team", "kind": "other"}
    )
    services.remove_kind(kind=KIND)
    pages = resources = 0
    generation = 0.0
    started = time.perf_counter()
    iterator = corpus.resources()
    batch: list[Any] = []

    def flush() -> None:
        with transaction.atomic():
            for resource in batch:
                passages = [Passage(text=resource.abstract, language=resource.language)]
                passages += [
                    Passage(
                        text=text,
                        language=resource.language,
                        locator=f"page={number}",
                        label=f"p. {number}",
                        target_url=f"/bench/{resource.number}/view#page={number}",
                    )
                    for number, text in enumerate(resource.pages, start=1)
                ]
                index_document(
                    kind=KIND,
                    object_id=resource.number,
                    title=resource.title,
                    url=f"/bench/{resource.number}/",
                    summary=resource.abstract[:300],
                    language=resource.language,
                    access=resource.access,
                    allowed_organisation_ids=[team.pk]
                    if resource.access == "restricted"
                    else [],
                    published=__import__("datetime").date(resource.year, 6, 1),
                    popularity=resource.popularity,
                    facets=resource.facets,
                    passages=passages,
                )
        batch.clear()

    while True:
        t0 = time.perf_counter()
        resource = next(iterator, None)
        generation += time.perf_counter() - t0
        if resource is None:
            break
        batch.append(resource)
        resources += 1
        pages += len(resource.pages)
        if len(batch) == 20:
            flush()
        if resources % 200 == 0:
            elapsed = time.perf_counter() - started - generation
            print(
                f"  indexed {resources} resources, {pages} pages, "
                f"{pages / elapsed:.0f} pages/s",
                flush=True,
            )
    flush()
    indexing = time.perf_counter() - started - generation
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        from ecoc_hub.search.backends import backend

        backend().optimise(cursor)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    optimise = time.perf_counter() - t0
    return {
        "resources": resources,
        "pages": pages,
        "indexing_s": indexing,
        "generation_s": generation,
        "optimise_s": optimise,
        "pages_per_s": pages / indexing,
    }


def sizes() -> dict[str, float]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT SUM(octet_length(text)), SUM(octet_length(tokens)), "
                "SUM(pg_column_size(vector)), COUNT(*) FROM search_searchpassage"
            )
            raw, tokens, vectors, passages = cursor.fetchone()
            cursor.execute("SELECT pg_relation_size('search_passage_vector')")
            gin = cursor.fetchone()[0]
            cursor.execute("SELECT pg_total_relation_size('search_searchpassage')")
            table = cursor.fetchone()[0]
            cursor.execute("SELECT pg_total_relation_size('search_document_vector')")
            documents = cursor.fetchone()[0]
            return {
                "raw_text_mb": raw / 1e6,
                "tokens_mb": tokens / 1e6,
                "engine_mb": (gin + vectors + documents) / 1e6,
                "engine_detail": f"passage GIN index {gin / 1e6:.0f} MB + passage "
                f"tsvector column {vectors / 1e6:.0f} MB + document index "
                f"{documents / 1e6:.0f} MB",
                "passage_table_mb": table / 1e6,
                "passages": passages,
            }
        cursor.execute(
            "SELECT SUM(LENGTH(CAST(text AS BLOB))), "
            "SUM(LENGTH(CAST(tokens AS BLOB))), "
            "COUNT(*) FROM search_searchpassage"
        )
        raw, tokens, passages = cursor.fetchone()
        try:
            cursor.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_passage_fts%'"
            )
            passage_index = cursor.fetchone()[0] or 0
            cursor.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_document_fts%'"
            )
            document_index = cursor.fetchone()[0] or 0
            engine = passage_index + document_index
            cursor.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name = 'search_searchpassage'"
            )
            table = cursor.fetchone()[0] or 0
            detail = (
                f"FTS5 tables (dbstat): passage index {passage_index / 1e6:.0f} MB "
                f"+ document index {document_index / 1e6:.0f} MB"
            )
        except Exception:  # dbstat not compiled in
            engine = table = 0
            detail = "dbstat unavailable"
        return {
            "raw_text_mb": raw / 1e6,
            "tokens_mb": tokens / 1e6,
            "engine_mb": engine / 1e6,
            "engine_detail": detail,
            "passage_table_mb": table / 1e6,
            "passages": passages,
        }


def query_mix(corpus: Corpus) -> list[tuple[str, str]]:
    en, fr, de, pl = (corpus.languages[c].words for c in ("en", "fr", "de", "pl"))
    return [
        ("most common word", en[0]),
        ("rare word (en)", en[12_000]),
        ("rare word (fr)", fr[9_000]),
        ("rare word (pl)", pl[15_000]),
        ("phrase (en)", '"audience development"'),
        ("phrase (de)", '"europäische Kulturhauptstadt"'),
        ("3 words (en)", f"{en[4]} {en[60]} {en[400]}"),
        ("3 words (fr)", f"{fr[10]} {fr[90]} {fr[700]}"),
        ("OR + exclusion", f"{de[30]} OR {de[31]} -{de[2]}"),
    ]


FILTERED = {"type": "guide", "language": "en"}


def engine_alone(query: str) -> Any:
    """The query ranked top-10 by the engine alone, in the index the full
    search uses for it: the document index for words, the passage index when
    the query holds a phrase. No access filter, no facets, no snippets."""
    from django.db import connection

    from ecoc_hub.search.backends import backend, is_phrase
    from ecoc_hub.search.parser import parse

    engine = backend()
    parsed = parse(query)
    groups = [engine.match_expression(group) for group in parsed.groups]
    excluded = engine.match_expression(parsed.excluded) if parsed.excluded else ""
    phrases = any(is_phrase(leaf) for leaf in parsed.positive_leaves)
    postgresql = connection.vendor == "postgresql"
    expression = (" & " if postgresql else " AND ").join(f"({g})" for g in groups)
    if excluded:
        expression += f" & !({excluded})" if postgresql else f" NOT ({excluded})"
    if postgresql and phrases:
        sql = (
            "SELECT id, ts_rank_cd(vector, q, 1) AS r "
            "FROM search_searchpassage, to_tsquery('simple', %s) q "
            "WHERE vector @@ q ORDER BY r DESC LIMIT 10"
        )
    elif postgresql:
        sql = (
            "SELECT document_id, ts_rank(rank_vector, q) AS r "
            "FROM search_document_vector, to_tsquery('simple', %s) q "
            "WHERE vector @@ q ORDER BY r DESC LIMIT 10"
        )
    else:
        table = "search_passage_fts" if phrases else "search_document_fts"
        sql = (
            f"SELECT rowid, bm25({table}) FROM {table} WHERE {table} MATCH %s "
            f"ORDER BY bm25({table}) LIMIT 10"
        )

    def run() -> list[Any]:
        # The same planner guard as the search (GIN index, no TOAST scans).
        with engine.planned_for_index(), connection.cursor() as cursor:
            cursor.execute(sql, [expression])
            return cursor.fetchall()

    return run


def naive(query: str) -> Any:
    from ecoc_hub.search.models import SearchDocument, SearchPassage

    words = (
        [w.strip('"') for w in query.replace('" ', '"|').split("|")]
        if '"' in query
        else [w for w in query.split() if w != "OR" and not w.startswith("-")]
    )

    def run() -> list[Any]:
        documents = SearchDocument.objects.filter(access="public")
        for word in words:
            documents = documents.filter(
                id__in=SearchPassage.objects.filter(text__icontains=word).values(
                    "document_id"
                )
            )
        return [documents.count(), list(documents.order_by("-published")[:10])]

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=list(SCALES), default="S")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per query")
    parser.add_argument("--data-dir", help="default /tmp/ecoc-bench-<scale>")
    parser.add_argument("--rebuild", action="store_true", help="index the corpus again")
    parser.add_argument("--no-naive", action="store_true", help="skip icontains")
    args = parser.parse_args()
    _setup_django(args)

    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from ecoc_hub.search.models import SearchDocument
    from ecoc_hub.search.queries import search

    started_load = os.getloadavg()
    corpus = Corpus(scale=args.scale, seed=args.seed)
    vendor = connection.vendor
    print(
        f"ECoC Hub search benchmark: scale {args.scale} ({corpus.size} resources), "
        f"seed {args.seed}, {vendor}"
    )
    built = None
    if args.rebuild or SearchDocument.objects.filter(kind=KIND).count() != corpus.size:
        print("Indexing the corpus…", flush=True)
        built = build(corpus)
    size = sizes()

    client = Client(HTTP_HOST="localhost")
    rows = []
    target = TARGET_P95_MS[args.scale]
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
            },
        }
    ):
        for label, query in query_mix(corpus):
            for filtered in (False, True):
                params = {"q": query, **(FILTERED if filtered else {})}

                def request(params: dict[str, str] = params) -> Any:
                    response = client.get("/search/", params)
                    assert response.status_code == 200
                    return response

                # Counted every time (the facet cache keeps nothing), then as
                # a frequent query is answered: its counts from the cache.
                from ecoc_hub.search import facetcache

                kept = facetcache.MIN_TOTAL
                facetcache.MIN_TOTAL = 10**18
                cold50, cold95, _ = _timed(request, args.repeat)
                facetcache.MIN_TOTAL = 0
                full50, full95, _ = _timed(request, args.repeat)
                facetcache.MIN_TOTAL = kept
                total = search(
                    query,
                    user=AnonymousUser(),
                    filters={k: [v] for k, v in FILTERED.items()} if filtered else None,
                ).total
                engine50, engine95, _ = _timed(engine_alone(query), args.repeat)
                naive50 = naive95 = None
                if not filtered and not args.no_naive and corpus.size <= SCALES["S"]:
                    naive50, naive95, _ = _timed(naive(query), 3)
                rows.append(
                    (
                        label + (" + filters" if filtered else ""),
                        query,
                        total,
                        full50,
                        full95,
                        cold50,
                        cold95,
                        engine50,
                        engine95,
                        naive50,
                        naive95,
                    )
                )
                print(
                    f"  {rows[-1][0]:<34} {full95:8.1f} ms p95 "
                    f"({cold95:.1f} ms counted)",
                    flush=True,
                )

    from rich.console import Console
    from rich.table import Table

    console = Console(width=180)
    if built:
        console.print(
            f"Indexed {built['resources']} resources, {built['pages']} pages in "
            f"{built['indexing_s']:.0f} s: [bold]{built['pages_per_s']:.0f} pages/s[/] "
            f"(analysis + insert + engine; corpus generation "
            f"{built['generation_s']:.0f} s excluded; "
            f"optimise {built['optimise_s']:.0f} s)"
        )
    console.print(
        f"Passages {size['passages']}; raw text {size['raw_text_mb']:.0f} MB; analysed "
        f"tokens {size['tokens_mb']:.0f} MB; engine index {size['engine_mb']:.0f} MB "
        f"({size['engine_detail']}); "
        f"index/raw = {size['engine_mb'] / size['raw_text_mb']:.2f}; passage table "
        f"(text + tokens) {size['passage_table_mb']:.0f} MB"
    )
    table = Table(
        title=f"Latency in ms ({vendor}, scale {args.scale}, visitor, "
        f"{args.repeat} runs; target p95 <= {target:.0f} ms, full <= 2x engine)"
    )
    for column in (
        "query",
        "hits",
        "full p50",
        "full p95",
        "counted p50",
        "counted p95",
        "engine p50",
        "engine p95",
        "full/engine",
        "naive p50",
        "naive p95",
        f"p95 <= {target:.0f} ms",
        "full <= 2x engine",
    ):
        table.add_column(column, justify="left" if column == "query" else "right")
    for label, _query, total, f50, f95, c50, c95, e50, e95, n50, n95 in rows:
        fast = f95 <= target
        close = f50 <= 2 * max(e50, 0.001)
        table.add_row(
            label,
            str(total),
            f"{f50:.1f}",
            f"{f95:.1f}",
            f"{c50:.1f}",
            f"{c95:.1f}",
            f"{e50:.1f}",
            f"{e95:.1f}",
            f"{f50 / max(e50, 0.001):.1f}x",
            "" if n50 is None else f"{n50:.0f}",
            "" if n95 is None else f"{n95:.0f}",
            "met" if fast else "MISSED",
            "met" if close else "MISSED",
        )
    console.print(table)
    met = sum(1 for row in rows if row[4] <= target)
    console.print(
        f"p95 <= {target:.0f} ms for {met} of {len(rows)} queries; load average "
        f"{started_load[0]:.2f} at start, {os.getloadavg()[0]:.2f} at the end"
    )


if __name__ == "__main__":
    main()
