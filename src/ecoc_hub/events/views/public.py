from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from ecoc_hub.cities.models import CapacityArea
from ecoc_hub.cities.related import sections as related_sections
from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.jsonld import jsonld_script
from ecoc_hub.core.links import absolute
from ecoc_hub.core.permissions import ActionRefused, get_for_user
from ecoc_hub.core.workflow import TransitionError

from .. import calendar, permissions, queries, services, timetable
from ..enums import Kind
from ..feedback.queries import surveys_to_answer
from ..models import (
    Application,
    CalendarFeed,
    Event,
    FollowUp,
    Session,
    Speaker,
)
from ..workflow import APPLICATION, OFFER


def _get_event_for_user(request: HttpRequest, slug: str) -> Event:
    return get_for_user(
        Event.objects.select_related("host_title__city"),
        request.user,
        can_see=permissions.can_see_event,
        slug=slug,
    )


def _get_application_for_user(request: HttpRequest, uuid: object) -> Application:
    return get_for_user(
        Application.objects.select_related("event", "title__city"),
        request.user,
        can_see=permissions.can_see_application,
        uuid=uuid,
    )


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    when = request.GET.get("when", "upcoming")
    if when not in {"upcoming", "past"}:
        when = "upcoming"
    events = queries.event_cards(request.user)
    kind = request.GET.get("kind", "")
    if kind in Kind.values:
        events = events.filter(kind=kind)
    else:
        kind = ""
    area_code = request.GET.get("area", "")
    areas = list(CapacityArea.objects.select_related("criterion"))
    if area_code in {a.code for a in areas}:
        events = events.filter(capacity_areas__code=area_code)
    else:
        area_code = ""
    if when == "upcoming":
        events = events.filter(ends_at__gte=now).order_by("starts_at")
    else:
        events = events.filter(ends_at__lt=now).order_by("-starts_at")
    return render(
        request,
        "events/event_list.html",
        {
            "events": events,
            "when": when,
            "kind": kind,
            "kinds": Kind.choices,
            "area": area_code,
            "areas": areas,
            "can_create": permissions.can_create_event(request.user),
            "organised": list(request.user.organised_events.order_by("-starts_at"))
            if request.user.is_authenticated
            else [],
            "breadcrumbs": [(_("Academy"), "")],
        },
    )


@require_safe
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_user(request, slug)
    requested_zone = request.GET.get("tz", "")
    reader = timetable.reader_zone(requested_zone)
    if reader is not None and str(reader) == event.time_zone:
        reader = None
    sessions = list(queries.programme(event))
    my_application = None
    if request.user.is_authenticated:
        my_application = event.applications.filter(applicant=request.user).first()
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "days": timetable.days(event, sessions, reader),
            "reader_zone": reader,
            "unknown_zone": bool(requested_zone)
            and reader is None
            and requested_zone != event.time_zone,
            "zone_names": timetable.zone_names(),
            "starts": timetable.local(event.starts_at, event.zone),
            "ends": timetable.local(event.ends_at, event.zone),
            "close_local": event.applications_close_at
            and timetable.local(event.applications_close_at, event.zone),
            "speakers": _speakers(sessions),
            "materials": list(
                event.materials.filter(state="published").order_by("title")
            ),
            "can_manage": permissions.can_manage_event(request.user, event),
            "can_apply": permissions.can_apply(request.user, event),
            "show_online_link": permissions.can_see_online_link(request.user, event),
            "my_application": my_application,
            "related_sections": related_sections("event", obj=event, user=request.user),
            "jsonld": jsonld_script(event_jsonld(event)),
            "breadcrumbs": [(_("Academy"), reverse("events:list")), (event.title, "")],
        },
    )


def _speakers(sessions: list) -> list[Speaker]:
    seen: dict[int, Speaker] = {}
    for session in sessions:
        for speaker in session.speakers.all():
            seen.setdefault(speaker.pk, speaker)
    return sorted(seen.values(), key=lambda s: s.name)


@require_safe
def speaker_detail(request: HttpRequest, slug: str) -> HttpResponse:
    speaker = get_for_user(
        Speaker, request.user, can_see=lambda u, s: s.is_public, slug=slug
    )
    visible = queries.visible_events(request.user).values("pk")
    sessions = (
        speaker.sessions.filter(event__in=visible)
        .select_related("event")
        .order_by("-starts_at")
    )
    return render(
        request,
        "events/speaker_detail.html",
        {
            "speaker": speaker,
            "sessions": sessions,
            "breadcrumbs": [(_("Academy"), reverse("events:list")), (speaker.name, "")],
        },
    )


@login_required
@require_safe
def application_detail(request: AuthenticatedHttpRequest, uuid: object) -> HttpResponse:
    application = _get_application_for_user(request, uuid)
    event = application.event
    user = request.user
    actions = [
        t.action
        for t in APPLICATION.available(user, application)
        + OFFER.available(user, application)
        if t.action in APPLICANT_ACTIONS
    ]
    return render(
        request,
        "events/application_detail.html",
        {
            "application": application,
            "event": event,
            "position": services.waitlist_position(application),
            "is_applicant": permissions.is_applicant(user, application),
            "actions": actions,
            "history": application.history.select_related("actor"),
            "can_decide": permissions.can_decide(user, application),
            "can_follow_up": permissions.can_fill_follow_up(user, application),
            "follow_up": FollowUp.objects.filter(application=application).first(),
            "follow_up_deadline": event.follow_up_deadline
            and timetable.local(event.follow_up_deadline, event.zone),
            "decisions": [
                t.action
                for t in APPLICATION.available(user, application)
                + OFFER.available(user, application)
                if t.action in {"accept", "waitlist", "reject", "offer"}
            ]
            if permissions.can_decide(user, application)
            else [],
            "answers": application.answers.select_related("question").order_by(
                "question__position", "question__pk"
            )
            if permissions.can_decide(user, application)
            else [],
            "deadline": application.offer_expires_at
            and timetable.local(application.offer_expires_at, event.zone),
            "breadcrumbs": [
                (_("Academy"), reverse("events:list")),
                (event.title, event.get_absolute_url()),
                (_("Application"), ""),
            ],
        },
    )


APPLICANT_ACTIONS = {
    "confirm": services.confirm_offer,
    "decline": services.decline_offer,
    "withdraw": services.withdraw_application,
}
APPLICANT_MESSAGES = {
    "confirm": gettext_lazy("Your place is confirmed. See you there!"),
    "decline": gettext_lazy("You declined the place; it goes to the next person."),
    "withdraw": gettext_lazy("Your application is withdrawn."),
}


@login_required
@require_POST
def application_action(
    request: AuthenticatedHttpRequest, uuid: object, action: str
) -> HttpResponse:
    application = _get_application_for_user(request, uuid)
    service = APPLICANT_ACTIONS.get(action)
    if service is None or not permissions.is_applicant(request.user, application):
        raise ActionRefused
    try:
        service(application=application, user=request.user)
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(APPLICANT_MESSAGES[action]))
    return redirect(application.get_absolute_url())


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_user(request, slug)
    body = calendar.event_calendar(event, event.sessions.select_related("event"))
    return _ics_response(body, f"{event.slug}.ics")


@require_safe
def session_ics(request: HttpRequest, uuid: object) -> HttpResponse:
    session = get_for_user(
        Session.objects.select_related("event"),
        request.user,
        can_see=permissions.can_see_session,
        uuid=uuid,
    )
    return _ics_response(
        calendar.session_calendar(session), f"session-{session.pk}.ics"
    )


#: How long an unchanged personal feed is kept built (a change makes a new one).
FEED_CACHE_SECONDS = 24 * 3600


@require_safe
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret address is the credential: calendar apps cannot sign in."""
    feed = get_for_user(
        CalendarFeed.objects.select_related("user"),
        request.user,
        can_see=permissions.can_read_calendar_feed,
        token=token,
    )
    name = _("ECoC Hub Academy: %(name)s") % {"name": feed.user.public_name}
    sessions = queries.accepted_sessions(feed.user)
    # Calendar apps fetch the feed again every few hours and it rarely
    # changes: its version is every session's and event's revision, so an
    # app that has it gets a 304 and an unchanged feed is built only once.
    version = hashlib.sha256(
        repr(
            (
                feed.pk,
                name,
                settings.SITE_URL,
                list(
                    sessions.order_by("pk").values_list(
                        "pk", "sequence", "updated_at", "event__updated_at"
                    )
                ),
            )
        ).encode()
    ).hexdigest()[:32]
    etag = f'"{version}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        key = f"events:feed:{version}"
        body = cache.get(key)
        if body is None:
            body = calendar.personal_calendar(name, sessions)
            cache.set(key, body, FEED_CACHE_SECONDS)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_safe
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    applications = request.user.event_applications.select_related("event").order_by(
        "-event__starts_at"
    )
    rows = [
        {
            "application": a,
            "position": services.waitlist_position(a),
            "deadline": a.offer_expires_at
            and timetable.local(a.offer_expires_at, a.event.zone),
        }
        for a in applications
    ]
    feed = CalendarFeed.objects.filter(user=request.user).first()
    return render(
        request,
        "events/dashboard.html",
        {
            "rows": rows,
            "surveys": surveys_to_answer(request.user),
            "feed_url": feed and request.build_absolute_uri(feed.get_absolute_url()),
            "breadcrumbs": [
                (_("Academy"), reverse("events:list")),
                (_("My events"), ""),
            ],
        },
    )


@login_required
@require_POST
def new_feed_token(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.renew_calendar_feed(user=request.user)
    messages.success(
        request,
        _("Your calendar has a new address. The old one no longer works."),
    )
    return redirect("events:dashboard")


ATTENDANCE_MODES = {
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "on_site": "https://schema.org/OfflineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


def event_jsonld(event: Event) -> dict:
    """schema.org Event: what search engines and calendars read."""
    page = absolute(event.get_absolute_url())
    locations: list[dict] = []
    if event.has_venue:
        locations.append(
            {
                "@type": "Place",
                "name": event.venue_name,
                "address": event.venue_address,
                "hasMap": event.map_url,
            }
        )
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": page})
    full = (
        event.capacity is not None
        and services.state_counts(event)["accepted"] >= event.capacity
    )
    return {
        "@type": "EducationEvent",
        "name": event.title,
        "description": event.summary,
        "url": page,
        "startDate": timetable.local(event.starts_at, event.zone).isoformat(),
        "endDate": timetable.local(event.ends_at, event.zone).isoformat(),
        "eventAttendanceMode": ATTENDANCE_MODES[event.format],
        "eventStatus": "https://schema.org/EventCancelled"
        if event.is_cancelled
        else "https://schema.org/EventScheduled",
        "location": locations[0] if len(locations) == 1 else locations,
        "inLanguage": event.languages,
        "maximumAttendeeCapacity": event.capacity,
        "organizer": {
            "@type": "Organization",
            "name": "ECoC Hub",
            "url": absolute("/"),
        },
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "url": absolute(reverse("events:apply", args=[event.slug])),
            "availability": "https://schema.org/SoldOut"
            if full
            else "https://schema.org/InStock",
            "validFrom": event.applications_open_at,
            "validThrough": event.applications_close_at,
        },
    }
