"""Citation and metadata exports: Dublin Core XML, DataCite XML, CSL-JSON,
BibTeX, RIS, and CSV for lists, from ``ResourceRecord``s."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ecoc_hub.library.metadata import EXPORT_MEDIA_TYPES, ResourceRecord

from .xmlformats import datacite_element, oai_dc_element


@dataclass(frozen=True)
class ExportFormat:
    media_type: str
    extension: str
    render: Callable[[Sequence[ResourceRecord]], bytes]
    lists: bool = True  # False: one record per document


def _xml_list(
    records: Sequence[ResourceRecord], build: Callable[[ResourceRecord], ET.Element]
) -> bytes:
    if len(records) == 1:
        return ET.tostring(build(records[0]), encoding="utf-8", xml_declaration=True)
    root = ET.Element("records")
    for record in records:
        root.append(build(record))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def dublin_core(records: Sequence[ResourceRecord]) -> bytes:
    return _xml_list(records, oai_dc_element)


def datacite(records: Sequence[ResourceRecord]) -> bytes:
    return _xml_list(records, datacite_element)


def _csl_name(record: ResourceRecord, index: int) -> dict[str, str]:
    creator = record.creators[index]
    if not creator.is_person:
        return {"literal": creator.name}
    family, given = creator.family_given
    return {"family": family, "given": given} if given else {"family": family}


def csl_item(record: ResourceRecord) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": record.uuid,
        "type": record.csl_type,
        "title": record.title,
        "author": [_csl_name(record, i) for i in range(len(record.creators))],
        "URL": record.landing_url,
        "genre": record.resource_type_label,
    }
    if record.date:
        item["issued"] = {
            "date-parts": [[record.date.year, record.date.month, record.date.day]]
        }
    elif record.year:
        item["issued"] = {"date-parts": [[record.year]]}
    optional = {
        "publisher": record.publisher,
        "abstract": record.abstract,
        "language": record.languages[0] if record.languages else "",
        "DOI": record.doi,
        "ISBN": record.isbn,
        "keyword": ", ".join(record.subjects),
    }
    item.update({key: value for key, value in optional.items() if value})
    return item


def csl_json(records: Sequence[ResourceRecord]) -> bytes:
    return json.dumps(
        [csl_item(r) for r in records], ensure_ascii=False, indent=2
    ).encode()


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in " ".join(text.split()))


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]", "", folded)


def bibtex_key(record: ResourceRecord) -> str:
    first = record.creators[0].family_given[0] if record.creators else "ecochub"
    word = next(iter(record.title.split()), "")
    return (
        f"{_ascii_word(first).lower() or 'ecochub'}{record.year or ''}"
        f"{_ascii_word(word).lower()}{record.uuid[:4]}"
    )


def _bibtex_author(record: ResourceRecord, index: int) -> str:
    creator = record.creators[index]
    if not creator.is_person:
        # Braces keep an organisation's name whole instead of "Last, First".
        return "{" + _bibtex_escape(creator.name) + "}"
    family, given = (_bibtex_escape(part) for part in creator.family_given)
    return f"{family}, {given}" if given else family


def bibtex_entry(record: ResourceRecord) -> str:
    fields: list[tuple[str, str]] = [("title", record.title)]
    authors = " and ".join(
        _bibtex_author(record, i) for i in range(len(record.creators))
    )
    if record.year:
        fields.append(("year", str(record.year)))
    if record.date:
        fields.append(("month", str(record.date.month)))
    if record.publisher:
        key = "institution" if record.bibtex_type == "techreport" else "publisher"
        fields.append((key, record.publisher))
    elif record.bibtex_type == "techreport":
        fields.append(("institution", "ECoC Hub"))
    if record.bibtex_type == "techreport":
        fields.append(("type", record.resource_type_label))
    else:
        fields.append(("howpublished", record.resource_type_label))
    optional = [
        ("doi", record.doi),
        ("isbn", record.isbn),
        ("url", record.landing_url),
        ("language", ", ".join(record.languages)),
        ("abstract", record.abstract),
        ("keywords", ", ".join(record.subjects)),
        ("copyright", record.licence_label),
    ]
    fields += [(name, value) for name, value in optional if value]
    values = [(name, _bibtex_escape(value)) for name, value in fields]
    if authors:
        values.insert(1, ("author", authors))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in values)
    return f"@{record.bibtex_type}{{{bibtex_key(record)},\n{body}\n}}\n"


def bibtex(records: Sequence[ResourceRecord]) -> bytes:
    return "\n".join(bibtex_entry(r) for r in records).encode()


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}\r\n"


def ris_entry(record: ResourceRecord) -> str:
    lines = [_ris_line("TY", record.ris_type), _ris_line("TI", record.title)]
    for creator in record.creators:
        family, given = creator.family_given
        name = f"{family}, {given}" if creator.is_person and given else creator.name
        lines.append(_ris_line("AU", name))
    if record.year:
        lines.append(_ris_line("PY", str(record.year)))
    if record.date:
        lines.append(_ris_line("DA", record.date.strftime("%Y/%m/%d")))
    if record.publisher:
        lines.append(_ris_line("PB", record.publisher))
    if record.languages:
        # RIS holds one language; the main one.
        lines.append(_ris_line("LA", record.languages[0]))
    if record.abstract:
        lines.append(_ris_line("AB", record.abstract))
    for subject in record.subjects:
        lines.append(_ris_line("KW", subject))
    if record.doi:
        lines.append(_ris_line("DO", record.doi))
    if record.isbn:
        lines.append(_ris_line("SN", record.isbn))
    lines.append(_ris_line("UR", record.landing_url))
    lines += [_ris_line("L1", f.url) for f in record.files]
    lines.append(_ris_line("M3", record.resource_type_label))
    lines.append("ER  - \r\n")
    return "".join(lines)


def ris(records: Sequence[ResourceRecord]) -> bytes:
    return "\r\n".join(ris_entry(r) for r in records).encode()


CSV_COLUMNS = [
    "uuid",
    "title",
    "creators",
    "year",
    "type",
    "languages",
    "capacity_areas",
    "title_cities",
    "publisher",
    "licence",
    "doi",
    "isbn",
    "url",
]


def _csv_cell(value: str) -> str:
    # A cell starting with a formula character is shown as text by
    # spreadsheets only when prefixed (CSV injection).
    return "'" + value if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


def csv_table(records: Sequence[ResourceRecord]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for r in records:
        row = [
            r.uuid,
            r.title,
            "; ".join(c.name for c in r.creators),
            str(r.year or ""),
            r.resource_type,
            "; ".join(r.languages),
            "; ".join(code for code, _name in r.capacity_areas),
            "; ".join(f"{slug}-{year}" for _c, slug, year in r.titles),
            r.publisher,
            r.licence,
            r.doi,
            r.isbn,
            r.landing_url,
        ]
        writer.writerow([_csv_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


FORMATS: dict[str, ExportFormat] = {
    "dc.xml": ExportFormat(EXPORT_MEDIA_TYPES["dc.xml"], "xml", dublin_core),
    "datacite.xml": ExportFormat(EXPORT_MEDIA_TYPES["datacite.xml"], "xml", datacite),
    "csl.json": ExportFormat(EXPORT_MEDIA_TYPES["csl.json"], "json", csl_json),
    "bib": ExportFormat(EXPORT_MEDIA_TYPES["bib"], "bib", bibtex),
    "ris": ExportFormat(EXPORT_MEDIA_TYPES["ris"], "ris", ris),
    "csv": ExportFormat(EXPORT_MEDIA_TYPES["csv"], "csv", csv_table),
}
RESOURCE_FORMATS = ["dc.xml", "datacite.xml", "csl.json", "bib", "ris"]
