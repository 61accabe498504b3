"""Conflicts of interest a panel member declares before any assignment.

Review is blind, so a reviewer cannot point at an application; they name
the person instead (and give an e-mail address if they know it). Every
application of the call whose applicant has that name (case, spacing and
accents folded, as the duplicate check compares them) or that verified
address is then a conflict for them: never proposed by the automatic
assignment, refused by the manual one, and, if already assigned and not yet
reviewed, taken back as if they had declared it on the review.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ecoc_hub.accounts.models import User
from ecoc_hub.cities.countries import fold

from .models import Application, Call, CallReviewer, PanelConflict, Review


def normalise_name(name: str) -> str:
    return fold(" ".join(name.split()))


def _matches(conflict: PanelConflict, application: Application) -> bool:
    name = normalise_name(conflict.person_name)
    email = conflict.email.strip().casefold()
    return normalise_name(application.expert.full_name) == name or bool(
        email and application.expert.user.email.casefold() == email
    )


def declared_pairs(call: Call) -> set[tuple[int, int]]:
    """(reviewer id, application id) of every conflict declared in advance."""
    conflicts = list(PanelConflict.objects.filter(call=call))
    if not conflicts:
        return set()
    applications = list(
        Application.objects.filter(call=call).select_related("expert__user")
    )
    return {
        (c.reviewer_id, a.pk) for c in conflicts for a in applications if _matches(c, a)
    }


@transaction.atomic
def declare_in_advance(
    *, call: Call, reviewer: User, person_name: str, email: str = "", reason: str = ""
) -> PanelConflict:
    if not CallReviewer.objects.filter(call=call, user=reviewer).exists():
        raise ValidationError(_("You are not on this call's panel."))
    if not person_name.strip():
        raise ValidationError({"person_name": [_("Give the person's name.")]})
    conflict = PanelConflict.objects.create(
        call=call,
        reviewer=reviewer,
        person_name=person_name.strip(),
        email=email.strip(),
        reason=reason.strip()[:500],
    )
    from .review import declare_conflict

    pending = Review.objects.filter(
        reviewer=reviewer, application__call=call, submitted_at__isnull=True
    ).select_related("application__expert__user")
    for item in pending:
        if _matches(conflict, item.application):
            declare_conflict(review=item, reviewer=reviewer, reason=conflict.reason)
    return conflict
