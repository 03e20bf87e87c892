"""Folder exports: one file (or folder of chunks) per split, a problem list and a manifest.

``OUTDIR/train.jsonl``, ``dev.jsonl``, ``test.jsonl`` (``train/00000.spacy``... for the
DocBin), ``problems.jsonl`` when a format could not carry some spans, and
``manifest.json`` (options, label schema, counts per split and label, sha256 of every
file). Without split fractions the one part is called ``corpus``.

Everything is written into a hidden folder beside ``OUTDIR`` and renamed into place at
the end, so a failed or cancelled export leaves nothing behind. An existing ``OUTDIR`` is
replaced only when it is empty or an earlier export (it has a ``manifest.json``).

With splits the selection is read twice in one read transaction (one snapshot): first to
group the documents (``workspace.splitting``), then to write them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from annotator import __version__
from annotator.core.export import ExportContext, ExportProblem
from annotator.core.schema import LabelSchema
from annotator.nlp.chunk_pool import ChunkPool
from annotator.nlp.docbin_exporter import DEFAULT_CHUNK
from annotator.store.database import Database
from annotator.store.documents import count_documents
from annotator.workspace import splitting
from annotator.workspace.export_formats import exporter_named
from annotator.workspace.export_items import export_items, worker_count
from annotator.workspace.export_manifest import (
    MANIFEST,
    MANIFEST_VERSION,
    PartCounts,
    file_entries,
    schema_dict,
)
from annotator.workspace.exporting import (
    KEPT_PROBLEMS,
    ExportCancelled,
    ExportError,
    ExportReport,
    default_source,
    parse_source,
    source_records,
)

Progress = Callable[[str, int, int], None]  # (stage: "grouping" | "writing", done, total)
PROBLEMS = "problems.jsonl"


@dataclass(slots=True)
class FolderExportOptions:
    format_name: str = "jsonl"
    source: str | None = None  # default: all for jsonl, gold for the training formats
    include_unfinished: bool = False
    split: tuple[float, ...] | None = None  # train, dev[, test]; None: one part
    seed: int = 13
    chunk: int = DEFAULT_CHUNK  # Docs per .spacy file (formats that write folders)
    alignment: str = "strict"  # DocBin: strict | expand | contract
    workers: int = 0  # processes converting DocBin chunks; 0: one per CPU, at most 4


@dataclass(slots=True)
class FolderExportReport:
    folder: Path
    format_id: str
    source: str
    parts: dict[str, PartCounts] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)
    unfinished: int = 0
    ties: int = 0
    problems: list[ExportProblem] = field(default_factory=list)
    problem_count: int = 0
    problem_reasons: Counter[str] = field(default_factory=Counter)
    plan: splitting.SplitPlan | None = None
    near_duplicate_links: int = 0

    @property
    def documents(self) -> int:
        return sum(p.documents for p in self.parts.values())


def _check_target(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file; a split export writes a folder")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MANIFEST).is_file():
        raise ExportError(
            f"{folder} is not empty and holds no earlier export ({MANIFEST}); "
            "choose a new or empty folder"
        )


def _group(records: Iterator, total: int, progress: Progress | None, cancelled) -> Any:
    grouper = splitting.Grouper()
    last = None
    for seen, (document, _) in enumerate(records, 1):
        if document.id != last:
            last = document.id
            meta = document.meta
            grouper.add(document.id, document.text, splitting.site_of(meta.url, meta.publisher))
        if seen % 20 == 1 and cancelled and cancelled():
            raise ExportCancelled("export cancelled; nothing was written")
        if seen % 200 == 0 and progress:
            progress("grouping", len(grouper.keys), total)
    if progress:
        progress("grouping", len(grouper.keys), total)
    return grouper


def _replace(tmp: Path, folder: Path) -> None:
    if folder.is_dir():
        old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
        os.replace(folder, old / folder.name)
        os.replace(tmp, folder)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, folder)


def run_folder_export(
    db: Database,
    schema: LabelSchema,
    folder: Path,
    options: FolderExportOptions,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> FolderExportReport:
    try:
        exporter = exporter_named(options.format_name)
    except KeyError as exc:
        raise ExportError(str(exc.args[0])) from None
    if options.alignment != "strict":
        if not hasattr(exporter, "alignment"):
            raise ExportError(f"{exporter.name} has no alignment option (only docbin has)")
        if options.alignment not in ("expand", "contract"):
            raise ExportError(f"alignment must be strict, expand or contract: {options.alignment}")
        exporter.alignment = options.alignment
    source = options.source or default_source(exporter.name)
    parse_source(source)  # a bad source fails before anything is written
    unfinished = options.include_unfinished
    folder = Path(folder).absolute()
    _check_target(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    report = FolderExportReport(folder, exporter.id, source)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        with ExitStack() as files, db.reading() as session:
            problem_stream = None

            def on_problem(problem: ExportProblem) -> None:
                nonlocal problem_stream
                report.problem_count += 1
                report.problem_reasons[problem.reason] += 1
                if len(report.problems) < KEPT_PROBLEMS:
                    report.problems.append(problem)
                if problem_stream is None:
                    problem_stream = files.enter_context((tmp / PROBLEMS).open("wb"))
                problem_stream.write(
                    orjson.dumps(problem.as_dict(), option=orjson.OPT_APPEND_NEWLINE)
                )

            context = ExportContext(schema=schema, source=source, report=on_problem)
            total = count_documents(session)
            if options.split:
                scratch = ExportReport(tmp, exporter.id)
                records = source_records(session, source, scratch, include_unfinished=unfinished)
                grouper = _group(records, total, progress, cancelled)
                report.plan = splitting.deal(grouper.groups(), options.split, options.seed)
                report.near_duplicate_links = grouper.near_duplicate_links
                names: tuple[str, ...] = report.plan.names
            else:
                names = ("corpus",)
            writers = {}
            pool = ChunkPool(worker_count(options.workers))
            files.callback(pool.close, wait=False)  # after an error or a cancel
            for part in names:
                report.parts[part] = PartCounts()
                if hasattr(exporter, "folder_writer"):
                    writers[part] = exporter.folder_writer(
                        tmp / part, context, options.chunk, pool=pool
                    )
                else:
                    stream = files.enter_context(
                        (tmp / f"{part}{exporter.suffix}").open("wb", buffering=1 << 20)
                    )
                    writers[part] = exporter.writer(stream, context)
            tally = ExportReport(tmp, exporter.id)
            last = None
            assignment = report.plan.assignment if report.plan else None
            records = source_records(session, source, tally, include_unfinished=unfinished)
            items = export_items(records, exporter, pool.workers)
            for seen, (document, annotation, item) in enumerate(items, 1):
                part = assignment[document.id] if assignment else "corpus"
                writers[part].write(item)
                counts = report.parts[part]
                counts.add(annotation)
                if document.id != last:
                    last = document.id
                    counts.documents += 1
                if seen % 20 == 1 and cancelled and cancelled():
                    raise ExportCancelled("export cancelled; nothing was written")
                if seen % 200 == 0 and progress:
                    progress("writing", report.documents, total)
            for part, writer in writers.items():
                for suffix, content in sorted(writer.finish().items()):
                    (tmp / f"{part}{suffix}").write_bytes(content)
            pool.close()
            report.unfinished, report.ties = tally.unfinished, tally.ties
        report.files = file_entries(tmp)
        manifest = _manifest(report, exporter, options, schema)
        (tmp / MANIFEST).write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2) + b"\n")
        os.chmod(tmp, 0o755)
        _replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if progress:
        progress("writing", report.documents, report.documents)
    return report


def _manifest(
    report: FolderExportReport, exporter: Any, options: FolderExportOptions, schema: LabelSchema
) -> dict[str, Any]:
    plan = report.plan
    totals = PartCounts()
    for counts in report.parts.values():
        totals.documents += counts.documents
        totals.records += counts.records
        totals.entities.update(counts.entities)
        totals.blocks.update(counts.blocks)
        totals.quotes += counts.quotes
        totals.speakers += counts.speakers
        totals.cues += counts.cues
    return {
        "manifest_version": MANIFEST_VERSION,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "annotator_version": __version__,
        "format": {"id": exporter.id, "name": exporter.name, "suffix": exporter.suffix},
        "options": {
            "source": report.source,
            "include_unfinished": options.include_unfinished,
            "split": dict(zip(plan.names, plan.fractions, strict=True)) if plan else None,
            "seed": options.seed if plan else None,
            "chunk": options.chunk if hasattr(exporter, "folder_writer") else None,
            "alignment": getattr(exporter, "alignment", None),
        },
        "grouping": {
            "by": ["site: URL host without www., else publisher", "near-duplicate text"],
            "near_duplicate": {
                "method": "datasketch MinHash, LSH bands (MinHashLSH parameters), word shingles",
                "bands": 12,
                "rows": 10,
                "shingle_words": splitting.SHINGLE,
                "num_perm": splitting.NUM_PERM,
                "jaccard_threshold": splitting.NEAR_DUPLICATE,
                "links": report.near_duplicate_links,
            },
            "groups": plan.groups,
            "largest_group": plan.largest_group,
        }
        if plan
        else None,
        "label_schema": schema_dict(schema),
        "counts": {part: counts.as_dict() for part, counts in report.parts.items()},
        "totals": totals.as_dict(),
        "left_out": {"unfinished_annotations": report.unfinished, "tied_votes": report.ties},
        "problems": {
            "count": report.problem_count,
            "by_reason": dict(report.problem_reasons.most_common()),
            "file": PROBLEMS if report.problem_count else None,
        },
        "files": report.files,
    }
