"""Events, sessions and applications made through the app's own services."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count

import pytest
from django.utils import timezone

from ecoc_hub.events import services
from ecoc_hub.events.models import Application, Event, Session
from tests.factories import UserFactory

_slugs = count(1)


def make_event(**fields) -> Event:
    now = timezone.now()
    organisers = fields.pop("organisers", [])
    defaults = {
        "kind": Event.Kind.ACADEMY_CAMP,
        "title": "Audience development camp",
        "slug": f"camp-{next(_slugs)}",
        "format": Event.Format.ONLINE,
        "starts_at": now + timedelta(days=30),
        "ends_at": now + timedelta(days=32),
        "time_zone": "Europe/Berlin",
        "capacity": 2,
        "visibility": Event.Visibility.PUBLISHED,
        "applications_open_at": now - timedelta(days=1),
        "applications_close_at": now + timedelta(days=20),
    }
    defaults.update(fields)
    event = Event.objects.create(**defaults)
    event.organisers.set(organisers)
    return event


def make_session(event: Event, **fields) -> Session:
    defaults = {
        "title": "Digital evaluation",
        "starts_at": datetime(2026, 3, 27, 9, 0, tzinfo=UTC),
        "ends_at": datetime(2026, 3, 27, 10, 30, tzinfo=UTC),
    }
    defaults.update(fields)
    return Session.objects.create(event=event, **defaults)


def apply(event: Event, user=None, **fields) -> Application:
    user = user or UserFactory()
    fields.setdefault("name", user.display_name)
    return services.create_application(event=event, applicant=user, **fields)


@pytest.fixture
def organiser(db):
    return UserFactory(email="organiser@example.org", display_name="Olga Organiser")


@pytest.fixture
def event(organiser):
    return make_event(organisers=[organiser])


def make_answer_file(application: Application):
    """A file answer stored as the form stores it."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from ecoc_hub.events.models import Answer, Question

    question = Question.objects.create(
        event=application.event, kind="file", label="CV", position=99
    )
    name = default_storage.save("events/answers/cv.pdf", ContentFile(b"%PDF-1.4"))
    return Answer.objects.create(
        application=application,
        question=question,
        file=name,
        file_name="cv.pdf",
        file_sha256="0" * 64,
    )
