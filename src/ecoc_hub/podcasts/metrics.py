"""The podcasts' indicators for the programme dashboard (``core.metrics``).

Plays come from the audio requests (``podcasts.plays``): counts per episode
and day, with no address, cookie or person behind them, so they are shown as
they are. An episode is "from" a title city or a country through the title
cities it is about.
"""

from __future__ import annotations

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core import metrics
from ecoc_hub.core.metrics import Filters

from .models import Episode, Show
from .plays import DailyPlays

#: The shows named in the breakdown; the rest are added up as "Other shows".
TOP_SHOWS = 8


def _plays(filters: Filters) -> QuerySet[DailyPlays]:
    plays = DailyPlays.objects.all()
    if filters.title_id:
        return plays.filter(episode__titles=filters.title_id)
    if filters.country:
        about = Episode.objects.filter(
            titles__city__country_code=filters.country.upper()
        )
        return plays.filter(episode__in=about.values("pk"))
    return plays


def plays_over_time(filters: Filters) -> metrics.Figure:
    totals = metrics.per_bucket(_plays(filters), "day", filters, plays=Sum("plays"))
    return metrics.over_time(filters, [(_("Plays"), totals["plays"])])


def plays_by_show(filters: Filters) -> metrics.Figure:
    rows = (
        _plays(filters)
        .filter(**filters.days("day"))
        .values("episode__show")
        .annotate(plays=Sum("plays"))
        .order_by("-plays", "episode__show")
    )
    counts = [(row["episode__show"], row["plays"] or 0) for row in rows]
    names = dict(
        Show.objects.filter(pk__in=[pk for pk, _n in counts[:TOP_SHOWS]]).values_list(
            "pk", "title"
        )
    )
    shown = [(names[pk], plays) for pk, plays in counts[:TOP_SHOWS] if plays]
    rest = sum(plays for _pk, plays in counts[TOP_SHOWS:])
    if rest:
        shown.append((str(_("Other shows")), rest))
    return metrics.breakdown(str(_("Show")), shown, series_label=str(_("Plays")))


def register() -> None:
    metrics.register(
        "podcasts",
        heading=_("Podcasts"),
        indicators=[
            metrics.Indicator(
                key="podcasts.plays",
                title=_("Plays"),
                description=_(
                    "Requests for an episode's audio from its start and for at "
                    "least a minute of it, robots left out; nothing about the "
                    "listener is kept."
                ),
                compute=plays_over_time,
                sources=[DailyPlays, Episode],
            ),
            metrics.Indicator(
                key="podcasts.plays_by_show",
                title=_("Plays by show"),
                description=_("Plays in the period, the most played shows first."),
                compute=plays_by_show,
                sources=[DailyPlays, Episode, Show],
            ),
        ],
    )
