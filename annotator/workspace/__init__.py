"""The facade the CLI and the GUI both drive: open a project, import, annotate, export."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import Annotation, Document, validate_source_name
from annotator.core.schema import LabelSchema
from annotator.paths import resource_path
from annotator.settings import default_db_url
from annotator.store import annotations as annotation_repo
from annotator.store import documents as document_repo
from annotator.store import search_index
from annotator.store.annotations import VersionConflict
from annotator.store.database import Database, DatabaseOpenError
from annotator.store.engine import DatabaseUrlError, redacted
from annotator.workspace.adjudicating import Adjudicating
from annotator.workspace.annotating import Annotating
from annotator.workspace.exporting import ExportError, ExportReport, run_export
from annotator.workspace.folder_export import (
    FolderExportOptions,
    FolderExportReport,
    run_folder_export,
)
from annotator.workspace.importing import ImportProgress, ImportReport, run_import
from annotator.workspace.listing import Listing
from annotator.workspace.reviewing import Reviewing
from annotator.workspace.statistics import Statistics, StatisticsMixin
from annotator.workspace.suggesting import Suggesting
from annotator.workspace.team import Team
from annotator.workspace.timing import Timing

__all__ = [
    "DatabaseOpenError",
    "DatabaseUrlError",
    "VersionConflict",
    "ExportError",
    "ExportReport",
    "FolderExportOptions",
    "FolderExportReport",
    "ImportProgress",
    "ImportReport",
    "ProjectStats",
    "Statistics",
    "Workspace",
]


@dataclass(slots=True)
class ProjectStats:
    documents: int
    annotated_documents: int
    sources: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "annotated_documents": self.annotated_documents,
            "unannotated_documents": self.documents - self.annotated_documents,
            "sources": self.sources,
        }


class Workspace(
    Annotating, Listing, Suggesting, Reviewing, Adjudicating, StatisticsMixin, Timing, Team
):
    """One open project, seen as one annotator (or nobody, for curator-only commands)."""

    def __init__(self, db: Database, annotator: str | None = None) -> None:
        self.db = db
        self.annotator = validate_source_name(annotator) if annotator else None
        self.schema = LabelSchema.parse(
            resource_path("label_schema.toml").read_text(encoding="utf-8"),
            "resources/label_schema.toml",
        )

    @classmethod
    def open(cls, db_url: str | None = None, annotator: str | None = None) -> Workspace:
        return cls(Database(db_url or default_db_url()), annotator)

    @property
    def location(self) -> str:
        """Where the project lives, safe to show (no password)."""
        return redacted(self.db.url)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ import/export
    def import_paths(
        self,
        paths: Iterable[Path | str],
        progress: Callable[[ImportProgress], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportReport:
        """Import files and folders. Annotations that name nobody become this annotator's."""
        return run_import(
            self.db, [Path(p) for p in paths], self.annotator or "imported", progress, cancelled
        )

    def index_for_search(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        batch: int = 1000,
    ) -> int:
        """Bring the full-text index up to date after an import, in short transactions.

        Searches are complete before this finishes (documents not indexed yet are read
        directly); it only makes them fast again. Returns how many documents it indexed.
        """
        with self.db.reading() as session:
            total = search_index.pending(session)
        done = 0
        while done < total and not (cancelled and cancelled()):
            with self.db.writing() as session:
                n = search_index.catch_up(session, batch)
            if n == 0:
                break
            done += n
            if progress:
                progress(done, total)
        return done

    def export(
        self,
        out: Path | str,
        format_name: str = "jsonl",
        source: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        *,
        include_unfinished: bool = False,
        problems_out: Path | str | None = None,
        cancelled: Callable[[], bool] | None = None,
        workers: int = 0,
    ) -> ExportReport:
        """Export one source (default: ``all`` for the native JSONL, else ``gold``);
        see ``workspace.exporting.run_export``."""
        return run_export(
            self.db,
            format_name,
            Path(out),
            source,
            progress,
            schema=self.schema,
            include_unfinished=include_unfinished,
            problems_out=Path(problems_out) if problems_out else None,
            cancelled=cancelled,
            workers=workers,
        )

    def export_folder(
        self,
        folder: Path | str,
        options: FolderExportOptions,
        progress: Callable[[str, int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> FolderExportReport:
        """Export into a folder: one part per split, problems and a manifest; see
        ``workspace.folder_export``."""
        return run_folder_export(self.db, self.schema, Path(folder), options, progress, cancelled)

    # ---------------------------------------------------------------------- reading
    def stats(self) -> ProjectStats:
        with self.db.reading() as session:
            return ProjectStats(
                documents=document_repo.count_documents(session),
                annotated_documents=annotation_repo.annotated_document_count(session),
                sources=annotation_repo.source_status_counts(session),
            )

    def document(self, document_id: str) -> Document | None:
        with self.db.reading() as session:
            return document_repo.get_document(session, document_id)

    def annotations(self, document_id: str) -> list[Annotation]:
        with self.db.reading() as session:
            return annotation_repo.get_annotations(session, document_id)

    def annotation(self, document_id: str, source: str | None = None) -> Annotation | None:
        with self.db.reading() as session:
            return annotation_repo.get_annotation(session, document_id, source or self._me())

    # ---------------------------------------------------------------------- writing
    def save_annotation(self, annotation: Annotation) -> Annotation:
        """Commit one change now; raises VersionConflict when someone else changed it."""
        with self.db.writing() as session:
            return annotation_repo.save_annotation(session, annotation, self.changed_by)

    def _me(self) -> str:
        if not self.annotator:
            raise RuntimeError("no annotator name is set for this workspace")
        return self.annotator
