from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ecoc_hub.accounts.languages import language_name
from ecoc_hub.core.jsonld import jsonld_script
from ecoc_hub.core.permissions import get_for_user, requires, visible_for_user
from ecoc_hub.library.permissions import can_view_resource
from ecoc_hub.library.services import is_bot

from . import queries, services
from .feed import absolute, build_feed
from .forms import (
    EpisodeForm,
    SeasonForm,
    ShowForm,
    people_from,
)
from .media import serve_file
from .models import Episode, Season, Show
from .permissions import can_manage_podcasts, can_view_episode, can_view_show
from .plays import is_play, record_play
from .text import clock, iso_duration, render_markdown

# Signed-in curators only; their second factor is RequireMFAMiddleware's job.
curator_required = requires(can_manage_podcasts)


def _get_show_for_user(request: HttpRequest, slug: str) -> Show:
    return get_for_user(Show, request.user, can_see=can_view_show, slug=slug)


def _get_episode_for_user(
    request: HttpRequest, slug: str, episode_slug: str
) -> Episode:
    return get_for_user(
        Episode.objects.select_related("show", "season"),
        request.user,
        can_see=can_view_episode,
        show__slug=slug,
        slug=episode_slug,
    )


def _get_episode_by_guid(request: HttpRequest, guid: str) -> Episode:
    return get_for_user(
        Episode.objects.select_related("show"),
        request.user,
        can_see=can_view_episode,
        guid=guid,
    )


# Listening


@require_safe
def show_list(request: HttpRequest) -> HttpResponse:
    shows = queries.shows_for_user(request.user)
    return render(
        request,
        "podcasts/show_list.html",
        {
            "shows": shows,
            "can_manage": can_manage_podcasts(request.user),
            "breadcrumbs": [(_("Podcasts"), "")],
        },
    )


def _series_jsonld(show: Show) -> dict[str, Any]:
    return {
        "@type": "PodcastSeries",
        "name": show.title,
        "description": show.description,
        "url": absolute(show.get_absolute_url()),
        "webFeed": absolute(show.get_feed_url()),
        "image": absolute(show.artwork_url) if show.artwork_url else "",
        "inLanguage": show.language,
        "author": {"@type": "Organization", "name": show.author},
        "license": show.licence_url or show.licence,
    }


@require_safe
def show_detail(request: HttpRequest, slug: str) -> HttpResponse:
    show = _get_show_for_user(request, slug)
    episodes = list(queries.episodes_for_user(show, request.user))
    seasons = list(show.seasons.all())
    by_season: dict[int | None, list[Episode]] = {}
    for episode in episodes:
        episode.show = show
        by_season.setdefault(episode.season_id, []).append(episode)
    groups: list[tuple[Season | None, list[Episode]]] = [
        (season, by_season[season.pk]) for season in seasons if season.pk in by_season
    ]
    if None in by_season:
        groups.append((None, by_season[None]))
    return render(
        request,
        "podcasts/show_detail.html",
        {
            "show": show,
            "groups": groups,
            "episode_count": len(episodes),
            "can_manage": can_manage_podcasts(request.user),
            "jsonld": jsonld_script(_series_jsonld(show)),
            "breadcrumbs": [
                (_("Podcasts"), reverse("podcasts:list")),
                (show.title, ""),
            ],
        },
    )


def _episode_jsonld(episode: Episode) -> dict[str, Any]:
    show = episode.show
    return {
        "@type": "PodcastEpisode",
        "name": episode.title,
        "url": absolute(episode.get_absolute_url()),
        "datePublished": episode.published_at.isoformat()
        if episode.published_at
        else "",
        "description": str(render_markdown(episode.show_notes)),
        "episodeNumber": episode.number,
        "duration": iso_duration(episode.audio_duration),
        "inLanguage": show.language,
        "associatedMedia": {
            "@type": "AudioObject",
            "contentUrl": absolute(episode.audio_url),
            "encodingFormat": episode.audio_mime,
            "contentSize": str(episode.audio_size),
            "duration": iso_duration(episode.audio_duration),
            "transcript": (
                absolute(episode.transcript_url) if episode.transcript_cues else ""
            ),
        },
        "partOfSeason": (
            {
                "@type": "PodcastSeason",
                "seasonNumber": episode.season.number,
                "name": episode.season.title,
            }
            if episode.season
            else None
        ),
        "partOfSeries": {
            "@type": "PodcastSeries",
            "name": show.title,
            "url": absolute(show.get_absolute_url()),
        },
        "actor": [
            {"@type": "Person", "name": person.name, "url": person.href}
            for person in episode.people.all()
        ],
    }


def _start_time(request: HttpRequest, duration: float) -> float:
    try:
        value = float(request.GET.get("t", "0"))
    except ValueError:
        return 0.0
    return value if 0 <= value < duration else 0.0


@require_safe
def episode_detail(request: HttpRequest, slug: str, episode_slug: str) -> HttpResponse:
    episode = _get_episode_for_user(request, slug, episode_slug)
    cues = [{**cue, "clock": clock(cue["start"])} for cue in episode.transcript_cues]
    chapters = [
        {**chapter, "clock": clock(chapter["startTime"])}
        for chapter in (episode.chapters or {}).get("chapters", [])
        if chapter.get("toc", True)
    ]
    show = episode.show
    return render(
        request,
        "podcasts/episode_detail.html",
        {
            "show": show,
            "episode": episode,
            "notes_html": render_markdown(episode.show_notes),
            "cues": cues,
            "chapters": chapters,
            "people": list(episode.people.all()),
            "capacity_areas": list(episode.capacity_areas.all()),
            "titles": list(episode.titles.select_related("city")),
            "resources": [
                resource
                for resource in episode.resources.prefetch_related(
                    "allowed_organisations"
                )
                if can_view_resource(request.user, resource)
            ],
            "start": _start_time(request, episode.audio_duration),
            "duration": clock(episode.audio_duration),
            # The captions track's label: the transcript's language, named in
            # the reader's language.
            "captions_label": _("Transcript (%(language)s)")
            % {"language": language_name(show.language.split("-")[0])},
            "can_manage": can_manage_podcasts(request.user),
            "jsonld": jsonld_script(_episode_jsonld(episode)),
            "breadcrumbs": [
                (_("Podcasts"), reverse("podcasts:list")),
                (show.title, show.get_absolute_url()),
                (episode.title, ""),
            ],
        },
    )


@require_safe
def feed(request: HttpRequest, slug: str) -> HttpResponse:
    show = get_object_or_404(Show.objects.public(), slug=slug)
    episodes = queries.feed_episodes(show)
    body = build_feed(show, episodes)
    changed = [show.updated_at]
    changed += [e.updated_at for e in episodes]
    # A scheduled episode changes the feed when it falls due, without a write.
    changed += [e.published_at for e in episodes if e.published_at]
    last_modified = max(changed).timestamp()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    not_modified = get_conditional_response(
        request, etag=etag, last_modified=int(last_modified)
    )
    if not_modified is not None:
        return not_modified
    response = HttpResponse(body, content_type="application/rss+xml; charset=utf-8")
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def audio(request: HttpRequest, sha256: str, ext: str) -> HttpResponseBase:
    visible = visible_for_user(
        Episode.objects.filter(audio_sha256=sha256).select_related("show"),
        request.user,
        can_see=can_view_episode,
    )
    episode = visible[0]
    if not (episode.audio.name or "").endswith("." + ext):
        raise Http404  # the address names another format than the file's
    public = any(e.is_public for e in visible)
    response = serve_file(
        request,
        name=episode.audio.name or "",
        size=episode.audio_size,
        content_type=episode.audio_mime,
        etag=sha256,
        public=public,
    )
    if not public:
        patch_vary_headers(response, ["Cookie"])
    if (
        response.status_code in (200, 206)
        and is_play(request, size=episode.audio_size, duration=episode.audio_duration)
        and not is_bot(request.headers.get("User-Agent", ""))
    ):
        record_play(episode_id=episode.pk)
    return response


@require_safe
def artwork(request: HttpRequest, sha256: str, ext: str) -> HttpResponseBase:
    show = Show.objects.filter(artwork_sha256=sha256).first()
    if show is None or not (show.artwork.name or "").endswith("." + ext):
        raise Http404
    # Artwork is not secret even for a draft show: directories fetch it early.
    return serve_file(
        request,
        name=show.artwork.name or "",
        size=show.artwork.size,
        content_type="image/jpeg" if ext == "jpg" else "image/png",
        etag=sha256,
    )


@require_safe
def transcript(request: HttpRequest, guid: str) -> HttpResponse:
    episode = _get_episode_by_guid(request, guid)
    if not episode.transcript_vtt:
        raise Http404
    response = HttpResponse(
        episode.transcript_vtt, content_type="text/vtt; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def chapters(request: HttpRequest, guid: str) -> HttpResponse:
    episode = _get_episode_by_guid(request, guid)
    if not episode.chapters:
        raise Http404
    response = JsonResponse(episode.chapters, content_type="application/json+chapters")
    response["Access-Control-Allow-Origin"] = "*"
    return response


# Managing


@curator_required
@require_safe
def manage(request: HttpRequest) -> HttpResponse:
    shows = Show.objects.prefetch_related(
        "seasons",
        Prefetch(
            "episodes",
            queryset=Episode.objects.select_related("season").order_by(
                "-published_at", "-pk"
            ),
        ),
    )
    return render(
        request,
        "podcasts/manage.html",
        {
            "shows": shows,
            "breadcrumbs": [
                (_("Podcasts"), reverse("podcasts:list")),
                (_("Manage podcasts"), ""),
            ],
        },
    )


def _manage_crumbs(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [
        (_("Podcasts"), reverse("podcasts:list")),
        (_("Manage podcasts"), reverse("podcasts:manage")),
        *extra,
    ]


@curator_required
@require_http_methods(["GET", "POST"])
def show_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    show = get_object_or_404(Show, pk=pk) if pk else Show()
    form = ShowForm(
        request.POST or None,
        request.FILES or None,
        instance=show,
        session=request.session,
    )
    if request.method == "POST" and form.is_valid():
        show = services.save_show(
            show=form.save(commit=False), artwork=form.checked_artwork
        )
        form.release_uploads()
        messages.success(request, _("The show was saved."))
        return redirect("podcasts:manage")
    title = _("Edit show") if pk else _("New show")
    return render(
        request,
        "podcasts/show_form.html",
        {
            "form": form,
            "show": show,
            "page_title": title,
            "breadcrumbs": _manage_crumbs((title, "")),
        },
    )


@curator_required
@require_http_methods(["GET", "POST"])
def season_form(
    request: HttpRequest, show_pk: int, pk: int | None = None
) -> HttpResponse:
    show = get_object_or_404(Show, pk=show_pk)
    season = get_object_or_404(Season, pk=pk, show=show) if pk else Season(show=show)
    form = SeasonForm(request.POST or None, instance=season, show=show)
    if request.method == "POST" and form.is_valid():
        services.save_season(season=form.save(commit=False))
        messages.success(request, _("The season was saved."))
        return redirect("podcasts:manage")
    title = _("Edit season") if pk else _("New season")
    return render(
        request,
        "podcasts/season_form.html",
        {
            "form": form,
            "show": show,
            "page_title": title,
            "breadcrumbs": _manage_crumbs((title, "")),
        },
    )


@curator_required
@require_http_methods(["GET", "POST"])
def episode_form(
    request: HttpRequest, show_pk: int, pk: int | None = None
) -> HttpResponse:
    show = get_object_or_404(Show, pk=show_pk)
    episode = (
        get_object_or_404(Episode.objects.prefetch_related("people"), pk=pk, show=show)
        if pk
        else Episode(show=show)
    )
    form = EpisodeForm(
        request.POST or None,
        request.FILES or None,
        instance=episode,
        show=show,
        session=request.session,
    )
    if request.method == "POST" and form.is_valid():
        episode = form.save(commit=False)
        episode.chapters = form.cleaned_data["chapters"]
        services.save_episode(
            episode=episode,
            audio=form.checked_audio,
            capacity_areas=form.cleaned_data["capacity_areas"],
            titles=form.cleaned_data["titles"],
            resources=form.cleaned_data["resources"],
            people=people_from(form.people),
            transcript=form.cleaned_data["transcript"],
            transcript_cues=form.transcript_cues,
        )
        form.release_uploads()
        messages.success(request, _("The episode was saved."))
        return redirect("podcasts:manage")
    title = _("Edit episode") if pk else _("New episode")
    return render(
        request,
        "podcasts/episode_form.html",
        {
            "form": form,
            "show": show,
            "episode": episode,
            "page_title": title,
            "breadcrumbs": _manage_crumbs((title, "")),
        },
    )


@curator_required
@require_http_methods(["GET", "POST"])
def episode_delete(request: HttpRequest, show_pk: int, pk: int) -> HttpResponse:
    episode = get_object_or_404(
        Episode.objects.select_related("show"), pk=pk, show_id=show_pk
    )
    if request.method == "POST":
        services.delete_episode(episode=episode)
        messages.success(request, _("The episode was deleted."))
        return redirect("podcasts:manage")
    title = _("Delete episode")
    return render(
        request,
        "podcasts/episode_delete.html",
        {
            "episode": episode,
            "page_title": title,
            "breadcrumbs": _manage_crumbs((title, "")),
        },
    )
