from django.urls import path

from . import views

app_name = "podcasts"

urlpatterns = [
    path("", views.index, name="list"),
]
