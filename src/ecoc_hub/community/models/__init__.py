from .discussions import MAX_POST_LENGTH, Post, PostRevision, Space, Thread
from .moderation import (
    Appeal,
    AppealEvent,
    Notice,
    NoticeEvent,
    Notification,
    PostEvent,
    Statement,
)
from .peers import DirectoryEntry, PeerFeedback, PeerRequest, PeerRequestEvent

__all__ = [
    "MAX_POST_LENGTH",
    "Appeal",
    "AppealEvent",
    "DirectoryEntry",
    "Notice",
    "NoticeEvent",
    "Notification",
    "PeerFeedback",
    "PeerRequest",
    "PeerRequestEvent",
    "Post",
    "PostEvent",
    "PostRevision",
    "Space",
    "Statement",
    "Thread",
]
