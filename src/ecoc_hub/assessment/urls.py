from django.urls import path

from .views import aggregates, answering, framework, result

app_name = "assessment"

urlpatterns = [
    path("", answering.index, name="index"),
    path("teams/<slug:slug>/", answering.team, name="team"),
    path("teams/<slug:slug>/start/", answering.start, name="start"),
    path("framework/", framework.current, name="framework"),
    path("framework/draft/", framework.start_draft, name="draft"),
    path("framework/versions/<int:number>/", framework.version_detail, name="version"),
    path(
        "framework/versions/<int:number>/statements/new/",
        framework.statement_edit,
        name="statement_new",
    ),
    path(
        "framework/versions/<int:number>/statements/<int:pk>/",
        framework.statement_edit,
        name="statement",
    ),
    path(
        "framework/versions/<int:number>/statements/<int:pk>/delete/",
        framework.statement_delete,
        name="statement_delete",
    ),
    path(
        "framework/versions/<int:number>/levels/<int:value>/",
        framework.level_edit,
        name="level",
    ),
    path(
        "framework/versions/<int:number>/publish/",
        framework.publish,
        name="publish",
    ),
    path("across-teams/", aggregates.aggregates, name="aggregates"),
    path(
        "across-teams/aggregates.csv",
        aggregates.aggregates_download,
        name="aggregates_csv",
    ),
    path("<uuid:uuid>/", answering.detail, name="detail"),
    path("<uuid:uuid>/parts/<str:letter>/", answering.part, name="part"),
    path("<uuid:uuid>/submit/", answering.submit, name="submit"),
    path("<uuid:uuid>/result/", result.result, name="result"),
    path("<uuid:uuid>/share/", result.share, name="share"),
    path("<uuid:uuid>/report.pdf", result.report, name="report"),
]
