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
]
