"""The choices of the accounts app, defined once: the models' fields and
database constraints, the forms and the API schemas read them from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can see my profile")
    MEMBERS = "members", _("Members: only signed-in members can see it")
    PRIVATE = "private", _("Private: only me and the curators")


class OrganisationKind(models.TextChoices):
    TITLE_TEAM = "title", _("Title city team")
    CANDIDATE_TEAM = "candidate", _("Candidate city team")
    OTHER = "other", _("Other organisation")


class TeamRole(models.TextChoices):
    ADMIN = "admin", _("Team admin")
    MEMBER = "member", _("Team member")


class ConsentTopic(models.TextChoices):
    NEWSLETTER = "newsletter", _("News and announcements from ECoC Hub")
    EVENTS = "events", _("Invitations to Academy Camps and webinars")
    DIGEST = "digest", _("A monthly digest of new library resources")


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
