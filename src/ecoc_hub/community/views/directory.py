"""The directory: city teams (public) and the members who chose to be
listed (for signed-in members)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ecoc_hub.accounts.permissions import is_member
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import requires

from .. import directory
from ..models import DirectoryEntry
from ..peer_forms import DirectoryEntryForm
from .discussions import crumbs


def teams(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "community/directory.html",
        {
            "rows": directory.team_rows(user=request.user),
            "breadcrumbs": crumbs((_("Directory"), "")),
        },
    )


@requires(is_member)
def people(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "community/directory_people.html",
        {
            "entries": directory.listed_people(),
            "breadcrumbs": crumbs(
                (_("Directory"), reverse("community:directory")), (_("People"), "")
            ),
        },
    )


@requires(is_member)
@require_http_methods(["GET", "POST"])
def me(request: AuthenticatedHttpRequest) -> HttpResponse:
    entry = DirectoryEntry.objects.filter(user=request.user).first() or (
        DirectoryEntry(user=request.user)
    )
    form = DirectoryEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your directory entry is saved."))
        return redirect("community:directory_people")
    return render(
        request,
        "community/directory_me.html",
        {
            "form": form,
            "breadcrumbs": crumbs(
                (_("Directory"), reverse("community:directory")), (_("My entry"), "")
            ),
        },
    )
