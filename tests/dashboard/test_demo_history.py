"""The demo's past activity for the dashboard's charts: the same at every
run, within the last fourteen months, made once, and counted by the
dashboard over its default period."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from ecoc_hub.community import demo_history as community_history
from ecoc_hub.community.models import Post, Thread
from ecoc_hub.core import demo_history
from ecoc_hub.core.metrics import Filters
from ecoc_hub.courses import demo_history as courses_history
from ecoc_hub.courses import metrics as courses_metrics
from ecoc_hub.courses.models import Attempt, Enrolment
from ecoc_hub.library import demo_history as library_history
from ecoc_hub.library.models import DailyCount, Resource
from ecoc_hub.podcasts import demo_history as podcasts_history
from ecoc_hub.podcasts.plays import DailyPlays
from tests.community.conftest import make_space
from tests.courses.conftest import add_quiz, make_course
from tests.factories import UserFactory
from tests.podcasts.conftest import make_episode, make_show

from .conftest import at

pytestmark = pytest.mark.django_db


def _twelve_months() -> Filters:
    today = timezone.localdate()
    return Filters(start=today.replace(year=today.year - 1), end=today)


def _load(module) -> str:
    out = io.StringIO()
    module.load_demo(stdout=out)
    return out.getvalue()


def test_the_history_covers_the_last_fourteen_months_up_to_yesterday():
    days = demo_history.days()
    today = timezone.localdate()

    assert days[-1] < today
    assert (today - days[0]).days == demo_history.DAYS
    assert len(demo_history.months()) >= 14
    assert demo_history.generator("x").random() == demo_history.generator("x").random()


def test_library_views_and_downloads_once_per_resource_and_day():
    Resource.objects.create(
        title="Toolkit",
        state="published",
        published_at=at(2025, 1, 2),
        publication_year=2025,
    )
    Resource.objects.create(title="Draft", state="draft")

    assert "days of views and downloads added" in _load(library_history)
    rows = DailyCount.objects.all()
    assert rows.count() > 100
    assert set(rows.values_list("resource__title", flat=True)) == {"Toolkit"}
    assert all(r.downloads <= r.views for r in rows)
    first = sorted(rows.values_list("day", "views", "downloads"))

    _load(library_history)

    assert sorted(DailyCount.objects.values_list("day", "views", "downloads")) == first


def test_podcast_plays_for_published_episodes():
    make_episode(make_show())

    _load(podcasts_history)
    count = DailyPlays.objects.count()

    assert count > 100
    assert (
        min(DailyPlays.objects.values_list("day", flat=True))
        >= (demo_history.days()[0])
    )
    _load(podcasts_history)
    assert DailyPlays.objects.count() == count


def test_course_learners_enrol_complete_and_take_quizzes_once():
    course = make_course(title="Audience development")
    add_quiz(course, pass_mark=60)
    make_course(title="Not yet", state="draft")

    assert "Course history: 60 learners" in _load(courses_history)
    enrolments = Enrolment.objects.all()
    assert set(enrolments.values_list("course", flat=True)) == {course.pk}
    assert enrolments.filter(state="completed").exists()
    assert all(
        e.completed_at > e.admitted_at for e in enrolments.filter(state="completed")
    )
    attempts = Attempt.objects.all()
    assert attempts.exists()
    assert all(a.passed == (a.score >= 60) for a in attempts)
    figure = courses_metrics.enrolments(_twelve_months())
    assert any(value for value in figure.series[0].values)

    assert _load(courses_history).strip() == "Course history: already loaded."
    assert Enrolment.objects.count() == enrolments.count()


def test_community_threads_every_month_by_the_demo_people_once():
    for email in community_history.AUTHORS[:3]:
        UserFactory(email=email)
    space = make_space(name="Volunteers")

    assert "past threads with their replies" in _load(community_history)
    threads = Thread.objects.filter(space=space)
    months = {(t.created_at.year, t.created_at.month) for t in threads}
    assert len(months) >= 13
    assert Post.objects.count() > threads.count()
    assert all(
        t.last_post_at == t.posts.order_by("created_at").last().created_at
        for t in threads
    )

    assert _load(community_history).strip() == "Community history: already loaded."
    assert Thread.objects.count() == threads.count()
