"""The framework's versions: the shipped first version, drafts, publishing.

A published version never changes, so an assessment always shows the
statements and the scale it was answered on. Curators change the framework
by starting a draft (a copy of the newest published version), editing it in
the browser and publishing it; new assessments then use it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.workflow import TransitionError, transition

from .enums import LEVELS, VersionState
from .models import FrameworkVersion, Level, Statement

if TYPE_CHECKING:
    from ecoc_hub.accounts.models import User

DATA = Path(__file__).resolve().parent / "data" / "framework.json"
LANGS = ("en", "fr", "de")


def read_framework_data() -> dict[str, Any]:
    with DATA.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def load_first_version(apps: Any = None) -> bool:
    """Create and publish version 1 from data/framework.json when no version
    exists yet (the data migration calls it); returns whether it did."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    version_model = apps.get_model("assessment", "FrameworkVersion")
    if version_model.objects.exists():
        return False
    area_model = apps.get_model("cities", "CapacityArea")
    level_model = apps.get_model("assessment", "Level")
    statement_model = apps.get_model("assessment", "Statement")
    data = read_framework_data()
    version = version_model.objects.create(
        number=1,
        state=VersionState.PUBLISHED,
        note=data["note"]["en"],
        published_at=timezone.now(),
    )
    for level in data["levels"]:
        level_model.objects.create(
            version=version,
            value=level["value"],
            **{f"name_{lang}": level["name"][lang] for lang in LANGS},
            **{f"description_{lang}": level["description"][lang] for lang in LANGS},
        )
    areas = {area.code: area for area in area_model.objects.all()}
    for code, statements in data["statements"].items():
        for position, text in enumerate(statements):
            statement_model.objects.create(
                version=version,
                area=areas[code],
                position=position,
                **{f"text_{lang}": text[lang] for lang in LANGS},
            )
    return True


def current_version() -> FrameworkVersion | None:
    """The newest published version: what a new assessment is answered on."""
    return (
        FrameworkVersion.objects.filter(state=VersionState.PUBLISHED)
        .order_by("-number")
        .first()
    )


def draft_version() -> FrameworkVersion | None:
    return FrameworkVersion.objects.filter(state=VersionState.DRAFT).first()


def _editable(version: FrameworkVersion) -> None:
    if version.state != VersionState.DRAFT:
        raise TransitionError(
            _("A published version cannot be changed. Start a new draft."),
            code="published",
        )


@transaction.atomic
def start_draft(*, curator: User) -> FrameworkVersion:
    """A draft copied from the newest published version (or the open draft)."""
    if existing := draft_version():
        return existing
    source = current_version()
    number = (FrameworkVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = FrameworkVersion.objects.create(number=number, state=VersionState.DRAFT)
    if source is not None:
        for level in source.levels.all():
            level.pk = None
            level.version = draft
            level.save()
        for statement in source.statements.all():
            statement.pk = None
            statement.version = draft
            statement.save()
    else:
        for value in LEVELS:
            Level.objects.create(
                version=draft,
                value=value,
                **{f"name_{lang}": str(value) for lang in LANGS},
                **{f"description_{lang}": str(value) for lang in LANGS},
            )
    return draft


@transaction.atomic
def save_statement(
    *,
    version: FrameworkVersion,
    statement: Statement | None,
    values: dict[str, Any],
) -> Statement:
    """Create or change a statement of a draft (``values``: area, position,
    text_en, text_fr, text_de)."""
    locked = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    _editable(locked)
    if statement is None:
        statement = Statement(version=locked)
    elif statement.version_id != locked.pk:
        raise TransitionError(_("This statement is not in the draft."))
    for name, value in values.items():
        setattr(statement, name, value)
    statement.save()
    return statement


@transaction.atomic
def delete_statement(*, statement: Statement) -> None:
    locked = FrameworkVersion.objects.select_for_update().get(pk=statement.version_id)
    _editable(locked)
    statement.delete()


@transaction.atomic
def save_level(*, level: Level, values: dict[str, Any]) -> Level:
    locked = FrameworkVersion.objects.select_for_update().get(pk=level.version_id)
    _editable(locked)
    for name, value in values.items():
        setattr(level, name, value)
    level.save()
    return level


def missing_areas(version: FrameworkVersion) -> list[Any]:
    """Capacity areas the version has no statement for."""
    from ecoc_hub.cities.models import CapacityArea

    return list(
        CapacityArea.objects.exclude(
            pk__in=version.statements.values("area")
        ).select_related("criterion")
    )


def check_publishable(version: FrameworkVersion) -> None:
    """The publish transition's check: every capacity area has a statement."""
    if missing := missing_areas(version):
        raise TransitionError(
            _("Every capacity area needs at least one statement. Missing: %(areas)s.")
            % {"areas": ", ".join(area.display_name for area in missing)},
            code="incomplete",
        )


def apply_publish(version: FrameworkVersion, comment: str) -> list[str]:
    version.note = comment
    version.published_at = timezone.now()
    return ["note", "published_at"]


def publish_version(
    *, version: FrameworkVersion, curator: User | None, note: str
) -> FrameworkVersion:
    """Publish a draft (core.workflow: ``publish``, the note is its comment)."""
    outcome = transition(version, "publish", actor=curator, comment=note)
    published: FrameworkVersion = outcome.obj
    return published
