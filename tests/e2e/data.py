"""Small builders of real content for the browser tests, through each app's
own services (so the search index and files are made as in production)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils import timezone

from tests.factories import UserFactory

PDF_PAGES = [
    "How volunteers welcomed visitors in Tartu and Kaunas.",
    "Recruitment, training and the first weeks of the volunteering programme.",
    "Pairing volunteers with local guides in every neighbourhood.",
]

TRANSCRIPT = """WEBVTT

00:00:00.000 --> 00:00:04.000
<v Anna Berg>Welcome to the podcast about capitals of culture.

00:00:04.000 --> 00:00:09.500
<v Jonas Weber>Today we talk about participatory budgeting in neighbourhoods.

00:00:35.000 --> 00:00:40.000
<v Anna Berg>Volunteers carried the whole programme in the harbour district.
"""


def member(email: str = "mia@example.org", **extra: Any):
    return UserFactory(email=email, display_name="Mia Member", **extra)


def curator(email: str = "cora@example.org"):
    """A curator with an authenticator app, as the site requires."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from ecoc_hub.accounts.models import User

    if existing := User.objects.filter(email=email).first():
        return existing
    user = UserFactory(email=email, display_name="Cora Curator", roles=["curator"])
    TOTP.activate(user, generate_totp_secret())
    return user


def pdf_bytes(pages: list[str], *, title: str = "") -> bytes:
    from ecoc_hub.core.pdf import build_pdf

    return build_pdf(pages, title=title)


def resource(
    *,
    owner: Any,
    state: str = "published",
    title: str = "Volunteer programmes of the Baltic title years",
    pages: list[str] | None = None,
    curator_user: Any = None,
    access: str = "public",
):
    """A resource with one PDF, in ``state`` (draft, submitted, published),
    open to ``access`` (public, members)."""
    from ecoc_hub.cities.models import CapacityArea, Title
    from ecoc_hub.library import services
    from ecoc_hub.library.files import stage_upload

    item = services.create_draft(
        owner=owner,
        title=title,
        values={
            "abstract": "Lessons from two volunteer programmes.",
            "publication_year": 2024,
            "languages": ["en"],
            "resource_type": "case_study",
            "licence": "cc-by-4.0",
            "access": access,
        },
        creators=[services.CreatorData(name="Mia Member")],
        capacity_areas=list(CapacityArea.objects.order_by("position")[:2]),
        titles=list(Title.objects.filter(year=2026, city__name="Oulu")),
    )
    services.add_file(
        resource=item,
        staged=stage_upload(
            source=io.BytesIO(pdf_bytes(pages or PDF_PAGES, title=title)),
            filename="volunteers.pdf",
        ),
        uploaded_by=owner,
    )
    if state in {"submitted", "published"}:
        services.submit_for_review(resource=item, user=owner)
    if state == "published":
        services.approve(
            resource=item, curator=curator_user or curator("c2@example.org")
        )
    item.refresh_from_db()
    return item


def artwork_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1400, 1400), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def episode(*, seconds: float = 60):
    """A published show, season and episode with audio and a transcript."""
    from ecoc_hub.podcasts import files, services
    from ecoc_hub.podcasts.models import Episode, Season, Show, State
    from ecoc_hub.podcasts.mp3 import silent_mp3

    show = services.save_show(
        show=Show(
            title="Capital Conversations",
            slug="capital-conversations",
            description="Talks with the teams of the European Capitals of Culture.",
            language="en",
            category="Society & Culture|Places & Travel",
            owner_name="ECoC Hub",
            owner_email="podcast@example.org",
            author="ECoC Hub consortium",
            licence="CC-BY-4.0",
            licence_url="https://creativecommons.org/licenses/by/4.0/",
            state=State.PUBLISHED,
        ),
        artwork=files.check_artwork(io.BytesIO(artwork_png())),
    )
    season = services.save_season(
        season=Season(show=show, number=1, title="Audience development")
    )
    return services.save_episode(
        episode=Episode(
            show=show,
            season=season,
            title="Volunteers and neighbourhoods",
            slug="volunteers-and-neighbourhoods",
            show_notes="How **volunteers** shape a title year.",
            number=1,
            state=State.PUBLISHED,
            published_at=timezone.now() - dt.timedelta(days=1),
        ),
        audio=files.check_audio(io.BytesIO(silent_mp3(seconds))),
        transcript=TRANSCRIPT,
        transcript_cues=files.parse_transcript(TRANSCRIPT),
    )
