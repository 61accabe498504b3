"""Calls for experts, the people who apply, and their applications.

A ``Call`` holds its rules as data (eligibility, the profiles it offers with
their sub-criteria, evaluation rounds, score categories). An
``ExpertProfile`` is one person across every call and round; an
``Application`` is that person's answer to one call, moved through its
states only by ``experts.workflow``.

One module per feature: ``call`` (a call and its rules), ``application``
(profiles, applications, their history), ``review`` (the panel, conflicts,
reviews and scores); the pool's models are in ``experts.pool_models``, the
support requests' in ``experts.support_models``.
"""

from __future__ import annotations

from ..enums import Level

# The pool's and the support requests' models, registered with the app here.
from ..pool_models import AvailabilityPeriod, PoolContact, PoolExpert
from ..support_models import (
    AssignmentEvent,
    SupportAssignment,
    SupportConflict,
    SupportFeedback,
    SupportMessage,
    SupportRequest,
    SupportRequestEvent,
)
from .application import (
    Application,
    ApplicationEvent,
    EcocExperience,
    ExpertProfile,
)
from .call import (
    Call,
    CallProfile,
    EvaluationRound,
    ScoreCategory,
)
from .review import (
    CallReviewer,
    Conflict,
    PanelConflict,
    Review,
    Score,
)

__all__ = [
    "Application",
    "ApplicationEvent",
    "AssignmentEvent",
    "AvailabilityPeriod",
    "Call",
    "CallProfile",
    "CallReviewer",
    "Conflict",
    "EcocExperience",
    "EvaluationRound",
    "ExpertProfile",
    "Level",
    "PanelConflict",
    "PoolContact",
    "PoolExpert",
    "Review",
    "Score",
    "ScoreCategory",
    "SupportAssignment",
    "SupportConflict",
    "SupportFeedback",
    "SupportMessage",
    "SupportRequest",
    "SupportRequestEvent",
]
