from __future__ import annotations

import json

import pytest

from ecoc_hub.accounts.privacy import export_user_data
from ecoc_hub.accounts.services import delete_account
from ecoc_hub.experts import review
from ecoc_hub.experts.models import Application, ExpertProfile, Review, Score
from tests.experts.conftest import add_categories, submitted
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(call, curator):
    add_categories(call)
    reviewer = UserFactory(display_name="Rita")
    review.add_reviewer(call=call, user=reviewer, profiles=["management"])
    application = submitted(call, name="Zenobia Quill")
    item = review.assign_by_hand(
        application=application, reviewer=reviewer, manager=curator
    )
    categories = list(call.score_categories.all())
    review.submit_review(
        review=item,
        reviewer=reviewer,
        scores={c.pk: 4 for c in categories},
        recommendation="accept",
        comment="Good.",
    )
    return application, reviewer


def test_the_export_holds_applications_and_blind_reviews(scored):
    application, reviewer = scored

    mine = json.dumps(export_user_data(application.expert.user), default=str)
    theirs = export_user_data(reviewer)["experts"]

    assert "Zenobia Quill" in mine
    assert '"state": "under_review"' in mine
    assert theirs["reviews"][0]["application"] == application.reference
    assert theirs["reviews"][0]["scores"] == {
        "Relevance of experience": 4,
        "ECoC knowledge": 4,
        "Languages": 4,
    }
    assert "Zenobia" not in json.dumps(theirs)


def test_a_reviewers_deletion_keeps_the_scores_anonymous(scored):
    application, reviewer = scored

    delete_account(user=reviewer)

    item = Review.objects.get(application=application)
    assert item.reviewer is None
    assert Score.objects.filter(review=item).count() == 3
    [row] = review.ranking(application.call, "management")
    assert str(row.mean) == "4.00"


def test_an_applicants_deletion_removes_profile_and_applications(scored):
    application, _reviewer = scored
    user = application.expert.user

    delete_account(user=user)

    assert not ExpertProfile.objects.filter(user=user).exists()
    assert not Application.objects.filter(pk=application.pk).exists()
