"""Progress bars for long command-line operations.

A bar is drawn only when the output is a terminal; in a pipe, a log file, cron
or the tests the helpers stay silent, so output meant for machines stays clean.

    from ecoc_hub.core.progress import track

    for resource in track(resources, description=_("Indexing"), stream=self.stdout):
        ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sized
from contextlib import contextmanager
from typing import IO, Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)


def _raw_stream(stream: Any) -> IO[str]:
    # Django's OutputWrapper appends a newline to every write, which would
    # break the bar's in-place redraws: draw on the stream it wraps.
    return getattr(stream, "_out", stream)


def is_terminal(stream: Any) -> bool:
    isatty = getattr(_raw_stream(stream), "isatty", None)
    return bool(isatty and isatty())


class _Bar:
    def __init__(self, progress: Progress | None, task: Any) -> None:
        self._progress = progress
        self._task = task

    def advance(self, steps: int = 1) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, steps)


@contextmanager
def progress_bar(*, description: str, total: int | None, stream: Any) -> Iterator[_Bar]:
    """A bar to ``advance()`` by hand, for work that is not a simple loop."""
    if not is_terminal(stream):
        yield _Bar(None, None)
        return
    console = Console(file=_raw_stream(stream))
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console) as progress:
        yield _Bar(progress, progress.add_task(description, total=total))


def track[T](
    items: Iterable[T], *, description: str, stream: Any, total: int | None = None
) -> Iterator[T]:
    """Yield each item, advancing a bar on a terminal."""
    if total is None and isinstance(items, Sized):
        total = len(items)
    with progress_bar(description=description, total=total, stream=stream) as bar:
        for item in items:
            yield item
            bar.advance()
