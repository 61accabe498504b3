"""Plays of episodes, counted from the audio requests, with nothing about
who (imported by ``podcasts.models``).

Players and podcast apps fetch audio in byte ranges: a probe of two bytes,
then the file in pieces, often again after a seek. A request counts as a
play when it starts at the first byte and asks for at least one minute of
audio (or the whole file, if shorter), as the IAB podcast measurement
guidelines count a download; probes, seeks and robots do not count.
Without an address or a cookie, a listener who starts an episode twice
counts twice.
"""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.core.ranges import Unsatisfiable, parse_range

#: Seconds of audio a request must ask for, from the start, to be a play.
PLAY_SECONDS = 60


class DailyPlays(models.Model):
    episode = models.ForeignKey(
        "podcasts.Episode", on_delete=models.CASCADE, related_name="daily_plays"
    )
    day = models.DateField()
    plays = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "podcasts"
        verbose_name = _("daily plays")
        verbose_name_plural = _("daily plays")
        constraints = [
            models.UniqueConstraint(
                fields=["episode", "day"], name="podcasts_daily_plays_unique"
            )
        ]
        indexes = [models.Index(fields=["day", "episode", "plays"])]

    def __str__(self) -> str:
        return f"{self.episode_id} {self.day}"


def is_play(request: HttpRequest, *, size: int, duration: float) -> bool:
    """Whether this GET of an episode's audio starts a play."""
    if request.method != "GET" or size <= 0:
        return False
    header = request.headers.get("Range", "")
    try:
        byte_range = parse_range(header, size) if header else None
    except Unsatisfiable:
        return False
    if byte_range is None:
        return True
    first, last = byte_range
    per_second = size / duration if duration > 0 else size
    needed = min(size, int(per_second * PLAY_SECONDS))
    return first == 0 and last - first + 1 >= needed


@transaction.atomic
def record_play(*, episode_id: int) -> None:
    today = timezone.localdate()
    DailyPlays.objects.get_or_create(episode_id=episode_id, day=today)
    DailyPlays.objects.filter(episode_id=episode_id, day=today).update(
        plays=F("plays") + 1
    )
    # No metrics.changed: a counter raised at every play follows on the
    # dashboard within CACHE_CURRENT (docs/dashboard.md, "Caching").
