"""A person's profile and preferred language."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from ..models import (
    User,
)
from ..photos import CleanPhoto
from .common import _delete_file_after_commit


@transaction.atomic
def update_profile(
    *,
    user: User,
    display_name: str,
    organisation_name: str,
    languages: list[str],
    bio: str,
    visibility: str,
    photo: CleanPhoto | None = None,
    remove_photo: bool = False,
) -> User:
    user.display_name = display_name
    user.organisation_name = organisation_name
    user.languages = sorted(set(languages))
    user.bio = bio
    user.visibility = visibility
    old_photo = user.photo.name if user.photo else ""
    if photo is not None:
        user.photo.save(photo.name, ContentFile(photo.content), save=False)
    elif remove_photo:
        user.photo = ""
    user.save()
    new_photo = user.photo.name if user.photo else ""
    if old_photo and old_photo != new_photo:
        _delete_file_after_commit(old_photo)
    return user


def save_preferred_language(*, user: User, language: str) -> None:
    if language in dict(settings.LANGUAGES) and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
