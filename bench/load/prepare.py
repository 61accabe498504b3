"""Prepare a data directory for the load test (run by bench/load_bench.py).

    python -m bench.load.prepare <corpus scale or none> <plan.json>

Migrations, the demo content, the search benchmark's corpus in the index (when
a scale is given), API tokens for the writers and a curator, a PDF for the
writers to upload, and the plan: the addresses the simulated people visit.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import django


def main(scale: str, plan_path: Path) -> None:
    django.setup()
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.urls import reverse

    from ecoc_hub.accounts.models import User
    from ecoc_hub.api.services import create_token
    from ecoc_hub.core.pdf import build_pdf
    from ecoc_hub.library.models import Resource, ResourceFile
    from ecoc_hub.podcasts.models import Show

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("demo", stdout=io.StringIO())  # its sign-in table is not needed
    queries = ["festival", "audience development", '"cultural programme"', "Kultur"]
    common = "festival"
    if scale != "none":
        from bench.corpus import Corpus
        from bench.search_bench import KIND, build, query_mix
        from ecoc_hub.search.models import SearchDocument

        corpus = Corpus(scale=scale)
        if SearchDocument.objects.filter(kind=KIND).count() != corpus.size:
            print(f"Indexing the search corpus at scale {scale}…", flush=True)
            build(corpus)
        mix = query_mix(corpus)
        queries += [query for _, query in mix]
        common = mix[0][1]
    published = Resource.objects.filter(state="published", access="public")
    files = ResourceFile.objects.filter(resource__in=published).select_related("blob")
    tokens = {}
    roles = [(f"load-writer-{n}", "member") for n in range(4)]
    for name, role in [*roles, ("load-curator", "curator")]:
        user, created = User.objects.get_or_create(email=f"{name}@example.org")
        if created:
            user.set_password("load-Pass-2026!")
            user.save()
        user.groups.add(Group.objects.get(name=role))
        user.api_tokens.all().delete()  # at most a few active tokens a person
        tokens[name] = create_token(user=user, name="load test").secret
    pdf_path = plan_path.with_suffix(".pdf")
    lines = [f"Load test page {n}: festival audience programme." for n in range(20)]
    pdf_path.write_bytes(build_pdf(lines, title="Load test"))
    shows = Show.objects.all()[:3]
    plan = {
        "pages": [
            "/",
            reverse("library:list"),
            reverse("podcasts:list"),
            reverse("events:list"),
            reverse("cities:list"),
        ],
        "resources": [r.get_absolute_url() for r in published[:60]],
        "downloads": [f.get_absolute_url() for f in files[:60] if f.blob.size > 4096],
        "feeds": [reverse("api:feed_atom"), reverse("api:feed_rss")]
        + [reverse("podcasts:feed", args=[show.slug]) for show in shows],
        "api": ["/api/v1/resources", "/api/v1/resources?q=festival"]
        + [f"/api/v1/resources/{r.uuid}" for r in published[:20]],
        "queries": queries,
        "common": common,
        "writers": [tokens[name] for name, _ in roles],
        "curator": tokens["load-curator"],
        "pdf": str(pdf_path),
    }
    plan_path.write_text(json.dumps(plan))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
