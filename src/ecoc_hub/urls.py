from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from ecoc_hub.api.v1 import api as rest_api
from ecoc_hub.cities import views as cities_views
from ecoc_hub.core import views as core_views

urlpatterns = [
    path("health", core_views.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", cities_views.home, name="home"),
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("privacy/", core_views.privacy, name="privacy"),
    path("about/", core_views.about, name="about"),
    path("contact/", core_views.contact, name="contact"),
    path("legal-notice/", core_views.legal_notice, name="legal_notice"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("ecoc_hub.accounts.urls")),
    path("cities/", include("ecoc_hub.cities.urls")),
    path("library/", include("ecoc_hub.library.urls")),
    path("podcasts/", include("ecoc_hub.podcasts.urls")),
    path("academy/", include("ecoc_hub.events.attendance_urls")),
    path("academy/", include("ecoc_hub.events.feedback.urls")),
    path("academy/", include("ecoc_hub.events.urls")),
    path("learn/", include("ecoc_hub.courses.urls")),
    path("self-assessment/", include("ecoc_hub.assessment.urls")),
    path("experts/", include("ecoc_hub.experts.urls")),
    path("community/", include("ecoc_hub.community.urls")),
    path("search/", include("ecoc_hub.search.urls")),
    path("dashboard/", include("ecoc_hub.dashboard.urls")),
    path("certificates/", include("ecoc_hub.certificates.urls")),
    path("", include("ecoc_hub.api.urls")),
    path("api/", rest_api.urls),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "ecoc_hub.api.errors.bad_request"
handler403 = "ecoc_hub.api.errors.permission_denied"
handler404 = "ecoc_hub.api.errors.page_not_found"
handler500 = "ecoc_hub.api.errors.server_error"
