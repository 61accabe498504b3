"""The environment helpers of settings.py (core/env.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from ecoc_hub import settings


def test_env_int_reads_a_whole_number(monkeypatch):
    monkeypatch.setenv("ECOC_HUB_TEST_NUMBER", " 42 ")

    assert settings._env_int("ECOC_HUB_TEST_NUMBER", 7) == 42


@pytest.mark.parametrize("value", [None, ""])
def test_env_int_gives_the_default_when_unset_or_empty(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("ECOC_HUB_TEST_NUMBER", raising=False)
    else:
        monkeypatch.setenv("ECOC_HUB_TEST_NUMBER", value)

    assert settings._env_int("ECOC_HUB_TEST_NUMBER", 7) == 7


def test_env_int_names_the_variable_that_is_not_a_number(monkeypatch):
    monkeypatch.setenv("ECOC_HUB_TEST_NUMBER", "12 MB")

    with pytest.raises(ImproperlyConfigured) as raised:
        settings._env_int("ECOC_HUB_TEST_NUMBER", 7)

    assert (
        str(raised.value) == "ECOC_HUB_TEST_NUMBER must be a whole number, not '12 MB'."
    )


def test_testing_is_read_once_from_pytest():
    assert settings.TESTING is True


def test_env_lines_splits_newlines_and_literal_backslash_n(monkeypatch):
    monkeypatch.setenv("ECOC_HUB_TEST_LINES", "1 Main Street\\n 90100 Oulu \n\nFinland")

    assert settings._env_lines("ECOC_HUB_TEST_LINES") == [
        "1 Main Street",
        "90100 Oulu",
        "Finland",
    ]
