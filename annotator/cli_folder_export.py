"""``annotator export --split ...``: the folder export of the command line (train/dev/test
parts, problems.jsonl and manifest.json in OUT). ``cli.export`` hands over to it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from annotator.workspace import ExportError, FolderExportOptions, FolderExportReport, Workspace
from annotator.workspace.splitting import SplitError, parse_fractions

SplitOption = Annotated[
    str | None,
    typer.Option(
        "--split",
        help="Train,dev[,test] fractions, e.g. 0.8,0.1,0.1 (or 1 for one part): OUT becomes a "
        "folder with a file per part, problems.jsonl and manifest.json (counts, label schema, "
        "sha256 of each file). Documents of one site and near-duplicates stay in one part.",
        show_default=False,
    ),
]
SeedOption = Annotated[
    int, typer.Option("--seed", help="Seed of the split: the same seed gives the same split.")
]
ChunkOption = Annotated[
    int,
    typer.Option("--chunk", min=1, help="With --split, docbin: documents per .spacy file."),
]
WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        min=0,
        help="Helper processes tokenizing for prodigy, conll and hf, and converting docbin "
        "files with --split (0: one per CPU, at most 4; 1: only this process).",
    ),
]
AlignOption = Annotated[
    str,
    typer.Option(
        "--align",
        help="docbin: spans off token boundaries are left out (strict) or snapped outward "
        "(expand) or inward (contract); either way each one is reported.",
    ),
]


def export_folder(
    workspace: Workspace,
    bar: Progress,
    out: Console,
    console: Console,
    folder: Path,
    options: FolderExportOptions,
    split: str,
) -> FolderExportReport:
    """Run the folder export with a progress bar and print what was written; exit 2 on
    bad arguments or an unwritable folder."""
    try:
        options.split = parse_fractions(split) if split.strip() not in ("1", "1.0") else None
    except SplitError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    task = bar.add_task("exporting", total=None)

    def progress(stage: str, done: int, total: int) -> None:
        bar.update(task, description=stage, completed=done, total=total)

    try:
        report = workspace.export_folder(folder, options, progress=progress)
    except ExportError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    except OSError as exc:
        console.print(f"[red]error:[/red] cannot write {folder}: {exc.strerror or exc}")
        raise typer.Exit(2) from None
    bar.stop()
    out.print(
        f"wrote {report.documents} documents to {report.folder}"
        f" ({report.format_id}, source {report.source})",
        soft_wrap=True,
    )
    for part, counts in report.parts.items():
        labels = ", ".join(f"{k} {v}" for k, v in sorted(counts.entities.items()))
        out.print(
            f"  {part}: {counts.documents} documents, {counts.records} records"
            + (f"; entities: {labels}" if labels else "")
            + (f"; quotes {counts.quotes}" if counts.quotes else "")
        )
    if report.plan:
        out.print(
            f"  {report.plan.groups} groups (sites and near-duplicates), the largest of"
            f" {report.plan.largest_group} documents"
        )
    if report.unfinished:
        out.print(
            f"{report.unfinished} annotations not marked done were left out"
            " (--include-unfinished takes them)"
        )
    if report.ties:
        out.print(f"{report.ties} tied votes were left out of the merge")
    if report.problem_count:
        console.print(
            f"[yellow]{report.problem_count} spans could not be written as they are;"
            f" all are listed in {report.folder / 'problems.jsonl'}:[/yellow]"
        )
        for reason, n in report.problem_reasons.most_common(5):
            console.print(f"  {n} x {reason}", markup=False, highlight=False)
        for problem in report.problems[:10]:
            console.print(f"  {problem}", markup=False, highlight=False)
    return report
