from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("<slug:slug>/feedback/", views.answer, name="answer"),
    path("<slug:slug>/organise/feedback/", views.manage, name="manage"),
    path(
        "<slug:slug>/organise/feedback/state/<str:action>/",
        views.change_state,
        name="state",
    ),
    path(
        "<slug:slug>/organise/feedback/questions/new/",
        views.question,
        name="question_new",
    ),
    path(
        "<slug:slug>/organise/feedback/questions/<int:pk>/",
        views.question,
        name="question_edit",
    ),
    path(
        "<slug:slug>/organise/feedback/questions/<int:pk>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path("<slug:slug>/organise/feedback/summary/", views.summary, name="summary"),
    path(
        "<slug:slug>/organise/feedback/summary.csv",
        views.summary_download,
        name="summary_csv",
    ),
]
