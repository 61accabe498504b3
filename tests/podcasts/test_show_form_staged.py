"""The show form keeps checked artwork when another field is invalid."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from ecoc_hub.podcasts.models import Show
from tests.staging import already_uploaded, staged_tokens, still_staged

from .conftest import png_bytes
from .test_manage import _show_data


def test_the_artwork_is_kept_when_the_slug_is_refused(curator_client, db):
    artwork = SimpleUploadedFile("art.png", png_bytes(), content_type="image/png")

    first = curator_client.post(
        "/podcasts/manage/shows/new/", _show_data(slug="manage", artwork_file=artwork)
    )

    assert first.context["form"].errors == {
        "slug": ["This slug is reserved; choose another."]
    }
    assert already_uploaded(first)[0].startswith("Already uploaded: art.png, ")
    tokens = staged_tokens(first, "artwork_file")

    second = curator_client.post(
        "/podcasts/manage/shows/new/", _show_data(**{"artwork_file-staged": tokens[0]})
    )

    assert second.status_code == 302
    assert len(Show.objects.get().artwork_sha256) == 64
    assert still_staged(tokens) == [False]
