"""Pool experts in the site search: one public document per listed expert
with their public text (name, headline, bio, areas, profiles, languages);
an unlisted or departed expert is removed."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core import roles
from ecoc_hub.search.registry import register_facet, register_indexer
from ecoc_hub.search.services import Passage, index_document, remove_document

from .enums import Profile, language_label
from .pool_models import PoolExpert

KIND = "experts.expert"
TYPE = "expert"


def public_entries() -> QuerySet[PoolExpert]:
    """The SQL twin of ``permissions.is_in_public_pool``."""
    return PoolExpert.objects.filter(
        is_listed=True,
        expert__merged_into__isnull=True,
        expert__user__is_active=True,
        expert__user__groups__name=roles.EXPERT,
    )


def index_pool_expert(entry: PoolExpert) -> None:
    if not public_entries().filter(pk=entry.pk).exists():
        remove_document(kind=KIND, object_id=entry.pk)
        return
    areas = list(entry.capacity_areas.all())
    labels = dict(Profile.choices)
    facts = [
        ", ".join(str(labels[p]) for p in entry.profiles if p in labels),
        ", ".join(a.display_name for a in areas),
        ", ".join(language_label(item["code"]) for item in entry.languages),
    ]
    text = " ".join(
        part
        for part in [f"{entry.expert.full_name}.", entry.headline, entry.bio, *facts]
        if part
    )
    index_document(
        kind=KIND,
        object_id=entry.pk,
        title=entry.expert.full_name,
        url=entry.get_absolute_url(),
        summary=(entry.headline or entry.bio)[:300],
        language=entry.bio_language,
        access="public",
        allowed_organisation_ids=[],
        published=entry.created_at,
        popularity=0,
        facets={
            "type": [TYPE],
            "capacity_area": [a.code for a in areas],
            "country": list(entry.countries),
            "language": [item["code"] for item in entry.languages],
        },
        passages=[Passage(text=text, language=entry.bio_language, weight=2.0)],
    )


def _entries() -> Iterator[PoolExpert]:
    for entry in (
        public_entries().select_related("expert__user").order_by("pk").distinct()
    ):
        index_pool_expert(entry)
        yield entry


register_indexer(
    KIND,
    _entries,
    label=_("Expert"),
    count=lambda: public_entries().distinct().count(),
)


def _type_labels(values: list[str]) -> dict[str, str]:
    return {TYPE: gettext("Expert")} if TYPE in values else {}


register_facet("type", _("Type"), _type_labels)
