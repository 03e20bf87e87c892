"""Adjudicating: who may review, and restoring gold (the review window's undo).

Annotators work blind: the annotation window shows only their own work. Review mode shows
every annotator's finished work side by side, so only the project's curators may enter
it. The curators are a project setting (a list of annotator names stored in the project
database, so it holds for every machine of a team): ``annotator curators --add NAME``
sets it, and the first person to open review mode on a project without curators may
claim the role (the GUI asks before doing so).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from annotator.core.model import GOLD, Annotation, validate_source_name
from annotator.store import adjudicating as adjudication_repo
from annotator.store import annotations as annotation_repo
from annotator.store import suggestions as settings_repo
from annotator.store.annotations import VersionConflict

if TYPE_CHECKING:
    from annotator.store.database import Database

CURATORS_SETTING = "curators"


class Adjudicating:
    """Mixed into Workspace; uses ``self.db`` and ``self.annotator``."""

    db: Database
    annotator: str | None

    # ------------------------------------------------------------------ curators
    def curators(self) -> list[str]:
        """The names allowed to open review mode, sorted (empty: none named yet)."""
        with self.db.reading() as session:
            value = settings_repo.get_setting(session, CURATORS_SETTING) or {}
        names = value.get("names", [])
        return sorted(n for n in names if isinstance(n, str))

    def set_curators(self, names: list[str]) -> list[str]:
        cleaned = sorted({validate_source_name(n) for n in names})
        with self.db.writing() as session:
            if cleaned:
                settings_repo.put_setting(session, CURATORS_SETTING, {"names": cleaned})
            else:
                settings_repo.delete_setting(session, CURATORS_SETTING)
        return cleaned

    def is_curator(self, name: str | None = None) -> bool:
        name = name or self.annotator
        return name is not None and name in self.curators()

    def claim_curation(self) -> bool:
        """Make me the curator of a project that has none; False when it has some."""
        if self.annotator is None:
            raise RuntimeError("no annotator name is set for this workspace")
        with self.db.writing() as session:
            if (settings_repo.get_setting(session, CURATORS_SETTING) or {}).get("names"):
                return False
            settings_repo.put_setting(session, CURATORS_SETTING, {"names": [self.annotator]})
        return True

    # ----------------------------------------------------------------- gold undo
    def restore_gold(self, document_id: str, before: Annotation, version: int) -> Annotation:
        """Put gold back to ``before`` (its content and status) if gold is still at
        ``version``; ``before`` of version 0 means there was no gold: it is removed.
        Returns the gold now stored (an empty one of version 0 when removed); raises
        ``VersionConflict`` when someone changed gold since ``version``."""
        with self.db.writing() as session:
            current = annotation_repo.get_annotation(session, document_id, GOLD)
            current = current or Annotation(document_id, GOLD)
            if current.version != version:
                raise VersionConflict(current)
            if before.version == 0:
                if version and not adjudication_repo.delete_annotation(
                    session, document_id, GOLD, version
                ):
                    raise VersionConflict(current)
                return Annotation(document_id, GOLD)
            restored = replace(
                current,
                status=before.status,
                blocks=dict(before.blocks),
                block_scores={},
                spans=list(before.spans),
                quotes=list(before.quotes),
            )
            return annotation_repo.save_annotation(session, restored)
