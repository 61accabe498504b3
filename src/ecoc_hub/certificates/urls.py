from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("issuer", views.issuer, name="issuer"),
    path("issuer/jwks.json", views.jwks_view, name="jwks"),
    path("status/revocation", views.status_list, name="status_list"),
    path("<str:code>/certificate.pdf", views.download_pdf, name="pdf"),
    path("<str:code>/credential.jwt", views.download_jwt, name="jwt"),
    path("<str:code>/credential.json", views.download_json, name="json"),
    path("<str:code>/manage/", views.manage, name="manage"),
    path("<str:code>/revoke", views.revoke_view, name="revoke"),
    path("<str:code>/reissue", views.reissue_view, name="reissue"),
]
