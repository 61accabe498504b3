from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .countries import country_name
from .enums import TitleStatus
from .names import all_city_names, city_name


class Criterion(models.Model):
    """One of the six selection criteria of Decision 445/2014/EU."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    letter = models.CharField(_("letter"), max_length=1, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))

    class Meta:
        ordering = ["letter"]
        verbose_name = _("selection criterion")
        verbose_name_plural = _("selection criteria")

    def __str__(self) -> str:
        return f"{self.letter}. {self.display_name}"

    @property
    def display_name(self) -> str:
        # Reference data ships in English; its translations live in the
        # catalogue (see reference_strings.py).
        return gettext(self.name)

    @property
    def display_description(self) -> str:
        return gettext(self.description)


class CapacityArea(models.Model):
    """The shared vocabulary that resources, events and experts are tagged with."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.PROTECT,
        related_name="capacity_areas",
        verbose_name=_("criterion"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["criterion__letter", "position"]
        verbose_name = _("capacity area")
        verbose_name_plural = _("capacity areas")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("cities:capacity_area", args=[self.code])

    @property
    def display_name(self) -> str:
        return gettext(self.name)

    @property
    def display_description(self) -> str:
        return gettext(self.description)


class City(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    country = models.CharField(_("country"), max_length=80)
    country_code = models.CharField(_("country code"), max_length=2, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "country_code"], name="city_unique_name_country"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cities:city", args=[self.slug])

    @property
    def display_name(self) -> str:
        """The city's name in the active language ("Brüssel" in German)."""
        return city_name(self.name, self.country_code)

    @property
    def all_names(self) -> list[str]:
        """The city's names in every interface language, for searching."""
        return all_city_names(self.name, self.country_code)

    @property
    def country_name(self) -> str:
        """The country's name in the active language."""
        return country_name(self.country_code, self.country)

    @staticmethod
    def slug_for(name: str, country_code: str) -> str:
        return slugify(f"{name}-{country_code}")


def title_label(name: str, country_code: str, year: int) -> str:
    """A title as people name it, "Oulu 2026", from its city's stored name and
    country and its year: ``str(title)``, for lists read with ``values()``."""
    return f"{city_name(name, country_code)} {year}"


class Title(models.Model):
    """A European Capital of Culture title: one city, one year."""

    Status = TitleStatus

    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="titles", verbose_name=_("city")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, db_index=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["year", "city__name"]
        verbose_name = _("title")
        verbose_name_plural = _("titles")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "city"], name="title_unique_year_city"
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=1985) & models.Q(year__lte=2100),
                name="title_year_range",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=TitleStatus.values),
                name="title_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return title_label(self.city.name, self.city.country_code, self.year)

    def get_absolute_url(self) -> str:
        return reverse("cities:title", args=[self.city.slug, self.year])

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.UNVERIFIED

    @property
    def display_note(self) -> str:
        # Notes ship in English with the reference data; their translations
        # live in the catalogue (see reference_strings.py).
        return gettext(self.note) if self.note else ""
