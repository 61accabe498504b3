"""Demo content: the programme's two podcast seasons, with fictional hosts and
guests, short show notes, WebVTT transcripts and generated audio.

The audio is spoken by espeak-ng when it and an MP3 encoder (lame or ffmpeg)
are installed (``speech.py``). Without them it is made by ``mp3.silent_mp3``:
silence paced like speech, so the player, the transcript sync, the feed and
the search behave as with real recordings. Running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw

from ecoc_hub.cities.models import CapacityArea, Title

from . import files, services, speech
from .models import Episode, Season, Show, State
from .mp3 import silent_mp3
from .services import PersonData

SHOW_SLUG = "ecoc-academy"
HOST = "Marta Lindqvist"
CO_HOST = "Tomás Ferreira"
WORDS_PER_SECOND = 2.6

SHOW = {
    "title": "ECoC Academy Podcast",
    "slug": SHOW_SLUG,
    "description": (
        "Peer learning for European Capitals of Culture. After each Academy Camp, "
        "people who bid for, deliver and evaluate title years talk through what "
        "worked, what did not, and what they would do differently."
    ),
    "language": "en",
    "category": "Education",
    "owner_name": "ECoC Hub consortium",
    "owner_email": "podcast@ecoc-hub.example",
    "author": "ECoC Hub consortium",
    "explicit": False,
    "show_type": Show.Type.SERIAL,
    "licence": "CC-BY-4.0",
    "licence_url": "https://creativecommons.org/licenses/by/4.0/",
    "locked": True,
    "state": State.PUBLISHED,
}

SEASONS: list[dict[str, Any]] = [
    {
        "number": 1,
        "title": "Audience development",
        "description": (
            "Recorded after the first Academy Camp, hosted online by the Elefsina "
            "2023 team: eight sessions of theory and practice on reaching, keeping "
            "and growing audiences."
        ),
        "title_city": ("Elefsina", 2023),
        "start": dt.datetime(2021, 4, 6, 8, 0, tzinfo=dt.UTC),
        "episodes": [
            {
                "slug": "history-of-the-ecoc-action",
                "title": "The history of the ECoC action",
                "guest": "Helena Kostaki",
                "areas": ["european-narrative", "long-term-strategy"],
                "notes": (
                    "From Athens in 1985 to today's competition between cities: how "
                    "an intergovernmental idea became an EU action with a selection "
                    "panel, monitoring meetings and the Melina Mercouri Prize.\n\n"
                    "- Why the first titles were chosen by governments\n"
                    "- What Decision 445/2014/EU changed\n"
                    "- What a bid book promises, and who checks it"
                ),
                "lines": [
                    (
                        HOST,
                        "Welcome to the ECoC Academy Podcast. I am Marta Lindqvist.",
                    ),
                    (
                        HOST,
                        "Today we go back to where it started, with the historian "
                        "Helena Kostaki.",
                    ),
                    (
                        "Helena Kostaki",
                        "In 1985 Athens became the first city of culture, chosen by "
                        "ministers around a table rather than by an open competition.",
                    ),
                    (
                        "Helena Kostaki",
                        "Today an independent panel selects the city about six years "
                        "ahead and follows it through three monitoring meetings.",
                    ),
                    (
                        HOST,
                        "So the title became a long process of preparation rather "
                        "than a single festival year.",
                    ),
                    (
                        "Helena Kostaki",
                        "Exactly, and the Melina Mercouri Prize is only paid if the "
                        "commitments of the bid book are kept.",
                    ),
                ],
            },
            {
                "slug": "principles-of-audience-development",
                "title": "Principles of audience development",
                "guest": "Ilona Varga",
                "areas": ["audience-development", "accessibility-inclusion"],
                "notes": (
                    "Audience development is more than marketing. Ilona Varga explains "
                    "how to know who is missing, why, and how to build a programme "
                    "**with** them rather than **for** them."
                ),
                "lines": [
                    (HOST, "Our guest is Ilona Varga, who trains cultural teams."),
                    (
                        "Ilona Varga",
                        "Audience development starts with an honest question: who is "
                        "not in the room, and what keeps them away?",
                    ),
                    (
                        "Ilona Varga",
                        "Barriers can be prices, opening hours, language, transport, "
                        "or simply the feeling that culture is not for people like me.",
                    ),
                    (
                        HOST,
                        "And a title year has the attention and the budget to remove "
                        "some of those barriers for good.",
                    ),
                    (
                        "Ilona Varga",
                        "Yes, if the city measures who actually comes, and keeps "
                        "listening after the year is over.",
                    ),
                ],
            },
            {
                "slug": "managing-change",
                "title": "Managing change",
                "guest": "Jonas Weber",
                "areas": ["project-management", "human-resources"],
                "notes": (
                    "Delivery teams grow from a handful of people to hundreds, then "
                    "shrink again. Jonas Weber on leading a team through that change "
                    "without losing the people or the vision."
                ),
                "lines": [
                    (CO_HOST, "I am Tomás Ferreira, and with me is Jonas Weber."),
                    (
                        "Jonas Weber",
                        "A delivery team changes shape every few months, so change "
                        "management is not a side topic, it is the job.",
                    ),
                    (
                        "Jonas Weber",
                        "We wrote down every decision and its reason, so newcomers "
                        "understood the vision instead of guessing it.",
                    ),
                    (
                        CO_HOST,
                        "What about the people who leave before the title year?",
                    ),
                    (
                        "Jonas Weber",
                        "Plan their handover from the day they arrive, and thank them "
                        "in public when they go.",
                    ),
                ],
            },
            {
                "slug": "iterative-planning-and-implementation",
                "title": "Iterative planning and implementation",
                "guest": "Sofia Rinaldi",
                "areas": ["project-management", "monitoring-evaluation"],
                "notes": (
                    "Plans that meet reality: Sofia Rinaldi on short planning cycles, "
                    "pilot projects before the title year and learning from what fails."
                ),
                "lines": [
                    (
                        HOST,
                        "Sofia Rinaldi, you argue for small pilots before big plans.",
                    ),
                    (
                        "Sofia Rinaldi",
                        "A pilot in year minus three tells you more about your "
                        "audience than any survey written in an office.",
                    ),
                    (
                        "Sofia Rinaldi",
                        "We planned in cycles of three months, and every cycle ended "
                        "with a short review of what we would keep or drop.",
                    ),
                    (HOST, "Did the funders accept plans that kept changing?"),
                    (
                        "Sofia Rinaldi",
                        "They accepted them once we showed the evidence behind each "
                        "change, in the same format every time.",
                    ),
                ],
            },
            {
                "slug": "cooperation-and-partnerships",
                "title": "Cooperation and partnerships",
                "guest": "Pieter de Vries",
                "areas": ["european-cooperation", "local-artists"],
                "notes": (
                    "Partnerships that outlive the title year: Pieter de Vries on "
                    "working with local organisations and with partners in other "
                    "European cities."
                ),
                "lines": [
                    (CO_HOST, "Our last guest this season is Pieter de Vries."),
                    (
                        "Pieter de Vries",
                        "The best partnerships started with a shared problem, not "
                        "with a logo on a poster.",
                    ),
                    (
                        "Pieter de Vries",
                        "Local organisations must be partners from the bid onwards, "
                        "or they will feel the title was done to them.",
                    ),
                    (
                        CO_HOST,
                        "And the European partners, how do you keep them after the "
                        "year?",
                    ),
                    (
                        "Pieter de Vries",
                        "Give them a project they own, with its own budget line, and "
                        "they stay.",
                    ),
                ],
            },
        ],
    },
    {
        "number": 2,
        "title": "Digital approaches to ECoCs",
        "description": (
            "Recorded after the second Academy Camp, hosted online by the Chemnitz "
            "2025 team: digital communications, evaluation, programming, project "
            "management and communities."
        ),
        "title_city": ("Chemnitz", 2025),
        "start": dt.datetime(2021, 11, 9, 8, 0, tzinfo=dt.UTC),
        "episodes": [
            {
                "slug": "digital-communications",
                "title": "Digital communications",
                "guest": "Lea Hoffmann",
                "areas": ["communication-marketing", "digital"],
                "notes": (
                    "Channels, tone and languages: Lea Hoffmann on running the "
                    "digital communications of a title city, from the bid to the "
                    "closing ceremony."
                ),
                "lines": [
                    (
                        HOST,
                        "Season two is about digital approaches. "
                        "Welcome, Lea Hoffmann.",
                    ),
                    (
                        "Lea Hoffmann",
                        "Digital communication is a conversation, so we answered every "
                        "comment in the language it was written in.",
                    ),
                    (
                        "Lea Hoffmann",
                        "We published fewer posts and more stories told by residents "
                        "themselves.",
                    ),
                    (HOST, "How did you measure whether it worked?"),
                    (
                        "Lea Hoffmann",
                        "By replies and shares from people outside our usual circles, "
                        "not by the number of followers.",
                    ),
                ],
            },
            {
                "slug": "digital-evaluation",
                "title": "Evaluation",
                "guest": "Anna Berg",
                "areas": ["monitoring-evaluation", "digital"],
                "notes": (
                    "What digital data can and cannot tell you about a title year. "
                    "Anna Berg on dashboards, privacy and combining numbers with "
                    "interviews."
                ),
                "lines": [
                    (CO_HOST, "Anna Berg evaluates cultural programmes."),
                    (
                        "Anna Berg",
                        "Ticketing and web data are cheap to collect, but they only "
                        "show the people who already came.",
                    ),
                    (
                        "Anna Berg",
                        "We paired every dashboard with interviews in the "
                        "neighbourhoods that did not appear in the data.",
                    ),
                    (CO_HOST, "And privacy?"),
                    (
                        "Anna Berg",
                        "Collect only what the evaluation question needs, and say so "
                        "clearly on every form.",
                    ),
                ],
            },
            {
                "slug": "digital-artistic-programming",
                "title": "Artistic programming",
                "guest": "Kasia Nowak",
                "areas": ["artistic-programming", "digital"],
                "notes": (
                    "Hybrid and digital art in a title year: Kasia Nowak on "
                    "commissioning works that live both on stage and online."
                ),
                "lines": [
                    (HOST, "Kasia Nowak curated the hybrid programme of her city."),
                    (
                        "Kasia Nowak",
                        "A streamed concert is not digital art; a work made for the "
                        "network from the start is.",
                    ),
                    (
                        "Kasia Nowak",
                        "We commissioned artists to build pieces that audiences in "
                        "other countries could join live.",
                    ),
                    (HOST, "Was the local audience still at the centre?"),
                    (
                        "Kasia Nowak",
                        "Yes, every online work had a physical place in the city "
                        "where people could meet.",
                    ),
                ],
            },
            {
                "slug": "digital-project-management",
                "title": "Project management",
                "guest": "Matteo Conti",
                "areas": ["project-management", "digital"],
                "notes": (
                    "Shared calendars, task boards and fewer e-mails: Matteo Conti on "
                    "the digital tools that helped a delivery team, and the ones "
                    "that did not."
                ),
                "lines": [
                    (CO_HOST, "Matteo Conti managed projects for a delivery team."),
                    (
                        "Matteo Conti",
                        "The tool matters less than the agreement on where a "
                        "decision is written down.",
                    ),
                    (
                        "Matteo Conti",
                        "We moved every project to one shared board and stopped "
                        "sending attachments by e-mail.",
                    ),
                    (CO_HOST, "What would you tell a team starting today?"),
                    (
                        "Matteo Conti",
                        "Choose open formats, so the archive survives the team.",
                    ),
                ],
            },
            {
                "slug": "digital-community-building",
                "title": "Community building",
                "guest": "Nora Keane",
                "areas": ["community-development", "digital", "volunteering"],
                "notes": (
                    "Online communities that meet offline: Nora Keane on volunteers, "
                    "neighbourhood groups and keeping a community alive after the "
                    "title year."
                ),
                "lines": [
                    (HOST, "Our last guest of the season is Nora Keane."),
                    (
                        "Nora Keane",
                        "Our online volunteer group started with two hundred people "
                        "and ended the year with three thousand.",
                    ),
                    (
                        "Nora Keane",
                        "The community held because volunteers ran their own channels "
                        "and met every month in a different district.",
                    ),
                    (HOST, "And after the title year?"),
                    (
                        "Nora Keane",
                        "The volunteers founded an association, and the city still "
                        "funds its meeting room.",
                    ),
                ],
            },
        ],
    },
]


def artwork_png() -> bytes:
    """A 1400 by 1400 pixel RGB PNG: a square with a sound-wave motif."""
    image = Image.new("RGB", (1400, 1400), (29, 63, 158))
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 1300, 1300), outline=(255, 194, 122), width=24)
    for index, height in enumerate((200, 420, 640, 420, 860, 520, 300, 620, 220)):
        x = 230 + index * 115
        draw.rounded_rectangle(
            (x, 700 - height // 2, x + 60, 700 + height // 2),
            radius=30,
            fill=(255, 255, 255),
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def estimated_timings(lines: list[tuple[str, str]]) -> list[tuple[float, float]]:
    """(start, end) of each line when read at an even pace (silent audio)."""
    timings = []
    start = speech.LEAD_IN
    for _speaker, text in lines:
        length = max(3.0, round(len(text.split()) / WORDS_PER_SECOND, 1))
        timings.append((start, round(start + length, 3)))
        start = round(start + length + speech.PAUSE, 3)
    return timings


def episode_audio(
    lines: list[tuple[str, str]], *, tools: speech.Tools | None
) -> tuple[bytes, list[tuple[float, float]]]:
    """Spoken audio when espeak-ng and an encoder exist, else silence of the
    same pacing; with the timing of every line."""
    if tools is not None:
        try:
            return speech.synthesise(lines, tools=tools)
        except (OSError, subprocess.SubprocessError, ValueError, EOFError):
            pass  # a broken tool must not stop the demo: fall back to silence
    timings = estimated_timings(lines)
    return silent_mp3(timings[-1][1] + speech.TAIL), timings


def transcript_for(
    lines: list[tuple[str, str]], timings: list[tuple[float, float]]
) -> str:
    """WebVTT with a <v> speaker tag per cue."""
    out = ["WEBVTT", ""]
    for (speaker, text), (start, end) in zip(lines, timings, strict=True):
        out += [
            f"{_timestamp(start)} --> {_timestamp(end)}",
            f"<v {speaker}>{text}",
            "",
        ]
    return "\n".join(out)


def _chapters(timings: list[tuple[float, float]], guest: str) -> dict[str, Any]:
    return {
        "version": "1.2.0",
        "chapters": [
            {"startTime": 0, "title": "Introduction"},
            {"startTime": timings[1][0], "title": f"Conversation: {guest}"},
        ],
    }


@transaction.atomic
def load_demo(*, stdout: Any) -> int:
    """Create the demo show, seasons and episodes that do not exist yet;
    return how many episodes were made."""
    show = Show.objects.filter(slug=SHOW_SLUG).first()
    if show is None:
        artwork = files.check_artwork(io.BytesIO(artwork_png()))
        show = services.save_show(show=Show(**SHOW), artwork=artwork)
    created = 0
    tools = speech.available()
    areas = {area.code: area for area in CapacityArea.objects.all()}
    for spec in SEASONS:
        season = show.seasons.filter(number=spec["number"]).first()
        if season is None:
            season = services.save_season(
                season=Season(
                    show=show,
                    number=spec["number"],
                    title=spec["title"],
                    description=spec["description"],
                )
            )
        city, year = spec["title_city"]
        titles = list(Title.objects.filter(city__name=city, year=year))
        for number, item in enumerate(spec["episodes"], start=1):
            if show.episodes.filter(slug=item["slug"]).exists():
                continue
            _create_episode(show, season, spec, number, item, areas, titles, tools)
            created += 1
    stdout.write(
        _("Podcasts: %(created)d episodes created, %(total)d in the demo.")
        % {"created": created, "total": sum(len(s["episodes"]) for s in SEASONS)}
    )
    return created


def _create_episode(
    show: Show,
    season: Season,
    spec: dict[str, Any],
    number: int,
    item: dict[str, Any],
    areas: dict[str, CapacityArea],
    titles: list[Title],
    tools: speech.Tools | None,
) -> Episode:
    audio_bytes, timings = episode_audio(item["lines"], tools=tools)
    transcript = transcript_for(item["lines"], timings)
    audio = files.check_audio(io.BytesIO(audio_bytes))
    speakers = {speaker for speaker, _text in item["lines"]}
    people = [
        PersonData(name=name, role=role)
        for name, role in ((HOST, "host"), (CO_HOST, "co-host"))
        if name in speakers
    ] + [PersonData(name=item["guest"], role="guest")]
    return services.save_episode(
        episode=Episode(
            show=show,
            season=season,
            title=item["title"],
            slug=item["slug"],
            show_notes=item["notes"],
            number=number,
            episode_type=Episode.Type.FULL,
            state=State.PUBLISHED,
            published_at=spec["start"] + dt.timedelta(weeks=2 * (number - 1)),
            chapters=_chapters(timings, item["guest"]),
        ),
        audio=audio,
        capacity_areas=[areas[code] for code in item["areas"] if code in areas],
        titles=titles,
        people=people,
        transcript=transcript + "\n",
        transcript_cues=files.parse_transcript(transcript),
    )
