"""Profile photos, for backup and fixity (``core.storedfiles``).

Photos are re-encoded on upload and keep no checksum in the record, so fixity
compares each with the hash it found the last time.
"""

from __future__ import annotations

from collections.abc import Iterator

from ecoc_hub.core.storedfiles import StoredFile

from .models import User


def profile_photos() -> Iterator[StoredFile]:
    for name in User.objects.exclude(photo="").values_list("photo", flat=True):
        yield StoredFile(name=name)
