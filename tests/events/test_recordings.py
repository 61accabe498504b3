"""Recordings and materials of an event become library resources, found by
the words of their transcript at the moment they are said."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.events import recordings
from ecoc_hub.library import samples
from ecoc_hub.library import services as library
from ecoc_hub.library.models import Resource
from ecoc_hub.search.queries import search
from tests.events.conftest import make_event, make_session
from tests.library.conftest import stage

pytestmark = pytest.mark.django_db

CUES = [
    (0.0, 4.0, "Welcome to the camp on volunteering."),
    (62.5, 66.0, "Our volunteers programme started with a quokka census."),
]


@pytest.fixture
def camp(organiser):
    event = make_event(
        organisers=[organiser],
        host_title=Title.objects.get(year=2026, city__name="Oulu"),
        languages=["en"],
        time_zone="Europe/Helsinki",
    )
    event.capacity_areas.set(CapacityArea.objects.order_by("pk")[:2])
    return event


def _add(camp, by, session=None):
    return recordings.add_recording(
        event=camp,
        by=by,
        title="Volunteering, the recording",
        file=stage(samples.mp4_bytes(), "talk.mp4"),
        transcript=stage(samples.vtt_bytes(CUES), "talk.vtt"),
        session=session,
        languages=["en"],
        licence="cc-by-4.0",
    )


def test_a_recording_becomes_a_resource_with_the_events_metadata(camp, organiser):
    session = make_session(
        camp,
        starts_at=timezone.now().replace(year=2027, month=3, day=27, hour=7),
        ends_at=timezone.now().replace(year=2027, month=3, day=27, hour=8),
    )
    session.speakers.create(name="Vera Volunteer", slug="vera")

    resource = _add(camp, organiser, session)

    assert resource.owner == organiser
    assert resource.resource_type == "recording"
    assert resource.languages == ["en"]
    assert resource.countries == ["FI"]
    assert resource.licence == "cc-by-4.0"
    assert resource.publication_date.isoformat() == "2027-03-27"
    assert set(resource.capacity_areas.all()) == set(camp.capacity_areas.all())
    assert list(resource.titles.all()) == [camp.host_title]
    assert [c.name for c in resource.creators.all()] == ["Vera Volunteer"]
    assert sorted(f.kind for f in resource.files.all()) == ["mp4", "vtt"]
    # An organiser's upload waits for a curator, as every contributor's does.
    assert resource.state == Resource.State.SUBMITTED
    session.refresh_from_db()
    assert list(session.materials.all()) == [resource]
    assert session.sequence == 1


def test_once_approved_its_transcript_is_found_at_the_moment(camp, organiser, curator):
    resource = _add(camp, organiser)
    library.approve(resource=resource, curator=curator)

    results = search("quokka", user=None, kinds=["library.resource"])

    (hit,) = results.hits
    assert hit.url == resource.get_absolute_url()
    assert [(p.label, p.target_url) for p in hit.passages] == [
        ("01:02", f"{resource.get_absolute_url()}?t=62#files-heading")
    ]


def test_a_curators_recording_is_published_at_once_and_linked_back(
    camp, curator, client
):
    resource = _add(camp, curator)

    assert resource.state == Resource.State.PUBLISHED
    assert list(camp.materials.all()) == [resource]
    event_page = client.get(camp.get_absolute_url()).content.decode()
    assert f'<a href="{resource.get_absolute_url()}">{resource.title}</a>' in (
        event_page
    )
    resource_page = client.get(resource.get_absolute_url() + "?t=62")
    html = resource_page.content.decode()
    assert f'<a href="{camp.get_absolute_url()}">{camp.title}</a>' in html
    assert "?inline=1#t=62" in html


def test_the_recording_page_uploads_through_the_library_checks(camp, organiser, client):
    client.force_login(organiser)
    url = reverse("events:recording", args=[camp.slug])

    refused = client.post(
        url,
        {
            "title": "Not a video",
            "file": SimpleUploadedFile("talk.mp4", b"plain text, not a video"),
            "languages": ["en"],
            "licence": "cc-by-4.0",
        },
    )
    accepted = client.post(
        url,
        {
            "title": "Volunteering, the recording",
            "file": SimpleUploadedFile("talk.mp4", samples.mp4_bytes()),
            "transcript": SimpleUploadedFile("talk.vtt", samples.vtt_bytes(CUES)),
            "languages": ["en"],
            "licence": "cc-by-4.0",
        },
    )

    assert list(refused.context["form"].errors) == ["file"]
    assert accepted.status_code == 302
    assert Resource.objects.get().title == "Volunteering, the recording"


def test_a_transcript_needs_a_recording(camp, organiser, client):
    client.force_login(organiser)

    response = client.post(
        reverse("events:recording", args=[camp.slug]),
        {
            "title": "Slides",
            "file": SimpleUploadedFile("s.pdf", samples.build_pdf(["Slides"])),
            "transcript": SimpleUploadedFile("talk.vtt", samples.vtt_bytes(CUES)),
            "languages": ["en"],
            "licence": "cc-by-4.0",
        },
    )

    assert response.context["form"].errors == {
        "transcript": ["Only a recording has a transcript."]
    }
    assert Resource.objects.count() == 0
