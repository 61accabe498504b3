from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ecoc_hub.core.pdf import build_pdf
from ecoc_hub.experts import services
from ecoc_hub.experts.enums import Profile
from ecoc_hub.experts.models import Application, Call


def cv_pdf(text: str = "Curriculum vitae: twenty years of festivals.") -> bytes:
    return build_pdf([text], title="CV")


def cv_upload(name: str = "cv.pdf", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, cv_pdf() if data is None else data)


def make_call(
    *,
    slug: str = "experts-2026",
    profiles: tuple[str, ...] = (Profile.MANAGEMENT, Profile.AUDIENCE),
    open_now: bool = True,
    **fields: Any,
) -> Call:
    today = timezone.localdate()
    opens = (
        today - dt.timedelta(days=30) if open_now else today - dt.timedelta(days=400)
    )
    closes = (
        today + dt.timedelta(days=60) if open_now else today - dt.timedelta(days=100)
    )
    call = Call.objects.create(
        title=fields.pop("title", "Experts for capitals of culture"),
        slug=slug,
        description="Join the pool.",
        opens_on=opens,
        closes_on=closes,
        is_published=fields.pop("is_published", True),
        **fields,
    )
    services.offer_profiles(call=call, profiles=profiles)
    call.rounds.create(number=1, cutoff_on=today + dt.timedelta(days=10))
    call.rounds.create(number=2, cutoff_on=today + dt.timedelta(days=60))
    return call


def fill(application: Application, **overrides: Any) -> Application:
    """A complete, eligible draft (overrides make it less so)."""
    values = {
        "profiles": [Profile.MANAGEMENT],
        "languages": [{"code": "en", "level": "C2"}, {"code": "ro", "level": "B2"}],
        "countries": ["RO", "FR"],
        "years_sector": 8,
        "years_consultancy": 2,
        "years_ecoc_team": 0,
        "motivation": "I ran a festival.",
        "declaration": True,
    }
    cv = overrides.pop("cv", (cv_upload(), "cv.pdf"))
    values.update(overrides)
    return services.save_draft(
        application=application,
        full_name=application.expert.full_name or "Ana Expert",
        country=application.expert.country or "RO",
        values=values,
        capacity_areas=[],
        experience=[],
        cv=cv,
    )


@pytest.fixture
def call(db) -> Call:
    return make_call()


def add_categories(call: Call) -> list:
    from decimal import Decimal

    values = [[1, "Weak"], [2, "Fair"], [3, "Good"], [4, "Very good"], [5, "Excellent"]]
    return [
        call.score_categories.create(
            name=name, weight=Decimal(weight), values=values, position=i
        )
        for i, (name, weight) in enumerate(
            [
                ("Relevance of experience", "2"),
                ("ECoC knowledge", "1"),
                ("Languages", "1"),
            ]
        )
    ]


def submitted(call: Call, *, name: str = "Ana Popescu", email: str = "", **overrides):
    from tests.factories import UserFactory

    user = UserFactory(display_name=name, **({"email": email} if email else {}))
    application = services.start_application(user=user, call=call)
    application.expert.full_name = name
    application.expert.country = "RO"
    application.expert.save()
    fill(application, **overrides)
    services.submit(application=application, actor=user)
    return application
