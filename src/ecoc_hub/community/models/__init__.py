from .discussions import (
    MAX_POST_LENGTH,
    Attachment,
    Post,
    PostRevision,
    Space,
    Thread,
)
from .following import (
    Digest,
    Follow,
    Mention,
    NotificationPreference,
    ThreadEvent,
)
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
    "Attachment",
    "Digest",
    "DirectoryEntry",
    "Follow",
    "Mention",
    "Notice",
    "NoticeEvent",
    "Notification",
    "NotificationPreference",
    "PeerFeedback",
    "PeerRequest",
    "PeerRequestEvent",
    "Post",
    "PostEvent",
    "PostRevision",
    "Space",
    "Statement",
    "Thread",
    "ThreadEvent",
]
