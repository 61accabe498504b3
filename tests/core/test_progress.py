import io
import os
import select

from ecoc_hub.core.progress import is_terminal, progress_bar, track


def test_track_yields_every_item_and_writes_nothing_when_not_a_terminal():
    stream = io.StringIO()

    items = list(track([1, 2, 3], description="Counting", stream=stream))

    assert items == [1, 2, 3]
    assert stream.getvalue() == ""


def test_progress_bar_is_silent_when_not_a_terminal():
    stream = io.StringIO()

    with progress_bar(description="Working", total=2, stream=stream) as bar:
        bar.advance()
        bar.advance()

    assert stream.getvalue() == ""


def _read_all(fd: int) -> str:
    """Everything written so far: a pty hands data over in pieces."""
    chunks = []
    while select.select([fd], [], [], 0.5)[0]:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode()


def test_track_draws_a_bar_on_a_terminal():
    controller, terminal_fd = os.openpty()
    terminal = os.fdopen(terminal_fd, "w")
    try:
        assert is_terminal(terminal) is True

        items = list(track(range(3), description="Counting", stream=terminal))
        terminal.flush()
        output = _read_all(controller)
    finally:
        terminal.close()
        os.close(controller)

    assert items == [0, 1, 2]
    assert "Counting" in output
    assert "3/3" in output
