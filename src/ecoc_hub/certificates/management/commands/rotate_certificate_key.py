from typing import Any

from django.core.management.base import BaseCommand

from ecoc_hub.certificates.keys import all_keys, create_key


class Command(BaseCommand):
    help = (
        "Create a new Ed25519 key for signing certificates. Older keys stay "
        "published in the JWKS, so credentials signed with them still verify."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        key = create_key()
        self.stdout.write(f"New signing key {key.kid} ({len(all_keys())} published).")
