"""The expert pool: joining it, its pages, the contact form, the calendar,
the yearly reminder, and what the matching reads of it."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ecoc_hub.experts import matching, pool_services
from ecoc_hub.experts.models import ExpertProfile
from ecoc_hub.experts.pool_models import PoolContact, PoolExpert
from ecoc_hub.experts.pool_queries import available_between
from ecoc_hub.search.models import SearchDocument
from tests.experts.support_factories import (
    join,
    make_pool_expert,
    make_request,
    make_team,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _entry(profile: ExpertProfile) -> PoolExpert:
    return PoolExpert.objects.get(expert=profile)


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def team_member(team):
    return join(team, UserFactory(display_name="Mara", email="mara@example.org"))


def test_an_accepted_applicant_joins_the_pool_with_the_application_s_answers():
    profile = make_pool_expert(
        "Ana Ionescu",
        areas=["audience-development"],
        profiles=["audience"],
        languages=[("ro", "C2")],
    )

    entry = _entry(profile)
    assert entry.slug == f"ana-ionescu-{profile.pk}"
    assert entry.profiles == ["audience"]
    assert entry.languages == [{"code": "ro", "level": "C2"}]
    assert [a.code for a in entry.capacity_areas.all()] == ["audience-development"]
    assert SearchDocument.objects.filter(kind="experts.expert").count() == 1


def test_a_second_acceptance_keeps_the_profile_the_expert_wrote():
    profile = make_pool_expert("Ana")
    entry = _entry(profile)
    entry.bio = "Twenty years of festivals."
    entry.save()
    application = entry.application

    pool_services.add_to_pool(application=application)

    assert PoolExpert.objects.get().bio == "Twenty years of festivals."


def test_the_pool_lists_listed_experts_by_folded_name_to_a_visitor(client):
    make_pool_expert("Ezra")
    make_pool_expert("Émile")
    make_pool_expert("Elena")
    hidden = _entry(make_pool_expert("Hidden"))
    hidden.is_listed = False
    hidden.save()

    html = client.get(reverse("experts:pool")).content.decode()

    names = re.findall(r'<h2><a href="/experts/pool/[^"]+">([^<]+)</a></h2>', html)
    assert names == ["Elena", "Émile", "Ezra"]


def test_a_stale_profile_comes_after_the_current_ones(client):
    make_pool_expert("Aaron", stale=True)
    make_pool_expert("Zoe")

    html = client.get(reverse("experts:pool")).content.decode()

    assert html.index("Zoe") < html.index("Aaron")
    assert "Not updated for a year" in html


def test_the_pool_filters_by_area_language_and_country(client):
    make_pool_expert("Ana", areas=["audience-development"], languages=[("ro", "C1")])
    make_pool_expert("Bo", areas=["volunteering"], country="DK")

    by_area = client.get(reverse("experts:pool"), {"area": "volunteering"})
    by_language = client.get(reverse("experts:pool"), {"language": "ro"})
    by_country = client.get(reverse("experts:pool"), {"country": "DK"})

    assert by_area.context["total"] == 1
    assert by_area.context["page"].object_list[0].expert.full_name == "Bo"
    assert by_language.context["page"].object_list[0].expert.full_name == "Ana"
    assert by_country.context["page"].object_list[0].expert.full_name == "Bo"


def test_the_pool_filters_by_availability(client):
    today = timezone.localdate()
    free = _entry(make_pool_expert("Free"))
    pool_services.set_availability(
        entry=free, periods=[(today, today + dt.timedelta(days=30), "")]
    )
    make_pool_expert("Busy")

    response = client.get(
        reverse("experts:pool"),
        {"available_from": (today + dt.timedelta(days=5)).isoformat()},
    )

    assert [e.expert.full_name for e in response.context["page"].object_list] == [
        "Free"
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_the_pool_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    for i in range(count):
        make_pool_expert(f"Expert {i}", areas=["audience-development"])

    with django_assert_num_queries(5):
        client.get(reverse("experts:pool"))


def test_a_visitor_sees_the_public_part_without_contact_or_e_mail(client):
    entry = _entry(make_pool_expert("Ana"))
    entry.show_email = True
    entry.save()

    html = client.get(entry.get_absolute_url()).content.decode()

    assert entry.expert.user.email not in html
    assert 'name="message"' not in html
    assert "Members of city teams who sign in can write" in html


def test_a_team_member_sees_the_contact_form_and_the_e_mail_only_if_shown(
    client, team_member
):
    entry = _entry(make_pool_expert("Ana"))
    client.force_login(team_member)

    hidden = client.get(entry.get_absolute_url()).content.decode()
    entry.show_email = True
    entry.save()
    shown = client.get(entry.get_absolute_url()).content.decode()

    assert 'name="message"' in hidden
    assert entry.expert.user.email not in hidden
    assert f"mailto:{entry.expert.user.email}" in shown


def test_the_profile_carries_a_schema_org_person(client):
    entry = _entry(make_pool_expert("Ana", profiles=["audience"]))
    entry.headline = "Audience <researcher>"
    entry.save()

    html = client.get(entry.get_absolute_url()).content.decode()

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html)
    data = json.loads(block.group(1))
    assert data["@type"] == "Person"
    assert data["name"] == "Ana"
    assert data["jobTitle"] == "Audience <researcher>"
    assert data["knowsAbout"] == ["Audience development"]
    assert "<researcher>" not in block.group(1)


def test_a_team_member_writes_to_an_expert_who_gets_an_e_mail(client, team_member):
    entry = _entry(make_pool_expert("Ana"))
    client.force_login(team_member)
    mail.outbox.clear()

    response = client.post(
        reverse("experts:pool_contact", args=[entry.slug]),
        {"message": "Could you help us with volunteers?"},
    )

    assert response.status_code == 302
    assert PoolContact.objects.get().message == "Could you help us with volunteers?"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [entry.expert.user.email]
    assert "mara@example.org" in mail.outbox[0].body
    assert "Could you help us with volunteers?" in mail.outbox[0].body


def test_the_contact_form_refuses_past_the_daily_limit(client, team_member):
    entry = _entry(make_pool_expert("Ana"))
    client.force_login(team_member)
    url = reverse("experts:pool_contact", args=[entry.slug])
    for _i in range(pool_services.CONTACT_LIMIT):
        client.post(url, {"message": "Hello"})

    response = client.post(url, {"message": "One more"})

    assert response.status_code == 400
    assert PoolContact.objects.count() == pool_services.CONTACT_LIMIT
    assert "Please try again tomorrow" in response.content.decode()


def test_an_empty_message_keeps_the_form_with_its_error(client, team_member):
    entry = _entry(make_pool_expert("Ana"))
    client.force_login(team_member)

    response = client.post(
        reverse("experts:pool_contact", args=[entry.slug]), {"message": ""}
    )

    assert response.status_code == 400
    assert PoolContact.objects.count() == 0


def test_the_expert_edits_their_profile_which_confirms_it(client):
    profile = make_pool_expert("Ana", stale=True)
    client.force_login(profile.user)

    response = client.post(
        reverse("experts:my_pool_profile"),
        {
            "is_listed": "on",
            "headline": "Audience researcher",
            "bio": "I listen to publics.",
            "bio_language": "en",
            "profiles": ["audience"],
            "countries": ["RO"],
            "day_rate": "450",
            "show_experience": "on",
            "languages-TOTAL_FORMS": "1",
            "languages-INITIAL_FORMS": "0",
            "languages-0-language": "fr",
            "languages-0-level": "B2",
        },
    )

    assert response.status_code == 302
    entry = _entry(profile)
    assert entry.headline == "Audience researcher"
    assert entry.day_rate == 450
    assert entry.languages == [{"code": "fr", "level": "B2"}]
    assert entry.is_stale() is False
    document = SearchDocument.objects.get(kind="experts.expert")
    assert document.summary == "Audience researcher"


def test_unlisting_removes_the_profile_from_the_search_and_the_matching(client):
    profile = make_pool_expert("Ana", areas=["audience-development"])
    entry = _entry(profile)

    pool_services.update_profile(
        entry=entry, values={"is_listed": False}, capacity_areas=[]
    )

    assert SearchDocument.objects.filter(kind="experts.expert").count() == 0
    assert matching.pool_candidates() == []


def test_the_expert_confirms_an_unchanged_profile(client):
    profile = make_pool_expert("Ana", stale=True)
    client.force_login(profile.user)

    client.post(reverse("experts:pool_confirm"))

    assert _entry(profile).is_stale() is False


def test_the_expert_sets_their_availability(client):
    profile = make_pool_expert("Ana")
    client.force_login(profile.user)

    response = client.post(
        reverse("experts:pool_availability"),
        {
            "periods-TOTAL_FORMS": "2",
            "periods-INITIAL_FORMS": "0",
            "periods-0-starts_on": "2027-03-01",
            "periods-0-ends_on": "2027-03-31",
            "periods-0-note": "Remote only",
            "periods-1-starts_on": "",
            "periods-1-ends_on": "",
        },
    )

    assert response.status_code == 302
    period = _entry(profile).availability.get()
    assert (period.starts_on, period.ends_on, period.note) == (
        dt.date(2027, 3, 1),
        dt.date(2027, 3, 31),
        "Remote only",
    )


def test_a_period_ending_before_it_starts_is_refused(client):
    profile = make_pool_expert("Ana")
    client.force_login(profile.user)

    response = client.post(
        reverse("experts:pool_availability"),
        {
            "periods-TOTAL_FORMS": "1",
            "periods-INITIAL_FORMS": "0",
            "periods-0-starts_on": "2027-03-31",
            "periods-0-ends_on": "2027-03-01",
        },
    )

    assert response.status_code == 200
    assert "The end date comes before the start date." in response.content.decode()
    assert _entry(profile).availability.count() == 0


def test_available_between_gives_the_share_of_requested_days_covered():
    with_calendar = make_pool_expert("Ana")
    without = make_pool_expert("Bo")
    pool_services.set_availability(
        entry=_entry(with_calendar),
        periods=[
            (dt.date(2027, 3, 1), dt.date(2027, 3, 5), ""),
            (dt.date(2027, 3, 4), dt.date(2027, 3, 10), ""),
        ],
    )

    shares = available_between(
        [with_calendar.pk, without.pk], dt.date(2027, 3, 1), dt.date(2027, 3, 20)
    )

    assert shares == {with_calendar.pk: 0.5}


def test_the_matching_reads_the_calendar_for_the_request_s_dates(team):
    profile = make_pool_expert("Ana", areas=["audience-development"])
    item = make_request(team, days=(10, 19))
    pool_services.set_availability(
        entry=_entry(profile),
        periods=[(item.starts_on, item.starts_on + dt.timedelta(days=4), "")],
    )

    match = matching.rank(item).matches[0]

    part = next(p for p in match.parts if p.key == "availability")
    assert part.points == 5.0
    assert part.lines == ("available over 50% of the requested dates",)


def test_stale_profiles_are_reminded_once_a_month():
    current = make_pool_expert("Current")
    stale = make_pool_expert("Stale", stale=True)
    mail.outbox.clear()

    first = pool_services.remind_stale_profiles()
    again = pool_services.remind_stale_profiles()
    later = pool_services.remind_stale_profiles(
        now=timezone.now() + dt.timedelta(days=31)
    )

    assert (first, again, later) == (1, 0, 1)
    assert mail.outbox[0].to == [stale.user.email]
    assert _entry(current).reminded_at is None


def test_a_profile_about_to_turn_stale_is_reminded_before_it_does():
    profile = make_pool_expert("Ana")
    PoolExpert.objects.filter(expert=profile).update(
        confirmed_at=timezone.now() - dt.timedelta(days=350)
    )
    mail.outbox.clear()

    assert pool_services.remind_stale_profiles() == 1
    assert "Please check it and confirm it before" in mail.outbox[0].body
