"""The feedback survey after an event (issue 12): organisers' questions,
invitations and one reminder to those who attended, anonymous answers, and
a summary with charts. ``models`` is imported by ``events.models``."""
