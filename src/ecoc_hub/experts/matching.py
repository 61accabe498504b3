"""Which experts of the pool fit a city team's support request, and why.

Every expert gets a score out of 100: the sum of seven parts, each a
fraction between 0 and 1 of its weight in ``WEIGHTS``, minus
``STALE_PENALTY`` for a profile not updated for ``STALE_AFTER``. Each part
also says, in the reader's language, what earned its points, so the page
can explain the score line by line. The weights live here and nowhere else
(docs/experts.md explains them).

Exclusions come before any score: an expert who belongs to the requesting
team, or who declared a conflict of interest with it, is never ranked.

The words of the need are compared with the expert's own text through the
search's analyzer (``search.analysis``: folding, stop words and the Snowball
stemmer of the need's language), weighted by rarity in the pool, so that
"publics" meets "public" in French and "Freiwilligen" meets "Freiwillige"
in German, in every language the search stems.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecoc_hub.accounts.models import Membership
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.core.collation import collation_key
from ecoc_hub.search.analysis import analyse, original_words

from .enums import EcocRole, Profile, language_label
from .models import Application, EcocExperience, ExpertProfile
from .pool_models import STALE_AFTER, PoolExpert
from .pool_queries import available_between
from .search_index import public_entries
from .support_enums import AssignmentState, Side
from .support_models import SupportConflict, SupportFeedback, SupportRequest

#: The points each part can give; they add up to 100.
WEIGHTS: dict[str, int] = {
    "areas": 30,
    "profiles": 10,
    "languages": 20,
    "experience": 10,
    "availability": 10,
    "feedback": 10,
    "words": 10,
}
#: The parts that read the need itself; an expert with no point in any of
#: them fits the request in nothing but the defaults (every expert has
#: points for past feedback, and for languages when none is asked), so the
#: page of proposed experts leaves them out unless asked to show them.
NEED_PARTS = ("areas", "profiles", "words")
#: Points taken from a profile its expert has not updated for STALE_AFTER.
STALE_PENALTY = 15
#: An area of the same selection criterion counts for this share of a match.
NEIGHBOUR_AREA = 0.4
#: How far each CEFR level goes towards working in a language.
LEVEL_SHARE = {"C2": 1.0, "C1": 1.0, "B2": 0.8, "B1": 0.5, "A2": 0.2, "A1": 0.1}
#: ECoC experience: a similar role, a title city of the team's country, any.
ROLE_SHARE = 0.6
COUNTRY_SHARE = 0.4
ANY_EXPERIENCE_SHARE = 0.3
#: Past ratings are pulled towards this mean by one imaginary rating, so one
#: good assignment does not outrank a long record.
PRIOR_RATING = 3.0

#: The expert profiles each capacity area calls for (when the team names none).
AREA_PROFILES: dict[str, tuple[str, ...]] = {
    "long-term-strategy": (Profile.MANAGEMENT, Profile.CHANGE),
    "monitoring-evaluation": (Profile.EVALUATION,),
    "legacy": (Profile.MANAGEMENT, Profile.CHANGE),
    "european-cooperation": (Profile.INTERNATIONAL,),
    "european-narrative": (Profile.INTERNATIONAL, Profile.ARTISTIC),
    "international-audiences": (Profile.INTERNATIONAL, Profile.AUDIENCE),
    "artistic-programming": (Profile.ARTISTIC,),
    "local-artists": (Profile.ARTISTIC, Profile.COMMUNITY),
    "digital": (Profile.DIGITAL,),
    "political-support": (Profile.MANAGEMENT, Profile.CONFLICT),
    "infrastructure": (Profile.PRODUCTION, Profile.SAFETY),
    "production": (Profile.PRODUCTION, Profile.SAFETY),
    "audience-development": (Profile.AUDIENCE,),
    "community-development": (Profile.COMMUNITY, Profile.AUDIENCE),
    "education-youth": (Profile.COMMUNITY, Profile.AUDIENCE),
    "accessibility-inclusion": (Profile.AUDIENCE, Profile.COMMUNITY),
    "volunteering": (Profile.COMMUNITY,),
    "governance": (Profile.MANAGEMENT, Profile.CHANGE),
    "fundraising-budget": (Profile.MANAGEMENT,),
    "communication-marketing": (Profile.COMMUNICATION,),
    "project-management": (Profile.MANAGEMENT, Profile.CHANGE),
    "legal-ipr": (Profile.LEGAL,),
    "human-resources": (Profile.MANAGEMENT, Profile.CHANGE),
}


@dataclass
class Candidate:
    """What the matching reads of one expert of the pool."""

    expert: ExpertProfile
    area_ids: set[int]
    area_criteria: set[int]
    profiles: set[str]
    languages: dict[str, str]
    experience: list[EcocExperience]
    text: str
    updated_at: datetime
    ratings: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    points: float
    weight: int
    lines: tuple[str, ...]


@dataclass
class Match:
    expert: ExpertProfile
    parts: list[Part]
    penalty: int = 0
    penalty_line: str = ""

    @property
    def score(self) -> int:
        total = sum(part.points for part in self.parts) - self.penalty
        return max(0, round(total))

    @property
    def fits(self) -> bool:
        """Whether the expert meets the need at all: a score above zero and
        a point for its capacity areas, profiles or words."""
        return self.score > 0 and any(
            part.points > 0 for part in self.parts if part.key in NEED_PARTS
        )


@dataclass(frozen=True)
class Ranking:
    matches: list[Match]
    #: How many experts of the pool were left out by an exclusion.
    excluded_team: int
    excluded_conflict: int


# The pool -----------------------------------------------------------------


def _pool_entries() -> Iterable[PoolExpert]:
    """The listed experts of the pool, with what the matching reads."""
    return (
        public_entries()
        .select_related("expert__user")
        .prefetch_related("capacity_areas")
        .order_by("pk")
    )


def pool_candidates() -> list[Candidate]:
    entries = list(_pool_entries())
    applications = [e.application_id for e in entries if e.application_id]
    experience: dict[int, list[EcocExperience]] = {}
    motivation = dict(
        Application.objects.filter(pk__in=applications).values_list("pk", "motivation")
    )
    for row in EcocExperience.objects.filter(
        application_id__in=applications
    ).select_related("title__city"):
        experience.setdefault(row.application_id, []).append(row)
    found: dict[int, Candidate] = {}
    for entry in entries:
        areas = list(entry.capacity_areas.all())
        texts = [
            entry.headline,
            entry.bio,
            motivation.get(entry.application_id or 0, ""),
        ]
        found[entry.expert_id] = Candidate(
            expert=entry.expert,
            area_ids={a.pk for a in areas},
            area_criteria={a.criterion_id for a in areas},
            profiles=set(entry.profiles),
            languages={i["code"]: i["level"] for i in entry.languages},
            experience=experience.get(entry.application_id or 0, []),
            text="\n".join(t for t in texts if t),
            updated_at=entry.confirmed_at,
        )
    ratings = SupportFeedback.objects.filter(
        side=Side.TEAM,
        assignment__state=AssignmentState.COMPLETED,
        assignment__expert_id__in=list(found),
    ).values_list("assignment__expert_id", "rating")
    for expert_id, rating in ratings:
        found[expert_id].ratings.append(rating)
    return list(found.values())


def availability_over(
    candidates: Sequence[Candidate], starts_on: date, ends_on: date
) -> dict[int, float]:
    """The share of the requested dates each expert is available, by
    expert profile id; an expert with no calendar is absent (unknown)."""
    return available_between([c.expert.pk for c in candidates], starts_on, ends_on)


# The parts ----------------------------------------------------------------


def _areas(request_areas: list[CapacityArea], c: Candidate) -> Part:
    lines: list[str] = []
    total = 0.0
    for area in request_areas:
        if area.pk in c.area_ids:
            total += 1
            lines.append(
                _("%(area)s: capacity area match") % {"area": area.display_name}
            )
        elif area.criterion_id in c.area_criteria:
            total += NEIGHBOUR_AREA
            lines.append(
                _("%(area)s: works in a neighbouring area of the same criterion")
                % {"area": area.display_name}
            )
    share = total / len(request_areas) if request_areas else 0.0
    return _part("areas", _("Capacity areas"), share, lines)


def wanted_profiles(request: SupportRequest, areas: list[CapacityArea]) -> list[str]:
    if request.profiles:
        return list(request.profiles)
    wanted: list[str] = []
    for area in areas:
        for code in AREA_PROFILES.get(area.code, ()):
            if code not in wanted:
                wanted.append(code)
    return wanted


def _profiles(wanted: list[str], c: Candidate) -> Part:
    labels = dict(Profile.choices)
    hits = [code for code in wanted if code in c.profiles]
    lines = [_("%(profile)s: profile match") % {"profile": labels[h]} for h in hits]
    share = min(1.0, len(hits) / min(len(wanted), 2)) if wanted else 0.0
    return _part("profiles", _("Expert profiles"), share, lines)


def _languages(wanted: list[str], c: Candidate) -> Part:
    if not wanted:
        return _part(
            "languages", _("Languages"), 1.0, [_("The request names no language.")]
        )
    lines: list[str] = []
    total = 0.0
    for code in wanted:
        level = c.languages.get(code)
        if level:
            total += LEVEL_SHARE.get(level, 0.0)
            lines.append(
                _("speaks %(language)s (%(level)s)")
                % {"language": language_label(code), "level": level}
            )
        else:
            lines.append(
                _("does not list %(language)s") % {"language": language_label(code)}
            )
    return _part("languages", _("Languages"), total / len(wanted), lines)


def similar_roles(request: SupportRequest, areas: list[CapacityArea]) -> set[str]:
    """The ECoC roles closest to what the team needs: a consultant's always;
    the bid or the delivery team's by the team's stage; an evaluator's for
    monitoring and evaluation."""
    similar: set[str] = {EcocRole.CONSULTANT}
    if request.team.kind == "candidate":
        similar.add(EcocRole.BID_TEAM)
    else:
        similar.add(EcocRole.DELIVERY_TEAM)
    codes = {a.code for a in areas}
    if "monitoring-evaluation" in codes:
        similar.add(EcocRole.EVALUATOR)
    if "volunteering" in codes:
        similar.add(EcocRole.VOLUNTEER)
    if codes & {"local-artists", "european-cooperation", "community-development"}:
        similar.add(EcocRole.PARTNER)
    return similar


def _experience(similar: set[str], country: str, c: Candidate) -> Part:
    best, line = 0.0, ""
    for row in c.experience:
        share, text = ANY_EXPERIENCE_SHARE, ""
        same_role = row.role in similar
        same_country = bool(country) and row.title.city.country_code == country
        names = {"title": str(row.title), "role": row.get_role_display()}
        if same_role and same_country:
            share = ROLE_SHARE + COUNTRY_SHARE
            text = _("worked for %(title)s in a similar role, in your country")
        elif same_role:
            share = ROLE_SHARE
            text = _("worked for %(title)s in a similar role (%(role)s)")
        elif same_country:
            share = ANY_EXPERIENCE_SHARE + COUNTRY_SHARE
            text = _("worked for %(title)s, in your country (%(role)s)")
        else:
            text = _("worked for %(title)s (%(role)s)")
        if share > best:
            best, line = share, text % names
    return _part("experience", _("ECoC experience"), best, [line] if line else [])


def _availability(share: float | None) -> Part:
    if share is None:
        return _part(
            "availability", _("Availability"), 0.0, [_("no availability given")]
        )
    if share >= 1:
        line = _("available over all the requested dates")
    elif share > 0:
        line = _("available over %(percent)s%% of the requested dates") % {
            "percent": round(share * 100)
        }
    else:
        line = _("not available over the requested dates")
    return _part("availability", _("Availability"), share, [line])


def _feedback(c: Candidate) -> Part:
    n = len(c.ratings)
    mean = (sum(c.ratings) + PRIOR_RATING) / (n + 1)
    share = (mean - 1) / 4
    if not n:
        return _part(
            "feedback", _("Past feedback"), share, [_("no earlier assignment here")]
        )
    line = ngettext(
        "%(count)s earlier assignment rated %(rating)s/5",
        "%(count)s earlier assignments rated %(rating)s/5",
        n,
    ) % {"count": n, "rating": _number(sum(c.ratings) / n)}
    return _part("feedback", _("Past feedback"), share, [line])


def _number(value: float) -> str:
    from django.utils.formats import number_format

    return number_format(round(value, 1), decimal_pos=1 if value % 1 else 0)


def need_tokens(request: SupportRequest) -> dict[str, str]:
    """The need's tokens, each with the first word of the need it came from."""
    text = f"{request.title}\n{request.description}"
    tokens: dict[str, str] = {}
    for start, end, _word in original_words(text):
        original = text[start:end]
        for token in analyse(original, request.text_language):
            tokens.setdefault(token, original)
    return tokens


def _words(need: dict[str, str], idf: dict[str, float], tokens: set[str]) -> Part:
    if not need:
        return _part("words", _("Words of the need"), 0.0, [])
    shared = [t for t in need if t in tokens]
    total = sum(idf.get(t, 0.0) for t in need) or 1.0
    share = sum(idf.get(t, 0.0) for t in shared) / total
    lines = []
    if shared:
        words = ", ".join(need[t] for t in shared[:6])
        lines.append(
            _("shares these words with the need: %(words)s") % {"words": words}
        )
    return _part("words", _("Words of the need"), min(1.0, share), lines)


def _part(key: str, label: str, share: float, lines: list[str]) -> Part:
    weight = WEIGHTS[key]
    return Part(key, label, round(weight * share, 1), weight, tuple(lines))


# Ranking ------------------------------------------------------------------


def expert_tokens(c: Candidate, language: str) -> set[str]:
    return set(analyse(c.text, language))


def rank(
    request: SupportRequest,
    *,
    candidates: Sequence[Candidate] | None = None,
    now: datetime | None = None,
) -> Ranking:
    """Every pool expert the request may invite, best first (equal scores
    by name)."""
    now = now or timezone.now()
    pool = list(pool_candidates() if candidates is None else candidates)
    team_users = set(
        Membership.objects.filter(organisation_id=request.team_id).values_list(
            "user_id", flat=True
        )
    )
    conflicted = set(
        SupportConflict.objects.filter(team_id=request.team_id).values_list(
            "expert_id", flat=True
        )
    )
    in_team = [c for c in pool if c.expert.user_id in team_users]
    in_conflict = [c for c in pool if c.expert.pk in conflicted and c not in in_team]
    pool = [c for c in pool if c not in in_team and c not in in_conflict]

    areas = list(request.capacity_areas.all())
    wanted = wanted_profiles(request, areas)
    similar = similar_roles(request, areas)
    team = request.team
    country = team.title.city.country_code if team.title is not None else ""
    available = availability_over(pool, request.starts_on, request.ends_on)
    need = need_tokens(request)
    texts = {c.expert.pk: expert_tokens(c, request.text_language) for c in pool}
    documents = len(texts) or 1
    idf = {
        t: math.log(1 + documents / (1 + sum(t in s for s in texts.values())))
        for t in need
    }
    matches = []
    for c in pool:
        parts = [
            _areas(areas, c),
            _profiles(wanted, c),
            _languages(list(request.languages), c),
            _experience(similar, country, c),
            _availability(available.get(c.expert.pk)),
            _feedback(c),
            _words(need, idf, texts[c.expert.pk]),
        ]
        match = Match(expert=c.expert, parts=parts)
        if now - c.updated_at > STALE_AFTER:
            match.penalty = STALE_PENALTY
            match.penalty_line = _("profile not updated for more than a year")
        matches.append(match)
    matches.sort(
        key=lambda m: (-m.score, collation_key(m.expert.full_name), m.expert.pk)
    )
    return Ranking(
        matches=matches,
        excluded_team=len(in_team),
        excluded_conflict=len(in_conflict),
    )


__all__ = [
    "AREA_PROFILES",
    "NEED_PARTS",
    "STALE_AFTER",
    "STALE_PENALTY",
    "WEIGHTS",
    "Candidate",
    "Match",
    "Part",
    "Ranking",
    "availability_over",
    "pool_candidates",
    "rank",
]
