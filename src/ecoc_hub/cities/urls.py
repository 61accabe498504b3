from django.urls import path

from . import views

app_name = "cities"

urlpatterns = [
    path("", views.title_list, name="list"),
    path("criteria/", views.criteria, name="criteria"),
    path("capacity-areas/<slug:code>/", views.capacity_area, name="capacity_area"),
    path("<slug:slug>/", views.city, name="city"),
    path("<slug:slug>/<int:year>/", views.title, name="title"),
]
