from django.urls import path

from .views import manage, organise, programme, public, selection

app_name = "events"

urlpatterns = [
    path("", public.event_list, name="list"),
    path("speakers/<slug:slug>/", public.speaker_detail, name="speaker"),
    path("applications/<uuid:uuid>/", public.application_detail, name="application"),
    path(
        "applications/<uuid:uuid>/follow-up/",
        organise.follow_up,
        name="follow_up",
    ),
    path(
        "applications/<uuid:uuid>/<str:action>/",
        public.application_action,
        name="application_action",
    ),
    path("me/", public.dashboard, name="dashboard"),
    path("me/calendar/new/", public.new_feed_token, name="new_feed_token"),
    path("calendar/<str:token>.ics", public.personal_feed, name="feed"),
    path("sessions/<uuid:uuid>.ics", public.session_ics, name="session_ics"),
    path(
        "applications/<uuid:uuid>/decide/<str:action>/",
        organise.decide,
        name="decide",
    ),
    path("answers/<int:pk>/file/", organise.answer_file, name="answer_file"),
    path("new/", manage.create_event, name="create"),
    path("<slug:slug>/", public.event_detail, name="detail"),
    path("<slug:slug>/organise/overview/", manage.organise, name="organise"),
    path("<slug:slug>/organise/settings/", manage.event_settings, name="settings"),
    path("<slug:slug>/organise/organisers/", manage.organisers, name="organisers"),
    path(
        "<slug:slug>/organise/visibility/<str:action>/",
        manage.visibility,
        name="visibility",
    ),
    path("<slug:slug>/organise/programme/", programme.programme, name="programme"),
    path(
        "<slug:slug>/organise/programme/new/",
        programme.session_form,
        name="session_new",
    ),
    path(
        "<slug:slug>/organise/programme/<uuid:uuid>/",
        programme.session_form,
        name="session_edit",
    ),
    path(
        "<slug:slug>/organise/programme/<uuid:uuid>/delete/",
        programme.session_delete,
        name="session_delete",
    ),
    path(
        "<slug:slug>/organise/recordings/new/",
        programme.recording,
        name="recording",
    ),
    path("<slug:slug>/apply/", organise.apply, name="apply"),
    path("<slug:slug>/organise/", selection.selection, name="selection"),
    path("<slug:slug>/organise/send/", selection.send, name="send"),
    path("<slug:slug>/organise/form/", organise.questions, name="questions"),
    path("<slug:slug>/organise/form/preview/", organise.form_preview, name="preview"),
    path("<slug:slug>/organise/emails/", organise.emails, name="emails"),
    path(
        "<slug:slug>/organise/emails/<str:kind>/<str:language>/",
        organise.email,
        name="email",
    ),
    path("<slug:slug>/calendar.ics", public.event_ics, name="event_ics"),
]
