"""Profile photos, for backup and fixity (``core.storedfiles``).

Photos are re-encoded on upload and keep no checksum in the record, so fixity
compares each with the hash it found the last time.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ecoc_hub.core.storedfiles import StoredFile

from .models import User
from .privacy import PersonalFile, stored_size


def profile_photos() -> Iterator[StoredFile]:
    for name in User.objects.exclude(photo="").values_list("photo", flat=True):
        yield StoredFile(name=name)


def profile_photo_of(user: User) -> Iterator[PersonalFile]:
    """The person's photo, for their ZIP (as the site keeps it: re-encoded)."""
    if user.photo:
        name = user.photo.name or ""
        yield PersonalFile(
            path=f"profile/{posixpath.basename(name)}",
            storage_name=name,
            size=stored_size(user.photo),
            about={"what": "profile photo"},
        )
