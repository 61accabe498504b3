"""Small pieces the accounts' services share."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.db import transaction


def _delete_file_after_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))
