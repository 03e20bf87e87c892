"""Importing files and folders into the project, with a report of what happened."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import annotator.io.importers  # noqa: F401  (registers the importers)
from annotator.core.model import Annotation
from annotator.core.text import text_fingerprint
from annotator.io.base import ImportedRecord, ImportRejected, Source, importer_for
from annotator.io.importers.jsonl import IMPORTING_ANNOTATOR
from annotator.store.database import Database
from annotator.store.documents import AddResult, NewDocument, add_documents
from annotator.workspace.gc_pause import paused_gc

BATCH = 500


@dataclass(slots=True)
class ImportProgress:
    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    documents_added: int
    current: str


@dataclass(slots=True)
class ImportReport:
    files: int = 0
    added: int = 0
    same: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (origin, existing id)
    rejected: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    annotations_added: int = 0
    annotations_kept: list[str] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.cancelled

    def count(self, results: Iterable[AddResult]) -> None:
        for result in results:
            if result.outcome == "added":
                self.added += 1
            elif result.outcome == "same":
                self.same += 1
            else:
                self.duplicates.append((result.origin, result.existing_id or ""))
            self.annotations_added += len(result.annotations_added)
            self.annotations_kept.extend(
                f"{result.origin}: kept the stored annotation of {source} on {result.document_id}"
                for source in result.annotations_kept
            )


class Cancelled(Exception):
    pass


def collect_files(paths: Iterable[Path], report: ImportReport) -> list[Path]:
    """Files to import: named files as they are, folders recursively (hidden ones skipped)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if child.is_file() and not any(p.startswith(".") for p in relative):
                    if importer_for(child):
                        files.append(child)
                    else:
                        report.ignored.append(str(child))
        elif path.is_file():
            if importer_for(path):
                files.append(path)
            else:
                report.rejected.append(
                    f"{path}: not a format we import (.txt .html .htm .jsonl .warc, or .gz of them)"
                )
        else:
            report.rejected.append(f"{path}: no such file or folder")
    return files


def run_import(
    db: Database,
    paths: Iterable[Path],
    annotator: str,
    progress: Callable[[ImportProgress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    report = ImportReport()
    files = collect_files([Path(p) for p in paths], report)
    sizes = [f.stat().st_size for f in files]
    total = sum(sizes)
    done_bytes = 0
    with paused_gc():
        for n, (path, size) in enumerate(zip(files, sizes, strict=True)):
            if progress:
                progress(ImportProgress(n, len(files), done_bytes, total, report.added, str(path)))
            try:
                _import_file(db, path, annotator, report, cancelled)
            except Cancelled:
                report.cancelled = True
                break
            report.files += 1
            done_bytes += size
    if progress:
        progress(ImportProgress(report.files, len(files), done_bytes, total, report.added, ""))
    return report


def _import_file(
    db: Database,
    path: Path,
    annotator: str,
    report: ImportReport,
    cancelled: Callable[[], bool] | None,
) -> None:
    """All of one file in one transaction: a file that fails leaves nothing behind."""
    importer = importer_for(path)
    assert importer is not None
    file_report = ImportReport()
    try:
        with db.writing() as session:
            for batch in _batches(importer.read(Source.from_path(path)), file_report, annotator):
                if cancelled and cancelled():
                    raise Cancelled
                file_report.count(add_documents(session, batch))
    except ImportRejected as exc:
        report.rejected.append(f"{exc} (nothing from this file was imported)")
        return
    except (OSError, EOFError) as exc:
        report.rejected.append(f"{path}: cannot read the file ({exc}); nothing was imported")
        return
    report.added += file_report.added
    report.same += file_report.same
    report.duplicates.extend(file_report.duplicates)
    report.rejected.extend(file_report.rejected)
    report.annotations_added += file_report.annotations_added
    report.annotations_kept.extend(file_report.annotations_kept)


def _batches(
    items: Iterator[ImportedRecord | ImportRejected], report: ImportReport, annotator: str
) -> Iterator[list[NewDocument]]:
    batch: list[NewDocument] = []
    for item in items:
        if isinstance(item, ImportRejected):
            report.rejected.append(str(item))
            continue
        annotations = [_owned(a, annotator) for a in item.annotations]
        batch.append(
            NewDocument(
                item.document, text_fingerprint(item.document.text), annotations, item.origin
            )
        )
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _owned(annotation: Annotation, annotator: str) -> Annotation:
    if annotation.source == IMPORTING_ANNOTATOR:
        annotation.source = annotator
    return annotation
