"""The questions a new survey starts with. They are stored in English and
shown through the catalogue (``display``), so each participant reads them
in their own language; an organiser's own wording is shown as typed."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

from .models import SurveyQuestionKind as K

OVERALL_RATING = gettext_noop("Overall, how would you rate the event?")
SESSION_RATING = gettext_noop("How would you rate this session?")
SESSION_COMMENT = gettext_noop("Comments on this session")
YES, PERHAPS, NO = gettext_noop("Yes"), gettext_noop("Perhaps"), gettext_noop("No")

#: (kind, label, help text, options, required) for the whole event.
EVENT_QUESTIONS = [
    (K.SCALE, OVERALL_RATING, "", [], True),
    (
        K.SCALE,
        gettext_noop("How useful was it for your own work?"),
        gettext_noop("1: not useful, 5: very useful."),
        [],
        False,
    ),
    (
        K.CHOICE,
        gettext_noop("Would you recommend the Academy to a colleague?"),
        "",
        [YES, PERHAPS, NO],
        False,
    ),
    (K.TEXT, gettext_noop("What worked well?"), "", [], False),
    (K.TEXT, gettext_noop("What should change next time?"), "", [], False),
]

#: The labels of the scale, from 1 to 5.
SCALE_LABELS = [
    gettext_noop("1: very poor"),
    gettext_noop("2: poor"),
    gettext_noop("3: fair"),
    gettext_noop("4: good"),
    gettext_noop("5: excellent"),
]


def display(text: str) -> str:
    """A stored label or option in the reader's language, when it is one of
    the defaults (gettext returns anything else unchanged)."""
    return gettext(text) if text else ""
