"""The matching score, part by part, its explanation and its exclusions."""

from __future__ import annotations

import pytest
from django.utils import translation

from ecoc_hub.experts import matching
from ecoc_hub.experts.enums import EcocRole, Profile
from ecoc_hub.experts.models import (
    SupportAssignment,
    SupportConflict,
    SupportFeedback,
)
from tests.experts.support_factories import (
    join,
    make_pool_expert,
    make_request,
    make_team,
    title,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _part(match: matching.Match, key: str) -> matching.Part:
    return next(p for p in match.parts if p.key == key)


def _match(request, expert) -> matching.Match:
    return next(m for m in matching.rank(request).matches if m.expert == expert)


def test_weights_add_up_to_one_hundred():
    assert sum(matching.WEIGHTS.values()) == 100


def test_a_capacity_area_match_scores_the_whole_weight_and_says_so():
    team = make_team()
    expert = make_pool_expert("Ana", areas=["audience-development"])
    request = make_request(team, areas=["audience-development"])

    part = _part(_match(request, expert), "areas")

    assert part.points == 30
    assert part.lines == ("Audience development: capacity area match",)


def test_an_area_of_the_same_criterion_scores_part_of_the_weight():
    team = make_team()
    expert = make_pool_expert("Ana", areas=["volunteering"])
    request = make_request(team, areas=["audience-development"])

    part = _part(_match(request, expert), "areas")

    assert part.points == 30 * matching.NEIGHBOUR_AREA
    assert part.lines == (
        "Audience development: works in a neighbouring area of the same criterion",
    )


def test_profiles_come_from_the_areas_when_the_team_names_none():
    team = make_team()
    expert = make_pool_expert("Ana", profiles=[Profile.AUDIENCE])
    request = make_request(team, areas=["audience-development"])

    part = _part(_match(request, expert), "profiles")

    assert part.points == 10
    assert part.lines == ("Audience development: profile match",)


def test_languages_count_by_cefr_level_and_name_the_language_in_the_readers_language():
    team = make_team()
    expert = make_pool_expert("Ana", languages=[("ro", "C1"), ("en", "B1")])
    request = make_request(team, languages=["ro", "en", "hu"])

    with translation.override("fr"):
        part = _part(_match(request, expert), "languages")

    assert part.points == round(20 * (1.0 + 0.5 + 0) / 3, 1)
    assert part.lines == (
        "langue parlée : Roumain (C1)",
        "langue parlée : Anglais (B1)",
        "langue non indiquée : Hongrois",
    )


def test_experience_in_a_similar_role_in_the_teams_country_scores_best():
    team = make_team()  # Timișoara 2023, Romania
    in_country = make_pool_expert(
        "Ana", experience=[(title("Timișoara", 2023), EcocRole.DELIVERY_TEAM)]
    )
    elsewhere = make_pool_expert(
        "Bo", experience=[(title("Matera", 2019), EcocRole.DELIVERY_TEAM)]
    )
    other_role = make_pool_expert(
        "Cy", experience=[(title("Matera", 2019), EcocRole.VOLUNTEER)]
    )
    request = make_request(team)

    parts = {
        e.full_name: _part(_match(request, e), "experience")
        for e in (in_country, elsewhere, other_role)
    }

    assert parts["Ana"].points == 10
    assert parts["Ana"].lines == (
        "worked for Timișoara 2023 in a similar role, in your country",
    )
    assert parts["Bo"].points == 6
    assert parts["Bo"].lines == (
        "worked for Matera 2019 in a similar role (Member of the delivery team)",
    )
    assert parts["Cy"].points == 3


def test_availability_is_unknown_until_the_expert_gives_a_calendar():
    team = make_team()
    expert = make_pool_expert("Ana")

    part = _part(_match(make_request(team), expert), "availability")

    assert (part.points, part.lines) == (0, ("no availability given",))


def _completed(request, expert, rating):
    assignment = SupportAssignment.objects.create(
        request=request, expert=expert, state=SupportAssignment.State.COMPLETED
    )
    SupportFeedback.objects.create(assignment=assignment, side="team", rating=rating)
    # The expert's own rating of the team never counts for the expert.
    SupportFeedback.objects.create(assignment=assignment, side="expert", rating=1)


def test_past_feedback_of_teams_raises_the_score_and_is_explained():
    team = make_team()
    rated = make_pool_expert("Ana")
    new = make_pool_expert("Bo")
    other = make_team("Other team", city="Matera", year=2019)
    _completed(make_request(other, title_text="One"), rated, 5)
    _completed(make_request(other, title_text="Two"), rated, 4)
    request = make_request(team)

    part = _part(_match(request, rated), "feedback")
    fresh = _part(_match(request, new), "feedback")

    assert part.lines == ("2 earlier assignments rated 4.5/5",)
    assert part.points == round(10 * ((5 + 4 + 3) / 3 - 1) / 4, 1)
    assert fresh.lines == ("no earlier assignment here",)
    assert fresh.points == 5


def test_words_of_the_need_meet_the_experts_text_through_the_stemmer():
    team = make_team()
    expert = make_pool_expert(
        "Ana", text="J'ai formé des bénévoles et développé les publics jeunes."
    )
    unrelated = make_pool_expert("Bo", text="Contrats et droits d'auteur.")
    request = make_request(
        team,
        text_language="fr",
        title_text="Publics",
        description="Nous cherchons à former nos bénévoles.",
    )

    part = _part(_match(request, expert), "words")
    none = _part(_match(request, unrelated), "words")

    assert part.lines == (
        "shares these words with the need: Publics, former, bénévoles",
    )
    assert 5 < part.points < 10  # "nous", "cherchons" are not in the text
    assert (none.points, none.lines) == (0, ())


def test_words_are_stemmed_in_german_too():
    team = make_team()
    expert = make_pool_expert(
        "Ana", text="Ich habe Freiwilligenprogramme und Freiwillige betreut."
    )
    request = make_request(
        team, text_language="de", title_text="Hilfe", description="Freiwilliger gesucht"
    )

    part = _part(_match(request, expert), "words")

    assert part.lines == ("shares these words with the need: Freiwilliger",)


def test_a_stale_profile_loses_points_and_says_why():
    team = make_team()
    expert = make_pool_expert("Ana", areas=["audience-development"], stale=True)
    fresh = make_pool_expert("Bo", areas=["audience-development"])
    request = make_request(team)

    old, new = _match(request, expert), _match(request, fresh)

    assert old.penalty == matching.STALE_PENALTY
    assert old.penalty_line == "profile not updated for more than a year"
    assert new.score - old.score == matching.STALE_PENALTY


def test_an_expert_of_the_requesting_team_is_never_ranked():
    team = make_team()
    insider = make_pool_expert("Ana", areas=["audience-development"])
    join(team, insider.user)
    outsider = make_pool_expert("Bo")

    ranking = matching.rank(make_request(team))

    assert [m.expert for m in ranking.matches] == [outsider]
    assert (ranking.excluded_team, ranking.excluded_conflict) == (1, 0)


def test_an_expert_with_a_declared_conflict_is_never_ranked():
    team = make_team()
    conflicted = make_pool_expert("Ana", areas=["audience-development"])
    SupportConflict.objects.create(expert=conflicted, team=team, reason="Ex-employer")
    other = make_pool_expert("Bo")

    ranking = matching.rank(make_request(team))

    assert [m.expert for m in ranking.matches] == [other]
    assert (ranking.excluded_team, ranking.excluded_conflict) == (0, 1)


def test_people_not_in_the_pool_are_not_ranked():
    team = make_team()
    in_pool = make_pool_expert("Ana")
    UserFactory(roles=["expert"])  # an expert role but no accepted application
    revoked = make_pool_expert("Bo")
    revoked.user.groups.clear()

    ranking = matching.rank(make_request(team))

    assert [m.expert for m in ranking.matches] == [in_pool]


def test_the_ranking_puts_the_best_fit_first():
    team = make_team()
    weak = make_pool_expert("Ana", areas=["legal-ipr"], profiles=[Profile.LEGAL])
    strong = make_pool_expert(
        "Bo",
        areas=["audience-development"],
        profiles=[Profile.AUDIENCE],
        languages=[("ro", "C2")],
        text="Audience development in neighbourhoods.",
    )
    request = make_request(team, languages=["ro"])

    ranking = matching.rank(request)

    assert [m.expert for m in ranking.matches] == [strong, weak]
    assert ranking.matches[0].score > ranking.matches[1].score


def test_equal_scores_come_by_name_with_accents_folded():
    team = make_team()
    for name in ("Ezra Hale", "Émile Roux", "Elena Vogt"):
        make_pool_expert(name, areas=["audience-development"])
    request = make_request(team)

    ranked = [m.expert.full_name for m in matching.rank(request).matches]

    assert ranked == ["Elena Vogt", "Émile Roux", "Ezra Hale"]


def test_an_expert_fits_only_with_a_point_for_the_areas_profiles_or_words():
    team = make_team()
    area = make_pool_expert("Area", areas=["audience-development"])
    profile = make_pool_expert("Profile", profiles=[Profile.AUDIENCE])
    words = make_pool_expert("Words", text="Audiences in the districts.")
    nothing = make_pool_expert("Nothing", areas=["legal-ipr"])
    request = make_request(team, description="New audiences in the districts.")

    fits = {m.expert: m.fits for m in matching.rank(request).matches}

    assert fits == {area: True, profile: True, words: True, nothing: False}
    # Nothing still scores: languages (none asked) and feedback (none yet).
    assert _match(request, nothing).score == 25
