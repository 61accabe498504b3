"""The panel's work: reviewers, conflicts, assignments, scores, ranking and
the round's decisions.

Blind review: reviewers reach applications only through their ``Review``
(``views/review.py``), which shows ``Application.reference`` and the
professional content, never the name, the e-mail or the CV's file name.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecoc_hub.accounts import roles
from ecoc_hub.accounts.models import User
from ecoc_hub.core.mail import queue_email
from ecoc_hub.core.workflow import transition

from .assignment import Panel, Proposal, propose
from .enums import Decision, Profile, Recommendation
from .models import (
    Application,
    Call,
    CallReviewer,
    Conflict,
    EvaluationRound,
    Review,
    Score,
)
from .panel_conflicts import declared_pairs
from .pool_services import add_to_pool

State = Application.State
IN_REVIEW = {State.SUBMITTED, State.UNDER_REVIEW}
TWO = Decimal("0.01")


@transaction.atomic
def add_reviewer(*, call: Call, user: User, profiles: list[str]) -> CallReviewer:
    """Put ``user`` on the call's panel for ``profiles`` (the reviewer role)."""
    unknown = set(profiles) - set(Profile.values)
    if unknown or not profiles:
        raise ValidationError({"profiles": [_("Choose the profiles from the list.")]})
    member, _created = CallReviewer.objects.update_or_create(
        call=call, user=user, defaults={"profiles": sorted(profiles)}
    )
    user.groups.add(Group.objects.get(name=roles.REVIEWER))
    return member


def panel_for(call: Call) -> Panel:
    applications = {
        a.pk: a.scope
        for a in Application.objects.filter(call=call, state__in=IN_REVIEW).only(
            "pk", "profiles"
        )
    }
    reviewers = {
        m.user_id: frozenset(m.profiles)
        for m in CallReviewer.objects.filter(call=call).only("user_id", "profiles")
    }
    conflicts = frozenset(
        Conflict.objects.filter(application__call=call).values_list(
            "reviewer_id", "application_id"
        )
    ) | frozenset(declared_pairs(call))
    existing = frozenset(
        (r, a)
        for r, a in Review.objects.filter(
            application__call=call, application_id__in=list(applications)
        ).values_list("reviewer_id", "application_id")
        if r is not None
    )
    return Panel(
        applications=applications,
        reviewers=reviewers,
        conflicts=conflicts,
        existing=existing,
        per_application=call.reviewers_per_application,
    )


def propose_for(call: Call) -> Proposal:
    return propose(panel_for(call))


def _start_review(application: Application, actor: User | None) -> None:
    if application.state == State.SUBMITTED:
        transition(application, "start_review", actor=actor)


@transaction.atomic
def confirm_proposal(*, call: Call, manager: User, fingerprint: str) -> int:
    """Create the proposed assignments if the proposal is still the one shown."""
    Call.objects.select_for_update().get(pk=call.pk)
    proposal = propose_for(call)
    if proposal.fingerprint() != fingerprint:
        raise ValidationError(
            _(
                "The proposal changed since you saw it (a conflict or a reviewer "
                "was added). Look at it again."
            )
        )
    applications = Application.objects.in_bulk([a for _r, a in proposal.pairs])
    for reviewer_id, application_id in proposal.pairs:
        Review.objects.create(application_id=application_id, reviewer_id=reviewer_id)
    for application in applications.values():
        _start_review(application, manager)
    return len(proposal.pairs)


@transaction.atomic
def assign_by_hand(
    *, application: Application, reviewer: User, manager: User
) -> Review:
    member = CallReviewer.objects.filter(call=application.call, user=reviewer).first()
    if member is None or application.scope not in member.profiles:
        raise ValidationError(
            _("This person does not review the application's profile in this call.")
        )
    if Conflict.objects.filter(application=application, reviewer=reviewer).exists() or (
        (reviewer.pk, application.pk) in declared_pairs(application.call)
    ):
        raise ValidationError(
            _("This reviewer declared a conflict of interest with the application.")
        )
    if application.state not in IN_REVIEW:
        raise ValidationError(_("Only submitted applications can be reviewed."))
    review, _created = Review.objects.get_or_create(
        application=application, reviewer=reviewer, defaults={"is_manual": True}
    )
    _start_review(application, manager)
    return review


@transaction.atomic
def declare_conflict(*, review: Review, reviewer: User, reason: str = "") -> Conflict:
    """The reviewer steps aside: the review (and any scores) go, the conflict
    stays, and the application is never assigned to or shown to them again."""
    conflict, _created = Conflict.objects.get_or_create(
        application_id=review.application_id,
        reviewer=reviewer,
        defaults={"reason": reason.strip()[:500]},
    )
    review.delete()
    return conflict


@transaction.atomic
def submit_review(
    *,
    review: Review,
    reviewer: User,
    scores: Mapping[int, int],
    recommendation: str,
    comment: str,
) -> Review:
    if review.reviewer_id != reviewer.pk:
        raise ValidationError(_("This is not your review."))
    if review.is_submitted:
        raise ValidationError(_("This review was already submitted."))
    if review.application.state != State.UNDER_REVIEW:
        raise ValidationError(_("This application is no longer under review."))
    categories = {c.pk: c for c in review.application.call.score_categories.all()}
    if set(scores) != set(categories):
        raise ValidationError(_("Score every category."))
    for category_id, value in scores.items():
        allowed = {v for v, _label in categories[category_id].value_choices()}
        if value not in allowed:
            raise ValidationError(_("Choose a value from the list."))
    if recommendation not in Recommendation.values:
        raise ValidationError({"recommendation": [_("Choose a recommendation.")]})
    for category_id, value in scores.items():
        Score.objects.create(review=review, category_id=category_id, value=value)
    review.recommendation = recommendation
    review.comment = comment.strip()
    review.submitted_at = timezone.now()
    review.save(update_fields=["recommendation", "comment", "submitted_at"])
    return review


# Aggregation ------------------------------------------------------------------


def weighted_score(review: Review) -> Decimal | None:
    """sum(weight * value) / sum(weight) over the review's scores."""
    scores = list(review.scores.all())
    if not scores:
        return None
    total = sum((s.category.weight for s in scores), Decimal(0))
    value = sum((s.category.weight * s.value for s in scores), Decimal(0)) / total
    return value.quantize(TWO, ROUND_HALF_UP)


@dataclass
class RankRow:
    application: Application
    scores: list[Decimal]
    mean: Decimal | None
    median: Decimal | None
    spread: Decimal | None
    flagged: bool
    recommendations: dict[str, int]


def ranking(call: Call, profile: str) -> list[RankRow]:
    """Applications of one profile, best weighted mean first; a spread above
    the call's threshold is flagged."""
    applications = (
        Application.objects.filter(call=call)
        .exclude(state__in=[State.DRAFT, State.WITHDRAWN])
        .select_related("round")
        .prefetch_related("reviews__scores__category")
    )
    rows = []
    for application in applications:
        if application.scope != profile:
            continue
        submitted = [r for r in application.reviews.all() if r.is_submitted]
        scores = [s for s in (weighted_score(r) for r in submitted) if s is not None]
        mean = median = spread = None
        if scores:
            mean = (sum(scores, Decimal(0)) / len(scores)).quantize(TWO, ROUND_HALF_UP)
            median = Decimal(statistics.median(scores)).quantize(TWO, ROUND_HALF_UP)
            spread = max(scores) - min(scores)
        counts = dict.fromkeys(Recommendation.values, 0)
        for review in submitted:
            counts[review.recommendation] = counts.get(review.recommendation, 0) + 1
        rows.append(
            RankRow(
                application=application,
                scores=scores,
                mean=mean,
                median=median,
                spread=spread,
                flagged=spread is not None and spread > call.disagreement_threshold,
                recommendations=counts,
            )
        )
    rows.sort(key=lambda row: (row.mean is None, -(row.mean or 0), row.application.pk))
    return rows


# Decisions --------------------------------------------------------------------


@transaction.atomic
def draft_decision(*, application: Application, decision: str) -> None:
    if decision not in Decision.values:
        raise ValidationError(_("Choose a decision from the list."))
    if application.state != State.UNDER_REVIEW:
        raise ValidationError(_("Only an application under review can be decided."))
    application.decision = decision
    application.save(update_fields=["decision", "updated_at"])


def _notify(application: Application, action: str) -> None:
    user = application.expert.user
    if not user.email or user.is_former_member:
        return
    queue_email(
        to=[user.email],
        template="experts/email/decision",
        context={
            "accepted": action == "accept",
            "call": application.call,
            "name": application.expert.full_name or user.public_name,
            "url": settings.SITE_URL + application.get_absolute_url(),
        },
        language=user.preferred_language or settings.LANGUAGE_CODE,
    )


@transaction.atomic
def send_decisions(
    *, round: EvaluationRound, manager: User | None, notify: bool = True
) -> int:
    """Send every drafted decision of the round at once (all or nothing)."""
    EvaluationRound.objects.select_for_update().get(pk=round.pk)
    pending = list(
        Application.objects.filter(
            round=round, state=State.UNDER_REVIEW
        ).select_related("call", "expert__user")
    )
    undecided = [a for a in pending if not a.decision]
    if undecided:
        raise ValidationError(
            ngettext(
                "%(count)s application of this round has no drafted decision yet.",
                "%(count)s applications of this round have no drafted decision yet.",
                len(undecided),
            )
            % {"count": len(undecided)}
        )
    if not pending:
        raise ValidationError(_("This round has no drafted decision to send."))
    for application in pending:
        action = "accept" if application.decision == Decision.ACCEPT else "reject"
        transition(application, action, actor=manager)
        if action == "accept":
            application.expert.user.groups.add(Group.objects.get(name=roles.EXPERT))
            add_to_pool(application=application)
        if notify:
            _notify(application, action)
    round.decisions_sent_at = timezone.now()
    round.save(update_fields=["decisions_sent_at"])
    return len(pending)
