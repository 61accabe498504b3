"""The community app's choices, defined once: models, constraints and forms
read them from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SpaceKind(models.TextChoices):
    AREA = "area", _("Capacity area")
    TEAM = "team", _("City team")
    TOPIC = "topic", _("Topic")
    PEER = "peer", _("Peer request")
    EVENT = "event", _("Event participants")
    COURSE = "course", _("Course learners")


class SpaceAccess(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can read, members write")
    MEMBERS = "members", _("Members only: signed-in members read and write")
    TEAM = "team", _("City team only: its members read and write")
    PARTICIPANTS = (
        "participants",
        _("Participants only: the event's or course's people read and write"),
    )


class ThreadKind(models.TextChoices):
    DISCUSSION = "discussion", _("Discussion")
    QUESTION = "question", _("Question")


class PostState(models.TextChoices):
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Held for review")
    HIDDEN = "hidden", _("Hidden by a moderator")


class NoticeReason(models.TextChoices):
    """Why someone reports a post (a notice under Article 16 of the DSA)."""

    ILLEGAL = "illegal", _("It is illegal content")
    HARASSMENT = "harassment", _("Harassment, hate or threats")
    PRIVACY = "privacy", _("It discloses someone's personal data")
    SPAM = "spam", _("Spam or advertising")
    OTHER = "other", _("Something else against the rules of the site")


class NoticeState(models.TextChoices):
    OPEN = "open", _("Waiting for a decision")
    ACTIONED = "actioned", _("Post hidden")
    DISMISSED = "dismissed", _("No action taken")


class DecisionGround(models.TextChoices):
    """The ground a restriction rests on (Article 17(3)(d) and (e))."""

    ILLEGAL = "illegal", _("Illegal content under the applicable law")
    TERMS = "terms", _("Against the site's rules for discussions")


class AppealState(models.TextChoices):
    OPEN = "open", _("Waiting for a second look")
    REVERSED = "reversed", _("Decision reversed: the post is visible again")
    CONFIRMED = "confirmed", _("Decision confirmed")


class NotificationKind(models.TextChoices):
    STATEMENT = "statement", _("A moderator restricted your post")
    NOTICE_DECIDED = "notice_decided", _("Your report was decided")
    APPEAL_DECIDED = "appeal_decided", _("Your appeal was decided")
    POST_APPROVED = "post_approved", _("Your post was approved")
    PEER_REQUEST = "peer_request", _("Your team received a peer request")
    PEER_ANSWERED = "peer_answered", _("Your team's peer request was answered")
    REPLY = "reply", _("A new reply in a thread you follow")
    NEW_THREAD = "new_thread", _("A new thread in a space you follow")
    MENTION = "mention", _("Someone mentioned you")
    ANSWER = "answer", _("Your reply was marked as the answer")


class PeerRequestKind(models.TextChoices):
    CALL = "call", _("A call")
    STUDY_VISIT = "study_visit", _("A study visit")
    MENTORING = "mentoring", _("A mentoring relation")
    DOCUMENT_LOAN = "document_loan", _("The loan of a document")


class PeerRequestState(models.TextChoices):
    REQUESTED = "requested", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    COMPLETED = "completed", _("Completed")


class EmailFrequency(models.TextChoices):
    """How a person gets the discussions' e-mail (on the site: always)."""

    IMMEDIATE = "immediate", _("An e-mail for each new post")
    DAILY = "daily", _("A daily digest")
    WEEKLY = "weekly", _("A weekly digest")
    NONE = "none", _("No e-mail, only on the site")


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")


class ThreadAction(models.TextChoices):
    ANSWER_MARKED = "answer_marked", _("Marked a reply as the answer")
    ANSWER_UNMARKED = "answer_unmarked", _("Removed the mark of the answer")
