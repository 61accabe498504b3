"""A labelled set for the matching: fictional pool experts, city teams' needs,
and the experts a curator would pick for each need.

The picks were written from the needs and the profiles alone, as a curator
reads them (the expertise asked for first, then the working language, then
relevant ECoC experience and the dates), before the matching was run on
them; they are not tuned to its weights. Several needs are hard on
purpose: needs in French and German whose words meet an expert's bio only
through stemming, an area no expert lists (political support: the
profiles it calls for must find the experts), and an area whose experts
speak the team's language only at B1 or not at all.

``build()`` writes the pool and the requests into the database;
``evaluate()`` ranks every need and returns precision at 5 (the share of
the top five that are picks, averaged over the needs), the share of needs
with a pick in the top five, and the same figures for two baselines: a
random ranking (their expectations, computed exactly) and a popularity
ranking (the most often completed assignments first). Used by
``tests/experts/test_matching_set.py`` and ``bench/matching_bench.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Group
from django.utils import timezone

from ecoc_hub.accounts.models import Organisation, User
from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.core import roles

K = 5


@dataclass(frozen=True)
class ExpertSpec:
    name: str
    country: str
    areas: tuple[str, ...]
    profiles: tuple[str, ...]
    languages: tuple[tuple[str, str], ...]
    bio: str
    bio_language: str = "en"
    experience: tuple[tuple[str, int, str], ...] = ()
    #: (first day, last day) offsets from the set's reference day.
    available: tuple[tuple[int, int], ...] = ()
    #: Ratings of earlier completed assignments (the popularity baseline's
    #: signal and the matching's past feedback).
    ratings: tuple[int, ...] = ()
    stale: bool = False


@dataclass(frozen=True)
class NeedSpec:
    key: str
    team: tuple[str, int]
    areas: tuple[str, ...]
    title: str
    description: str
    text_language: str = "en"
    languages: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    days: tuple[int, int] = (60, 90)
    picks: frozenset[str] = field(default_factory=frozenset)


EXPERTS: tuple[ExpertSpec, ...] = (
    ExpertSpec(
        "Ana Ionescu",
        "RO",
        ("audience-development", "community-development"),
        ("audience",),
        (("ro", "C2"), ("en", "C1"), ("fr", "B2")),
        "Audience research and audience development plans for festivals; "
        "surveys of residents in outlying districts.",
        experience=(("Timișoara", 2023, "delivery_team"),),
        available=((50, 120),),
        ratings=(5, 4),
    ),
    ExpertSpec(
        "Bruno Ferrante",
        "IT",
        ("artistic-programming", "local-artists"),
        ("artistic",),
        (("it", "C2"), ("en", "C1")),
        "Curator of multidisciplinary programmes; commissions with local "
        "artists and independent scenes.",
        experience=(("Matera", 2019, "delivery_team"),),
        available=((0, 200),),
        ratings=(4, 4, 5, 4),
    ),
    ExpertSpec(
        "Chiara Costa",
        "PT",
        ("monitoring-evaluation", "legacy"),
        ("evaluation",),
        (("pt", "C2"), ("en", "C1"), ("es", "C1")),
        "Evaluation frameworks, indicators and impact studies for cultural "
        "programmes; baseline surveys and legacy reports.",
        experience=(("Guimarães", 2012, "evaluator"),),
        available=((30, 150),),
        ratings=(5,),
    ),
    ExpertSpec(
        "Dalia Berzins",
        "LV",
        ("volunteering", "community-development"),
        ("community",),
        (("lv", "C2"), ("en", "C1"), ("ru", "C1")),
        "Built volunteer programmes of two thousand people: recruitment, "
        "training, recognition and retention.",
        experience=(("Riga", 2014, "volunteer"),),
        available=((40, 100),),
    ),
    ExpertSpec(
        "Emil Eriksen",
        "DK",
        ("fundraising-budget", "governance"),
        ("management",),
        (("da", "C2"), ("en", "C2"), ("de", "B2")),
        "Budgets, sponsorship and public funding for large cultural "
        "organisations; governance of delivery agencies.",
        experience=(("Aarhus", 2017, "delivery_team"),),
        available=((0, 365),),
        ratings=(4, 3, 4, 4, 5, 4),
    ),
    ExpertSpec(
        "Freya Lindqvist",
        "SE",
        ("communication-marketing", "digital"),
        ("communication", "digital"),
        (("sv", "C2"), ("en", "C2")),
        "Brand, campaigns and social media for cultural events; digital "
        "communication in several languages.",
        experience=(("Umeå", 2014, "consultant"),),
        available=((10, 60),),
        ratings=(4, 5),
    ),
    ExpertSpec(
        "Goran Kovac",
        "HR",
        ("production", "infrastructure"),
        ("production", "safety"),
        (("hr", "C2"), ("sr", "C2"), ("en", "B2")),
        "Production manager of open-air events; venues, crowd safety plans "
        "and technical coordination in public space.",
        experience=(("Rijeka", 2020, "delivery_team"),),
        available=((60, 180),),
    ),
    ExpertSpec(
        "Hanna Moreau",
        "FR",
        ("audience-development", "accessibility-inclusion"),
        ("audience",),
        (("fr", "C2"), ("en", "C1")),
        "Médiation culturelle et développement des publics : les publics "
        "éloignés, les quartiers prioritaires, l'accessibilité des lieux.",
        bio_language="fr",
        experience=(("Marseille", 2013, "consultant"),),
        available=((30, 120),),
        ratings=(5,),
    ),
    ExpertSpec(
        "Ilias Dimitrova",
        "GR",
        ("european-cooperation", "european-narrative"),
        ("international",),
        (("el", "C2"), ("en", "C1"), ("bg", "B2")),
        "International partnerships and co-productions; EU programmes and "
        "networks; the European dimension of a bid.",
        experience=(("Elefsina", 2023, "partner"),),
        available=((0, 90),),
    ),
    ExpertSpec(
        "Jana Novak",
        "SI",
        ("legal-ipr", "governance"),
        ("legal",),
        (("sl", "C2"), ("en", "C1"), ("de", "C1")),
        "Contracts, copyright and public procurement in culture; the legal "
        "form of delivery structures.",
        experience=(("Maribor", 2012, "consultant"),),
        available=((20, 200),),
    ),
    ExpertSpec(
        "Kasper Jansen",
        "NL",
        ("education-youth", "community-development"),
        ("community",),
        (("nl", "C2"), ("en", "C1"), ("de", "B2")),
        "Youth participation and school programmes; young curators and "
        "co-creation with teenagers.",
        experience=(("Leeuwarden", 2018, "delivery_team"),),
        available=((45, 130),),
        ratings=(4,),
    ),
    ExpertSpec(
        "Lea Horvath",
        "HU",
        ("project-management", "human-resources"),
        ("change", "management"),
        (("hu", "C2"), ("en", "C1"), ("de", "C1")),
        "Change management for growing teams: planning, roles, recruitment "
        "and coaching of delivery teams.",
        experience=(("Veszprém", 2023, "delivery_team"),),
        available=((0, 60),),
    ),
    ExpertSpec(
        "Marek Grabowski",
        "PL",
        ("long-term-strategy", "legacy"),
        ("management", "change"),
        (("pl", "C2"), ("en", "C1"), ("de", "B2")),
        "Long-term cultural strategies for cities and what remains after "
        "the title year.",
        experience=(("Wrocław", 2016, "delivery_team"),),
        available=((90, 300),),
        ratings=(3, 4),
    ),
    ExpertSpec(
        "Nora Albescu",
        "DE",
        ("volunteering", "accessibility-inclusion"),
        ("community",),
        (("de", "C2"), ("en", "C1"), ("ro", "B1")),
        "Ehrenamtliche Programme: Gewinnung, Schulung und Begleitung von "
        "Freiwilligen; barrierefreie Veranstaltungen.",
        bio_language="de",
        experience=(("Chemnitz", 2025, "volunteer"),),
        available=((30, 150),),
    ),
    ExpertSpec(
        "Oskar Ilves",
        "EE",
        ("digital", "artistic-programming"),
        ("digital", "artistic"),
        (("et", "C2"), ("en", "C2"), ("fi", "B2")),
        "Hybrid and digital programming, online audiences, digital art commissions.",
        experience=(("Tartu", 2024, "delivery_team"),),
        available=((0, 120),),
    ),
    ExpertSpec(
        "Petra Lindner",
        "AT",
        ("audience-development", "communication-marketing"),
        ("audience", "communication"),
        (("de", "C2"), ("en", "C1")),
        "Publikumsentwicklung und Marketing für Festivals im ländlichen Raum; "
        "neue Zielgruppen gewinnen.",
        bio_language="de",
        experience=(("Bad Ischl", 2024, "delivery_team"),),
        available=((0, 200),),
        stale=True,
    ),
)


NEEDS: tuple[NeedSpec, ...] = (
    NeedSpec(
        "districts-audiences",
        ("Timișoara", 2023),
        ("audience-development",),
        "Reaching audiences in the districts",
        "Our events reach the city centre only. We need an audience "
        "development plan for residents of outlying districts.",
        languages=("ro",),
        picks=frozenset({"Ana Ionescu"}),
    ),
    NeedSpec(
        "publics-eloignes",
        ("Bourges", 2028),
        ("audience-development",),
        "Toucher les publics éloignés",
        "Nous voulons toucher les publics éloignés de la culture dans les "
        "quartiers et les villages autour de la ville.",
        text_language="fr",
        languages=("fr",),
        picks=frozenset({"Hanna Moreau", "Ana Ionescu"}),
    ),
    NeedSpec(
        "freiwillige",
        ("Chemnitz", 2025),
        ("volunteering",),
        "Freiwilligenprogramm",
        "Wir suchen Unterstützung beim Aufbau eines Freiwilligenprogramms: "
        "Gewinnung und Schulung der Freiwilligen.",
        text_language="de",
        languages=("de",),
        picks=frozenset({"Nora Albescu", "Dalia Berzins"}),
    ),
    NeedSpec(
        "evaluation-baseline",
        ("Évora", 2027),
        ("monitoring-evaluation",),
        "An evaluation framework",
        "We need indicators and a baseline survey before the title year, "
        "and a plan for the impact study.",
        languages=("pt",),
        picks=frozenset({"Chiara Costa"}),
    ),
    NeedSpec(
        "sponsorship",
        ("Oulu", 2026),
        ("fundraising-budget",),
        "Sponsorship strategy",
        "Private sponsorship covers too little of our budget. How do other "
        "title cities find sponsors?",
        languages=("en",),
        picks=frozenset({"Emil Eriksen"}),
    ),
    NeedSpec(
        "open-air-safety",
        ("Skopje", 2028),
        ("production",),
        "Open-air opening ceremony",
        "We plan an opening ceremony on the river bank for 40,000 people and "
        "need a production and crowd safety plan.",
        languages=("sr",),
        picks=frozenset({"Goran Kovac"}),
    ),
    NeedSpec(
        "eu-partners",
        ("Liepāja", 2027),
        ("european-cooperation",),
        "International partners",
        "Finding European partners for co-productions and applying to EU programmes.",
        languages=("en",),
        picks=frozenset({"Ilias Dimitrova"}),
    ),
    NeedSpec(
        "young-people",
        ("Trenčín", 2026),
        ("education-youth",),
        "Teenagers as co-creators",
        "How can teenagers co-create part of the programme with us, beyond "
        "school visits?",
        languages=("en",),
        picks=frozenset({"Kasper Jansen"}),
    ),
    NeedSpec(
        "team-growth",
        ("České Budějovice", 2028),
        ("human-resources",),
        "A team that doubles",
        "Our team will grow from 15 to 40 people in a year: roles, "
        "recruitment and coaching.",
        languages=("de",),
        picks=frozenset({"Lea Horvath"}),
    ),
    NeedSpec(
        "procurement",
        ("Nova Gorica", 2025),
        ("legal-ipr",),
        "Public procurement rules",
        "Cross-border contracts and public procurement for a programme run "
        "by two countries.",
        languages=("sl",),
        picks=frozenset({"Jana Novak"}),
    ),
    NeedSpec(
        "after-the-year",
        ("Tartu", 2024),
        ("legacy",),
        "What remains after the year",
        "Our title year ends soon. We need a legacy plan and a long-term "
        "cultural strategy with the city.",
        picks=frozenset({"Marek Grabowski", "Chiara Costa"}),
    ),
    NeedSpec(
        "accessibility-ro",
        ("Timișoara", 2023),
        ("accessibility-inclusion",),
        "Accessible venues and events",
        "Deaf and blind visitors should be able to take part in the "
        "programme; our venues need an accessibility review.",
        languages=("ro",),
        picks=frozenset({"Nora Albescu", "Hanna Moreau"}),
    ),
    NeedSpec(
        "stakeholders",
        ("Novi Sad", 2022),
        ("political-support",),
        "The city council and the region",
        "Relations with the city council and the region have become "
        "difficult; we need help to keep their support for the programme.",
        picks=frozenset({"Emil Eriksen", "Marek Grabowski"}),
    ),
    NeedSpec(
        "hybrid",
        ("Bodø", 2024),
        ("digital",),
        "Hybrid programme",
        "Part of our programme should reach online audiences: hybrid events "
        "and digital commissions.",
        picks=frozenset({"Oskar Ilves", "Freya Lindqvist"}),
    ),
)


def _title(city: str, year: int) -> Title:
    return Title.objects.get(city__name=city, year=year)


def build(*, today: dt.date | None = None) -> dict[str, Any]:
    """Write the pool and the requests; returns the requests by key."""
    from ecoc_hub.experts import pool_services
    from ecoc_hub.experts.models import (
        Application,
        Call,
        EcocExperience,
        ExpertProfile,
        SupportAssignment,
        SupportFeedback,
        SupportRequest,
    )

    today = today or timezone.localdate()
    group = Group.objects.get(name=roles.EXPERT)
    call, _created = Call.objects.get_or_create(
        slug="matching-set",
        defaults={
            "title": "Matching set",
            "description": "The labelled set.",
            "opens_on": today - dt.timedelta(days=500),
            "closes_on": today - dt.timedelta(days=400),
        },
    )
    past_team = Organisation.objects.create(
        name="Earlier team", slug="matching-set-earlier", kind="other"
    )
    most = max(len(spec.ratings) for spec in EXPERTS)
    past = [
        SupportRequest.objects.create(
            team=past_team,
            title=f"Earlier work {i + 1}",
            description="Earlier work.",
            text_language="en",
            starts_on=today - dt.timedelta(days=300),
            ends_on=today - dt.timedelta(days=200),
            state=SupportRequest.State.CLOSED,
        )
        for i in range(most)
    ]
    for number, spec in enumerate(EXPERTS):
        user = User.objects.create_user(
            email=f"matching-set-{number}@example.org", display_name=spec.name
        )
        user.groups.add(group)
        profile = ExpertProfile.objects.create(
            user=user, full_name=spec.name, country=spec.country
        )
        application = Application.objects.create(
            call=call,
            expert=profile,
            state=Application.State.ACCEPTED,
            profiles=list(spec.profiles),
            languages=[{"code": c, "level": lvl} for c, lvl in spec.languages],
            countries=[spec.country],
            declaration=True,
            submitted_at=timezone.now(),
        )
        for city, year, role in spec.experience:
            EcocExperience.objects.create(
                application=application, title=_title(city, year), role=role
            )
        entry = pool_services.add_to_pool(application=application)
        pool_services.update_profile(
            entry=entry,
            values={"bio": spec.bio, "bio_language": spec.bio_language},
            capacity_areas=CapacityArea.objects.filter(code__in=spec.areas),
        )
        pool_services.set_availability(
            entry=entry,
            periods=[
                (today + dt.timedelta(days=a), today + dt.timedelta(days=b), "")
                for a, b in spec.available
            ],
        )
        if spec.stale:
            type(entry).objects.filter(pk=entry.pk).update(
                confirmed_at=timezone.now() - dt.timedelta(days=400)
            )
        for earlier, rating in zip(past, spec.ratings, strict=False):
            done = SupportAssignment.objects.create(
                request=earlier,
                expert=profile,
                state=SupportAssignment.State.COMPLETED,
            )
            SupportFeedback.objects.create(assignment=done, side="team", rating=rating)
    requests = {}
    for need in NEEDS:
        city, year = need.team
        team, _created = Organisation.objects.get_or_create(
            slug=f"matching-set-{city.lower()}-{year}",
            defaults={
                "name": f"{city} {year}",
                "kind": "title",
                "title": _title(city, year),
            },
        )
        request = SupportRequest.objects.create(
            team=team,
            title=need.title,
            description=need.description,
            text_language=need.text_language,
            languages=list(need.languages),
            profiles=list(need.profiles),
            starts_on=today + dt.timedelta(days=need.days[0]),
            ends_on=today + dt.timedelta(days=need.days[1]),
            state=SupportRequest.State.SUBMITTED,
        )
        request.capacity_areas.set(CapacityArea.objects.filter(code__in=need.areas))
        requests[need.key] = request
    return requests


@dataclass(frozen=True)
class Figures:
    precision: float
    hit_rate: float


def ceiling() -> float:
    """The best precision at 5 the set allows (most needs have one or two
    picks, so a perfect ranking still has other experts in its top five)."""
    return sum(min(len(n.picks), K) / K for n in NEEDS) / len(NEEDS)


@dataclass(frozen=True)
class Evaluation:
    matching: Figures
    random: Figures
    popularity: Figures
    #: Each need's top five by the matching, for the benchmark's print-out.
    top: dict[str, list[str]]


def _figures(rankings: dict[str, Sequence[str]]) -> Figures:
    precision = hits = 0.0
    for need in NEEDS:
        top = list(rankings[need.key])[:K]
        found = len(need.picks & set(top))
        precision += found / K
        hits += 1.0 if found else 0.0
    return Figures(precision / len(NEEDS), hits / len(NEEDS))


def _random_figures(pool_size: int) -> Figures:
    """The expectations of a uniformly random ranking of ``pool_size``."""
    from math import comb

    precision = hits = 0.0
    for need in NEEDS:
        picks = len(need.picks)
        precision += picks / pool_size
        hits += 1 - comb(pool_size - picks, K) / comb(pool_size, K)
    return Figures(precision / len(NEEDS), hits / len(NEEDS))


def evaluate(
    requests: dict[str, Any],
    *,
    rank: Callable[[Any], Sequence[str]] | None = None,
) -> Evaluation:
    from ecoc_hub.experts import matching

    def by_matching(request: Any) -> list[str]:
        return [m.expert.full_name for m in matching.rank(request).matches]

    ranker = rank or by_matching
    rankings = {key: list(ranker(request)) for key, request in requests.items()}
    popular = sorted(EXPERTS, key=lambda e: (-len(e.ratings), e.name))
    popularity = {need.key: [e.name for e in popular] for need in NEEDS}
    return Evaluation(
        matching=_figures(rankings),
        random=_random_figures(len(EXPERTS)),
        popularity=_figures(popularity),
        top={key: names[:K] for key, names in rankings.items()},
    )
