"""Structural guard: a file chosen in a form must survive the form's failed
validation (core.uploads). Every form of the project that takes a file uses
a ``StagedFileField`` on a ``StagedUploadsMixin`` form, built in its view with
``session=request.session``; a plain ``forms.FileField`` / ``ImageField``
makes the person choose the file again after any other field's error."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

from django import forms

import ecoc_hub
from ecoc_hub.core.uploads import StagedFileField, StagedUploadsMixin

SRC = Path(ecoc_hub.__file__).parent

# Only where staging makes no sense, each with its reason.
ALLOWED = {
    # The archive is the form's only field: every error the form can show is
    # about the archive itself, so there is never a valid file to keep.
    "ecoc_hub.courses.forms_transfer.ImportCourseForm.archive",
}


def _form_modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages([str(SRC)], prefix="ecoc_hub.")
        if "forms" in info.name.rsplit(".", 1)[-1]
    )


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def _project_forms() -> list[type[forms.BaseForm]]:
    for name in _form_modules():
        importlib.import_module(name)
    return sorted(
        (
            cls
            for cls in _subclasses(forms.BaseForm)
            if cls.__module__.startswith("ecoc_hub.") and hasattr(cls, "base_fields")
        ),
        key=lambda c: f"{c.__module__}.{c.__qualname__}",
    )


def test_the_walk_finds_the_forms_modules_and_their_forms():
    modules = _form_modules()
    assert "ecoc_hub.courses.forms_assignments" in modules
    assert "ecoc_hub.events.organise_forms" in modules
    names = {f"{c.__module__}.{c.__qualname__}" for c in _project_forms()}
    assert "ecoc_hub.courses.forms.MediaLessonForm" in names
    assert "ecoc_hub.community.forms.ThreadForm" in names


def test_every_declared_file_field_is_staged_on_a_staging_form():
    offenders = []
    for cls in _project_forms():
        for name, field in cls.base_fields.items():
            if not isinstance(field, forms.FileField):
                continue
            where = f"{cls.__module__}.{cls.__qualname__}.{name}"
            if where in ALLOWED:
                continue
            if not isinstance(field, StagedFileField):
                offenders.append(f"{where}: a plain {type(field).__name__}")
            elif not issubclass(cls, StagedUploadsMixin):
                offenders.append(f"{where}: the form lacks StagedUploadsMixin")
    assert offenders == [], (
        "Use core.uploads.StagedFileField on a StagedUploadsMixin form (see its "
        "docstring), or add the field to ALLOWED with the reason:\n"
        + "\n".join(offenders)
    )


PLAIN = re.compile(r"\bforms\.(FileField|ImageField)\(")


def test_no_plain_file_field_is_built_in_code_either():
    """Fields added in a form's ``__init__`` escape the class check: no code
    of the project builds a plain one (subclassing is how a staged field is
    made, so ``core/uploads.py`` itself is left out)."""
    offenders = [
        f"{path.relative_to(SRC)}:{number}"
        for path in sorted(SRC.rglob("*.py"))
        if path != SRC / "core" / "uploads.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if PLAIN.search(line)
    ]
    transfer = "courses/forms_transfer.py"
    assert [o for o in offenders if not o.startswith(transfer)] == []
