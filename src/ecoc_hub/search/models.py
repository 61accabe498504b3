"""The search index: one document per findable object, its passages and facets.

Rows here are written only by ``ecoc_hub.search.services``. The full-text parts
are not model fields (docs/decisions/0004-document-level-index.md): on SQLite
two contentless FTS5 tables, ``search_passage_fts`` (one entry per passage)
and ``search_document_fts`` (one per document); on PostgreSQL a generated
``tsvector`` column ``vector`` on the passage table and the table
``search_document_vector``, each with a GIN index. Migrations 0002-0004
create them for the connection's vendor.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Access(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")
    RESTRICTED = "restricted", _("Restricted to named teams")


class SearchDocument(models.Model):
    kind = models.CharField(_("kind"), max_length=60)
    object_id = models.BigIntegerField(_("object id"))
    title = models.CharField(_("title"), max_length=500)
    title_sort = models.CharField(max_length=200, db_index=True)
    url = models.CharField(_("URL"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    access = models.CharField(
        _("access"), max_length=12, choices=Access.choices, default=Access.PUBLIC
    )
    published = models.DateTimeField(_("published"), null=True, blank=True)
    year = models.SmallIntegerField(_("year"), null=True, blank=True)
    popularity = models.BigIntegerField(_("popularity"), default=0)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="searchdocument_unique_object"
            ),
            models.CheckConstraint(
                condition=models.Q(access__in=["public", "members", "restricted"]),
                name="searchdocument_access_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["access", "kind"], name="searchdoc_access_kind"),
            models.Index(fields=["published"], name="searchdoc_published"),
            models.Index(fields=["popularity"], name="searchdoc_popularity"),
            models.Index(fields=["year"], name="searchdoc_year"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"


class SearchDocumentOrganisation(models.Model):
    """A team allowed to see a restricted document."""

    document = models.ForeignKey(
        SearchDocument, on_delete=models.CASCADE, related_name="organisations"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "document"],
                name="searchdocorg_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.document_id} → {self.organisation_id}"


class SearchFacetValue(models.Model):
    document = models.ForeignKey(
        SearchDocument, on_delete=models.CASCADE, related_name="facet_values"
    )
    facet = models.CharField(max_length=40)
    value = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["facet", "value", "document"], name="searchfacet_unique"
            )
        ]
        indexes = [
            # Covering: facet counts read values for matching documents from
            # the index alone.
            models.Index(
                fields=["document", "facet", "value"],
                name="searchfacet_doc_facet_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class SearchPassage(models.Model):
    document = models.ForeignKey(
        SearchDocument, on_delete=models.CASCADE, related_name="passages"
    )
    position = models.PositiveIntegerField()
    locator = models.CharField(max_length=100, blank=True)
    label = models.CharField(max_length=100, blank=True)
    target_url = models.CharField(max_length=600, blank=True)
    language = models.CharField(max_length=8, blank=True)
    weight = models.FloatField(default=1.0)
    text = models.TextField()
    tokens = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="searchpassage_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document_id}#{self.position}"


class IndexCheck(models.Model):
    """One run of ``reindex --check``; /health reports the last."""

    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)
    differences = models.PositiveIntegerField(_("differences"), default=0)
    detail = models.TextField(_("detail"), blank=True)
    fixed = models.BooleanField(_("repaired"), default=False)

    class Meta:
        ordering = ["-checked_at"]
        verbose_name = _("index check")
        verbose_name_plural = _("index checks")

    def __str__(self) -> str:
        return f"{self.checked_at:%Y-%m-%d %H:%M}: {self.differences}"


class IndexGeneration(models.Model):
    """One row (``pk=1``): a number every write to the index raises, in the
    writing transaction, so that anything cached from the index (the facet
    counts, ``facetcache.py``) is keyed by the index state it was read from."""

    value = models.PositiveBigIntegerField(_("generation"), default=0)

    class Meta:
        verbose_name = _("index generation")
        verbose_name_plural = _("index generations")

    def __str__(self) -> str:
        return str(self.value)
