from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("figures.csv", views.all_csv, name="all_csv"),
    path("report.pdf", views.report, name="report"),
    path("<str:key>.csv", views.figure_csv, name="figure_csv"),
]
