"""The library's pages, one module per seam of the product.

``browse`` (listing and search), ``detail`` (the record page and reports),
``files`` (downloads, viewer, new versions), ``deposit`` (the contribution
steps), ``moderation`` (the curators' queue, decisions, withdrawals and
reports) and ``collections``. Each loads its objects through the permission
gate (``ecoc_hub.core.permissions``) with the library's predicates.
"""

from .browse import index
from .collections import collection_detail, collection_edit, collection_list
from .deposit import (
    deposit_access,
    deposit_files,
    deposit_metadata,
    deposit_remove_file,
    deposit_review,
    deposit_start,
    my_contributions,
)
from .detail import report, resource_detail
from .files import file_download, file_new_version, file_thumbnail, file_viewer
from .moderation import (
    moderate,
    moderation_queue,
    report_list,
    resolve_report,
    withdraw,
)

__all__ = [
    "collection_detail",
    "collection_edit",
    "collection_list",
    "deposit_access",
    "deposit_files",
    "deposit_metadata",
    "deposit_remove_file",
    "deposit_review",
    "deposit_start",
    "file_download",
    "file_new_version",
    "file_thumbnail",
    "file_viewer",
    "index",
    "moderate",
    "moderation_queue",
    "my_contributions",
    "report",
    "report_list",
    "resolve_report",
    "resource_detail",
    "withdraw",
]
