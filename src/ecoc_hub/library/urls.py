from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("", views.index, name="list"),
    path("r/<uuid:uuid>/", views.resource_detail, name="resource_short"),
    path("r/<uuid:uuid>/<slug:slug>/", views.resource_detail, name="resource"),
    path("r/<uuid:uuid>/-/report/", views.report, name="report"),
    path("r/<uuid:uuid>/-/withdraw/", views.withdraw, name="withdraw"),
    path("files/<uuid:uuid>/view/", views.file_viewer, name="viewer"),
    path("files/<uuid:uuid>/thumbnail.png", views.file_thumbnail, name="thumbnail"),
    path("files/<uuid:uuid>/new-version/", views.file_new_version, name="new_version"),
    path("files/<uuid:uuid>/<path:name>", views.file_download, name="file"),
    path("contribute/", views.deposit_start, name="deposit"),
    path(
        "contribute/<uuid:uuid>/description/",
        views.deposit_metadata,
        name="deposit_metadata",
    ),
    path("contribute/<uuid:uuid>/files/", views.deposit_files, name="deposit_files"),
    path(
        "contribute/<uuid:uuid>/files/<uuid:file_uuid>/remove/",
        views.deposit_remove_file,
        name="deposit_remove_file",
    ),
    path("contribute/<uuid:uuid>/access/", views.deposit_access, name="deposit_access"),
    path("contribute/<uuid:uuid>/review/", views.deposit_review, name="deposit_review"),
    path("mine/", views.my_contributions, name="mine"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/reports/", views.report_list, name="reports"),
    path(
        "moderation/reports/<int:pk>/resolve/",
        views.resolve_report,
        name="resolve_report",
    ),
    path("moderation/<uuid:uuid>/", views.moderate, name="moderate"),
    path("collections/", views.collection_list, name="collections"),
    path("collections/new/", views.collection_edit, name="collection_new"),
    path("collections/<slug:slug>/", views.collection_detail, name="collection"),
    path(
        "collections/<slug:slug>/edit/", views.collection_edit, name="collection_edit"
    ),
]
