"""Library-resource lessons (issue 14): a published resource's PDF in the
library's viewer, opened at a page, complete when viewed; the resource's own
visibility decides whether it is shown."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from ecoc_hub.courses import services
from ecoc_hub.courses.models import Lesson, LessonProgress
from ecoc_hub.library.models import Resource
from tests.factories import UserFactory
from tests.library.conftest import make_resource


@pytest.fixture
def resource(curator):
    return make_resource(owner=UserFactory(), curator=curator, title="Audience toolkit")


def _post(client, course, **values):
    module = course.modules.last()
    return client.post(
        reverse("courses:lesson_new", args=[course.slug, module.pk]),
        {
            "kind": "resource",
            "title": "Read the toolkit",
            "body": "Read chapter two.",
            "minutes": "15",
            "is_required": "on",
            "resource_page": "2",
            **values,
        },
    )


def test_a_trainer_embeds_a_published_resource(client, course, trainer, resource):
    client.force_login(trainer)

    response = _post(client, course, resource=resource.pk)

    assert response.status_code == 302
    lesson = Lesson.objects.get(title="Read the toolkit")
    assert (lesson.kind, lesson.completion) == ("resource", "viewed")
    assert (lesson.resource, lesson.resource_page) == (resource, 2)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"state": Resource.State.DRAFT}, "not published"),
        ({"embargo_until": date.today() + timedelta(days=30)}, "under embargo"),
        ({"access": Resource.Access.RESTRICTED}, "restricted to named city teams"),
    ],
)
def test_choosing_a_resource_learners_cannot_read_says_why(
    client, course, trainer, resource, change, words
):
    Resource.objects.filter(pk=resource.pk).update(**change)
    client.force_login(trainer)

    response = _post(client, course, resource=resource.pk)

    assert response.status_code == 200
    assert words in " ".join(response.context["form"].errors["resource"])
    assert not Lesson.objects.filter(title="Read the toolkit").exists()


def _lesson(course, resource, page=2):
    return services.add_lesson(
        module=course.modules.last(),
        title="Read the toolkit",
        kind="resource",
        resource=resource,
        resource_page=page,
    )


def test_a_learner_sees_the_viewer_at_the_page_and_completes_by_viewing(
    client, course, resource
):
    lesson = _lesson(course, resource)
    learner = UserFactory()
    services.enrol(course=course, learner=learner)
    client.force_login(learner)

    html = client.get(lesson.get_absolute_url()).content.decode()

    assert 'id="pdf-viewer"' in html and 'data-start-page="2"' in html
    assert "library/js/viewer.js" in html
    progress = LessonProgress.objects.get(lesson=lesson)
    assert progress.completed_at is not None


def test_a_resource_embargoed_later_is_not_shown(client, course, resource):
    lesson = _lesson(course, resource)
    Resource.objects.filter(pk=resource.pk).update(
        embargo_until=date.today() + timedelta(days=5)
    )
    learner = UserFactory()
    services.enrol(course=course, learner=learner)
    client.force_login(learner)

    html = client.get(lesson.get_absolute_url()).content.decode()

    assert 'id="pdf-viewer"' not in html
    assert "not available at the moment" in html


def test_a_resource_unpublished_later_is_not_shown_and_the_trainer_learns_why(
    client, course, trainer, resource
):
    lesson = _lesson(course, resource)
    Resource.objects.filter(pk=resource.pk).update(state=Resource.State.DRAFT)
    client.force_login(trainer)

    html = client.get(lesson.get_absolute_url()).content.decode()

    assert 'id="pdf-viewer"' not in html
    assert "not published" in html


def test_a_page_past_the_end_of_the_document_is_refused(
    client, course, trainer, resource
):
    pdf = resource.files.get()
    pdf.page_count = 3
    pdf.save(update_fields=["page_count"])
    client.force_login(trainer)

    response = _post(client, course, resource=resource.pk, resource_page="9")

    assert response.context["form"].errors["resource_page"] == [
        "The document has 3 pages."
    ]
