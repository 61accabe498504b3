"""The library as BagIt bags (RFC 8493), the format preservation services ingest.

One bag per resource, named by its UUID:

    bagit.txt  bag-info.txt  manifest-sha256.txt  tagmanifest-sha256.txt
    data/metadata/datacite.xml   DataCite 4 kernel
    data/metadata/dc.xml         Dublin Core (oai_dc)
    data/files/v<version>/<name> every version of every file, earliest first

Each bag is written under a temporary name and renamed when complete, so an
export cut short leaves no bag that looks whole.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import bagit
from django.db.models import QuerySet
from django.utils.text import get_valid_filename

from ecoc_hub.library.files import open_blob
from ecoc_hub.library.metadata import absolute, build_record, with_record_related
from ecoc_hub.library.models import Resource

from .queries import live_resources
from .xmlformats import datacite_element, oai_dc_element, to_bytes


def exportable(*, include_restricted: bool = False) -> QuerySet[Resource]:
    """Open records, or every published one (members-only and embargoed too)."""
    if include_restricted:
        queryset = Resource.objects.filter(state=Resource.State.PUBLISHED)
    else:
        queryset = live_resources()
    return with_record_related(queryset).order_by("pk")


def _file_name(original: str, taken: set[str]) -> str:
    name = get_valid_filename(Path(original).name)[:150] or "file"
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    taken.add(candidate)
    return candidate


def write_bag(resource: Resource, dest: Path) -> Path:
    """Write one resource's bag into ``dest``; return the bag's folder."""
    final = dest / f"ecoc-hub-{resource.uuid}"
    work = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=dest))
    try:
        metadata = work / "metadata"
        metadata.mkdir()
        # The full record: a preservation copy keeps every file, also those
        # that the public record leaves out.
        record = build_record(resource, include_files=False)
        (metadata / "datacite.xml").write_bytes(to_bytes(datacite_element(record)))
        (metadata / "dc.xml").write_bytes(to_bytes(oai_dc_element(record)))
        taken: dict[int, set[str]] = {}
        files = resource.files.select_related("blob").order_by("version", "pk")
        for file in files:
            folder = work / "files" / f"v{file.version}"
            folder.mkdir(parents=True, exist_ok=True)
            name = _file_name(file.original_name, taken.setdefault(file.version, set()))
            with open_blob(file.blob) as source, (folder / name).open("wb") as out:
                shutil.copyfileobj(source, out, 1024 * 1024)
        bagit.make_bag(
            str(work),
            bag_info={
                "Source-Organization": "ECoC Hub",
                "External-Identifier": str(resource.uuid),
                "External-Description": resource.title[:500],
                "Internal-Sender-Identifier": absolute(resource.get_absolute_url()),
            },
            checksums=["sha256"],
        )
        if final.exists():
            shutil.rmtree(final)
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return final


def export_bags(resources: Iterable[Resource], dest: Path) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    return [write_bag(resource, dest) for resource in resources]


def validate_bag(path: Path) -> Any:
    """Check a bag's manifests and checksums; raise ``bagit.BagValidationError``."""
    bag = bagit.Bag(str(path))
    bag.validate()
    return bag
