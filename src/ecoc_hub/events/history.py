"""The history of an event's visibility (draft, published, archived)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.models import StateHistory


class EventHistory(StateHistory):
    """One change of an event's visibility, with who made it and when."""

    event = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="visibility_history",
        verbose_name=_("event"),
    )
    action = models.CharField(_("action"), max_length=40)

    class Meta(StateHistory.Meta):
        app_label = "events"
        verbose_name = _("event history entry")
        verbose_name_plural = _("event history")

    def __str__(self) -> str:
        return f"{self.action} {self.from_state} → {self.to_state}"

    @property
    def label(self) -> str:
        return str(VISIBILITY_LABELS.get(self.action, self.action))


VISIBILITY_LABELS = {
    "publish": _("Published"),
    "archive": _("Archived"),
    "unpublish": _("Back to draft"),
}
