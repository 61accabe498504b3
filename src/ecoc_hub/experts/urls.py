from django.urls import path

from . import views

app_name = "experts"

urlpatterns = [
    path("", views.pool_list, name="pool"),
    path("pool/<slug:slug>/", views.pool_expert, name="pool_expert"),
    path("pool/<slug:slug>/contact/", views.pool_contact, name="pool_contact"),
    path("my-profile/", views.my_pool_profile, name="my_pool_profile"),
    path("my-profile/confirm/", views.pool_confirm, name="pool_confirm"),
    path("my-profile/availability/", views.pool_availability, name="pool_availability"),
    path("calls/", views.call_list, name="calls"),
    path("calls/<slug:slug>/", views.call_detail, name="call"),
    path("calls/<slug:slug>/apply/", views.apply, name="apply"),
    path("applications/", views.my_applications, name="my_applications"),
    path("applications/<uuid:uuid>/", views.application_detail, name="application"),
    path(
        "applications/<uuid:uuid>/edit/",
        views.application_edit,
        name="application_edit",
    ),
    path(
        "applications/<uuid:uuid>/check/",
        views.application_check,
        name="application_check",
    ),
    path(
        "applications/<uuid:uuid>/withdraw/",
        views.application_withdraw,
        name="application_withdraw",
    ),
    path("applications/<uuid:uuid>/cv/", views.application_cv, name="application_cv"),
    path("calls/<slug:slug>/manage/", views.call_manage, name="manage"),
    path(
        "calls/<slug:slug>/manage/assignment/",
        views.assignment_proposal,
        name="assignment",
    ),
    path(
        "calls/<slug:slug>/manage/assign/",
        views.assign_by_hand,
        name="assign_by_hand",
    ),
    path("calls/<slug:slug>/manage/ranking/", views.ranking_view, name="ranking"),
    path(
        "calls/<slug:slug>/manage/statistics/",
        views.round_statistics,
        name="statistics",
    ),
    path(
        "calls/<slug:slug>/manage/rounds/<int:number>/send/",
        views.decisions_send,
        name="decisions_send",
    ),
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/conflicts/", views.panel_conflicts, name="panel_conflicts"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("reviews/<int:pk>/conflict/", views.review_conflict, name="review_conflict"),
    path("reviews/<int:pk>/cv/", views.review_cv, name="review_cv"),
]

urlpatterns += [
    path("support/", views.support_list, name="support_list"),
    path("support/new/", views.support_new, name="support_new"),
    path("support/invitations/", views.invitations, name="invitations"),
    path("support/<uuid:uuid>/", views.support_detail, name="support"),
    path("support/<uuid:uuid>/edit/", views.support_edit, name="support_edit"),
    path("support/<uuid:uuid>/experts/", views.support_matches, name="support_matches"),
    path("support/<uuid:uuid>/invite/", views.support_invite, name="support_invite"),
    path("support/<uuid:uuid>/consent/", views.support_consent, name="support_consent"),
    path(
        "support/<uuid:uuid>/<slug:action>/",
        views.support_action,
        name="support_action",
    ),
    path(
        "support/assignments/<uuid:uuid>/",
        views.assignment_detail,
        name="assignment_detail",
    ),
    path(
        "support/assignments/<uuid:uuid>/messages/",
        views.assignment_message,
        name="assignment_message",
    ),
    path(
        "support/assignments/<uuid:uuid>/feedback/",
        views.assignment_feedback,
        name="assignment_feedback",
    ),
    path(
        "support/assignments/<uuid:uuid>/<slug:action>/",
        views.assignment_action,
        name="assignment_action",
    ),
]
