"""A resource with its creators, relations, versions and moderation history."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.models import StateHistory

from ..enums import (
    Access,
    CreatorKind,
    Decision,
    Licence,
    RelationKind,
    ResourceState,
    ResourceType,
)
from ..vocab import validate_countries, validate_doi, validate_isbn, validate_languages


class Resource(models.Model):
    """A library record: Dublin Core-like metadata with files attached."""

    Type = ResourceType
    Licence = Licence
    Access = Access
    State = ResourceState

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=80, blank=True)
    identifier = models.CharField(
        _("import identifier"),
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The key a bulk import matches this record by."),
    )
    title = models.CharField(_("title"), max_length=300)
    abstract = models.TextField(_("abstract"), blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    publication_year = models.PositiveSmallIntegerField(
        _("publication year"), null=True, blank=True
    )
    publication_date = models.DateField(
        _("full publication date"), null=True, blank=True
    )
    resource_type = models.CharField(
        _("type"), max_length=24, choices=Type.choices, default=Type.OTHER
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        validators=[validate_languages],
        help_text=_("ISO 639-1 codes, for example en, fr, de."),
    )
    capacity_areas = models.ManyToManyField(
        "cities.CapacityArea",
        blank=True,
        related_name="resources",
        verbose_name=_("capacity areas"),
    )
    titles = models.ManyToManyField(
        "cities.Title",
        blank=True,
        related_name="resources",
        verbose_name=_("title cities"),
    )
    countries = models.JSONField(
        _("countries"),
        default=list,
        blank=True,
        validators=[validate_countries],
        help_text=_("ISO 3166-1 codes, for example FR, DE."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=24,
        choices=Licence.choices,
        default=Licence.ALL_RIGHTS_RESERVED,
    )
    access = models.CharField(
        _("access"), max_length=12, choices=Access.choices, default=Access.PUBLIC
    )
    allowed_organisations = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="restricted_resources",
        verbose_name=_("city teams with access"),
    )
    embargo_until = models.DateField(
        _("embargo until"),
        null=True,
        blank=True,
        help_text=_("Files stay closed until this date; the record is visible."),
    )
    doi = models.CharField(
        _("DOI"), max_length=200, blank=True, validators=[validate_doi]
    )
    isbn = models.CharField(
        _("ISBN"), max_length=20, blank=True, validators=[validate_isbn]
    )
    url = models.URLField(_("web address"), max_length=500, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT
    )
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="library_resources",
        verbose_name=_("contributor"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    view_count = models.PositiveIntegerField(_("views"), default=0)
    download_count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        indexes = [models.Index(fields=["state", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=ResourceState.values),
                name="resource_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(access__in=Access.values),
                name="resource_access_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(licence__in=Licence.values),
                name="resource_licence_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(resource_type__in=ResourceType.values),
                name="resource_type_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(publication_year__isnull=True)
                | models.Q(publication_year__gte=1900, publication_year__lte=2100),
                name="resource_year_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=ResourceState.PUBLISHED)
                | models.Q(published_at__isnull=False, publication_year__isnull=False),
                name="resource_published_has_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=ResourceState.WITHDRAWN)
                | ~models.Q(withdrawn_reason=""),
                name="resource_withdrawn_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:resource", args=[self.uuid, self.slug or "r"])

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def is_embargoed(self) -> bool:
        return self.embargo_until is not None and self.embargo_until > date.today()

    @property
    def main_language(self) -> str:
        return self.languages[0] if self.languages else "en"


class Creator(models.Model):
    Kind = CreatorKind

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="creators"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=12, choices=Kind.choices, default=Kind.PERSON
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("creator")
        verbose_name_plural = _("creators")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "position"], name="creator_unique_position"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=CreatorKind.values),
                name="creator_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ResourceRelation(models.Model):
    Kind = RelationKind

    source = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="relations_from"
    )
    target = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="relations_to"
    )
    kind = models.CharField(_("relation"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("related resource")
        verbose_name_plural = _("related resources")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="relation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")),
                name="relation_not_to_itself",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=RelationKind.values),
                name="relation_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"


class ResourceVersion(models.Model):
    """One metadata change: who, when, and the fields' old and new values."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    created_at = models.DateTimeField(_("edited at"), default=timezone.now)
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("metadata version")
        verbose_name_plural = _("metadata versions")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "number"], name="version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} v{self.number}"


class ModerationEvent(StateHistory):
    """The history of a resource's state, written by ``library.moderation``."""

    Decision = Decision

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="moderation_events"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)

    class Meta(StateHistory.Meta):
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation event")
        verbose_name_plural = _("moderation events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision__in=Decision.values),
                name="moderation_decision_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(
                    decision__in=[
                        Decision.CHANGES_REQUESTED,
                        Decision.REJECTED,
                        Decision.WITHDRAWN,
                    ]
                )
                | ~models.Q(comment=""),
                name="moderation_decision_has_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} {self.decision}"
