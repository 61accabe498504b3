from django.urls import path

from .views import (
    assignments,
    authoring,
    cohort,
    cover,
    deletion,
    lessons,
    media,
    outline,
    public,
    questions,
    transfer,
)

app_name = "courses"

urlpatterns = [
    path("", public.course_list, name="list"),
    path("mine/", public.my_courses, name="mine"),
    path("new/", authoring.create_course, name="create"),
    path("import/", transfer.course_import, name="import"),
    path("<slug:slug>/", public.course_detail, name="detail"),
    path("<slug:slug>/enrol/", public.enrol, name="enrol"),
    path("<slug:slug>/leave/", public.withdraw, name="withdraw"),
    path("<slug:slug>/continue/", public.continue_course, name="continue"),
    path("<slug:slug>/lessons/<int:pk>/", lessons.lesson_detail, name="lesson"),
    path("<slug:slug>/lessons/<int:pk>/attempt/", lessons.attempt, name="attempt"),
    # Video and audio lessons (issue 14, media lessons).
    path(
        "<slug:slug>/lessons/<int:pk>/media/", media.lesson_media, name="lesson_media"
    ),
    path(
        "<slug:slug>/lessons/<int:pk>/captions.vtt",
        media.lesson_captions,
        name="lesson_captions",
    ),
    path(
        "<slug:slug>/lessons/<int:pk>/played/",
        media.lesson_played,
        name="lesson_played",
    ),
    # Assignments (issue 14): handing in, peer and trainer reviews.
    path("<slug:slug>/lessons/<int:pk>/submit/", assignments.submit, name="submit"),
    path(
        "<slug:slug>/submissions/<uuid:uuid>/file/",
        assignments.submission_file,
        name="submission_file",
    ),
    path("<slug:slug>/reviews/<int:pk>/", assignments.peer_review, name="peer_review"),
    path(
        "<slug:slug>/edit/submissions/",
        assignments.review_queue,
        name="review_queue",
    ),
    path(
        "<slug:slug>/edit/submissions/<uuid:uuid>/",
        assignments.trainer_review,
        name="trainer_review",
    ),
    path("<slug:slug>/certificate/", lessons.claim_certificate, name="certificate"),
    path("<slug:slug>/cover/", cover.cover_image, name="cover"),
    path("<slug:slug>/edit/", authoring.author, name="author"),
    path("<slug:slug>/edit/export.zip", transfer.course_export, name="export"),
    path("<slug:slug>/edit/cover/", cover.cover_form, name="cover_edit"),
    path("<slug:slug>/edit/settings/", authoring.course_settings, name="settings"),
    path("<slug:slug>/edit/trainers/", authoring.course_trainers, name="trainers"),
    path("<slug:slug>/edit/state/<str:action>/", authoring.course_state, name="state"),
    path("<slug:slug>/edit/modules/new/", authoring.module_form, name="module_new"),
    path("<slug:slug>/edit/modules/<int:pk>/", authoring.module_form, name="module"),
    path(
        "<slug:slug>/edit/modules/<int:pk>/delete/",
        deletion.module_delete,
        name="module_delete",
    ),
    path(
        "<slug:slug>/edit/modules/<int:pk>/move/",
        outline.module_move,
        name="module_move",
    ),
    path(
        "<slug:slug>/edit/modules/<int:module>/lessons/new/",
        authoring.lesson_form,
        name="lesson_new",
    ),
    path(
        "<slug:slug>/edit/lessons/<int:pk>/", authoring.lesson_form, name="lesson_edit"
    ),
    path(
        "<slug:slug>/edit/lessons/<int:pk>/delete/",
        deletion.lesson_delete,
        name="lesson_delete",
    ),
    path(
        "<slug:slug>/edit/lessons/<int:pk>/move/",
        outline.lesson_move,
        name="lesson_move",
    ),
    path(
        "<slug:slug>/edit/lessons/<int:pk>/move-to/",
        outline.lesson_move_to,
        name="lesson_move_to",
    ),
    path("<slug:slug>/edit/outline/", outline.outline_order, name="outline_order"),
    path(
        "<slug:slug>/edit/lessons/<int:pk>/questions/new/",
        questions.question_form,
        name="question_new",
    ),
    path(
        "<slug:slug>/edit/questions/<int:question>/",
        questions.question_form,
        name="question",
    ),
    path(
        "<slug:slug>/edit/questions/<int:question>/delete/",
        deletion.question_delete,
        name="question_delete",
    ),
    path("<slug:slug>/edit/learners/", authoring.enrolments, name="enrolments"),
    path("<slug:slug>/edit/analytics/", authoring.course_analytics, name="analytics"),
    path("<slug:slug>/edit/learners.csv", authoring.learners_csv, name="learners_csv"),
    path(
        "<slug:slug>/edit/learners/<uuid:uuid>/<str:action>/",
        authoring.decide,
        name="decide",
    ),
    # Cohorts (issue 14): live sessions that are events webinars.
    path("<slug:slug>/edit/live/", cohort.live_sessions, name="live_sessions"),
    path(
        "<slug:slug>/edit/live/<int:pk>/remove/",
        cohort.live_session_remove,
        name="live_session_remove",
    ),
    # Versions (issue 14): release records with their ZIP snapshots.
    path("<slug:slug>/edit/versions/", cohort.course_versions, name="versions"),
    path(
        "<slug:slug>/edit/versions/<int:number>.zip",
        cohort.version_snapshot,
        name="version_snapshot",
    ),
]
