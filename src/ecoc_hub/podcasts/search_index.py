"""Episodes in the site search: one passage for the title and show notes, and
one per ~30 seconds of transcript, each linking to its moment in the player."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecoc_hub.search.registry import register_facet, register_indexer
from ecoc_hub.search.services import (
    Passage,
    index_document,
    remove_document,
    remove_kind,
)

from .models import Episode
from .text import clock, plain_text

KIND = "podcasts.episode"
# The value of the shared "type" facet for every episode.
TYPE = "podcast_episode"
GROUP_SECONDS = 30.0


def cue_groups(
    cues: list[dict[str, Any]], *, seconds: float = GROUP_SECONDS
) -> list[tuple[float, str]]:
    """Consecutive cues of one speaker's turn, cut every ``seconds``:
    (start, text). A hit then links to the turn where the words are spoken,
    and the speaker's name is in the text, so a search for a guest finds them.
    """
    groups: list[tuple[float, str, list[str]]] = []
    for cue in cues:
        speaker = cue["speaker"]
        if (
            groups
            and groups[-1][1] == speaker
            and cue["start"] - groups[-1][0] < seconds
        ):
            groups[-1][2].append(cue["text"])
        else:
            groups.append((cue["start"], speaker, [cue["text"]]))
    return [
        (start, " ".join([f"{speaker}:" if speaker else "", *lines]).strip())
        for start, speaker, lines in groups
    ]


def moment_url(episode: Episode, seconds: float) -> str:
    return f"{episode.get_absolute_url()}?t={int(seconds)}#player"


def index_episode(episode: Episode) -> None:
    """Index a public episode; remove anything else (draft, scheduled, or in a
    draft show) from the index."""
    if not episode.is_public:
        remove_document(kind=KIND, object_id=episode.pk)
        return
    show = episode.show
    language = show.language.split("-")[0]
    url = episode.get_absolute_url()
    notes = plain_text(episode.show_notes)
    titles = list(episode.titles.select_related("city"))
    # Every name of each title city, so "Brüssel" and "Bruxelles" find it.
    places = " ".join(
        f"{name} {title.year}" for title in titles for name in title.city.all_names
    )
    passages = [
        Passage(
            text=" ".join(
                part for part in [f"{episode.title}.", notes, places] if part
            ),
            language=language,
            weight=2.0,
        )
    ]
    for start, text in cue_groups(episode.transcript_cues):
        passages.append(
            Passage(
                text=text,
                language=language,
                locator=f"t={int(start)}",
                label=clock(start),
                target_url=moment_url(episode, start),
            )
        )
    areas = list(episode.capacity_areas.all())
    published = episode.published_at
    assert published is not None  # is_public checked it  # noqa: S101
    index_document(
        kind=KIND,
        object_id=episode.pk,
        title=episode.title,
        url=url,
        summary=notes[:300],
        language=language,
        access="public",
        allowed_organisation_ids=[],
        published=published,
        popularity=0,
        facets={
            "type": [TYPE],
            "capacity_area": [area.code for area in areas],
            "city": sorted({title.city.slug for title in titles}),
            "country": sorted({title.city.country_code for title in titles}),
            "year": [str(published.year)],
            "language": [language],
            "licence": [show.licence.lower()] if show.licence else [],
            "access": ["public"],
        },
        passages=passages,
    )


def _public_episodes() -> Iterator[Episode]:
    for episode in Episode.objects.public().select_related("show").order_by("pk"):
        index_episode(episode)
        yield episode


def reindex_all() -> int:
    """Rebuild the index rows of every episode: public ones are indexed, the
    rest removed, and rows of deleted episodes dropped. Returns how many are
    indexed."""
    remove_kind(kind=KIND)
    return sum(1 for _episode in _public_episodes())


register_indexer(
    KIND,
    _public_episodes,
    label=_("Podcast episode"),
    count=lambda: Episode.objects.public().count(),
)


def _type_labels(values: list[str]) -> dict[str, str]:
    return {TYPE: gettext("Podcast episode")} if TYPE in values else {}


register_facet("type", _("Type"), _type_labels)
