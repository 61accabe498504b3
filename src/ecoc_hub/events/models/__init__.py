"""Academy Camps, webinars and study visits: events, their programme, and
the applications of the people who want to take part.

One module per feature: ``event`` (speakers, events, sessions),
``application`` (the form's questions, applications, answers, history),
``messaging`` (calendar feeds, e-mail templates, follow-ups, reminders);
attendance and the visibility history live beside the app's features.
"""

from __future__ import annotations

# Attendance, the visibility history and the feedback survey live in their own
# modules (check-in, certificates, organising, feedback); imported here so
# that Django registers them.
from ..attendance import Attendance, CheckInMethod
from ..feedback.models import (
    Survey,
    SurveyAnswer,
    SurveyHistory,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)
from ..history import EventHistory
from .application import (
    HISTORY_LABELS,
    Answer,
    Application,
    ApplicationEvent,
    Question,
)
from .event import (
    Event,
    Session,
    Speaker,
)
from .messaging import (
    CalendarFeed,
    EmailTemplate,
    FollowUp,
    MessageKind,
    Reminder,
    ReminderKind,
    new_feed_token,
)
from .validators import (
    validate_language_list,
    validate_time_zone,
)

__all__ = [
    "HISTORY_LABELS",
    "Answer",
    "Application",
    "ApplicationEvent",
    "Attendance",
    "CalendarFeed",
    "CheckInMethod",
    "EmailTemplate",
    "Event",
    "EventHistory",
    "FollowUp",
    "MessageKind",
    "Question",
    "Reminder",
    "ReminderKind",
    "Session",
    "Speaker",
    "Survey",
    "SurveyAnswer",
    "SurveyHistory",
    "SurveyInvitation",
    "SurveyQuestion",
    "SurveyResponse",
    "new_feed_token",
    "validate_language_list",
    "validate_time_zone",
]
