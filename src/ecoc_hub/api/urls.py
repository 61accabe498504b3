from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from . import feeds, oai, views
from .sitemaps import index as sitemap_index
from .sitemaps import sitemaps

app_name = "api"

urlpatterns = [
    # The REST API itself is mounted under api/ after this; this page is its home.
    path(
        "api/",
        require_GET(TemplateView.as_view(template_name="api/home.html")),
        name="home",
    ),
    path("oai", oai.oai_view, name="oai"),
    path(
        "library/r/<uuid:uuid>/-/export/<str:fmt>",
        views.resource_export,
        name="resource_export",
    ),
    path("library/r/<uuid:uuid>/-/linkset.json", views.linkset_view, name="linkset"),
    path("library/export/<str:fmt>", views.search_export, name="search_export"),
    path("library/feeds/new.rss", feeds.NewResourcesFeed(), name="feed_rss"),
    path("library/feeds/new.atom", feeds.NewResourcesAtomFeed(), name="feed_atom"),
    path("library/feeds/search.rss", feeds.SearchFeed(), name="search_rss"),
    path("library/feeds/search.atom", feeds.SearchAtomFeed(), name="search_atom"),
    path("me/api-tokens/", views.tokens, name="tokens"),
    path("me/api-tokens/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": sitemaps()},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps()},
        name="sitemap_section",
    ),
]
