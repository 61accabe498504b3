"""The catalogue, a course's page, enrolment and the lessons."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.cities.related import sections as related_sections
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import ActionRefused, check_object, get_for_user
from ecoc_hub.core.workflow import TransitionError, transition

from .. import cohort, completion, permissions, queries, services, versions
from ..enums import CourseState, EnrolmentState, Level, Mode
from ..jsonld import course_jsonld
from ..models import Course
from ..workflow import ENROLMENT


def get_course_for_user(request: HttpRequest, slug: str) -> Course:
    return get_for_user(
        Course.objects.all(),
        request.user,
        can_see=permissions.can_see_course,
        slug=slug,
    )


def course_crumbs(course: Course, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return [
        (_("Learn"), reverse("courses:list")),
        (course.title, course.get_absolute_url()),
        *more,
    ]


@require_safe
def course_list(request: HttpRequest) -> HttpResponse:
    courses = queries.course_cards(request.user)
    area_code = request.GET.get("area", "")
    areas = list(CapacityArea.objects.select_related("criterion"))
    if area_code in {a.code for a in areas}:
        courses = courses.filter(capacity_areas__code=area_code)
    else:
        area_code = ""
    mode = request.GET.get("mode", "")
    if mode in Mode.values:
        courses = courses.filter(mode=mode)
    else:
        mode = ""
    level = request.GET.get("level", "")
    if level in Level.values:
        courses = courses.filter(level=level)
    else:
        level = ""
    show_archived = request.GET.get("archived") == "1"
    if not show_archived:
        courses = courses.exclude(state=CourseState.ARCHIVED)
    enrolled = {}
    if request.user.is_authenticated:
        enrolled = {e.course_id: e for e in queries.my_enrolments(request.user)}
    return render(
        request,
        "courses/course_list.html",
        {
            "cards": [(c, enrolled.get(c.pk)) for c in courses.order_by("title")],
            "areas": areas,
            "area": area_code,
            "modes": Mode.choices,
            "mode": mode,
            "levels": Level.choices,
            "level": level,
            "show_archived": show_archived,
            "enrolled": enrolled,
            "can_create": permissions.can_create_course(request.user),
        },
    )


@require_safe
def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    course = get_course_for_user(request, slug)
    enrolment = queries.enrolment_of(request.user, course)
    can_edit = permissions.can_edit_course(request.user, course)
    progress = queries.progress(course, enrolment, editor=can_edit)
    following = permissions.can_follow(request.user, course, enrolment)
    zone, unknown_zone = cohort.reader_zone(request)
    live = cohort.live_sessions(
        course,
        request.user,
        zone,
        enrolled=enrolment is not None and enrolment.is_active,
    )
    prerequisites = list(queries.visible_courses(request.user).filter(leads_to=course))
    completed = queries.completed_course_ids(request.user, prerequisites)
    return render(
        request,
        "courses/course_detail.html",
        {
            "course": course,
            "enrolment": enrolment,
            "progress": progress,
            "following": following,
            "next_lesson": progress.next_lesson(
                enrolment.last_lesson if enrolment else None
            ),
            "may_enrol": permissions.may_enrol(request.user, course),
            "can_edit": can_edit,
            "live": live,
            "version": versions.latest(course),
            "reader_zone": zone,
            "unknown_zone": unknown_zone,
            "zone_names": cohort.zone_names() if live else (),
            "can_withdraw": enrolment is not None
            and ENROLMENT.can(request.user, enrolment, "withdraw"),
            "areas": list(course.capacity_areas.select_related("criterion")),
            "trainers": list(
                course.trainers.exclude(display_name="").order_by("display_name")
            ),
            # Advisory, as on most course platforms: each with whether the
            # reader completed it, and a word before enrolling if not.
            "prerequisites": [(p, p.pk in completed) for p in prerequisites],
            "prerequisites_to_do": [p for p in prerequisites if p.pk not in completed],
            "related_sections": related_sections(
                "course", obj=course, user=request.user
            ),
            "jsonld": course_jsonld(course),
            "certificate": completion.certificate_for(course, request.user)
            if enrolment is not None and enrolment.state == EnrolmentState.COMPLETED
            else None,
            "breadcrumbs": [(_("Learn"), reverse("courses:list")), (course.title, "")],
        },
    )


@login_required
@require_POST
def enrol(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = get_for_user(
        Course.objects.all(),
        request.user,
        can_see=permissions.can_see_course,
        can_do=permissions.may_enrol,
        slug=slug,
    )
    try:
        enrolment = services.enrol(course=course, learner=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
        return redirect(course)
    if enrolment.state == EnrolmentState.ACTIVE:
        messages.success(request, _("You are enrolled. Welcome to the course."))
    elif enrolment.state == EnrolmentState.REQUESTED:
        messages.success(
            request, _("Your request is sent; a trainer will admit you soon.")
        )
    return redirect(course)


@login_required
@require_POST
def withdraw(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = get_course_for_user(request, slug)
    enrolment = queries.enrolment_of(request.user, course)
    if enrolment is None:
        raise ActionRefused
    try:
        transition(enrolment, "withdraw", actor=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("You left the course. Your progress is kept if you return.")
        )
    return redirect(course)


@login_required
@require_safe
def continue_course(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = get_course_for_user(request, slug)
    enrolment = queries.enrolment_of(request.user, course)
    check_object(
        request.user,
        course,
        can_see=permissions.can_see_course,
        can_do=lambda user, c: permissions.can_follow(user, c, enrolment),
    )
    progress = queries.progress(
        course, enrolment, editor=permissions.can_edit_course(request.user, course)
    )
    lesson = progress.next_lesson(enrolment.last_lesson if enrolment else None)
    if lesson is None:
        return redirect(course)
    return redirect("courses:lesson", slug=course.slug, pk=lesson.pk)


@login_required
@require_safe
def my_courses(request: AuthenticatedHttpRequest) -> HttpResponse:
    enrolments = list(queries.my_enrolments(request.user))
    teaching = list(queries.visible_courses(request.user).filter(trainers=request.user))
    return render(
        request,
        "courses/my_courses.html",
        {
            "enrolments": enrolments,
            "teaching": teaching,
            "breadcrumbs": [
                (_("Learn"), reverse("courses:list")),
                (_("My courses"), ""),
            ],
        },
    )
