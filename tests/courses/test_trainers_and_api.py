"""The trainers' analytics, the API, the sitemap and capacity area pages."""

import csv
import io

import pytest
from django.urls import reverse

from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.courses import analytics, quiz, services

from .conftest import add_quiz, lessons_of, make_course, right_answers


@pytest.fixture
def taught(trainer, member, outsider):
    course = make_course(trainers=[trainer], title="Evaluation")
    lesson, questions = add_quiz(course)
    first = services.enrol(course=course, learner=member)
    services.record_view(enrolment=first, lesson=lessons_of(course)[0])
    quiz.submit_attempt(enrolment=first, lesson=lesson, answers={})
    second = services.enrol(course=course, learner=outsider)
    for text in lessons_of(course)[:2]:
        services.record_view(enrolment=second, lesson=text)
    quiz.submit_attempt(
        enrolment=second, lesson=lesson, answers=right_answers(questions)
    )
    return course


def test_analytics_count_learners_and_the_funnel(taught):
    result = analytics.overview(taught)

    assert (result.following, result.active, result.completed) == (2, 2, 1)
    assert result.funnel.categories == ["Lesson 1", "Lesson 2", "Check yourself"]
    assert list(result.funnel.series[0].values) == [2, 1, 1]
    assert list(result.difficulty.series[0].values) == [50, 50, 50, 50, 50]


def test_learners_csv_has_a_row_per_learner(taught, member):
    rows = list(csv.reader(io.StringIO(analytics.learners_csv(taught))))

    assert rows[0][0] == "Learner"
    assert [(r[0], r[1], r[5], r[6], r[7]) for r in rows[1:]] == [
        (member.display_name, "Enrolled", "1", "3", "0"),
        (rows[2][0], "Completed", "3", "3", "100"),
    ]


def test_trainer_opens_the_analytics_page(client, trainer, taught):
    client.force_login(trainer)

    page = client.get(reverse("courses:analytics", args=[taught.slug]))
    download = client.get(reverse("courses:learners_csv", args=[taught.slug]))

    assert page.status_code == 200
    assert b"Completion funnel" in page.content
    assert download["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.parametrize("n", [1, 3])
def test_analytics_queries_do_not_grow_with_the_learners(
    client, trainer, django_assert_num_queries, n
):
    from tests.factories import UserFactory

    course = make_course(trainers=[trainer])
    for _ in range(n):
        enrolment = services.enrol(course=course, learner=UserFactory())
        services.record_view(enrolment=enrolment, lesson=lessons_of(course)[0])
    client.force_login(trainer)

    with django_assert_num_queries(9):
        client.get(reverse("courses:analytics", args=[course.slug]))


def test_api_lists_published_courses_with_their_outline(client, db):
    area = CapacityArea.objects.get(code="audience-development")
    course = make_course(title="Audiences", capacity_areas=[area])
    make_course(title="Draft", state="draft")

    listing = client.get("/api/v1/courses").json()
    detail = client.get(f"/api/v1/courses/{course.slug}").json()
    hidden = client.get("/api/v1/courses/no-such-course")

    assert [c["title"] for c in listing["results"]] == ["Audiences"]
    assert listing["results"][0]["capacity_areas"] == ["audience-development"]
    assert [m["title"] for m in detail["modules"]] == ["Basics"]
    assert [lesson["title"] for lesson in detail["modules"][0]["lessons"]] == [
        "Lesson 1",
        "Lesson 2",
    ]
    assert hidden.status_code == 404


def test_capacity_area_page_lists_its_courses(client, db):
    area = CapacityArea.objects.get(code="audience-development")
    make_course(title="Audiences", capacity_areas=[area])
    make_course(title="Hidden", state="draft", capacity_areas=[area])

    page = client.get(area.get_absolute_url())

    assert "Audiences" in page.content.decode()
    assert "Hidden" not in page.content.decode()


def test_sitemap_lists_public_courses(client, db):
    course = make_course(title="Audiences")
    make_course(title="Hidden", state="draft")

    response = client.get("/sitemap-courses.xml")

    assert response.content.decode().count("<loc>") == 1
    assert course.get_absolute_url() in response.content.decode()
