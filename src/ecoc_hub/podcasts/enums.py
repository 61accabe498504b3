"""The choices of the podcasts app, defined once: the models' fields and
database constraints, the forms and the API schemas read them from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ShowType(models.TextChoices):
    EPISODIC = "episodic", _("Episodic: newest episodes first")
    SERIAL = "serial", _("Serial: listen in order, oldest first")


class EpisodeType(models.TextChoices):
    FULL = "full", _("Full episode")
    TRAILER = "trailer", _("Trailer")
    BONUS = "bonus", _("Bonus")


class PersonRole(models.TextChoices):
    HOST = "host", _("Host")
    CO_HOST = "co-host", _("Co-host")
    GUEST = "guest", _("Guest")
    NARRATOR = "narrator", _("Narrator")
    PRODUCER = "producer", _("Producer")
    WRITER = "writer", _("Writer")
    AUDIO_EDITOR = "audio editor", _("Audio editor")
