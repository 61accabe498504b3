from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from ecoc_hub.accounts.permissions import is_expert, is_reviewer
from ecoc_hub.experts import review
from ecoc_hub.experts.models import Application, Conflict, Review
from ecoc_hub.experts.pool_models import PoolExpert
from tests.experts.conftest import add_categories, submitted
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
State = Application.State


@pytest.fixture
def panel(call):
    add_categories(call)
    people = [UserFactory(display_name=f"Reviewer {i}") for i in range(3)]
    for person in people:
        review.add_reviewer(call=call, user=person, profiles=["management"])
    return people


def _score(item: Review, values: list[int], recommendation: str = "accept") -> None:
    categories = list(item.application.call.score_categories.all())
    review.submit_review(
        review=item,
        reviewer=item.reviewer,
        scores={c.pk: v for c, v in zip(categories, values, strict=True)},
        recommendation=recommendation,
        comment="Solid.",
    )


def test_a_panel_member_holds_the_reviewer_role(call, panel):
    assert is_reviewer(panel[0])


def test_confirming_the_proposal_assigns_n_reviewers_and_starts_the_review(
    call, panel, curator
):
    applications = [submitted(call, name=f"Person {i}") for i in range(3)]
    proposal = review.propose_for(call)

    made = review.confirm_proposal(
        call=call, manager=curator, fingerprint=proposal.fingerprint()
    )

    assert made == 6
    loads = sorted(Review.objects.filter(reviewer=p).count() for p in panel)
    assert loads == [2, 2, 2]
    for application in applications:
        application.refresh_from_db()
        assert application.state == State.UNDER_REVIEW
        assert application.reviews.count() == 2


def test_a_changed_proposal_is_refused(call, panel, curator):
    application = submitted(call)
    proposal = review.propose_for(call)
    reviewer_id, _a = proposal.pairs[0]
    Conflict.objects.create(application=application, reviewer_id=reviewer_id)

    with pytest.raises(ValidationError):
        review.confirm_proposal(
            call=call, manager=curator, fingerprint=proposal.fingerprint()
        )

    assert Review.objects.count() == 0


def test_a_declared_conflict_is_never_assigned_again_nor_shown(
    call, panel, curator, client
):
    application = submitted(call)
    mine = review.assign_by_hand(
        application=application, reviewer=panel[0], manager=curator
    )

    mine_pk = mine.pk
    review.declare_conflict(review=mine, reviewer=panel[0], reason="Former colleague")
    proposal = review.propose_for(call)
    review.confirm_proposal(
        call=call, manager=curator, fingerprint=proposal.fingerprint()
    )
    client.force_login(panel[0])

    assert Conflict.objects.get().reason == "Former colleague"
    assert set(application.reviews.values_list("reviewer", flat=True)) == {
        panel[1].pk,
        panel[2].pk,
    }
    assert client.get(reverse("experts:review", args=[mine_pk])).status_code == 404
    assert (
        "No application is assigned to you."
        in client.get(reverse("experts:reviews")).content.decode()
    )
    with pytest.raises(ValidationError):
        review.assign_by_hand(
            application=application, reviewer=panel[0], manager=curator
        )


def test_manual_assignments_are_kept_and_scope_is_respected(call, panel, curator):
    outsider = UserFactory()
    review.add_reviewer(call=call, user=outsider, profiles=["audience"])
    application = submitted(call)
    review.assign_by_hand(application=application, reviewer=panel[2], manager=curator)

    proposal = review.propose_for(call)

    assert len(proposal.pairs) == 1
    assert all(r != outsider.pk and r != panel[2].pk for r, _a in proposal.pairs)
    with pytest.raises(ValidationError):
        review.assign_by_hand(
            application=application, reviewer=outsider, manager=curator
        )


def test_the_reviewer_page_is_blind(call, panel, curator, client):
    application = submitted(call, name="Zenobia Quill", email="zenobia@example.org")
    item = review.assign_by_hand(
        application=application, reviewer=panel[0], manager=curator
    )
    client.force_login(panel[0])

    page = client.get(item.get_absolute_url()).content.decode()
    listing = client.get(reverse("experts:reviews")).content.decode()
    cv = client.get(reverse("experts:review_cv", args=[item.pk]))

    for text in (page, listing):
        assert "Zenobia" not in text
        assert "zenobia@example.org" not in text
        assert "cv.pdf" not in text
    assert f"Application {application.pk}" in page
    assert "<dd>Romania, France</dd>" in page
    assert "The CV itself is shown as the applicant wrote it" in page
    assert cv.status_code == 200
    assert (
        cv["Content-Disposition"]
        == f'attachment; filename="application-{application.pk}.pdf"'
    )
    # The applicant's own page stays closed to the reviewer.
    assert client.get(application.get_absolute_url()).status_code == 404


def test_other_scores_stay_hidden_until_the_reviewer_submits(
    call, panel, curator, client
):
    application = submitted(call)
    first = review.assign_by_hand(
        application=application, reviewer=panel[0], manager=curator
    )
    second = review.assign_by_hand(
        application=application, reviewer=panel[1], manager=curator
    )
    _score(first, [5, 5, 5])
    client.force_login(panel[1])

    before = client.get(second.get_absolute_url()).content.decode()
    _score(second, [1, 1, 1], "reject")
    after = client.get(second.get_absolute_url()).content.decode()

    assert "The other reviews" not in before
    assert "Weighted score 5.00" not in before
    assert "The other reviews" in after
    assert "Weighted score 5.00" in after


def test_weighted_scores_mean_median_and_disagreement(call, panel, curator):
    application = submitted(call)
    reviews = [
        review.assign_by_hand(application=application, reviewer=p, manager=curator)
        for p in panel
    ]
    _score(reviews[0], [5, 3, 4])  # (10 + 3 + 4) / 4 = 4.25
    _score(reviews[1], [4, 4, 4])  # 4.00
    _score(reviews[2], [1, 2, 3])  # (2 + 2 + 3) / 4 = 1.75

    [row] = review.ranking(call, "management")

    assert row.scores == [Decimal("4.25"), Decimal("4.00"), Decimal("1.75")]
    assert row.mean == Decimal("3.33")
    assert row.median == Decimal("4.00")
    assert row.spread == Decimal("2.50")
    assert row.flagged  # above the call's 1.50
    assert row.recommendations == {"accept": 3, "unsure": 0, "reject": 0}


def test_a_score_outside_the_category_values_is_refused(call, panel, curator):
    application = submitted(call)
    item = review.assign_by_hand(
        application=application, reviewer=panel[0], manager=curator
    )

    with pytest.raises(ValidationError):
        _score(item, [9, 1, 1])

    item.refresh_from_db()
    assert item.submitted_at is None
    assert item.scores.count() == 0


def test_decisions_are_sent_together_in_each_applicants_language(call, panel, curator):
    yes = submitted(call, name="Ana")
    no = submitted(call, name="Bruno")
    yes.expert.user.preferred_language = "fr"
    yes.expert.user.save()
    no.expert.user.preferred_language = "de"
    no.expert.user.save()
    for application in (yes, no):
        review.assign_by_hand(
            application=application, reviewer=panel[0], manager=curator
        )
        application.refresh_from_db()
    review.draft_decision(application=yes, decision="accept")
    with pytest.raises(ValidationError):
        review.send_decisions(round=yes.round, manager=curator)
    review.draft_decision(application=no, decision="reject")
    mail.outbox.clear()

    sent = review.send_decisions(round=yes.round, manager=curator)

    yes.refresh_from_db()
    no.refresh_from_db()
    assert sent == 2
    assert (yes.state, no.state) == (State.ACCEPTED, State.REJECTED)
    assert is_expert(yes.expert.user) and not is_expert(no.expert.user)
    assert list(PoolExpert.objects.values_list("expert", flat=True)) == [yes.expert.pk]
    subjects = sorted(m.subject for m in mail.outbox)
    assert any("Candidature acceptée" in s for s in subjects)
    assert any("Ihre Bewerbung" in s for s in subjects)
    yes.round.refresh_from_db()
    assert yes.round.decisions_sent_at is not None


def test_the_managers_messages_agree_with_a_count_of_one(call, panel, client):
    """ "1 attribution a été faite", not "1 attributions ont été faites"."""
    manager = UserFactory(display_name="Marta Manager", preferred_language="fr")
    call.managers.add(manager)
    call.reviewers_per_application = 1
    call.save()
    application = submitted(call, name="Ana")
    client.force_login(manager)
    proposal = review.propose_for(call)

    made = client.post(
        reverse("experts:assignment", args=[call.slug]),
        {"fingerprint": proposal.fingerprint()},
        follow=True,
    )
    url = reverse("experts:decisions_send", args=[call.slug, application.round.number])
    undecided = client.post(url, follow=True)
    application.refresh_from_db()
    review.draft_decision(application=application, decision="accept")
    sent = client.post(url, follow=True)

    assert "1 attribution a été faite." in made.content.decode()
    assert (
        "1 candidature de cette session n\u2019a pas encore de décision préparée."
        in undecided.content.decode()
    )
    assert "1 décision a été envoyée." in sent.content.decode()
