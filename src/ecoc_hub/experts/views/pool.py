"""The expert pool: browsing it, a public profile, the contact form, and the
expert's own profile and calendar."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.accounts.models import Organisation, User
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import get_for_user, requires

from .. import permissions, pool_services
from ..enums import Profile, language_label
from ..forms import LanguageFormSet, languages_of
from ..models import EcocExperience
from ..pool_forms import (
    ContactForm,
    PeriodFormSet,
    PoolFilterForm,
    PoolProfileForm,
    periods_of,
)
from ..pool_models import STALE_AFTER, PoolExpert
from ..pool_queries import filtered_pool, pool_for_listing, sorted_by_name

PER_PAGE = 24


def pool_crumb() -> tuple[str, str]:
    return (_("Expert pool"), reverse("experts:pool"))


def pool_list(request: HttpRequest) -> HttpResponse:
    entries = list(pool_for_listing())
    countries = sorted({c for e in entries for c in e.countries})
    languages = sorted({item["code"] for e in entries for item in e.languages})
    form = PoolFilterForm(request.GET or None, countries=countries, languages=languages)
    found = sorted_by_name(filtered_pool(entries, form.chosen()), now=timezone.now())
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "experts/pool/list.html",
        {
            "form": form,
            "page": page,
            "total": len(found),
            "query": query.urlencode(),
            "stale_before": timezone.now() - STALE_AFTER,
            "has_profile": permissions.has_pool_profile(request.user),
            "breadcrumbs": [(_("Expert pool"), "")],
        },
    )


def _entries():
    return PoolExpert.objects.select_related(
        "expert__user", "expert__merged_into"
    ).prefetch_related("capacity_areas__criterion", "availability")


def _experience(entry: PoolExpert) -> list[EcocExperience]:
    if not entry.show_experience or entry.application_id is None:
        return []
    return list(
        EcocExperience.objects.filter(application_id=entry.application_id)
        .select_related("title__city")
        .order_by("-title__year")
    )


def person_jsonld(entry: PoolExpert, request: HttpRequest) -> str:
    """schema.org ``Person`` of the public part, escaped for a data block."""
    labels = dict(Profile.choices)
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": entry.expert.full_name,
        "url": request.build_absolute_uri(entry.get_absolute_url()),
        "knowsLanguage": [item["code"] for item in entry.languages],
        "knowsAbout": [
            *(str(labels[p]) for p in entry.profiles if p in labels),
            *(a.display_name for a in entry.capacity_areas.all()),
        ],
    }
    if entry.headline:
        data["jobTitle"] = entry.headline
    if entry.bio:
        data["description"] = entry.bio
    text = json.dumps(data, ensure_ascii=False)
    # As django.utils.html.json_script does: nothing can close the element.
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


def pool_expert(request: HttpRequest, slug: str) -> HttpResponse:
    entry = get_for_user(
        _entries(), request.user, can_see=permissions.can_see_pool_expert, slug=slug
    )
    return _render_detail(request, entry, form=None)


def _render_detail(
    request: HttpRequest, entry: PoolExpert, *, form: ContactForm | None
) -> HttpResponse:
    user = request.user
    can_contact = permissions.can_contact_pool_expert(user, entry)
    if form is None and can_contact:
        form = ContactForm(teams=_teams(request))
    names = dict(Profile.choices)
    return render(
        request,
        "experts/pool/detail.html",
        {
            "entry": entry,
            "profile_names": [str(names[c]) for c in entry.profiles if c in names],
            "languages": [
                (language_label(item["code"]), item["level"])
                for item in entry.languages
            ],
            "experience": _experience(entry),
            "is_stale": entry.is_stale(),
            "is_own": permissions.is_own_pool_entry(user, entry),
            "public": permissions.is_in_public_pool(entry),
            "show_email": permissions.can_see_pool_email(user, entry),
            "contact_form": form,
            "contacts_left": pool_services.contacts_left(sender=user)
            if can_contact and isinstance(user, User)
            else 0,
            "person_jsonld": person_jsonld(entry, request),
            "breadcrumbs": [pool_crumb(), (entry.expert.full_name, "")],
        },
        status=400 if form is not None and form.errors else 200,
    )


def _teams(request: HttpRequest) -> list[Organisation]:
    ids = permissions.team_ids(request.user)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


@login_required
@require_POST
def pool_contact(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    entry = get_for_user(
        _entries(),
        request.user,
        can_see=permissions.can_see_pool_expert,
        can_do=permissions.can_contact_pool_expert,
        slug=slug,
    )
    form = ContactForm(request.POST, teams=_teams(request))
    if form.is_valid():
        try:
            pool_services.contact_expert(
                entry=entry,
                sender=request.user,
                team=form.chosen_team(),
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your message was sent to %(name)s.")
                % {"name": entry.expert.full_name},
            )
            return redirect(entry)
    return _render_detail(request, entry, form=form)


def _own_entry(request: AuthenticatedHttpRequest) -> PoolExpert:
    return get_for_user(
        _entries(),
        request.user,
        can_see=permissions.is_own_pool_entry,
        expert__user=request.user,
    )


def _language_rows(entry: PoolExpert) -> list[dict[str, str]]:
    return [
        {"language": item["code"], "level": item["level"]} for item in entry.languages
    ]


@requires(permissions.has_pool_profile)
@require_http_methods(["GET", "POST"])
def my_pool_profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    entry = _own_entry(request)
    initial = {
        name: getattr(entry, name)
        for name in pool_services.EDITABLE_FIELDS
        if name != "languages"
    }
    initial["capacity_areas"] = list(entry.capacity_areas.all())
    form = PoolProfileForm(request.POST or None, initial=initial)
    languages = LanguageFormSet(
        request.POST or None, prefix="languages", initial=_language_rows(entry)
    )
    if request.method == "POST" and form.is_valid() and languages.is_valid():
        pool_services.update_profile(
            entry=entry,
            values=form.values(languages_of(languages)),
            capacity_areas=form.cleaned_data["capacity_areas"],
        )
        messages.success(request, _("Your profile is saved."))
        return redirect("experts:my_pool_profile")
    return render(
        request,
        "experts/pool/edit.html",
        {
            "entry": entry,
            "form": form,
            "languages": languages,
            "is_stale": entry.is_stale(),
            "breadcrumbs": [pool_crumb(), (_("My profile in the pool"), "")],
        },
    )


@requires(permissions.has_pool_profile)
@require_POST
def pool_confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    entry = _own_entry(request)
    pool_services.confirm_profile(entry=entry)
    messages.success(request, _("Thank you: your profile is confirmed for a year."))
    return redirect("experts:my_pool_profile")


@requires(permissions.has_pool_profile)
@require_http_methods(["GET", "POST"])
def pool_availability(request: AuthenticatedHttpRequest) -> HttpResponse:
    entry = _own_entry(request)
    rows = [
        {"starts_on": p.starts_on, "ends_on": p.ends_on, "note": p.note}
        for p in entry.availability.all()
    ]
    formset = PeriodFormSet(request.POST or None, prefix="periods", initial=rows)
    if request.method == "POST" and formset.is_valid():
        pool_services.set_availability(entry=entry, periods=periods_of(formset))
        messages.success(request, _("Your availability is saved."))
        return redirect("experts:pool_availability")
    return render(
        request,
        "experts/pool/availability.html",
        {
            "entry": entry,
            "formset": formset,
            "breadcrumbs": [
                pool_crumb(),
                (_("My profile in the pool"), reverse("experts:my_pool_profile")),
                (_("Availability"), ""),
            ],
        },
    )


__all__ = [
    "my_pool_profile",
    "pool_availability",
    "pool_confirm",
    "pool_contact",
    "pool_expert",
    "pool_list",
]
