"""Demo content of the expert pool and of support requests (idempotent).

- Every pool expert of the demo calls (accepted by the closed call's
  rounds) gets a headline, a bio written from their profiles and areas, and
  an availability calendar over the coming months.
- The demo team (Oulu 2026, ``accounts.demo``) has support requests in
  different states: a draft; an open request that invited the demo expert
  (waiting for their answer) and another expert (who agreed); work in
  progress with messages; and completed work with feedback from both sides,
  which the team agreed to show on its city's page.

Every person is fictional. Called from ``experts.demo.load_demo``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ecoc_hub.accounts.demo import DEMO_TEAM
from ecoc_hub.accounts.models import Organisation, User
from ecoc_hub.cities.models import CapacityArea

from . import pool_services, support_services
from .enums import Profile
from .matching import AREA_PROFILES
from .pool_models import PoolExpert
from .support_models import SupportAssignment, SupportRequest

#: (first day, last day) offsets from today, chosen by the entry's position.
CALENDARS = [
    [(20, 75), (120, 160)],
    [(0, 45)],
    [(60, 150)],
    [(10, 30), (90, 200)],
]
HEADLINES = {
    Profile.MANAGEMENT: "Strategy, budgets and delivery of large cultural programmes",
    Profile.AUDIENCE: "Audience research and audience development",
    Profile.COMMUNITY: "Community participation and volunteer networks",
    Profile.EVALUATION: "Monitoring and evaluation of cultural programmes",
    Profile.COMMUNICATION: "Communication campaigns for festivals and cities",
}
BIO = (
    "I have worked with cultural organisations and city teams across Europe "
    "on {areas}, from the first plans to the evaluation of the results, and I "
    "like to leave teams with methods they keep using."
)


def _areas_for(profiles: list[str]) -> list[CapacityArea]:
    """Up to three capacity areas that call for one of ``profiles``."""
    codes = [
        code
        for code, wanted in AREA_PROFILES.items()
        if any(p in wanted for p in profiles)
    ][:3]
    return list(CapacityArea.objects.filter(code__in=codes).order_by("code"))


def _fill_profiles() -> int:
    today = timezone.localdate()
    filled = 0
    entries = (
        PoolExpert.objects.filter(bio="")
        .prefetch_related("capacity_areas")
        .order_by("pk")
    )
    for number, entry in enumerate(entries):
        headline = next(
            (HEADLINES[p] for p in entry.profiles if p in HEADLINES),
            "Consultant for European Capitals of Culture",
        )
        # The demo applications name no capacity area: the profiles give them.
        areas = list(entry.capacity_areas.all()) or _areas_for(entry.profiles)
        pool_services.update_profile(
            entry=entry,
            values={
                "headline": headline,
                "bio": BIO.format(
                    areas=" and ".join(a.name.lower() for a in areas[:2])
                    or "long-term cultural strategy"
                ),
                "bio_language": "en",
                "show_experience": True,
            },
            capacity_areas=areas,
        )
        if not entry.availability.exists():
            pool_services.set_availability(
                entry=entry,
                periods=[
                    (today + dt.timedelta(days=a), today + dt.timedelta(days=b), "")
                    for a, b in CALENDARS[number % len(CALENDARS)]
                ],
            )
        filled += 1
    return filled


def _request(
    team: Organisation, author: User, title: str, *, areas: list[str], **values: Any
) -> SupportRequest:
    today = timezone.localdate()
    defaults: dict[str, Any] = {
        "title": title,
        "text_language": "en",
        "format": "either",
        "starts_on": today + dt.timedelta(days=30),
        "ends_on": today + dt.timedelta(days=90),
    }
    defaults.update(values)
    return support_services.create_request(
        team=team,
        author=author,
        values=defaults,
        capacity_areas=list(CapacityArea.objects.filter(code__in=areas)),
    )


def _other_expert(demo_expert: User) -> Any:
    entry = (
        PoolExpert.objects.exclude(expert__user=demo_expert)
        .select_related("expert")
        .order_by("pk")
        .first()
    )
    return entry.expert if entry is not None else None


def _support_requests() -> int:
    team = Organisation.objects.filter(name=DEMO_TEAM).first()
    member = User.objects.filter(email="demo-member@example.org").first()
    expert_user = User.objects.filter(email="demo-expert@example.org").first()
    if team is None or member is None or expert_user is None:
        return 0
    if SupportRequest.objects.filter(team=team).exists():
        return 0
    demo_expert = getattr(expert_user, "expert_profile", None)
    other = _other_expert(expert_user)
    if demo_expert is None or other is None:
        return 0
    _request(
        team,
        member,
        "Training our volunteer coordinators",
        areas=["volunteering"],
        description="Draft: we will describe the training we need.",
    )
    audiences = _request(
        team,
        member,
        "Reaching audiences in the outlying districts",
        areas=["audience-development", "community-development"],
        description=(
            "Our winter programme reaches the city centre only. We want an "
            "audience development plan for the districts and villages of the "
            "region, with residents involved from the start."
        ),
        languages=["en", "fi"],
        budget_min=3000,
        budget_max=8000,
    )
    support_services.move_request(request=audiences, action="submit", actor=member)
    support_services.invite(request=audiences, expert=demo_expert, actor=member)
    agreed = support_services.invite(request=audiences, expert=other, actor=member)
    support_services.move(assignment=agreed, action="accept", actor=other.user)

    evaluation = _request(
        team,
        member,
        "An evaluation framework for the title year",
        areas=["monitoring-evaluation"],
        description="Indicators and a baseline survey before the title year.",
        starts_on=timezone.localdate() - dt.timedelta(days=120),
        ends_on=timezone.localdate() - dt.timedelta(days=30),
    )
    support_services.move_request(request=evaluation, action="submit", actor=member)
    done = support_services.invite(request=evaluation, expert=demo_expert, actor=member)
    support_services.move(assignment=done, action="accept", actor=expert_user)
    support_services.move(assignment=done, action="start", actor=member)
    support_services.send_message(
        assignment=done,
        author=expert_user,
        body="Here is a first list of indicators; shall we review it on Monday?",
    )
    support_services.send_message(
        assignment=done, author=member, body="Monday at ten suits us. Thank you!"
    )
    support_services.move(assignment=done, action="complete", actor=member)
    support_services.give_feedback(
        assignment=done,
        author=member,
        rating=5,
        comment="Clear, practical and on time.",
    )
    support_services.give_feedback(
        assignment=done,
        author=expert_user,
        rating=5,
        comment="A well prepared team.",
    )
    support_services.set_city_page_consent(request=evaluation, actor=member, show=True)

    production = _request(
        team,
        member,
        "Safety plan for the frozen-sea concert",
        areas=["production"],
        description="A concert on the sea ice for 5,000 people: a safety plan.",
    )
    support_services.move_request(request=production, action="submit", actor=member)
    started = support_services.invite(request=production, expert=other, actor=member)
    support_services.move(assignment=started, action="accept", actor=other.user)
    support_services.move(assignment=started, action="start", actor=member)
    return SupportAssignment.objects.filter(request__team=team).count()


def load_pool_demo() -> tuple[int, int]:
    """(pool profiles filled, support assignments made)."""
    return _fill_profiles(), _support_requests()
