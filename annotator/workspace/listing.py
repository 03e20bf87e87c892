"""The document list: paging, search, status filter, progress."""

from __future__ import annotations


class Listing:
    """Mixed into Workspace; uses ``self.db`` and ``self.annotator``."""
