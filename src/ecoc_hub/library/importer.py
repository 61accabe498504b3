"""Bulk import of a CSV manifest (see docs/import.md).

Every row is validated on its own and written in its own transaction; rows are
matched by their ``identifier`` so that running the same manifest again
updates the records instead of duplicating them.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

from ecoc_hub.accounts.models import Organisation, User
from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.core.workflow import TransitionError

from . import services
from .files import StagedFile, UploadRejected, atomic_with_files, stage_upload
from .models import Creator, Resource
from .vocab import (
    isbn_is_valid,
    normalise_isbn,
    validate_countries,
    validate_doi,
    validate_languages,
)

COLUMNS = [
    "identifier",
    "title",
    "abstract",
    "creators",
    "type",
    "year",
    "languages",
    "capacity_areas",
    "cities",
    "countries",
    "licence",
    "access",
    "files",
    "doi",
    "isbn",
    "url",
]
REQUIRED = ["identifier", "title", "creators", "type", "year", "languages", "files"]
ORG_MARK = "(organisation)"
LICENCE_ALIASES = {
    str(label).lower(): value for value, label in Resource.Licence.choices
} | {value: value for value in Resource.Licence.values}
LICENCE_ALIASES |= {
    "cc0": "cc0-1.0",
    "public domain": "pdm-1.0",
    "pdm": "pdm-1.0",
}
TYPE_ALIASES = {str(label).lower(): value for value, label in Resource.Type.choices} | {
    value: value for value in Resource.Type.values
}


@dataclass
class RowResult:
    line: int
    identifier: str
    status: str = "ok"  # created | updated | unchanged | failed | valid
    errors: list[str] = field(default_factory=list)


@dataclass
class ParsedRow:
    identifier: str
    values: dict[str, Any]
    creators: list[services.CreatorData]
    capacity_areas: list[CapacityArea]
    titles: list[Title]
    teams: list[Organisation]
    files: list[Path]


def _split(value: str, sep: str = ";") -> list[str]:
    return [part.strip() for part in value.split(sep) if part.strip()]


def _city_and_year(label: str) -> tuple[str, int] | None:
    # "Mons 2015" -> ("Mons", 2015). One split at the last blank: a pattern
    # with two unbounded parts, like (.+?)\s+(\d{4}), backtracks over a long
    # run of blanks in quadratic time (issue 11, defect 4).
    parts = label.rsplit(maxsplit=1)
    if len(parts) != 2 or not re.fullmatch(r"\d{4}", parts[1]):
        return None
    return parts[0], int(parts[1])


def parse_row(
    row: dict[str, str], files_dir: Path
) -> tuple[ParsedRow | None, list[str]]:
    errors: list[str] = []
    get = {key: (row.get(key) or "").strip() for key in COLUMNS}
    for name in REQUIRED:
        if not get[name]:
            errors.append(f"{name}: required")
    year: int | None = None
    if get["year"]:
        if re.fullmatch(r"\d{4}", get["year"]) and 1900 <= int(get["year"]) <= 2100:
            year = int(get["year"])
        else:
            errors.append(f"year: {get['year']!r} is not a year between 1900 and 2100")
    resource_type = TYPE_ALIASES.get(get["type"].lower())
    if get["type"] and resource_type is None:
        errors.append(
            f"type: {get['type']!r} is not one of {', '.join(Resource.Type.values)}"
        )
    languages = [code.lower() for code in _split(get["languages"].replace(",", ";"))]
    countries = [code.upper() for code in _split(get["countries"].replace(",", ";"))]
    checks: list[tuple[str, Any, Any]] = [
        ("languages", languages, validate_languages),
        ("countries", countries, validate_countries),
        ("doi", get["doi"], validate_doi),
    ]
    for name, value, validator in checks:
        try:
            validator(value)
        except ValidationError as error:
            errors.append(f"{name}: {' '.join(error.messages)}")
    if get["isbn"] and not isbn_is_valid(get["isbn"]):
        errors.append(f"isbn: {get['isbn']!r} has a wrong check digit")
    licence = LICENCE_ALIASES.get(get["licence"].lower() or "all-rights-reserved")
    if licence is None:
        errors.append(f"licence: {get['licence']!r} is not a known licence")
    access_text = get["access"].lower() or "public"
    teams: list[Organisation] = []
    access = access_text
    if access_text.startswith("restricted:"):
        access = "restricted"
        slugs = _split(access_text.split(":", 1)[1], "|")
        teams = list(Organisation.objects.filter(slug__in=slugs))
        missing = set(slugs) - {team.slug for team in teams}
        if missing or not slugs:
            errors.append(f"access: unknown city teams {', '.join(sorted(missing))}")
    elif access_text not in {"public", "members"}:
        errors.append(
            "access: use public, members or restricted:team-slug|other-team-slug"
        )
    codes = _split(get["capacity_areas"])
    areas = list(CapacityArea.objects.filter(code__in=codes))
    if unknown := set(codes) - {area.code for area in areas}:
        errors.append(f"capacity_areas: unknown codes {', '.join(sorted(unknown))}")
    titles: list[Title] = []
    for label in _split(get["cities"]):
        city_year = _city_and_year(label)
        title = (
            Title.objects.filter(
                city__name__iexact=city_year[0], year=city_year[1]
            ).first()
            if city_year
            else None
        )
        if title is None:
            errors.append(f"cities: no European Capital of Culture {label!r}")
        else:
            titles.append(title)
    creators = []
    for name in _split(get["creators"]):
        kind = Creator.Kind.PERSON
        if name.lower().endswith(ORG_MARK):
            name = name[: -len(ORG_MARK)].strip()
            kind = Creator.Kind.ORGANISATION
        creators.append(services.CreatorData(name=name, kind=kind))
    paths = []
    root = files_dir.resolve()
    for relative in _split(get["files"]):
        path = (files_dir / relative).resolve()
        if not path.is_relative_to(root):
            errors.append(f"files: {relative!r} is outside the files directory")
        elif not path.is_file():
            errors.append(f"files: {relative!r} not found")
        else:
            paths.append(path)
    if len(get["title"]) > 300:
        errors.append("title: longer than 300 characters")
    if errors:
        return None, errors
    return (
        ParsedRow(
            identifier=get["identifier"],
            values={
                "title": get["title"],
                "abstract": get["abstract"],
                "publication_year": year,
                "resource_type": resource_type,
                "languages": languages,
                "countries": countries,
                "licence": licence,
                "access": access,
                "doi": get["doi"],
                "isbn": normalise_isbn(get["isbn"]) if get["isbn"] else "",
                "url": get["url"],
            },
            creators=creators,
            capacity_areas=areas,
            titles=titles,
            teams=teams,
            files=paths,
        ),
        [],
    )


def _stage_all(paths: list[Path]) -> list[StagedFile]:
    staged: list[StagedFile] = []
    try:
        for path in paths:
            with path.open("rb") as handle:
                staged.append(stage_upload(source=handle, filename=path.name))
    except BaseException:
        for item in staged:
            item.discard()
        raise
    return staged


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def import_row(parsed: ParsedRow, *, user: User | None, dry_run: bool) -> str:
    """Create or update one record; returns created, updated, unchanged or valid."""
    staged = _stage_all(parsed.files)  # validates every file by content
    if dry_run:
        for item in staged:
            item.discard()
        return "valid"
    try:
        with atomic_with_files():
            resource = (
                Resource.objects.select_for_update()
                .filter(identifier=parsed.identifier)
                .first()
            )
            created = resource is None
            if resource is None:
                resource = services.create_draft(
                    owner=user,
                    title=parsed.values["title"],
                    identifier=parsed.identifier,
                    values=parsed.values,
                    creators=parsed.creators,
                    capacity_areas=parsed.capacity_areas,
                    titles=parsed.titles,
                    allowed_organisations=parsed.teams,
                )
                changed = True
            else:
                if resource.state == Resource.State.WITHDRAWN:
                    raise TransitionError(
                        "the record was withdrawn; it is not re-imported"
                    )
                changed = (
                    services.update_metadata(
                        resource=resource,
                        editor=user,
                        values=parsed.values,
                        creators=parsed.creators,
                        capacity_areas=parsed.capacity_areas,
                        titles=parsed.titles,
                        allowed_organisations=parsed.teams,
                    )
                    is not None
                )
            current = {
                f.original_name: f
                for f in resource.files.filter(is_current=True).select_related("blob")
            }
            for item in staged:
                existing = current.get(item.original_name)
                if existing is None:
                    services.add_file(resource=resource, staged=item, uploaded_by=user)
                    changed = True
                elif existing.blob.sha256 != item.sha256:
                    services.replace_file(file=existing, staged=item, uploaded_by=user)
                    changed = True
                else:
                    item.discard()
            if resource.state != Resource.State.PUBLISHED:
                services.publish_directly(resource=resource, curator=user)
                changed = True
    finally:
        for item in staged:
            item.discard()
    if created:
        return "created"
    return "updated" if changed else "unchanged"


def read_manifest(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"The manifest lacks the columns: {', '.join(missing)}")
        for row in reader:
            yield reader.line_num, row


def run_import(
    manifest: Path,
    *,
    files_dir: Path,
    user: User | None,
    dry_run: bool,
    progress: Any = None,
) -> list[RowResult]:
    rows = list(read_manifest(manifest))
    results: list[RowResult] = []
    seen: set[str] = set()
    for line, row in rows:
        identifier = (row.get("identifier") or "").strip()
        result = RowResult(line=line, identifier=identifier)
        if identifier and identifier in seen:
            result.status = "failed"
            result.errors.append("identifier: appears twice in the manifest")
        else:
            seen.add(identifier)
            parsed, errors = parse_row(row, files_dir)
            if parsed is None:
                result.status = "failed"
                result.errors = errors
            else:
                try:
                    result.status = import_row(parsed, user=user, dry_run=dry_run)
                except UploadRejected as error:
                    result.status = "failed"
                    result.errors.append(f"files: {error.message}")
                except TransitionError as error:
                    result.status = "failed"
                    result.errors.append(error.message)
                except ValidationError as error:
                    result.status = "failed"
                    result.errors.extend(error.messages)
        results.append(result)
        if progress is not None:
            progress()
    return results
