from __future__ import annotations

import os

import pytest
from hypothesis import settings as hypothesis_settings

from tests.factories import PASSWORD, UserFactory

# Property-based tests (hypothesis): bounded everywhere; in CI the same
# examples every run (derandomised, no example database), so a failure is
# reproducible from the log; "thorough" for a long hunt by hand:
# HYPOTHESIS_PROFILE=thorough pytest tests/library/test_index_invariant.py
hypothesis_settings.register_profile("default", max_examples=30, deadline=None)
hypothesis_settings.register_profile(
    "ci", max_examples=30, deadline=None, derandomize=True, database=None
)
hypothesis_settings.register_profile("thorough", max_examples=300, deadline=None)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI") else "default")
)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Every test writes its files into its own temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staging": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "staging", "base_url": None},
        },
    }


@pytest.fixture(scope="session")
def _certificate_keys(tmp_path_factory):
    return tmp_path_factory.mktemp("certificate-keys")


@pytest.fixture(autouse=True)
def _certificate_keys_in_tmp(settings, _certificate_keys):
    """One signing key for the whole run, never in the real data directory."""
    settings.ECOC_HUB_CERTIFICATE_KEY_DIR = str(_certificate_keys)


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request in French or German leaves that language active in the thread
    (LocaleMiddleware never deactivates it); the next test starts in English."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def member(db):
    return UserFactory(email="member@example.org", display_name="Mia Member")


@pytest.fixture
def outsider(db):
    return UserFactory(email="outsider@example.org", display_name="Otto Outsider")


@pytest.fixture
def curator(db):
    return UserFactory(
        email="curator@example.org", display_name="Cora Curator", roles=["curator"]
    )


@pytest.fixture
def admin_user(db):
    return UserFactory(
        email="admin@example.org",
        display_name="Ada Admin",
        is_staff=True,
        is_superuser=True,
    )


def _with_mfa(user):
    """Give a user a TOTP authenticator so MFA-gated views let them in."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def curator_client(client, curator):
    _with_mfa(curator)
    client.force_login(curator)
    return client


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
