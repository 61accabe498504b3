"""The selection table: filters, sorting, pages, drafted decisions for the
rows checked or every application matching the filters, and sending the
drafted decisions together, each with its e-mail."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from ecoc_hub.cities.countries import country_name
from ecoc_hub.cities.models import title_label
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.markup import escape

from .. import notifications, services
from ..enums import (
    ApplicantRole,
    ApplicationState,
    DraftDecision,
    OfferState,
    QuestionKind,
)
from ..forms import SORTS, DraftForm, SelectionFilterForm
from ..models import Answer, Application, Event, MessageKind
from ..templatetags.events_tags import answer_text
from .organise import _crumbs, _event


def _filtered(event: Event, form: SelectionFilterForm) -> QuerySet[Application]:
    rows = event.applications.all()
    data = form.cleaned_data if form.is_valid() else {}
    if state := data.get("state"):
        rows = rows.filter(state=state)
    if role := data.get("role"):
        rows = rows.filter(role=role)
    if title := data.get("title"):
        rows = rows.filter(title_id=title)
    if country := data.get("country"):
        rows = rows.filter(country=country)
    question_id = data.get("question")
    answer = (data.get("answer") or "").strip()
    if question_id and answer:
        question = event.questions.filter(pk=question_id).first()
        if question is not None and question.kind == QuestionKind.YES_NO:
            yes = answer.casefold() in {"yes", "oui", "ja", str(_("Yes")).casefold()}
            rows = rows.filter(answers__question=question, answers__value=yes)
        elif question is not None:
            rows = rows.filter(
                answers__question=question, answers__value__icontains=answer
            )
    sort = SORTS.get(data.get("sort") or "submitted", SORTS["submitted"])
    return rows.order_by(*sort)


def _narrows(form: SelectionFilterForm) -> bool:
    """Whether ``_filtered`` leaves out any application."""
    if not form.is_valid():
        return False
    data = form.cleaned_data
    if any(data.get(name) for name in ("state", "role", "title", "country")):
        return True
    return bool(data.get("question") and (data.get("answer") or "").strip())


#: The columns the table shows (its title cities and countries are named from
#: the filter menus, already built for the page).
TABLE_COLUMNS = (
    "pk",
    "uuid",
    "name",
    "title_id",
    "organisation",
    "country",
    "role",
    "state",
    "offer_state",
    "draft_decision",
)


#: One row of the selection table (``events/selection.html``), written in
#: Python: a hundred rows of a dozen template values each cost more than the
#: rest of the page. Every value is escaped by ``core.markup.escape``.
ROW_HTML = (
    "<tr>"
    '<td><input type="checkbox" name="selected" value="{pk}" id="select-{pk}">'
    '<label for="select-{pk}" class="visually-hidden">{select}</label></td>'
    '<th scope="row"><a href="{url}">{name}</a></th>'
    "<td>{place}</td>"
    "<td>{country}</td>"
    "<td>{role}</td>"
    "{answer}"
    '<td><span class="badge badge-{state}">{state_label}</span>{offer}</td>'
    "<td>{draft}</td>"
    "</tr>\n"
)


def _table(
    rows: list[dict[str, Any]],
    *,
    answers: dict[int, Answer] | None,
    titles: dict[str, str],
    countries: dict[str, str],
) -> list[dict[str, Any]]:
    """The page's rows (``values()`` of ``TABLE_COLUMNS``), each with its HTML:
    every label translated once per page, not once per row, the rows'
    addresses from one ``reverse``; ``answers`` by application when the table
    shows a question's column."""
    roles = {value: str(label) for value, label in ApplicantRole.choices}
    states = {value: str(label) for value, label in ApplicationState.choices}
    offers = {value: str(label) for value, label in OfferState.choices}
    drafts = {value: str(label) for value, label in DraftDecision.choices}
    select = _("Select %(name)s")
    sample = str(uuid.UUID(int=0))
    address = reverse("events:application", args=[sample])
    table = []
    for row in rows:
        answer = None
        answer_cell = ""
        if answers is not None:
            answer = answers.get(row["pk"])
            if answer is None:
                text = "—"
            elif answer.file:
                text = answer.file_name
            else:
                text = answer_text(answer.value)
            answer_cell = f"<td>{escape(text)}</td>"
        if row["title_id"]:
            place = titles.get(str(row["title_id"]), "")
        else:
            place = row["organisation"] or "—"
        offer = ""
        if row["offer_state"] != OfferState.NONE:
            offer = f' <span class="badge">{escape(offers[row["offer_state"]])}</span>'
        draft = "—"
        if row["draft_decision"]:
            draft = f"<strong>{escape(drafts[row['draft_decision']])}</strong>"
        html = ROW_HTML.format(
            pk=row["pk"],
            select=escape(select % {"name": row["name"]}),
            url=escape(address.replace(sample, str(row["uuid"]))),
            name=escape(row["name"] or "—"),
            place=escape(place),
            country=escape(countries.get(row["country"], row["country"]) or "—"),
            role=escape(roles.get(row["role"], "") or "—"),
            answer=answer_cell,
            state=escape(row["state"]),
            state_label=escape(states.get(row["state"], row["state"])),
            offer=offer,
            draft=draft,
        )
        # The row's columns, its shown answer and its HTML.
        table.append({**row, "answer": answer, "html": mark_safe(html)})  # noqa: S308
    return table


#: Rows per page of the selection table; "every application matching the
#: filters" reaches the others in one bulk action.
SELECTION_PAGE_SIZE = 100


@login_required
@require_http_methods(["GET", "POST"])
def selection(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, manage=True)
    question_list = list(event.questions.all())
    # The menus' countries and title cities, from one query of the distinct
    # pairs among the applications.
    codes = set()
    named = {}
    for country, title_id, city, city_country, year in (
        event.applications.order_by()
        .values_list(
            "country",
            "title_id",
            "title__city__name",
            "title__city__country_code",
            "title__year",
        )
        .distinct()
    ):
        if country:
            codes.add(country)
        if title_id is not None:
            named[str(title_id)] = title_label(city, city_country, year)
    countries = sorted(((c, country_name(c, c)) for c in codes), key=lambda c: c[1])
    titles = sorted(named.items(), key=lambda t: t[1])
    filters = SelectionFilterForm(
        request.GET or None, questions=question_list, titles=titles, countries=countries
    )
    draft = DraftForm(
        request.POST if request.method == "POST" else None,
        ids=list(event.applications.values_list("pk", flat=True))
        if request.method == "POST"
        else [],
    )
    if request.method == "POST" and draft.is_valid():
        if draft.cleaned_data["scope"] == DraftForm.ALL_MATCHING:
            chosen = _filtered(event, filters)
        else:
            chosen = event.applications.filter(pk__in=draft.cleaned_data["selected"])
        decision = draft.cleaned_data["decision"]
        count = services.draft_decisions(
            applications=chosen,
            decision="" if decision == "clear" else decision,
            actor=request.user,
        )
        messages.success(
            request,
            ngettext(
                "%(count)s drafted decision changed. Nothing is sent yet.",
                "%(count)s drafted decisions changed. Nothing is sent yet.",
                count,
            )
            % {"count": count},
        )
        return redirect(request.get_full_path())
    shown_question = None
    if filters.is_valid() and filters.cleaned_data.get("question"):
        shown_question = next(
            (q for q in question_list if str(q.pk) == filters.cleaned_data["question"]),
            None,
        )
    counts = services.state_counts(event)
    paginator = Paginator(
        _filtered(event, filters).values(*TABLE_COLUMNS), SELECTION_PAGE_SIZE
    )
    if not _narrows(filters):
        # Every application: the tally has counted them already.
        paginator.count = sum(counts[state] for state in ApplicationState.values)
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    answers: dict[int, Answer] | None = None
    if shown_question is not None:
        # The shown question's answers of this page's rows only.
        answers = {
            a.application_id: a
            for a in Answer.objects.filter(
                question=shown_question, application__in=[r["pk"] for r in rows]
            )
        }
    table = _table(
        rows, answers=answers, titles=dict(titles), countries=dict(countries)
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/selection.html",
        {
            "event": event,
            "filters": filters,
            "draft": draft,
            "table": table,
            "page": page,
            "query": query.urlencode(),
            "shown_question": shown_question,
            "counts": counts,
            "drafted": counts["drafted"],
            "breadcrumbs": _crumbs(event, (_("Selection"), "")),
        },
    )


def _previews(event: Event) -> list[dict[str, Any]]:
    """One rendered e-mail per (decision, language) among the drafts."""
    seen: dict[tuple[str, str], Application] = {}
    drafted = event.applications.exclude(draft_decision="").select_related("event")
    for application in drafted:
        kind: str = {
            DraftDecision.ACCEPT: MessageKind.ACCEPTED,
            DraftDecision.WAITLIST: MessageKind.WAITLISTED,
            DraftDecision.REJECT: MessageKind.REJECTED,
        }[DraftDecision(application.draft_decision)]
        seen.setdefault((kind, application.language), application)
    previews = []
    for (message_kind, language), application in sorted(seen.items()):
        message = notifications.render_message(application, message_kind)
        count = drafted.filter(
            draft_decision=application.draft_decision, language=language
        ).count()
        previews.append(
            {
                "kind": MessageKind(message_kind).label,
                "language": dict(settings.LANGUAGES).get(language, language),
                "lang": language,
                "count": count,
                "message": message,
                "example": application,
            }
        )
    return previews


@login_required
@require_http_methods(["GET", "POST"])
def send(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, manage=True)
    if request.method == "POST":
        result = services.send_decisions(event=event, actor=request.user)
        messages.success(
            request,
            _("%(count)s decisions sent, each with its e-mail.")
            % {"count": len(result.sent)},
        )
        for application, reason in result.failed:
            messages.error(
                request,
                _("Not sent to %(name)s: %(reason)s")
                % {"name": application.name, "reason": reason},
            )
        return redirect("events:selection", slug=event.slug)
    return render(
        request,
        "events/send.html",
        {
            "event": event,
            "previews": _previews(event),
            "breadcrumbs": _crumbs(
                event,
                (_("Selection"), reverse("events:selection", args=[event.slug])),
                (_("Send decisions"), ""),
            ),
        },
    )
