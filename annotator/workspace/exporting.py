"""Choosing what to export and writing it atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import annotator.io.exporters  # noqa: F401  (registers the exporters)
from annotator.core.model import GOLD, SUGGESTIONS, Annotation, Document, Status
from annotator.io.exporters.base import exporter_named
from annotator.review.adjudication import majority
from annotator.review.inputs import finished
from annotator.store.database import Database
from annotator.store.documents import count_documents, iter_documents, iter_stored
from annotator.workspace.gc_pause import paused_gc

MERGED = "merged"


class ExportError(ValueError):
    pass


@dataclass(slots=True)
class ExportReport:
    path: Path
    format_id: str
    documents: int = 0
    records: int = 0
    ties: int = 0  # merged export: votes that were tied, left out of the merge


def parse_source(source: str) -> tuple[str, str | None]:
    """``all`` | ``gold`` | ``suggestions`` | ``merged`` | ``annotator:NAME`` -> (kind, name)."""
    if source in ("all", GOLD, SUGGESTIONS, MERGED):
        return source, None
    if source.startswith("annotator:") and source.split(":", 1)[1].strip():
        return "annotator", source.split(":", 1)[1].strip()
    raise ExportError(
        f"unknown source {source!r}: use all, gold, suggestions, merged or annotator:NAME"
    )


def merged_records(
    items: Iterator[tuple[Document, list[Annotation]]], report: ExportReport
) -> Iterator[tuple[Document, Annotation]]:
    """The annotators' finished work on each document merged by majority vote; ties are
    left out of the merge, listed in the record's ``annotation_meta`` and counted."""
    for document, found in items:
        work = finished(found)
        if not work:
            continue
        merge = majority(work)
        report.ties += len(merge.ties)
        meta: dict[str, Any] = {"merged_from": list(work)}
        if merge.ties:
            meta["ties"] = [
                {"kind": tie.kind, "at": tie.key, "votes": tie.votes} for tie in merge.ties
            ]
        yield (
            document,
            Annotation(
                document.id,
                MERGED,
                Status.DONE,
                blocks=dict(merge.blocks),
                spans=list(merge.spans),
                quotes=list(merge.quotes),
                meta=meta,
            ),
        )


def select_records(
    items: Iterator[tuple[Any, list[Any]]], kind: str, name: str | None
) -> Iterator[tuple[Any, Any]]:
    """(document, annotation or None) pairs for a source; works on domain objects and on
    the stored compact form alike (both have ``.id`` and ``.source``)."""
    for document, found in items:
        if kind == "all":
            if not found:
                yield document, None
            for annotation in found:
                yield document, annotation
            continue
        wanted = name if kind == "annotator" else kind
        for annotation in found:
            if annotation.source == wanted:
                yield document, annotation


def run_export(
    db: Database,
    format_name: str,
    out: Path,
    source: str = "all",
    progress: Callable[[int, int], None] | None = None,
) -> ExportReport:
    kind, name = parse_source(source)
    try:
        exporter = exporter_named(format_name)
    except KeyError as exc:
        raise ExportError(str(exc.args[0])) from None
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    report = ExportReport(out, exporter.id)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with (
            paused_gc(),
            db.reading() as session,
            os.fdopen(fd, "wb", buffering=1 << 20) as stream,
        ):
            total = count_documents(session)
            sources = None if kind in ("all", MERGED) else [name if kind == "annotator" else kind]
            writer = exporter.writer(stream)
            # writers that can, take the stored compact form: no domain object per block
            fast = getattr(writer, "write_stored", None) if kind != MERGED else None
            items = iter_stored(session, sources) if fast else iter_documents(session, sources)
            write = fast or writer.write
            last_doc = None
            records = (
                merged_records(items, report)
                if kind == MERGED
                else select_records(items, kind, name)
            )
            for document, annotation in records:
                write(document, annotation)
                report.records += 1
                if document.id != last_doc:
                    last_doc = document.id
                    report.documents += 1
                    if progress and report.documents % 200 == 0:
                        progress(report.documents, total)
            writer.finish()
            if progress:
                progress(total, total)
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, out)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return report
