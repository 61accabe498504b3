"""Demo content of the community: the capacity areas' spaces, two topic
spaces, threads in several languages, a team's private thread, a past
title city's team, a peer request in each state with its thread, listed
members, a space moderator's rights and an open report, and the spaces of
a demo camp's participants and a demo course's learners (a post with a
link card in each). Idempotent: a second run changes nothing."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ecoc_hub.accounts.models import Membership, Organisation, User
from ecoc_hub.accounts.services import create_team
from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.core.workflow import transition
from ecoc_hub.courses.models import Course
from ecoc_hub.events.models import Event

from . import following, moderation, peers, services
from .enums import EmailFrequency, PeerRequestKind, PostState, SpaceAccess, ThreadKind
from .mentions import ensure_handle
from .models import DirectoryEntry, Post, Space

MARKER = "volunteers"  # the slug of the first topic space: present = loaded
OULU = "Oulu 2026 programme team (demo)"
TRENCIN = "Trenčín 2026 delivery team (demo)"
VALDORIA = "Valdoria 2033 bid team (demo)"
PAST = "Leeuwarden 2018 legacy team (demo)"
MODERATOR_EMAIL = "demo-moderator@example.org"

THREADS: list[dict[str, Any]] = [
    {
        "space": MARKER,
        "title": "How many volunteers did you need in the title year?",
        "kind": "question",
        "language": "en",
        "body": "We are planning our volunteer programme. **How many** people "
        "did you train, and how early did you start?",
        "replies": [
            "We trained about 1,200 people, starting 18 months before the "
            "opening. The early start mattered more than the number.",
            "> The early start mattered more than the number.\n\nAgreed: our "
            "first cohort became the trainers of the next ones. @{member}, "
            "ask us for our training plan.",
        ],
    },
    {
        "space": "area",
        "title": "Évaluer l'impact culturel sur le long terme",
        "language": "fr",
        "body": "Quels indicateurs avez-vous gardés cinq ans après l'année "
        "capitale ? Nous cherchons des exemples concrets.",
        "replies": [
            "Nous suivons la fréquentation des lieux créés pour l'année et "
            "les partenariats internationaux encore actifs."
        ],
    },
    {
        "space": "area",
        "title": "Bürgerbeteiligung in kleinen Gemeinden der Region",
        "language": "de",
        "body": "Wie habt ihr die kleinen Gemeinden im Umland eingebunden? "
        "Bei uns kommen die Ideen fast nur aus der Stadt.",
        "replies": [
            "Mit einem kleinen Fonds für Projekte, die von Vereinen vor Ort "
            "eingereicht wurden, und mit einem Bus, der durch die Region fuhr."
        ],
    },
    {
        "space": "funding-and-sponsorship",
        "title": "Sponsorship contracts: what to put in writing",
        "language": "en",
        "body": "Which clauses do you wish you had put in your sponsorship "
        "contracts from the start?",
        "replies": ["Exit clauses and the use of the logo after the title year."],
    },
]


def _person(email: str, name: str, team: Organisation, *, listed: str = "") -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, display_name=name)
        user.set_unusable_password()
        user.languages = ["en", "nl"]
        user.save()
    Membership.objects.get_or_create(organisation=team, user=user)
    if listed:
        DirectoryEntry.objects.get_or_create(
            user=user, defaults={"is_listed": True, "role": listed}
        )
    return user


def _past_team() -> Organisation:
    team = Organisation.objects.filter(name=PAST).first()
    if team is None:
        team = create_team(
            kind=Organisation.Kind.TITLE_TEAM,
            name=PAST,
            title=Title.objects.get(city__name="Leeuwarden", year=2018),
            description=(
                "A fictional team used in the demo content: the people who keep "
                "the legacy of a past title year and help the cities that follow."
            ),
        )
    return team


def _publish(post: Post) -> None:
    if post.state == PostState.HELD:
        moderation.approve_post(post=post, moderator=None)


@transaction.atomic
def _participants_spaces(*, stdout: Any) -> int:
    """The demo camp's space (its organiser and an accepted participant
    talk) and the demo course's (its trainer and a learner), each with a
    post linking a page of the site as a card. Runs once, also on a hub
    whose community demo was loaded before these spaces existed."""
    camp = (
        Event.objects.filter(
            applications__applicant__email="demo-participant@example.org",
            applications__state="accepted",
        )
        .order_by("starts_at")
        .first()
        or Event.objects.filter(slug="academy-camp-legacy-evaluation-2027").first()
    )
    course = Course.objects.filter(slug="audience-development").first()
    made = 0
    if camp is not None and not Space.objects.filter(event=camp).exists():
        organiser = camp.organisers.order_by("pk").first()
        participant = (
            User.objects.filter(
                event_applications__event=camp,
                event_applications__state="accepted",
            )
            .order_by("pk")
            .first()
        )
        space = services.event_space(event=camp)
        if organiser is not None and participant is not None:
            thread = services.start_thread(
                space=space,
                author=organiser,
                title="Welcome, and what to read before the camp",
                body="Welcome to the camp's discussion: only the participants, "
                "the organisers and the speakers read it.\n\nThe course "
                "many of you asked about:\n\n"
                + (course.get_absolute_url() if course else "/courses/"),
                language="en",
            )
            services.reply(
                thread=thread,
                author=participant,
                body="Thank you! Is there a shared ride from the airport?",
            )
            made += 1
    if course is not None and not Space.objects.filter(course=course).exists():
        trainer = course.trainers.order_by("pk").first()
        learner = (
            User.objects.filter(enrolments__course=course, enrolments__state="active")
            .order_by("pk")
            .first()
        )
        space = services.course_space(course=course)
        if trainer is not None and learner is not None:
            thread = services.start_thread(
                space=space,
                author=trainer,
                title="Share your audience survey",
                body="Post the survey your team uses, and we will compare them "
                "in the next module. The camp where we meet:\n\n"
                + (camp.get_absolute_url() if camp else "/academy/"),
                language="en",
            )
            services.reply(
                thread=thread,
                author=learner,
                body="Ours asks three questions only; I will post it this week.",
            )
            made += 1
    if made:
        stdout.write(
            _("Community: %(count)d discussions of event participants and learners.")
            % {"count": made}
        )
    return made


def load_demo(*, stdout: Any) -> int:
    services.ensure_area_spaces()
    _participants_spaces(stdout=stdout)
    if Space.objects.filter(slug=MARKER).exists():
        stdout.write(_("Community: already loaded."))
        return 0
    teams = {
        t.name: t
        for t in Organisation.objects.filter(name__in=[OULU, TRENCIN, VALDORIA])
    }
    if len(teams) < 3:
        stdout.write(_("Community: the demo teams are missing."))
        return 0
    past = _past_team()
    sietske = _person(
        "demo-leeuwarden@example.org",
        "Sietske Legacy (demo)",
        past,
        listed="Legacy programme manager",
    )
    sjoerd = _person("demo-leeuwarden-2@example.org", "Sjoerd Volunteers (demo)", past)
    member = User.objects.filter(email="demo-member@example.org").first() or sietske
    admin = User.objects.filter(email="demo-team-admin@example.org").first() or sjoerd
    valdoria = _person(
        "demo-valdoria@example.org",
        "Vera Bid (demo)",
        teams[VALDORIA],
        listed="Bid book coordinator",
    )
    DirectoryEntry.objects.get_or_create(
        user=member, defaults={"is_listed": True, "role": "Programme producer"}
    )
    volunteers = services.create_space(
        name="Volunteers",
        access=SpaceAccess.PUBLIC,
        created_by=None,
        description="Recruiting, training and keeping volunteers, before and "
        "after the year.",
    )
    funding = services.create_space(
        name="Funding and sponsorship",
        access=SpaceAccess.MEMBERS,
        created_by=None,
        description="Public funding, sponsors and their contracts (members only).",
    )
    area_space = Space.objects.get(capacity_area__code="monitoring-evaluation")
    participation = (
        Space.objects.filter(kind="area").exclude(pk=area_space.pk).order_by("pk")[0]
    )
    spaces = {MARKER: volunteers, "funding-and-sponsorship": funding}
    authors = [member, sietske, admin, sjoerd]
    # Followers before the threads, so the posts below notify them.
    following.set_following(user=member, target=funding, follow=True)
    following.set_following(user=valdoria, target=volunteers, follow=True)
    following.set_email_frequency(user=member, email=EmailFrequency.DAILY)
    handle = ensure_handle(member)
    made = 0
    for number, spec in enumerate(THREADS):
        target: Space = spaces.get(spec["space"], participation)
        if number == 1:
            target = area_space
        thread = services.start_thread(
            space=target,
            author=authors[number % len(authors)],
            title=spec["title"],
            body=spec["body"],
            kind=spec.get("kind", ThreadKind.DISCUSSION),
            language=spec["language"],
        )
        for offset, text in enumerate(spec["replies"], start=1):
            services.reply(
                thread=thread,
                author=authors[(number + offset) % len(authors)],
                body=text.replace("{member}", handle),
            )
        made += 1
    for post in Post.objects.filter(state=PostState.HELD):
        _publish(post)
    question = volunteers.threads.get()
    following.mark_answer(
        thread=question,
        post=question.posts.order_by("created_at", "pk")[1],
        actor=member,
    )
    team_space = services.team_space(organisation=teams[OULU])
    services.start_thread(
        space=team_space,
        author=admin,
        title="Who goes to the Academy Camp in Trenčín?",
        body="Two places for our team: tell me by Friday if you want one.",
        language="en",
    )
    moderator = User.objects.filter(email=MODERATOR_EMAIL).first()
    if moderator is not None:
        for space in (volunteers, funding, area_space):
            space.moderators.add(moderator)
    report_target = volunteers.threads.get().posts.order_by("pk").last()
    if report_target is not None:
        moderation.report_post(
            post=report_target,
            reporter=valdoria,
            reason="other",
            explanation="I think this quotes a private e-mail without permission.",
        )
    _peer_requests(teams=teams, past=past, people=(member, admin, sietske, valdoria))
    stdout.write(
        _("Community: %(count)d threads and a peer request in each state.")
        % {"count": made}
    )
    return made


def _peer_requests(
    *, teams: dict[str, Organisation], past: Organisation, people: tuple[User, ...]
) -> None:
    member, admin, sietske, valdoria = people
    area = CapacityArea.objects.get(code="monitoring-evaluation")
    other_area = CapacityArea.objects.exclude(pk=area.pk).order_by("pk").first() or area
    ask = peers.ask_peer
    ask(
        from_team=teams[VALDORIA],
        to_team=past,
        author=valdoria,
        kind=PeerRequestKind.STUDY_VISIT,
        capacity_area=area,
        message="Could two of us visit you for two days to see how you monitor "
        "the legacy of your title year?",
    )
    accepted = ask(
        from_team=teams[VALDORIA],
        to_team=teams[OULU],
        author=valdoria,
        kind=PeerRequestKind.CALL,
        capacity_area=other_area,
        message="A one-hour call about your regional programme?",
    )
    transition(accepted, "accept", actor=admin)
    services.reply(
        thread=accepted.thread,
        author=admin,
        body="Gladly. Would next Tuesday at 10:00 CET suit you?",
    )
    refused = ask(
        from_team=past,
        to_team=teams[TRENCIN],
        author=sietske,
        kind=PeerRequestKind.DOCUMENT_LOAN,
        capacity_area=other_area,
        message="May we read your volunteer handbook?",
    )
    zora = User.objects.filter(email="demo-trencin-director@example.org").first()
    if (
        zora is not None
        and not zora.memberships.filter(organisation=teams[TRENCIN]).exists()
    ):
        zora = None
    transition(
        refused,
        "decline",
        actor=zora,
        comment="It is being rewritten; ask again in spring.",
    )
    withdrawn = ask(
        from_team=teams[OULU],
        to_team=past,
        author=member,
        kind=PeerRequestKind.CALL,
        capacity_area=other_area,
        message="A call about ticketing?",
    )
    transition(withdrawn, "withdraw", actor=member)
    completed = ask(
        from_team=teams[OULU],
        to_team=past,
        author=member,
        kind=PeerRequestKind.MENTORING,
        capacity_area=area,
        message="Would you mentor our evaluation team for three months?",
    )
    transition(completed, "accept", actor=sietske)
    transition(completed, "complete", actor=member)
    peers.give_feedback(
        request=completed,
        team=teams[OULU],
        author=member,
        rating=5,
        text="Clear advice, and the indicators we needed.",
    )
    peers.give_feedback(
        request=completed,
        team=past,
        author=sietske,
        rating=4,
        text="A well prepared team; we learnt from their questions too.",
    )
