"""The library's records, one module per feature: ``resource`` (a
resource, its creators, relations, versions and moderation history),
``file`` (stored blobs, a resource's files and their extracted pages),
``activity`` (reports and daily counts), ``collection`` (curated
collections).
"""

from __future__ import annotations

from .activity import (
    DailyCount,
    Report,
)
from .collection import (
    Collection,
    CollectionItem,
)
from .file import (
    Blob,
    FilePage,
    ResourceFile,
)
from .resource import (
    Creator,
    ModerationEvent,
    Resource,
    ResourceRelation,
    ResourceVersion,
)

__all__ = [
    "Blob",
    "Collection",
    "CollectionItem",
    "Creator",
    "DailyCount",
    "FilePage",
    "ModerationEvent",
    "Report",
    "Resource",
    "ResourceFile",
    "ResourceRelation",
    "ResourceVersion",
]
