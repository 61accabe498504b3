"""A city team's support requests: write, submit, list, and the ranked experts."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.accounts.models import Organisation
from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import get_for_user, requires
from ecoc_hub.core.workflow import TransitionError

from .. import matching, permissions, support_services
from ..enums import Profile, language_label
from ..models import ExpertProfile
from ..support_forms import CityPageConsentForm, InviteForm, SupportRequestForm
from ..support_models import SupportAssignment, SupportRequest
from ..support_workflow import REQUEST


def support_crumb() -> tuple[str, str]:
    return (_("Support requests"), reverse("experts:support_list"))


def _requests() -> QuerySet[SupportRequest]:
    return SupportRequest.objects.select_related("team", "created_by").prefetch_related(
        "capacity_areas"
    )


def _load(request: AuthenticatedHttpRequest, uuid: UUID, can_do=None) -> SupportRequest:
    return get_for_user(
        _requests(),
        request.user,
        can_see=permissions.can_see_support_request,
        can_do=can_do,
        uuid=uuid,
    )


def _teams(request: AuthenticatedHttpRequest) -> list[Organisation]:
    return list(
        Organisation.objects.filter(pk__in=permissions.team_ids(request.user)).order_by(
            "name"
        )
    )


@requires(permissions.can_list_support)
def support_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    items = _requests().annotate(invited=Count("assignments"))
    if not permissions.is_curator(request.user):
        items = items.filter(team_id__in=permissions.team_ids(request.user))
    return render(
        request,
        "experts/support/list.html",
        {
            "items": items,
            "can_ask": permissions.can_ask_for_support(request.user),
            "breadcrumbs": [(_("Support requests"), "")],
        },
    )


@requires(permissions.can_ask_for_support)
@require_http_methods(["GET", "POST"])
def support_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    teams = _teams(request)
    form = SupportRequestForm(
        request.POST or None,
        teams=teams,
        initial={
            "text_language": request.LANGUAGE_CODE,
            # ?area=<code>: the self-assessment's recommendation for an area.
            "capacity_areas": list(
                CapacityArea.objects.filter(code__in=request.GET.getlist("area"))
            ),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = support_services.create_request(
                team=form.only_team or form.cleaned_data["team"],
                author=request.user,
                values=form.values(),
                capacity_areas=list(form.cleaned_data["capacity_areas"]),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect(item)
    return render(
        request,
        "experts/support/form.html",
        {
            "form": form,
            "breadcrumbs": [support_crumb(), (_("New request"), "")],
        },
    )


def _errors_to_form(form: SupportRequestForm, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        for item in errors:
            form.add_error(field if field in form.fields else None, item)


@requires(permissions.can_ask_for_support)
@require_http_methods(["GET", "POST"])
def support_edit(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    item = _load(request, uuid, permissions.can_edit_support_request)
    form = SupportRequestForm(request.POST or None, request_obj=item)
    if request.method == "POST" and form.is_valid():
        try:
            support_services.update_request(
                request=item,
                actor=request.user,
                values=form.values(),
                capacity_areas=list(form.cleaned_data["capacity_areas"]),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect(item)
    return render(
        request,
        "experts/support/form.html",
        {
            "form": form,
            "item": item,
            "breadcrumbs": [
                support_crumb(),
                (item.title, item.get_absolute_url()),
                (_("Edit"), ""),
            ],
        },
    )


def _labels(item: SupportRequest) -> dict[str, object]:
    names = dict(Profile.choices)
    return {
        "profile_names": [str(names[c]) for c in item.profiles if c in names],
        "language_names": [language_label(c) for c in item.languages],
        "text_language_name": language_label(item.text_language),
    }


@login_required
def support_detail(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    item = get_for_user(
        _requests(),
        request.user,
        can_see=permissions.can_see_support_request,
        uuid=uuid,
    )
    return _render_detail(request, item)


def _render_detail(request: AuthenticatedHttpRequest, item: SupportRequest):
    is_team = permissions.is_request_team_member(request.user, item)
    assignments = item.assignments.select_related("expert")
    if not (is_team or permissions.is_curator(request.user)):
        assignments = assignments.filter(expert__user=request.user)
    return render(
        request,
        "experts/support/detail.html",
        {
            "item": item,
            **_labels(item),
            "is_team": is_team,
            "can_edit": permissions.can_edit_support_request(request.user, item),
            "actions": [t.action for t in REQUEST.available(request.user, item)],
            "can_see_matches": permissions.can_look_for_experts(request.user, item),
            "assignments": assignments,
            "consent_form": CityPageConsentForm(
                initial={"show_on_city_page": item.show_on_city_page}
            ),
            "history": item.events.select_related("actor"),
            "breadcrumbs": [support_crumb(), (item.title, "")],
        },
    )


_ACTION_MESSAGES = {
    "submit": gettext_lazy("The request was submitted: you can now invite experts."),
    "close": gettext_lazy("The request was closed."),
    "withdraw": gettext_lazy("The request was withdrawn."),
}


@requires(permissions.can_ask_for_support)
@require_POST
def support_action(
    request: AuthenticatedHttpRequest, uuid: UUID, action: str
) -> HttpResponse:
    if action not in REQUEST.table:
        raise Http404
    item = _load(request, uuid, permissions.can_act_for_team)
    try:
        support_services.move_request(request=item, action=action, actor=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(_ACTION_MESSAGES[action]))
    return redirect(item)


@requires(permissions.can_ask_for_support)
@require_POST
def support_consent(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    item = _load(request, uuid, permissions.can_set_city_page_consent)
    form = CityPageConsentForm(request.POST)
    if form.is_valid():
        support_services.set_city_page_consent(
            request=item,
            actor=request.user,
            show=form.cleaned_data["show_on_city_page"],
        )
        messages.success(request, _("Your choice was saved."))
    return redirect(item)


#: Proposed experts shown a page, the best-scoring first.
MATCHES_PER_PAGE = 10


def _matches_query(page: object, show_all: bool) -> str:
    """The query string that reopens the list where it was."""
    query = QueryDict(mutable=True)
    if show_all:
        query["all"] = "1"
    if str(page).isdigit() and int(str(page)) > 1:
        query["page"] = str(page)
    return query.urlencode()


@requires(permissions.can_list_support)
def support_matches(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    item = _load(request, uuid, permissions.can_see_matches)
    ranking = matching.rank(item)
    invited = {a.expert_id: a for a in SupportAssignment.objects.filter(request=item)}
    # The experts who fit the need; an invited one stays in sight whatever
    # its score. The others only when asked for ("all").
    fitting = [m for m in ranking.matches if m.fits or m.expert.pk in invited]
    show_all = request.GET.get("all") == "1"
    shown = ranking.matches if show_all else fitting
    page = Paginator(shown, MATCHES_PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {"match": m, "assignment": invited.get(m.expert.pk)} for m in page.object_list
    ]
    return render(
        request,
        "experts/support/matches.html",
        {
            "item": item,
            "rows": rows,
            "page": page,
            "show_all": show_all,
            "fitting": len(fitting),
            "others": len(ranking.matches) - len(fitting),
            "pages_query": _matches_query(1, show_all),
            "ranking": ranking,
            "can_invite": permissions.can_invite(request.user, item),
            "weights": matching.WEIGHTS,
            "breadcrumbs": [
                support_crumb(),
                (item.title, item.get_absolute_url()),
                (_("Proposed experts"), ""),
            ],
        },
    )


@requires(permissions.can_ask_for_support)
@require_POST
def support_invite(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    item = _load(request, uuid, permissions.can_invite)
    form = InviteForm(request.POST)
    back = reverse("experts:support_matches", args=[item.uuid])
    query = _matches_query(request.POST.get("page", ""), request.POST.get("all") == "1")
    if query:
        back = f"{back}?{query}"
    if not form.is_valid():
        messages.error(request, _("Choose an expert from the list."))
        return redirect(back)
    expert = ExpertProfile.objects.filter(pk=form.cleaned_data["expert"]).first()
    match = None
    if expert is not None:
        match = next(
            (m for m in matching.rank(item).matches if m.expert.pk == expert.pk), None
        )
    if expert is None or match is None:
        messages.error(request, _("This expert cannot be invited to this request."))
        return redirect(back)
    try:
        support_services.invite(
            request=item, expert=expert, actor=request.user, score=match.score
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s was invited; they will answer on the site.")
            % {"name": expert.full_name},
        )
    return redirect(f"{back}#expert-{expert.pk}")


__all__ = [
    "support_action",
    "support_consent",
    "support_detail",
    "support_edit",
    "support_invite",
    "support_list",
    "support_matches",
    "support_new",
]
