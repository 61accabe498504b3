"""Assignments (issue 14): handing in, the file, a peer's blind review, and
the trainers' queue and review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.markdown import render_markdown
from ecoc_hub.core.permissions import ActionRefused, get_for_user
from ecoc_hub.core.workflow import TransitionError

from .. import assignments, permissions, submission_files
from ..enums import LessonKind, ReviewRole
from ..forms_assignments import ReviewForm, SubmissionForm
from ..models import Course, Enrolment, Lesson, Review, Submission
from .public import course_crumbs, get_course_for_user


def page_context(
    request: AuthenticatedHttpRequest,
    lesson: Lesson,
    enrolment: Enrolment | None,
    following: bool,
    form: SubmissionForm | None = None,
) -> dict[str, Any]:
    """What the lesson page shows of an assignment."""
    criteria = assignments.rubric_of(lesson)
    history = (
        assignments.submissions_of(enrolment, lesson) if following and enrolment else []
    )
    latest = next((s for s in history if s.state != Submission.State.SUPERSEDED), None)
    accepted = latest is not None and latest.state == Submission.State.ACCEPTED
    return {
        "criteria": criteria,
        "rubric_maximum": assignments.rubric_maximum(criteria),
        "submissions": [_shown(s) for s in history],
        "latest": latest,
        "may_submit": following and not accepted,
        "submission_form": form or SubmissionForm(lesson=lesson),
        "to_review": assignments.reviews_for(request.user, lesson) if following else [],
    }


def _shown(submission: Submission) -> dict[str, Any]:
    """A submission with its reviews for its author: peers unnamed."""
    reviews = [r for r in submission.reviews.all() if r.is_done]
    return {
        "submission": submission,
        "text": render_markdown(submission.text),
        "reviews": reviews,
    }


@login_required
@require_POST
def submit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    from .lessons import _lesson_for, _page

    course, lesson, enrolment = _lesson_for(request, slug, pk)
    if not lesson.is_assignment:
        raise Http404
    if enrolment is None or not permissions.can_follow(request.user, course, enrolment):
        raise ActionRefused
    form = SubmissionForm(
        request.POST, request.FILES, lesson=lesson, session=request.session
    )
    if not form.is_valid():
        form.discard()
        return _page(request, course, lesson, enrolment, submission_form=form)
    try:
        assignments.submit_assignment(
            enrolment=enrolment,
            lesson=lesson,
            text=form.cleaned_data.get("text", ""),
            staged=form.staged,
        )
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        form.release_uploads()
        messages.success(request, _("Your submission is handed in."))
    return redirect(lesson.get_absolute_url() + "#assignment")


@login_required
@require_safe
def submission_file(
    request: AuthenticatedHttpRequest, slug: str, uuid: object
) -> FileResponse:
    course = get_course_for_user(request, slug)
    submission = get_for_user(
        Submission.objects.select_related("lesson__module__course", "enrolment"),
        request.user,
        can_see=permissions.can_see_submission,
        uuid=uuid,
        lesson__module__course=course,
    )
    if not submission.file:
        raise Http404
    # Always a download, named without the author's name (the blind review).
    extension = submission.file_name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        submission_files.open_file(submission),
        as_attachment=True,
        filename=f"{course.slug}-submission-{submission.uuid.hex[:8]}.{extension}",
        content_type=submission.file_mime or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def peer_review(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    course = get_course_for_user(request, slug)
    review = get_for_user(
        Review.objects.select_related("submission__lesson__module__course"),
        request.user,
        can_see=permissions.can_see_review,
        can_do=permissions.can_do_review,
        pk=pk,
        submission__lesson__module__course=course,
    )
    submission = review.submission
    lesson = submission.lesson
    criteria = assignments.rubric_of(lesson)
    open_ = not review.is_done and submission.state == Submission.State.SUBMITTED
    form = ReviewForm(request.POST or None, criteria=criteria)
    if request.method == "POST":
        if not open_:
            raise ActionRefused
        if form.is_valid():
            try:
                assignments.submit_peer_review(
                    review=review,
                    chosen=form.chosen(),
                    comment=form.cleaned_data["comment"],
                )
            except TransitionError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Thank you: your review is saved."))
            return redirect(lesson.get_absolute_url() + "#to-review")
    return render(
        request,
        "courses/review_form.html",
        {
            "course": course,
            "lesson": lesson,
            "submission": submission,
            "text": render_markdown(submission.text),
            "review": review,
            "open": open_,
            "form": form,
            "trainer": False,
            "breadcrumbs": course_crumbs(
                course,
                (lesson.title, lesson.get_absolute_url()),
                (_("Peer review"), ""),
            ),
        },
        status=400 if form.is_bound else 200,
    )


def _trainer_course(request: AuthenticatedHttpRequest, slug: str) -> Course:
    return get_for_user(
        Course.objects.all(),
        request.user,
        can_see=permissions.can_see_course,
        can_do=permissions.can_edit_course,
        slug=slug,
    )


@login_required
@require_safe
def review_queue(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    course = _trainer_course(request, slug)
    lessons = Lesson.objects.filter(
        module__course=course, kind=LessonKind.ASSIGNMENT
    ).select_related("module")
    return render(
        request,
        "courses/review_queue.html",
        {
            "course": course,
            "rows": assignments.review_queue(lessons),
            "lessons": list(lessons),
            "breadcrumbs": course_crumbs(
                course,
                (_("Edit the course"), reverse("courses:author", args=[course.slug])),
                (_("Assignments to review"), ""),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def trainer_review(
    request: AuthenticatedHttpRequest, slug: str, uuid: object
) -> HttpResponse:
    course = _trainer_course(request, slug)
    submission = get_for_user(
        Submission.objects.select_related(
            "lesson__module__course", "enrolment__learner"
        ),
        request.user,
        can_see=permissions.can_see_submission,
        can_do=permissions.can_review_as_trainer,
        uuid=uuid,
        lesson__module__course=course,
    )
    lesson = submission.lesson
    criteria = assignments.rubric_of(lesson)
    form = ReviewForm(request.POST or None, criteria=criteria, trainer=True)
    open_ = assignments.is_latest(submission)
    if request.method == "POST":
        if not open_:
            raise ActionRefused
        if form.is_valid():
            try:
                assignments.review_as_trainer(
                    submission=submission,
                    trainer=request.user,
                    chosen=form.chosen(),
                    comment=form.cleaned_data["comment"],
                    accept=form.cleaned_data["decision"] == "accept",
                )
            except TransitionError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Your review is saved."))
            return redirect("courses:review_queue", slug=course.slug)
    return render(
        request,
        "courses/review_form.html",
        {
            "course": course,
            "lesson": lesson,
            "submission": submission,
            "text": render_markdown(submission.text),
            "reviews": [
                r for r in submission.reviews.select_related("reviewer") if r.is_done
            ],
            "peer": ReviewRole.PEER,
            "open": open_,
            "form": form,
            "trainer": True,
            "breadcrumbs": course_crumbs(
                course,
                (_("Edit the course"), reverse("courses:author", args=[course.slug])),
                (
                    _("Assignments to review"),
                    reverse("courses:review_queue", args=[course.slug]),
                ),
                (lesson.title, ""),
            ),
        },
        status=400 if form.is_bound else 200,
    )
