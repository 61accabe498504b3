from __future__ import annotations

import pytest

from ecoc_hub.core.mail import queue_email, send_email_task


def test_queue_email_sends_the_extra_headers(mailoutbox):
    send_email_task.enqueue(
        to=["aino@example.org"],
        subject="Hello",
        text="Text",
        headers={"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )

    assert mailoutbox[0].extra_headers == {
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"
    }
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in (
        mailoutbox[0].message().as_string()
    )


@pytest.mark.parametrize(
    "headers",
    [
        {"List-Unsubscribe": "<https://a.example/>\r\nBcc: x@example.org"},
        {"X-Two\nLines": "value"},
        {"Bad: name": "value"},
    ],
)
def test_queue_email_refuses_a_header_that_would_add_lines(mailoutbox, headers):
    with pytest.raises(ValueError, match="Not a single header line"):
        queue_email(
            to=["aino@example.org"],
            template="account/email/unused",
            context={},
            language="en",
            headers=headers,
        )

    assert mailoutbox == []
