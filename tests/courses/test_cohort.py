"""Cohort courses (issue 14): webinars as live sessions, modules released and
due on days counted from the start."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ecoc_hub.core.workflow import TransitionError
from ecoc_hub.courses import cohort, completion, services
from ecoc_hub.courses.models import LessonProgress, LiveSession
from ecoc_hub.events.models import Event
from tests.events.conftest import apply, make_event, make_session

from .conftest import add_module, lessons_of, make_course


def _cohort(**fields):
    today = timezone.localdate()
    fields.setdefault("starts_on", today - timedelta(days=3))
    fields.setdefault("ends_on", today + timedelta(days=60))
    return make_course(mode="cohort", **fields)


def _webinar(**fields):
    fields.setdefault("kind", Event.Kind.WEBINAR)
    fields.setdefault("title", "Live: audience data")
    fields.setdefault("registration_mode", Event.RegistrationMode.OPEN)
    return make_event(**fields)


@pytest.fixture
def cohort_course(trainer):
    return _cohort(trainers=[trainer], title="Cohort course")


# --- Live sessions -----------------------------------------------------------


def test_a_trainer_links_and_removes_a_webinar(client, trainer, cohort_course):
    webinar = _webinar()
    make_event(title="A camp, not a webinar")
    client.force_login(trainer)
    url = reverse("courses:live_sessions", args=[cohort_course.slug])

    page = client.get(url)
    offered = list(page.context["form"].fields["event"].queryset)
    added = client.post(url, {"event": webinar.pk})

    assert offered == [webinar]
    assert added.status_code == 302
    link = LiveSession.objects.get(course=cohort_course)
    assert link.event == webinar
    removed = client.post(
        reverse("courses:live_session_remove", args=[cohort_course.slug, link.pk])
    )
    assert removed.status_code == 302
    assert not LiveSession.objects.exists()
    assert Event.objects.filter(pk=webinar.pk).exists()


def test_only_webinars_of_cohort_courses_are_linked(course, cohort_course):
    with pytest.raises(TransitionError):
        cohort.link_webinar(course=course, event=_webinar())
    with pytest.raises(TransitionError):
        cohort.link_webinar(course=cohort_course, event=make_event())
    webinar = _webinar()
    cohort.link_webinar(course=cohort_course, event=webinar)
    with pytest.raises(TransitionError):
        cohort.link_webinar(course=cohort_course, event=webinar)
    assert LiveSession.objects.count() == 1


def test_a_camp_posted_to_the_form_is_refused(client, trainer, cohort_course):
    camp = make_event()
    client.force_login(trainer)

    response = client.post(
        reverse("courses:live_sessions", args=[cohort_course.slug]), {"event": camp.pk}
    )

    assert response.status_code == 400
    assert not LiveSession.objects.exists()


def test_the_learner_sees_the_webinar_in_the_reader_zone_with_a_call_to_register(
    client, member, cohort_course
):
    webinar = _webinar(
        starts_at=datetime(2099, 3, 27, 9, 0, tzinfo=UTC),
        ends_at=datetime(2099, 3, 27, 10, 30, tzinfo=UTC),
    )
    make_session(
        webinar,
        starts_at=datetime(2099, 3, 27, 9, 0, tzinfo=UTC),
        ends_at=datetime(2099, 3, 27, 10, 30, tzinfo=UTC),
    )
    cohort.link_webinar(course=cohort_course, event=webinar)
    services.enrol(course=cohort_course, learner=member)
    client.force_login(member)

    page = client.get(cohort_course.get_absolute_url(), {"tz": "America/New_York"})
    html = page.content.decode()

    [row] = page.context["live"]
    assert row.starts.hour == 10  # Europe/Berlin
    assert row.reader_starts.hour == 5  # New York
    assert row.should_register
    assert reverse("events:apply", args=[webinar.slug]) in html
    assert reverse("events:event_ics", args=[webinar.slug]) in html
    assert "America/New_York" in html
    # The zone is remembered for the lessons' outline.
    lesson = client.get(lessons_of(cohort_course)[0].get_absolute_url())
    assert lesson.context["live"][0].reader_starts.hour == 5
    assert "Live: audience data" in lesson.content.decode()


def test_a_registered_learner_sees_their_registration(client, member, cohort_course):
    webinar = _webinar()
    cohort.link_webinar(course=cohort_course, event=webinar)
    services.enrol(course=cohort_course, learner=member)
    apply(webinar, member)
    client.force_login(member)

    [row] = client.get(cohort_course.get_absolute_url()).context["live"]

    assert row.registered
    assert not row.should_register


def test_a_visitor_sees_the_webinar_without_a_call_to_register(client, cohort_course):
    cohort.link_webinar(course=cohort_course, event=_webinar())

    page = client.get(cohort_course.get_absolute_url())

    [row] = page.context["live"]
    assert not row.should_register
    assert "Register for this webinar" not in page.content.decode()


def test_a_draft_webinar_is_hidden_from_learners(client, member, cohort_course):
    cohort.link_webinar(
        course=cohort_course, event=_webinar(visibility=Event.Visibility.DRAFT)
    )
    client.force_login(member)

    assert client.get(cohort_course.get_absolute_url()).context["live"] == []


def test_an_unknown_zone_is_said_and_times_stay_in_the_event_zone(
    client, cohort_course
):
    cohort.link_webinar(course=cohort_course, event=_webinar())

    page = client.get(cohort_course.get_absolute_url(), {"tz": "Mars/Olympus"})

    assert page.context["unknown_zone"] is True
    assert page.context["live"][0].reader_starts is None


@pytest.mark.parametrize("n", [1, 3])
def test_live_sessions_queries_do_not_grow(
    member, cohort_course, django_assert_num_queries, n
):
    services.enrol(course=cohort_course, learner=member)
    for _ in range(n):
        webinar = _webinar()
        make_session(webinar)
        cohort.link_webinar(course=cohort_course, event=webinar)

    with django_assert_num_queries(3):
        rows = cohort.live_sessions(cohort_course, member, None, enrolled=True)
    assert len(rows) == n


def test_a_deleted_webinar_leaves_the_course(cohort_course):
    webinar = _webinar()
    cohort.link_webinar(course=cohort_course, event=webinar)

    webinar.delete()

    assert not LiveSession.objects.exists()


# --- Modules released and due on dates ---------------------------------------


def _later_module(course, *, days=10, due=None):
    module = add_module(course, title="Later", lessons=1)
    return services.update_module(
        module=module,
        title=module.title,
        opens_after_days=days,
        due_after_days=due,
    )


def test_a_module_opening_later_is_locked_for_learners(client, member, cohort_course):
    module = _later_module(cohort_course)
    services.enrol(course=cohort_course, learner=member)
    later = module.lessons.get()
    client.force_login(member)

    page = client.get(cohort_course.get_absolute_url())
    refused = client.get(later.get_absolute_url())

    opens = cohort_course.starts_on + timedelta(days=10)
    row = page.context["progress"].modules[-1]
    assert row.locked and row.opens == opens
    assert later.get_absolute_url() not in page.content.decode()
    assert "Locked" in page.content.decode()
    assert refused.status_code == 403
    assert "opens to the cohort on" in refused.content.decode()
    assert not LessonProgress.objects.filter(lesson=later).exists()


def test_a_trainer_always_opens_a_module_opening_later(client, trainer, cohort_course):
    module = _later_module(cohort_course)
    client.force_login(trainer)

    page = client.get(cohort_course.get_absolute_url())
    lesson = client.get(module.lessons.get().get_absolute_url())

    assert page.context["progress"].modules[-1].locked is False
    assert "Opens on" in page.content.decode()
    assert lesson.status_code == 200


def test_the_module_opens_on_its_day(client, member, cohort_course):
    module = _later_module(cohort_course, days=3)  # the course started 3 days ago
    services.enrol(course=cohort_course, learner=member)
    client.force_login(member)

    assert client.get(module.lessons.get().get_absolute_url()).status_code == 200


def test_continue_skips_the_locked_module(client, member, cohort_course):
    _later_module(cohort_course)
    enrolment = services.enrol(course=cohort_course, learner=member)
    first, second = lessons_of(cohort_course)[:2]
    services.record_view(enrolment=enrolment, lesson=first)
    services.record_view(enrolment=enrolment, lesson=second)
    client.force_login(member)

    response = client.get(reverse("courses:continue", args=[cohort_course.slug]))

    assert response["Location"] == first.get_absolute_url()


def test_a_locked_required_lesson_still_counts_for_completion(member, cohort_course):
    _later_module(cohort_course)
    enrolment = services.enrol(course=cohort_course, learner=member)
    for lesson in lessons_of(cohort_course)[:2]:
        services.record_view(enrolment=enrolment, lesson=lesson)

    enrolment.refresh_from_db()
    assert enrolment.state == "active"
    assert [x.title for x in completion.missing_lessons(enrolment)] == ["Later 1"]


def test_a_due_module_not_done_is_marked_overdue(client, member, cohort_course):
    services.update_module(
        module=cohort_course.modules.first(),
        title="Basics",
        due_after_days=1,
    )
    services.enrol(course=cohort_course, learner=member)
    client.force_login(member)

    page = client.get(cohort_course.get_absolute_url())

    row = page.context["progress"].modules[0]
    assert row.due == cohort_course.starts_on + timedelta(days=1)
    assert row.overdue
    assert "Overdue" in page.content.decode()


def test_the_module_form_checks_the_dates(client, trainer, cohort_course):
    client.force_login(trainer)
    url = reverse("courses:module_new", args=[cohort_course.slug])
    start = cohort_course.starts_on

    both = client.post(
        url, {"title": "X", "opens_after_days": "2", "opens_on": str(start)}
    )
    outside = client.post(
        url, {"title": "X", "opens_on": str(start - timedelta(days=1))}
    )
    early_due = client.post(
        url, {"title": "X", "opens_after_days": "5", "due_after_days": "2"}
    )
    good = client.post(url, {"title": "Y", "opens_on": str(start + timedelta(days=7))})

    assert both.status_code == 200 and both.context["form"].errors
    assert outside.context["form"].errors
    assert early_due.context["form"].errors
    assert good.status_code == 302
    assert cohort_course.modules.get(title="Y").opens_on == start + timedelta(days=7)
    assert not cohort_course.modules.filter(title="X").exists()


def test_a_self_paced_module_has_no_dates(client, trainer, course):
    client.force_login(trainer)

    page = client.get(reverse("courses:module_new", args=[course.slug]))

    assert "opens_after_days" not in page.context["form"].fields
    module = course.modules.first()
    module.opens_after_days = 30
    module.save()
    assert module.opens_for(course) is None
