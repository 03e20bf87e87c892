"""Annotating: applying undoable commands to one annotator's annotation of a document."""

from __future__ import annotations


class Annotating:
    """Mixed into Workspace; uses ``self.db``, ``self.annotator``, ``self.schema``."""
