"""Demo content of the library: about 40 resources with real generated files.

Called by ``ecoc-hub demo`` after the cities and accounts demo content; running
it again changes nothing. Files are generated here (PDF, DOCX, PPTX, PNG, MP3
and WebVTT captions); the audio is silent because no encoder is installed.
"""

from __future__ import annotations

import io
import itertools
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ecoc_hub.accounts.models import Organisation, User
from ecoc_hub.cities.models import CapacityArea, Title

from . import samples, services
from .demo_texts import (
    LANGUAGE_COUNTRIES,
    TEXTS,
    THEME_AREAS,
    THEME_TYPES,
    TITLES,
)
from .files import stage_upload
from .models import Collection, Resource
from .tasks import apply_extraction

LANGUAGES = ["en", "fr", "de", "it", "es", "pl"]
THEMES = ["audience", "volunteers", "evaluation", "legacy"]
CONTRIBUTOR_EMAIL = "demo.contributor@example.org"
PENDING = {33, 34, 35}
LICENCES = [
    "cc-by-4.0",
    "cc-by-sa-4.0",
    "cc0-1.0",
    "cc-by-nc-4.0",
    "all-rights-reserved",
]


def _contributor() -> User:
    user = User.objects.filter(email=CONTRIBUTOR_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            email=CONTRIBUTOR_EMAIL, password=None, display_name="Dana Demo"
        )
    return user


def _titles_by_language() -> dict[str, Any]:
    cycles = {}
    for language in LANGUAGES:
        titles = list(
            Title.objects.filter(
                city__country_code__in=LANGUAGE_COUNTRIES[language],
                year__gte=2000,
                year__lte=2026,
            )
            .select_related("city")
            .order_by("year")
        ) or list(Title.objects.select_related("city").order_by("-year")[:5])
        cycles[language] = itertools.cycle(titles)
    return cycles


def _pages(language: str, theme: str, title: Title) -> list[str]:
    texts = TEXTS[language]
    order = [theme] + [t for t in THEMES if t != theme]
    pages = []
    for number, page_theme in enumerate(order, start=1):
        sentences = texts[page_theme]
        rotated = sentences[number % 4 :] + sentences[: number % 4]
        pages.append(f"{title.city.name} {title.year}\n\n" + "\n\n".join(rotated * 2))
    return pages


def _add(
    resource: Resource, data: bytes, name: str, owner: User, label: str = ""
) -> None:
    staged = stage_upload(source=io.BytesIO(data), filename=name)
    file = services.add_file(
        resource=resource, staged=staged, uploaded_by=owner, label=label
    )
    # Extract now, so the demo is searchable before a worker runs.
    apply_extraction(file)


def _create(
    *,
    index: int,
    language: str,
    theme: str,
    title: Title,
    owner: User,
    team: Organisation | None,
) -> Resource:
    identifier = f"demo-{index:02d}"
    name = TITLES[language][theme].format(city=title.city.name)
    access = "public"
    teams: list[Organisation] = []
    if index % 11 == 5:
        access = "members"
    elif index % 13 == 7 and team is not None:
        access, teams = "restricted", [team]
    areas = list(
        CapacityArea.objects.filter(code__in=THEME_AREAS[theme][: 1 + index % 3])
    )
    resource = services.create_draft(
        owner=owner,
        title=name,
        identifier=identifier,
        values={
            "abstract": " ".join(TEXTS[language][theme][:2]),
            "publication_year": min(title.year + 1, 2026),
            "resource_type": THEME_TYPES[theme][index % 3],
            "languages": [language]
            if index % 5 or language == "en"
            else [language, "en"],
            "countries": [title.city.country_code],
            "licence": LICENCES[index % len(LICENCES)],
            "access": access,
            "publisher": f"{title.city.name} {title.year}",
        },
        creators=[
            services.CreatorData(
                name=f"{title.city.name} {title.year}", kind="organisation"
            ),
            services.CreatorData(
                name=["Alex Morel", "Ines Vogel", "Marta Nowak", "Luca Ferri"][
                    index % 4
                ]
            ),
        ],
        capacity_areas=areas,
        titles=[title],
        allowed_organisations=teams,
    )
    pages = _pages(language, theme, title)
    if index == 36:
        _add(resource, samples.docx_bytes(pages, title=name), "guide.docx", owner)
    elif index == 37:
        slides = [
            (f"{name} ({n})", text[:400]) for n, text in enumerate(pages, start=1)
        ]
        _add(resource, samples.pptx_bytes(slides), "slides.pptx", owner)
    elif index == 38:
        cues = [
            (float(n * 4), float(n * 4 + 4), sentence)
            for n, sentence in enumerate(TEXTS[language][theme])
        ]
        _add(
            resource,
            samples.mp3_bytes(seconds=16),
            "talk.mp3",
            owner,
            "Recording (silent demo audio)",
        )
        _add(resource, samples.vtt_bytes(cues), "talk.vtt", owner, "Captions")
    elif index == 39:
        _add(
            resource,
            samples.png_bytes(width=800, height=450, colour="#1f5f8b"),
            "poster.png",
            owner,
            "Poster",
        )
        _add(resource, samples.build_pdf(pages, title=name), "poster-notes.pdf", owner)
    else:
        _add(resource, samples.build_pdf(pages, title=name), f"{identifier}.pdf", owner)
    return resource


def load_demo(*, stdout: Any, only: set[int] | None = None) -> int:
    """Create the demo resources that do not exist yet; return how many were made.

    ``only`` limits the run to some of the 40 numbered resources (for tests).
    """
    owner = _contributor()
    team = Organisation.objects.filter(name__endswith="(demo)", kind="title").first()
    titles = _titles_by_language()
    created = 0
    for index in range(40):
        language = LANGUAGES[index % 6]
        theme = THEMES[(index // 6) % 4]
        title = next(titles[language])
        if only is not None and index not in only:
            continue
        if Resource.objects.filter(identifier=f"demo-{index:02d}").exists():
            continue
        if index == 38:
            language, theme = "en", "volunteers"
        with transaction.atomic():
            resource = _create(
                index=index,
                language=language,
                theme=theme,
                title=title,
                owner=owner,
                team=team,
            )
            services.submit_for_review(resource=resource, user=owner)
            if index not in PENDING:
                services.approve(resource=resource, curator=None)
        created += 1
    _collections()
    stdout.write(
        _("Library: %(created)d resources created, %(total)d in the demo.")
        % {"created": created, "total": 40}
        + "\n"
    )
    return created


def _collections() -> None:
    published = Resource.objects.filter(
        identifier__startswith="demo-", state=Resource.State.PUBLISHED, access="public"
    ).order_by("identifier")
    specs = [
        (
            "volunteering-toolkit",
            "Volunteering toolkit",
            "Guides and case studies on recruiting, training and keeping volunteers, "
            "from several title cities and in several languages.",
            [
                r
                for r in published
                if r.capacity_areas.filter(code="volunteering").exists()
            ],
        ),
        (
            "evaluation-starter-kit",
            "Evaluation starter kit",
            "Start here to plan the monitoring and evaluation of a title year: "
            "methods, baselines and final reports.",
            [
                r
                for r in published
                if r.capacity_areas.filter(code="monitoring-evaluation").exists()
            ],
        ),
    ]
    for slug, title, introduction, resources in specs:
        if Collection.objects.filter(slug=slug).exists() or not resources:
            continue
        services.save_collection(
            curator=None,
            title=title,
            introduction=introduction,
            resources=resources[:8],
            slug=slug,
        )
