from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest

from ecoc_hub.accounts.privacy import (
    export_user_data,
    personal_files,
    stream_files_zip,
)
from ecoc_hub.accounts.services import delete_account
from ecoc_hub.experts import review, support_services
from ecoc_hub.experts.models import (
    Application,
    ExpertProfile,
    Review,
    Score,
    SupportAssignment,
    SupportConflict,
    SupportRequest,
)
from tests.experts.conftest import add_categories, submitted
from tests.experts.support_factories import (
    join,
    make_pool_expert,
    make_request,
    make_team,
)
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


@pytest.fixture
def completed_assignment():
    team = make_team()
    author = join(team, UserFactory(display_name="Ioana"), "admin")
    expert = make_pool_expert("Ana Expert")
    request = make_request(team, author, description="New audiences, please.")
    assignment = support_services.invite(request=request, expert=expert, actor=author)
    support_services.move(assignment=assignment, action="accept", actor=expert.user)
    support_services.send_message(assignment=assignment, author=author, body="Hello!")
    support_services.send_message(assignment=assignment, author=expert.user, body="Hi.")
    support_services.move(assignment=assignment, action="start", actor=author)
    support_services.move(assignment=assignment, action="complete", actor=author)
    support_services.give_feedback(
        assignment=assignment, author=author, rating=5, comment="Great work"
    )
    support_services.give_feedback(
        assignment=assignment, author=expert.user, rating=4, comment="Clear brief"
    )
    SupportConflict.objects.create(
        expert=expert, team=make_team("Other team", slug="other"), reason="Family"
    )
    return assignment, author, expert


def test_the_export_holds_support_requests_threads_and_feedback(completed_assignment):
    _assignment, author, expert = completed_assignment

    team_side = export_user_data(author)["experts"]["support"]
    expert_side = export_user_data(expert.user)["experts"]["support"]

    json.dumps(team_side), json.dumps(expert_side)  # plain JSON, no model objects
    assert [r["description"] for r in team_side["requests_written"]] == [
        "New audiences, please."
    ]
    assert [m["message"] for m in team_side["messages_written"]] == ["Hello!"]
    assert [(f["rating"], f["comment"]) for f in team_side["feedback_given"]] == [
        (5, "Great work")
    ]
    assert team_side["assignments_as_expert"] == []
    (work,) = expert_side["assignments_as_expert"]
    assert work["state"] == "completed"
    assert [e["action"] for e in work["history"]] == [
        "invite",
        "accept",
        "start",
        "complete",
    ]
    assert [m["message"] for m in work["messages"]] == ["Hello!", "Hi."]
    assert sorted(f["rating"] for f in work["feedback"]) == [4, 5]
    assert [m["message"] for m in expert_side["messages_written"]] == ["Hi."]
    assert expert_side["conflicts_declared_with_teams"][0]["reason"] == "Family"
    assert expert_side["requests_written"] == []
    # Nothing of the team's member addresses reaches the expert's export.
    assert author.email not in json.dumps(expert_side)


def test_deleting_the_team_member_keeps_the_teams_record_without_them(
    completed_assignment,
):
    assignment, author, expert = completed_assignment

    address = author.email
    delete_account(user=author)

    # The account stays as an anonymous "Former member" (accounts'
    # delete_account), so the team's record keeps its shape without them.
    request = SupportRequest.objects.get(pk=assignment.request_id)
    assert request.created_by_id == author.pk
    assert request.created_by.email != address
    assert str(request.created_by) == "Former member"
    assert list(assignment.messages.values_list("author", "body")) == [
        (author.pk, "Hello!"),
        (expert.user.pk, "Hi."),
    ]
    assert assignment.feedback.count() == 2
    assert address not in json.dumps(export_user_data(expert.user), default=str)


def test_deleting_the_expert_keeps_the_teams_record_of_the_work_without_them(
    completed_assignment, client
):
    assignment, author, expert = completed_assignment
    team = assignment.request.team
    other = make_request(team, author, title_text="Evaluation help")
    invited = support_services.invite(request=other, expert=expert, actor=author)
    third = make_request(team, author, title_text="Volunteers")
    ongoing = support_services.invite(request=third, expert=expert, actor=author)
    support_services.move(assignment=ongoing, action="accept", actor=expert.user)
    support_services.move(assignment=ongoing, action="start", actor=author)

    delete_account(user=expert.user)

    assignment.refresh_from_db()
    assert assignment.expert is None
    assert assignment.state == "completed"
    assert assignment.expert_name == "A former expert"
    assert list(assignment.messages.values_list("body", flat=True)) == [
        "Hello!",
        "Hi.",
    ]
    assert assignment.feedback.count() == 2
    assert [e.action for e in assignment.events.order_by("created_at", "pk")] == [
        "invite",
        "accept",
        "start",
        "complete",
    ]
    # An invitation never taken up is gone; started work is cancelled.
    assert not SupportAssignment.objects.filter(pk=invited.pk).exists()
    ongoing.refresh_from_db()
    assert (ongoing.expert, ongoing.state) == (None, "cancelled")
    assert ongoing.events.order_by("-created_at", "-pk").first().to_state == (
        "cancelled"
    )
    assert not SupportConflict.objects.exists()
    assert not ExpertProfile.objects.filter(pk=expert.pk).exists()
    # The team still reads its record, with the expert's name gone.
    client.force_login(author)
    page = client.get(assignment.get_absolute_url())
    request_page = client.get(assignment.request.get_absolute_url())
    assert page.status_code == request_page.status_code == 200
    assert "A former expert" in page.content.decode()
    assert "Ana Expert" not in page.content.decode()
    assert "A former expert</a>: Completed" in request_page.content.decode()


def test_the_files_zip_holds_the_cv_and_only_the_applicants(scored):
    application, reviewer = scored
    application.refresh_from_db()

    files = personal_files(application.expert.user)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(stream_files_zip(files))))

    cv_path = f"experts/{application.uuid}/cv.pdf"
    assert cv_path in archive.namelist()
    data = archive.read(cv_path)
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == application.cv.sha256
    entry = next(
        f
        for f in json.loads(archive.read("manifest.json"))["files"]
        if f["path"] == cv_path
    )
    assert entry["what"] == "CV"
    assert entry["call"] == application.call.title
    # The reviewer read the application but did not supply its CV.
    assert not [f for f in personal_files(reviewer) if f.path.startswith("experts/")]
