"""Support requests and assignments in a person's data export.

A city team member gets the requests they wrote, and every message and
piece of feedback they wrote in an assignment's thread. An expert gets
their assignments whole: the request they were invited to, its history,
the thread (both sides: it is the record of their own work) and the
feedback given and received, and the conflicts they declared with teams.

Deletion needs no code here: a request belongs to its team, and it, the
messages, the feedback and the history entries stay in the team's record
pointing at the anonymous "Former member" that ``delete_account`` leaves of
the account (no name, no address). An expert's assignments stay in the
team's record too, without the expert (``SET_NULL`` when
``privacy.erase_experts_data`` deletes the profile; it first removes the
unanswered invitations and cancels ongoing work); their conflicts go with
the profile (``CASCADE``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from ecoc_hub.accounts.models import User

from .support_models import (
    SupportAssignment,
    SupportConflict,
    SupportFeedback,
    SupportMessage,
    SupportRequest,
)


def export_support_data(user: User) -> dict[str, Any]:
    site = settings.SITE_URL
    return {
        "requests_written": [
            {
                "url": site + r.get_absolute_url(),
                "team": r.team.name,
                "title": r.title,
                "description": r.description,
                "capacity_areas": [a.code for a in r.capacity_areas.all()],
                "profiles": r.profiles,
                "languages": r.languages,
                "format": r.format,
                "from": r.starts_on.isoformat(),
                "until": r.ends_on.isoformat(),
                "budget_min": r.budget_min,
                "budget_max": r.budget_max,
                "state": r.state,
                "created_at": r.created_at.isoformat(),
            }
            for r in SupportRequest.objects.filter(created_by=user)
            .select_related("team")
            .prefetch_related("capacity_areas")
            .order_by("created_at", "pk")
        ],
        "assignments_as_expert": [
            _assignment(a)
            for a in SupportAssignment.objects.filter(expert__user=user)
            .select_related("request__team")
            .prefetch_related("events", "messages", "feedback")
            .order_by("created_at", "pk")
        ],
        "messages_written": [
            {
                "assignment": site + m.assignment.get_absolute_url(),
                "request": m.assignment.request.title,
                "side": m.side,
                "message": m.body,
                "sent_at": m.created_at.isoformat(),
            }
            for m in SupportMessage.objects.filter(author=user)
            .select_related("assignment__request")
            .order_by("created_at", "pk")
        ],
        "feedback_given": [
            {
                "assignment": site + f.assignment.get_absolute_url(),
                "request": f.assignment.request.title,
                "side": f.side,
                "rating": f.rating,
                "comment": f.comment,
                "given_at": f.created_at.isoformat(),
            }
            for f in SupportFeedback.objects.filter(author=user)
            .select_related("assignment__request")
            .order_by("created_at", "pk")
        ],
        "conflicts_declared_with_teams": [
            {
                "team": c.team.name,
                "reason": c.reason,
                "declared_at": c.declared_at.isoformat(),
            }
            for c in SupportConflict.objects.filter(expert__user=user)
            .select_related("team")
            .order_by("declared_at", "pk")
        ],
    }


def _assignment(a: SupportAssignment) -> dict[str, Any]:
    return {
        "url": settings.SITE_URL + a.get_absolute_url(),
        "request": a.request.title,
        "team": a.request.team.name,
        "state": a.state,
        "matching_score": a.score,
        "invited_at": a.created_at.isoformat(),
        "history": [
            e.exported()
            for e in sorted(a.events.all(), key=lambda e: (e.created_at, e.pk))
        ],
        "messages": [
            {"side": m.side, "message": m.body, "sent_at": m.created_at.isoformat()}
            for m in sorted(a.messages.all(), key=lambda m: (m.created_at, m.pk))
        ],
        "feedback": [
            {"side": f.side, "rating": f.rating, "comment": f.comment}
            for f in sorted(a.feedback.all(), key=lambda f: (f.created_at, f.pk))
        ],
    }
