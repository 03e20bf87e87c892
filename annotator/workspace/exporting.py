"""Choosing what to export, feeding it to a format, and writing the files atomically."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from annotator.core.export import ExportContext, ExportProblem
from annotator.core.model import GOLD, SUGGESTIONS, Annotation, Document, Status
from annotator.core.schema import LabelSchema
from annotator.review.adjudication import majority
from annotator.review.inputs import finished
from annotator.store.database import Database
from annotator.store.documents import count_documents, iter_documents, iter_stored
from annotator.workspace.export_formats import exporter_named
from annotator.workspace.export_items import export_items, worker_count
from annotator.workspace.gc_pause import paused_gc

MERGED = "merged"
KEPT_PROBLEMS = 1000  # problems kept in the report; a --problems file gets them all
_DONE = str(Status.DONE)


class ExportError(ValueError):
    pass


class ExportCancelled(ExportError):
    pass


@dataclass(slots=True)
class ExportReport:
    path: Path
    format_id: str
    source: str = "all"
    documents: int = 0
    records: int = 0
    unfinished: int = 0  # annotations left out because they are not done
    ties: int = 0  # merged export: votes that were tied, left out of the merge
    problems: list[ExportProblem] = field(default_factory=list)  # the first KEPT_PROBLEMS
    problem_count: int = 0
    problem_reasons: Counter[str] = field(default_factory=Counter)
    companions: list[Path] = field(default_factory=list)

    def add_problem(self, problem: ExportProblem) -> None:
        self.problem_count += 1
        self.problem_reasons[problem.reason] += 1
        if len(self.problems) < KEPT_PROBLEMS:
            self.problems.append(problem)


def default_source(format_name: str) -> str:
    """The native JSONL defaults to ``all`` (the backup); training formats to ``gold``."""
    return "all" if format_name in ("jsonl", "export.jsonl.v1") else GOLD


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
    items: Iterator[tuple[Any, list[Any]]],
    kind: str,
    name: str | None,
    report: ExportReport | None = None,
    done_only: bool = False,
) -> Iterator[tuple[Any, Any]]:
    """(document, annotation or None) pairs for a source; works on domain objects and on
    the stored compact form alike (both have ``.id``, ``.source`` and ``.status``).
    ``done_only`` leaves out annotations not marked done (counted in the report)."""
    for document, found in items:
        if kind == "all":
            if not found:
                yield document, None
            for annotation in found:
                yield document, annotation
            continue
        wanted = name if kind == "annotator" else kind
        for annotation in found:
            if annotation.source != wanted:
                continue
            if done_only and annotation.status != _DONE:
                if report is not None:
                    report.unfinished += 1
                continue
            yield document, annotation


def source_records(
    session: Any,
    source: str,
    report: ExportReport,
    *,
    include_unfinished: bool = False,
    stored: bool = False,
) -> Iterator[tuple[Any, Any]]:
    """(document, annotation or None) pairs of one source, in import order, read page by
    page: domain objects, or the stored compact form with ``stored`` (not for ``merged``).
    ``all`` is the backup and takes every annotation whatever its status; the other
    sources take done annotations only unless ``include_unfinished`` (suggestions are
    never marked done, so they are taken whole). Unfinished work left out and tied merge
    votes are counted in ``report``."""
    kind, name = parse_source(source)
    if kind == MERGED:
        return merged_records(iter_documents(session, None), report)
    done_only = kind not in ("all", SUGGESTIONS) and not include_unfinished
    sources = None if kind == "all" else [name if kind == "annotator" else kind]
    items = iter_stored(session, sources) if stored else iter_documents(session, sources)
    return select_records(items, kind, name, report, done_only)


def run_export(
    db: Database,
    format_name: str,
    out: Path,
    source: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    schema: LabelSchema,
    include_unfinished: bool = False,
    problems_out: Path | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int = 0,
) -> ExportReport:
    """Write one source of the project in one format to ``out``.

    ``all`` is the backup and takes every annotation whatever its status. The other
    sources take done annotations only unless ``include_unfinished``; suggestions are
    never marked done, so they are always taken whole. Problems (spans a format cannot
    carry) are counted in the report and, with ``problems_out``, written there as JSONL.
    Nothing appears at ``out`` unless the whole export succeeded. Token formats tokenize
    in ``workers`` helper processes (0: one per CPU, at most 4).
    """
    try:
        exporter = exporter_named(format_name)
    except KeyError as exc:
        raise ExportError(str(exc.args[0])) from None
    source = source or default_source(exporter.name)
    kind, _name = parse_source(source)
    out = Path(out)
    report = ExportReport(out, exporter.id, source)
    with ExitStack() as cleanup:
        main = cleanup.enter_context(AtomicFile(out))
        problem_file = cleanup.enter_context(AtomicFile(problems_out)) if problems_out else None

        def on_problem(problem: ExportProblem) -> None:
            report.add_problem(problem)
            if problem_file is not None:
                problem_file.stream.write(
                    orjson.dumps(problem.as_dict(), option=orjson.OPT_APPEND_NEWLINE)
                )

        context = ExportContext(schema=schema, source=source, report=on_problem)
        with paused_gc(), db.reading() as session:
            total = count_documents(session)
            writer = exporter.writer(main.stream, context)
            # writers that can, take the stored compact form: no domain object per block
            write_stored = getattr(writer, "write_stored", None) if kind != MERGED else None
            records = source_records(
                session,
                source,
                report,
                include_unfinished=include_unfinished,
                stored=write_stored is not None,
            )
            write_item = writer.write
            items = (
                export_items(records, exporter, worker_count(workers))
                if write_stored is None
                else ((document, annotation, None) for document, annotation in records)
            )
            last_doc = None
            for document, annotation, item in items:
                if document.id != last_doc:
                    if cancelled is not None and cancelled():
                        raise ExportCancelled("export cancelled; nothing was written")
                    last_doc = document.id
                    report.documents += 1
                    if progress and report.documents % 200 == 0:
                        progress(report.documents, total)
                if write_stored is not None:
                    write_stored(document, annotation)
                else:
                    write_item(item)
                report.records += 1
            companions = writer.finish()
        for suffix, content in sorted(companions.items()):
            path = out.with_name(out.stem + suffix)
            with AtomicFile(path) as companion:
                companion.stream.write(content)
                companion.commit()
            report.companions.append(path)
        if problem_file is not None:
            problem_file.commit()
        main.commit()
    if progress:
        progress(total, total)
    return report


class AtomicFile:
    """A temporary file beside ``path`` renamed into place by ``commit``, removed if the
    block ends without it. With ``commit`` called inside the block, the rename happens
    as the block ends."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.stream: BinaryIO
        self._tmp = ""
        self._commit = False

    def __enter__(self) -> AtomicFile:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        self.stream = os.fdopen(fd, "wb", buffering=1 << 20)
        return self

    def commit(self) -> None:
        self._commit = True

    def __exit__(self, exc_type: object, *rest: object) -> None:
        try:
            self.stream.close()
            if self._commit and exc_type is None:
                os.chmod(self._tmp, 0o644)
                os.replace(self._tmp, self.path)
                return
        except BaseException:
            Path(self._tmp).unlink(missing_ok=True)
            raise
        Path(self._tmp).unlink(missing_ok=True)
