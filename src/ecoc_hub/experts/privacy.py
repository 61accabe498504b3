"""The experts app's part of a person's data export and account deletion.

Export: the expert profile, every application (with its history and ECoC
experience; the CV as the file name, its content is the person's own
upload), conflicts declared and the reviews written (scores included).

Deletion: the expert profile and its applications go (the CV blob stays
only if something else uses it: blobs are content-addressed and shared).
A reviewer's reviews stay, anonymous (``Review.reviewer`` is emptied), so
the ranking and the round statistics do not change; their conflicts go.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from ecoc_hub.accounts.models import User

from .models import Application, Conflict, ExpertProfile, Review


def export_experts_data(user: User) -> dict[str, Any]:
    site = settings.SITE_URL
    profile = ExpertProfile.objects.filter(user=user).first()
    applications = []
    if profile is not None:
        for a in Application.objects.filter(expert=profile).select_related(
            "call", "round"
        ):
            applications.append(
                {
                    "call": a.call.title,
                    "state": a.state,
                    "round": a.round.number if a.round else None,
                    "url": site + a.get_absolute_url(),
                    "profiles": a.profiles,
                    "languages": a.languages,
                    "countries": a.countries,
                    "years_sector": a.years_sector,
                    "years_consultancy": a.years_consultancy,
                    "years_ecoc_team": a.years_ecoc_team,
                    "motivation": a.motivation,
                    "references": a.references,
                    "availability": a.availability,
                    "cv": a.cv_name,
                    "submitted_at": a.submitted_at.isoformat()
                    if a.submitted_at
                    else None,
                    "ecoc_experience": [
                        {"title": str(e.title), "role": e.role, "years": e.years}
                        for e in a.ecoc_experience.select_related("title__city")
                    ],
                    "history": [
                        {
                            "action": e.action,
                            "from": e.from_state,
                            "to": e.to_state,
                            "at": e.created_at.isoformat(),
                            "comment": e.comment,
                        }
                        for e in a.events.all()
                    ],
                }
            )
    reviews = [
        {
            # Blind: the reference, never the applicant's name.
            "application": r.application.reference,
            "call": r.application.call.title,
            "recommendation": r.recommendation,
            "comment": r.comment,
            "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
            "scores": {s.category.name: s.value for s in r.scores.all()},
        }
        for r in Review.objects.filter(reviewer=user)
        .select_related("application__call")
        .prefetch_related("scores__category")
    ]
    conflicts = [
        {"application": c.application.reference, "reason": c.reason}
        for c in Conflict.objects.filter(reviewer=user).select_related("application")
    ]
    return {
        "profile": {"full_name": profile.full_name, "country": profile.country}
        if profile
        else None,
        "applications": applications,
        "reviews": reviews,
        "conflicts_declared": conflicts,
    }


def erase_experts_data(user: User, **_options: Any) -> None:
    Review.objects.filter(reviewer=user).update(reviewer=None)
    Conflict.objects.filter(reviewer=user).delete()
    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is not None:
        Application.objects.filter(expert=profile).delete()
        profile.delete()
