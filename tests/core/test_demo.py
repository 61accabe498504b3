import io

import pytest
from django.core.management import CommandError, call_command

from ecoc_hub.accounts.models import Organisation
from ecoc_hub.core.management.commands.demo import DEMO_MODULES, demo_modules


def _snapshot() -> list[tuple]:
    return list(
        Organisation.objects.order_by("pk").values_list(
            "pk", "name", "slug", "kind", "title_id", "candidate_city", "description"
        )
    )


@pytest.mark.django_db
def test_demo_twice_changes_nothing_the_second_time():
    # The city teams only: each app's tests check its own demo content, and
    # the library's takes a minute to build.
    call_command("demo", "--app", "accounts", stdout=io.StringIO())
    first = _snapshot()

    out = io.StringIO()
    call_command("demo", "--app", "accounts", stdout=out)

    assert _snapshot() == first
    assert out.getvalue().startswith(
        "City teams: 0 created, 3 in the demo.\n"
        "Demo people: 0 created, 10 in the demo.\n"
        "Demo content is loaded.\n"
    )


def test_demo_refuses_an_unknown_app():
    with pytest.raises(CommandError) as raised:
        call_command("demo", "--app", "nowhere")

    assert "invalid choice: 'nowhere'" in str(raised.value)


def test_demo_loads_the_city_teams_first():
    assert DEMO_MODULES[0] == "ecoc_hub.accounts.demo"


def test_demo_skips_a_module_that_does_not_exist():
    modules = demo_modules(("ecoc_hub.accounts.demo", "ecoc_hub.cities.no_demo_here"))

    assert [module.__name__ for module in modules] == ["ecoc_hub.accounts.demo"]


def test_demo_skips_an_app_that_does_not_exist():
    assert demo_modules(("ecoc_hub_no_such_app.demo",)) == []


def test_demo_does_not_hide_an_import_error_inside_a_demo_module(tmp_path, monkeypatch):
    package = tmp_path / "brokenapp"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "demo.py").write_text("import module_that_is_not_installed_xyz\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    with pytest.raises(ModuleNotFoundError) as raised:
        demo_modules(("brokenapp.demo",))

    assert raised.value.name == "module_that_is_not_installed_xyz"
