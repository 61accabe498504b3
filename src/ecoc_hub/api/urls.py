from django.urls import path

from . import oai

app_name = "api"

urlpatterns = [
    path("oai", oai.oai_view, name="oai"),
]
