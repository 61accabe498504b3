"""The person's notifications from the discussions."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoc_hub.accounts.permissions import is_member
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import requires

from ..models import Notification
from .discussions import crumbs

SHOWN = 50


@requires(is_member)
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    items = list(
        Notification.objects.filter(recipient=request.user).select_related("thread")[
            :SHOWN
        ]
    )
    unread = [n.pk for n in items if n.read_at is None]
    if unread:
        Notification.objects.filter(pk__in=unread).update(read_at=timezone.now())
    return render(
        request,
        "community/notifications.html",
        {
            "items": items,
            "unread": set(unread),
            "breadcrumbs": crumbs((_("Notifications"), "")),
        },
    )
