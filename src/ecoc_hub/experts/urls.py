from django.urls import path

from . import views

app_name = "experts"

urlpatterns = [
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
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("reviews/<int:pk>/conflict/", views.review_conflict, name="review_conflict"),
    path("reviews/<int:pk>/cv/", views.review_cv, name="review_cv"),
]
