import pytest
from django.urls import reverse

from ecoc_hub.courses import services
from ecoc_hub.courses.models import Course, Enrolment, LessonProgress
from tests.factories import UserFactory

from .conftest import lessons_of, make_course


def test_catalogue_lists_published_courses_not_drafts(client, db):
    make_course(title="Open course")
    make_course(title="Hidden draft", state="draft")
    make_course(title="Old course", state="archived")

    response = client.get(reverse("courses:list"))

    assert [c.title for c, _mine in response.context["cards"]] == ["Open course"]


def test_catalogue_includes_archived_courses_on_request(client, db):
    make_course(title="Open course")
    make_course(title="Old course", state="archived")

    response = client.get(reverse("courses:list"), {"archived": "1"})

    assert [c.title for c, _mine in response.context["cards"]] == [
        "Old course",
        "Open course",
    ]


@pytest.mark.parametrize("n", [1, 3])
def test_catalogue_queries_do_not_grow_with_the_courses(
    client, member, django_assert_num_queries, n
):
    for _ in range(n):
        services.enrol(course=make_course(), learner=member)
    client.force_login(member)

    with django_assert_num_queries(7):
        client.get(reverse("courses:list"))


def test_filter_by_mode_keeps_cohorts(client, db):
    make_course(title="Any time")
    make_course(
        title="Spring cohort",
        mode="cohort",
        starts_on="2026-03-01",
        ends_on="2099-06-01",
    )

    response = client.get(reverse("courses:list"), {"mode": "cohort"})

    assert [c.title for c, _mine in response.context["cards"]] == ["Spring cohort"]


def test_course_page_carries_course_json_ld(client, course):
    response = client.get(course.get_absolute_url())

    assert response.status_code == 200
    assert b'"@type": "Course"' in response.content
    assert b'"name": "Audience development"' in response.content


def test_learner_enrols_and_reads_the_first_lesson(client, member, course):
    client.force_login(member)
    first, second = lessons_of(course)

    client.post(reverse("courses:enrol", args=[course.slug]))
    start = client.get(reverse("courses:continue", args=[course.slug]))
    page = client.get(start.url)
    after = client.get(reverse("courses:continue", args=[course.slug]))

    assert start.url == reverse("courses:lesson", args=[course.slug, first.pk])
    assert page.context["after"] == second
    assert after.url == reverse("courses:lesson", args=[course.slug, second.pk])
    assert LessonProgress.objects.get().lesson == first


def test_lesson_is_refused_to_a_member_who_is_not_enrolled(client, member, course):
    client.force_login(member)

    response = client.get(lessons_of(course)[0].get_absolute_url())

    assert response.status_code == 403


def test_trainer_previews_a_lesson_without_recording_progress(client, trainer, course):
    client.force_login(trainer)

    response = client.get(lessons_of(course)[0].get_absolute_url())

    assert response.context["preview"] is True
    assert LessonProgress.objects.count() == 0


def test_cohort_lessons_open_on_the_start_date(client, member):
    course = make_course(mode="cohort", starts_on="2098-01-01", ends_on="2098-03-01")
    services.enrol(course=course, learner=member)
    client.force_login(member)

    page = client.get(course.get_absolute_url())
    lesson = client.get(lessons_of(course)[0].get_absolute_url())

    assert page.context["following"] is False
    assert "The lessons open on" in page.content.decode()
    assert lesson.status_code == 403


def test_an_ended_cohort_takes_no_one(client, member):
    course = make_course(mode="cohort", starts_on="2020-01-01", ends_on="2020-03-01")
    client.force_login(member)

    response = client.post(reverse("courses:enrol", args=[course.slug]))

    assert response.status_code == 403
    assert Enrolment.objects.count() == 0


def test_team_course_refuses_someone_outside_every_team(client, outsider):
    course = make_course(enrolment_policy="teams")
    client.force_login(outsider)

    response = client.post(reverse("courses:enrol", args=[course.slug]))

    assert response.status_code == 403


def test_learner_leaves_the_course(client, member, course):
    services.enrol(course=course, learner=member)
    client.force_login(member)

    client.post(reverse("courses:withdraw", args=[course.slug]))

    assert Enrolment.objects.get().state == "withdrawn"


def test_curator_builds_and_publishes_a_course_in_the_browser(curator_client, db):
    created = curator_client.post(
        reverse("courses:create"),
        {
            "title": "European cooperation",
            "summary": "Partners across Europe.",
            "level": "introductory",
            "estimated_hours": "3",
            "licence": "cc-by-4.0",
            "mode": "self_paced",
            "enrolment_policy": "open",
            "starts_on": "2027-01-01",
        },
    )
    course = Course.objects.get()
    curator_client.post(
        reverse("courses:module_new", args=[course.slug]),
        {"title": "Why cooperate", "summary": ""},
    )
    module = course.modules.get()
    curator_client.post(
        reverse("courses:lesson_new", args=[course.slug, module.pk]),
        {"title": "Partners", "body": "Find *partners*.", "minutes": "5"},
    )
    curator_client.post(reverse("courses:state", args=[course.slug, "publish"]))
    course.refresh_from_db()

    assert created.url == reverse("courses:author", args=[course.slug])
    assert (course.state, course.starts_on) == ("published", None)
    assert [lesson.title for lesson in lessons_of(course)] == ["Partners"]
    assert lessons_of(course)[0].is_required is False  # unchecked box


def test_cohort_course_needs_both_dates(curator_client, db):
    response = curator_client.post(
        reverse("courses:create"),
        {
            "title": "Cohort",
            "summary": "Together.",
            "level": "introductory",
            "estimated_hours": "3",
            "licence": "cc-by-4.0",
            "mode": "cohort",
            "enrolment_policy": "open",
            "starts_on": "2027-01-01",
        },
    )

    assert response.context["form"].errors == {
        "ends_on": ["A cohort course needs an end date."]
    }


def test_trainer_edits_a_lesson_and_previews_it(client, trainer, course):
    lesson = lessons_of(course)[0]
    client.force_login(trainer)

    response = client.post(
        reverse("courses:lesson_edit", args=[course.slug, lesson.pk]),
        {"title": "Welcome", "body": "Hello", "minutes": "5", "preview": "1"},
    )
    lesson.refresh_from_db()

    assert response.url == lesson.get_absolute_url()
    assert lesson.title == "Welcome"


def test_trainer_admits_a_requested_learner(client, trainer, member):
    course = make_course(trainers=[trainer], enrolment_policy="approval")
    enrolment = services.enrol(course=course, learner=member)
    client.force_login(trainer)

    client.post(reverse("courses:decide", args=[course.slug, enrolment.uuid, "admit"]))

    enrolment.refresh_from_db()
    assert enrolment.state == "active"


def test_decline_without_a_reason_changes_nothing(client, trainer, member):
    course = make_course(trainers=[trainer], enrolment_policy="approval")
    enrolment = services.enrol(course=course, learner=member)
    client.force_login(trainer)

    client.post(
        reverse("courses:decide", args=[course.slug, enrolment.uuid, "decline"]),
        {"comment": ""},
    )

    enrolment.refresh_from_db()
    assert enrolment.state == "requested"


def test_a_trainer_of_another_course_may_not_edit_this_one(client, course):
    other = UserFactory()
    make_course(trainers=[other])
    client.force_login(other)

    response = client.get(reverse("courses:author", args=[course.slug]))

    assert response.status_code == 403


def test_my_courses_lists_the_enrolments(client, member, course):
    services.enrol(course=course, learner=member)
    client.force_login(member)

    response = client.get(reverse("courses:mine"))

    assert [e.course for e in response.context["enrolments"]] == [course]


def test_prerequisites_show_what_the_reader_completed_and_advise_before_enrolling(
    client, member
):
    basics = make_course(title="Basics of audiences", lessons=1)
    advanced = make_course(title="Advanced audiences", prerequisites=[basics])
    url = reverse("courses:detail", args=[advanced.slug])
    client.force_login(member)

    before = client.get(url).content.decode()
    enrolment = services.enrol(course=basics, learner=member)
    for lesson in lessons_of(basics):
        services.record_view(enrolment=enrolment, lesson=lesson)
    after = client.get(url).content.decode()

    assert "This course builds on:" in before
    assert "We recommend completing it first; you can still enrol now." in before
    assert '<span class="badge">completed</span>' not in before
    assert "This course builds on:" not in after
    assert (
        f'<a href="{basics.get_absolute_url()}">Basics of audiences</a> '
        '<span class="badge">completed</span>'
    ) in after
    # advisory: enrolling is still possible
    assert (
        client.post(reverse("courses:enrol", args=[advanced.slug])).status_code == 302
    )
    assert Enrolment.objects.filter(course=advanced, learner=member).exists()


def test_the_course_page_offers_to_continue_then_to_go_through_it_again(
    client, member, course
):
    client.force_login(member)
    url = reverse("courses:detail", args=[course.slug])
    enrolment = services.enrol(course=course, learner=member)
    first, second = lessons_of(course)

    services.record_view(enrolment=enrolment, lesson=first)
    midway = client.get(url).content.decode()
    services.record_view(enrolment=enrolment, lesson=second)
    done = client.get(url).content.decode()

    assert "Continue where you left off" in midway
    assert "You completed this course on" in done
    assert "Continue where you left off" not in done
    assert "Go through the course again" in done
