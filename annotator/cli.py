"""The command line: the same workspace the GUI drives, for scripts and curators."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from annotator import __version__, settings
from annotator import cli_folder_export as folder_cli
from annotator.workspace import (
    DatabaseOpenError,
    DatabaseUrlError,
    ExportError,
    ExportReport,
    FolderExportOptions,
    ImportProgress,
    Workspace,
)
from annotator.workspace.export_formats import all_exporters as export_formats
from annotator.workspace.reviewing import AgreementReport
from annotator.workspace.suggesting import WHAT, NothingToTrain, SuggestError, parse_what

console = Console(stderr=True)
out = Console()

GuiLauncher = Callable[[str | None, str | None], int]
_gui_launcher: GuiLauncher | None = None

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="ANNOTATOR_DB",
        help="Project database: a SQLite file path or URL, or postgresql+psycopg://... "
        "Default: a SQLite file in your user data directory.",
        show_default=False,
    ),
]
AnnotatorOption = Annotated[
    str | None,
    typer.Option(
        "--annotator",
        envvar="ANNOTATOR_USER",
        help="Your annotator name (default: the one remembered from the first run).",
        show_default=False,
    ),
]
EventsOption = Annotated[
    bool,
    typer.Option(
        "--events",
        help="For programs: JSON progress lines on stdout; a 'cancel' line on stdin stops.",
    ),
]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=False,
    help="Annotator: curate news-article training corpora. Without a command, opens the app.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


_selftest: Callable[[], int] | None = None


def set_gui_launcher(launcher: GuiLauncher, selftest: Callable[[], int] | None = None) -> None:
    global _gui_launcher, _selftest
    _gui_launcher = launcher
    _selftest = selftest


def _version(value: bool) -> None:
    if value:
        out.print(f"annotator {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    db: DbOption = None,
    annotator: AnnotatorOption = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    ctx.obj = {"db": db, "annotator": annotator}
    if ctx.invoked_subcommand is None:
        if _gui_launcher is None:
            console.print("[red]The desktop app is not available in this build.[/red]")
            raise typer.Exit(2)
        raise typer.Exit(_gui_launcher(db, annotator))


def _open(ctx: typer.Context, db: str | None, annotator: str | None) -> Workspace:
    parent = ctx.obj or {}
    db = db or parent.get("db")
    annotator = annotator or parent.get("annotator") or settings.remembered_annotator()
    try:
        return Workspace.open(db, annotator)
    except (DatabaseUrlError, DatabaseOpenError, ValueError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[docs]} documents"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


@app.command("import")
def import_command(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")],
    db: DbOption = None,
    annotator: AnnotatorOption = None,
) -> None:
    """Import .txt, .html, .jsonl and .warc files (also .gz). Exit 1 if anything was rejected."""
    with _open(ctx, db, annotator) as workspace, _progress() as bar:
        task = bar.add_task("importing", total=None, docs=0)

        def update(p: ImportProgress) -> None:
            bar.update(
                task,
                completed=p.bytes_done,
                total=p.bytes_total,
                docs=p.documents_added,
                description=f"importing {Path(p.current).name}" if p.current else "done",
            )

        try:
            report = workspace.import_paths(paths, progress=update)
            bar.update(task, description="indexing for search")
            workspace.index_for_search()
        except KeyboardInterrupt:
            console.print("[yellow]interrupted: files already imported are kept[/yellow]")
            raise typer.Exit(130) from None
    for message in report.rejected:
        console.print(f"[red]rejected[/red] {message}", highlight=False, soft_wrap=True)
    for origin, existing in report.duplicates[:20]:
        console.print(
            f"[yellow]duplicate[/yellow] {origin}: same text as {existing}",
            highlight=False,
            soft_wrap=True,
        )
    if len(report.duplicates) > 20:
        console.print(f"[yellow]... and {len(report.duplicates) - 20} more duplicates[/yellow]")
    for message in report.annotations_kept[:20]:
        console.print(f"[yellow]kept[/yellow] {message}", highlight=False, soft_wrap=True)
    table = Table(show_header=False, box=None)
    table.add_row("files read", str(report.files))
    table.add_row("documents added", str(report.added))
    table.add_row("already in the project", str(report.same))
    table.add_row("duplicates skipped", str(len(report.duplicates)))
    table.add_row("annotations added", str(report.annotations_added))
    table.add_row("rejected", str(len(report.rejected)))
    if report.ignored:
        table.add_row("files of other kinds ignored", str(len(report.ignored)))
    out.print(table)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    db: DbOption = None,
    annotator: AnnotatorOption = None,
) -> None:
    """Documents, and how far each annotator and source has got."""
    with _open(ctx, db, annotator) as workspace:
        result = workspace.stats()
        if as_json:
            sys.stdout.write(json.dumps(result.as_dict(), indent=2, sort_keys=True) + "\n")
            return
        out.print(f"[bold]{workspace.location}[/bold]")
        out.print(f"{result.documents} documents, {result.annotated_documents} annotated")
        table = Table("source", "done", "in progress", "skipped")
        for source, counts in sorted(result.sources.items()):
            table.add_row(
                source,
                str(counts.get("done", 0)),
                str(counts.get("in_progress", 0)),
                str(counts.get("skipped", 0)),
            )
        if result.sources:
            out.print(table)


def _formats_epilog() -> str:
    lines = [f"[bold]{e.name}[/bold] ({e.id}): {escape(e.description)}" for e in export_formats()]
    return "Formats (--format takes the name or the versioned id):\n\n" + "\n\n".join(lines)


@app.command(epilog=_formats_epilog())
def export(
    ctx: typer.Context,
    out_arg: Annotated[
        Path | None, typer.Argument(metavar="OUT", help="File to write.", show_default=False)
    ] = None,
    out_path: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write (or give OUT).")
    ] = None,
    format_name: Annotated[
        str, typer.Option("--format", "-f", help="Export format: a name or id listed below.")
    ] = "jsonl",
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help="all (every source: the project backup), gold, suggestions, merged "
            "(majority vote of the annotators' finished work; ties reported) or annotator:NAME. "
            "Default: all for jsonl, gold for the other formats.",
            show_default=False,
        ),
    ] = None,
    include_unfinished: Annotated[
        bool,
        typer.Option("--include-unfinished", help="Also export annotations not marked done."),
    ] = False,
    problems: Annotated[
        Path | None,
        typer.Option(
            "--problems",
            help="Write every problem (spans the format cannot carry) to this JSONL file.",
            show_default=False,
        ),
    ] = None,
    split: folder_cli.SplitOption = None,
    seed: folder_cli.SeedOption = 13,
    chunk: folder_cli.ChunkOption = 1000,
    align: folder_cli.AlignOption = "strict",
    workers: folder_cli.WorkersOption = 0,
    db: DbOption = None,
    annotator: AnnotatorOption = None,
) -> None:
    """Write the corpus to a file (atomically: a failed export leaves no half file).

    Spans a format cannot carry (not on token boundaries, overlapping) are left out of that
    file and reported here with their document and offsets. Exit 2 on bad arguments."""
    target = out_arg or out_path
    if target is None or (out_arg and out_path and out_arg != out_path):
        console.print("[red]error:[/red] give the file to write once, as OUT or --out")
        raise typer.Exit(2)
    if split is not None:  # a folder: parts, problems.jsonl, manifest.json
        options = FolderExportOptions(
            format_name, source, include_unfinished, None, seed, chunk, align, workers
        )
        with _open(ctx, db, annotator) as workspace, _count_progress() as bar:
            folder_cli.export_folder(workspace, bar, out, console, target, options, split)
        return
    with _open(ctx, db, annotator) as workspace, _count_progress() as bar:
        task = bar.add_task("exporting", total=None)
        try:
            report = workspace.export(
                target,
                format_name,
                source,
                progress=lambda n, total: bar.update(task, completed=n, total=total),
                include_unfinished=include_unfinished,
                problems_out=problems,
                workers=workers,
            )
        except ExportError as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from None
        except OSError as exc:
            console.print(f"[red]error:[/red] cannot write {target}: {exc.strerror or exc}")
            raise typer.Exit(2) from None
    out.print(
        f"wrote {report.records} records of {report.documents} documents to {report.path}"
        f" ({report.format_id}, source {report.source})"
    )
    for path in report.companions:
        out.print(f"wrote {path}")
    if report.unfinished:
        n = report.unfinished
        out.print(
            f"{n} {'annotation' if n == 1 else 'annotations'} not marked done"
            f" {'was' if n == 1 else 'were'} left out (--include-unfinished takes them)"
        )
    if report.ties:
        out.print(
            f"{report.ties} tied votes were left out of the merge"
            " (each record lists its ties in annotation_meta.ties)"
        )
    _print_problems(report, problems)


def _print_problems(report: ExportReport, problems_path: Path | None) -> None:
    if not report.problem_count:
        return
    console.print(
        f"[yellow]{report.problem_count} {'item' if report.problem_count == 1 else 'items'}"
        " could not be written in this format and left out:[/yellow]"
    )
    for reason, n in report.problem_reasons.most_common():
        console.print(f"  {n} x {reason}")
    for problem in report.problems[:20]:
        console.print(f"  {problem}", markup=False, highlight=False)
    if report.problem_count > 20:
        where = f"all of them are in {problems_path}" if problems_path else "--problems FILE"
        console.print(f"  ... and {report.problem_count - 20} more ({where})")


def _count_progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


@app.command()
def preannotate(
    ctx: typer.Context,
    what: Annotated[
        str,
        typer.Option("--what", help="What to suggest, comma-separated: blocks,entities,quotes."),
    ] = ",".join(WHAT),
    entity_model: Annotated[
        str | None,
        typer.Option(
            "--entity-model",
            help="Use (and remember for the project) this spaCy pipeline: an installed "
            "package name or a folder; 'none' for confirmed spans only.",
            show_default=False,
        ),
    ] = None,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Documents per transaction.")] = 200,
    documents: Annotated[
        list[str] | None,
        typer.Option(
            "--document", help="Only this document (repeat for more).", show_default=False
        ),
    ] = None,
    retrain: Annotated[
        bool,
        typer.Option(
            "--retrain/--no-retrain",
            help="Refit the block model first when confirmed labels changed since its fit.",
        ),
    ] = True,
    events: EventsOption = False,
    worker: Annotated[
        bool,
        typer.Option(
            "--worker",
            help="Share the work: claim batches from the project database until none is "
            "left (run it in as many processes and machines as you like).",
        ),
    ] = False,
    restart: Annotated[
        bool, typer.Option("--restart", help="With --worker: queue every document again.")
    ] = False,
    db: DbOption = None,
    annotator: AnnotatorOption = None,
) -> None:
    """Write suggestions for every document, never touching anyone's annotations.

    Earlier suggestions are replaced. Exit 1 when there are no documents, 2 on bad arguments."""
    try:
        chosen = parse_what(what)
    except SuggestError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    with _open(ctx, db, annotator) as workspace:
        if entity_model:
            try:
                workspace.set_entity_model(entity_model)
            except SuggestError as exc:
                console.print(f"[red]error:[/red] {exc}", soft_wrap=True)
                raise typer.Exit(2) from None
        if worker:
            _preannotate_worker(workspace, chosen, batch, restart)
            return
        if events:
            from annotator import cli_events

            raise typer.Exit(cli_events.preannotate(workspace, chosen, batch, documents, retrain))
        with _count_progress() as bar:
            task = bar.add_task("suggesting", total=None)
            try:
                report = workspace.preannotate(
                    chosen,
                    progress=lambda n, total: bar.update(task, completed=n, total=total),
                    batch=batch,
                    documents=documents,
                    retrain=retrain,
                )
            except KeyboardInterrupt:
                console.print("[yellow]interrupted: suggestions written so far are kept[/yellow]")
                raise typer.Exit(130) from None
    if report.pipeline_problem:
        console.print(f"[yellow]note:[/yellow] {report.pipeline_problem}", soft_wrap=True)
    table = Table(show_header=False, box=None)
    table.add_row("documents", f"{report.documents} of {report.total}")
    for kind, made_by in report.meta.items():
        table.add_row(kind, made_by)
    training = report.block_training
    if training is not None and training.documents:
        how = "classifier and label memory" if training.learned else "label memory only"
        table.add_row(
            "block labels learned from",
            f"{training.labelled_blocks} blocks of {training.documents} documents ({how})",
        )
    out.print(table)
    if report.total == 0:
        console.print("[red]no documents:[/red] import some first (annotator import PATH)")
        raise typer.Exit(1)


def _preannotate_worker(workspace: Workspace, chosen: set[str], batch: int, restart: bool) -> None:
    with _count_progress() as bar:
        task = bar.add_task("suggesting (shared run)", total=None)
        try:
            report = workspace.preannotate_worker(
                chosen,
                batch=batch,
                restart=restart,
                progress=lambda n, total: bar.update(task, completed=n, total=total),
            )
        except KeyboardInterrupt:
            console.print(
                "[yellow]interrupted: finished batches are kept; this worker's open batch "
                "goes to another worker when its lease runs out[/yellow]"
            )
            raise typer.Exit(130) from None
    if report.pipeline_problem:
        console.print(f"[yellow]note:[/yellow] {report.pipeline_problem}", soft_wrap=True)
    out.print(
        f"{report.worker}: suggested for {report.documents} documents in {report.batches} batches"
    )
    if report.left:
        out.print(f"{report.left} documents are still being done by other workers")


@app.command("next")
def next_command(
    ctx: typer.Context,
    after: Annotated[
        str | None, typer.Option("--after", help="The document you are on.", show_default=False)
    ] = None,
    release: Annotated[
        str | None,
        typer.Option(
            "--release", help="Give this claimed document back first.", show_default=False
        ),
    ] = None,
    db: DbOption = None,
    annotator: AnnotatorOption = None,
) -> None:
    """Print the id of your next document, claimed for you in team mode.

    Exit 1 when none is left."""
    with _open(ctx, db, annotator) as workspace:
        if workspace.annotator is None:
            console.print("[red]error:[/red] say who you are with --annotator NAME")
            raise typer.Exit(2)
        if release and not workspace.release_document(release):
            console.print(f"[yellow]you held no claim on {release}[/yellow]")
        found = workspace.next_document(after)
    if found is None:
        console.print("no document is left for you")
        raise typer.Exit(1)
    out.print(found, highlight=False)


@app.command()
def queue(
    ctx: typer.Context,
    overlap: Annotated[
        int | None,
        typer.Option(
            "--overlap",
            min=1,
            help="People per unassigned document (default: as before, else 1).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    db: DbOption = None,
    annotator: AnnotatorOption = None,
) -> None:
    """Turn on the work queue of team mode (always on for PostgreSQL) and show it.

    Documents assigned with `annotator assign` go to their assignees; the others are
    handed out in import order, each to --overlap distinct people."""
    with _open(ctx, db, annotator) as workspace:
        counts = workspace.enable_queue(overlap)
        team = workspace.team_progress()
        location = workspace.location
    data = {
        "documents_queued": counts.documents,
        "free": counts.free,
        "claimed": counts.claimed,
        "finished": counts.finished,
        "working_now": list(counts.claimants),
        "annotators": team.annotators,
    }
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2, sort_keys=True) + "\n")
        return
    out.print(f"[bold]{location}[/bold]")
    out.print(
        f"queue: {counts.documents} unassigned documents; {counts.free} free, "
        f"{counts.claimed} claimed, {counts.finished} finished"
    )
    if counts.claimants:
        out.print(f"working now: {', '.join(counts.claimants)}")


train_app = typer.Typer(
    help="Train suggesters from the project's done and gold annotations.",
    no_args_is_help=True,
)
app.add_typer(train_app, name="train")


@train_app.command("ner")
def train_ner(
    ctx: typer.Context,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Folder for the trained pipeline (default: under the user data folder).",
            show_default=False,
        ),
    ] = None,
    iterations: Annotated[
        int,
        typer.Option(
            "--iterations",
            min=1,
            max=1000,
            help="At most this many passes over the examples (the recipe stops at 10).",
        ),
    ] = 20,
    register: Annotated[
        bool,
        typer.Option("--register/--no-register", help="Use it for the project's suggestions."),
    ] = True,
    problems: Annotated[
        Path | None,
        typer.Option(
            "--problems",
            help="Write every skipped span to this file, one per line.",
            show_default=False,
        ),
    ] = None,
    documents: Annotated[
        list[str] | None,
        typer.Option(
            "--document",
            help="With --events: then suggest this document's entities with the new model "
            "(repeat for more).",
            show_default=False,
        ),
    ] = None,
    events: EventsOption = False,
    db: DbOption = None,
    annotator: AnnotatorOption = None,
) -> None:
    """Train a spaCy NER pipeline on confirmed entity spans and use it for suggestions.

    Spans that cannot be used (off token boundaries, overlapping, across blocks) are
    skipped and reported. Exit 0 when a model was saved, 1 when there is nothing to
    train on."""
    if events:
        from annotator import cli_ner_events

        with _open(ctx, db, annotator) as workspace:
            raise typer.Exit(cli_ner_events.train_ner(workspace, iterations, documents or []))
    with _open(ctx, db, annotator) as workspace, _count_progress() as bar:
        task = bar.add_task("training", total=iterations)
        try:
            result = workspace.train_ner(
                out_dir,
                iterations=iterations,
                progress=lambda i, n, loss: bar.update(
                    task, completed=i, description=f"training (loss {loss:.1f})"
                ),
                register=register,
            )
        except NothingToTrain as exc:
            console.print(f"[red]nothing to train on:[/red] {exc}")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            console.print("[yellow]interrupted: nothing was saved[/yellow]")
            raise typer.Exit(130) from None
    table = Table(show_header=False, box=None)
    table.add_row("trained on", f"{result.documents} documents")
    table.add_row("examples (paragraphs)", str(result.examples))
    table.add_row("entity spans", str(result.entities))
    table.add_row("skipped spans", str(len(result.problems)))
    table.add_row("labels", ", ".join(result.labels))
    table.add_row("started from", result.base)
    table.add_row("final loss", f"{result.losses[-1]:.2f}" if result.losses else "-")
    table.add_row("saved to", str(result.path))
    registered = f"this pipeline (entity model v{result.version})" if result.registered else ""
    table.add_row("entity suggester", registered or "unchanged")
    out.print(table)
    _print_skipped(result.problems, problems)


SKIPPED_SHOWN = 10


def _print_skipped(problems: list[str], path: Path | None) -> None:
    """Count the skipped spans, list the first few, and write them all to ``path``."""
    if path is not None:
        path.write_text("".join(f"{p}\n" for p in problems), encoding="utf-8")
    if not problems:
        return
    n = len(problems)
    console.print(
        f"[yellow]{n} span{'s' if n != 1 else ''} skipped[/yellow] (the model was trained "
        "without them):"
    )
    for problem in problems[:SKIPPED_SHOWN]:
        console.print(f"  {problem}", markup=False, highlight=False, soft_wrap=True)
    if n > SKIPPED_SHOWN:
        where = f"all of them are in {path}" if path else "--problems FILE lists them all"
        console.print(f"  ... and {n - SKIPPED_SHOWN} more ({where})")


@train_app.command("blocks")
def train_blocks(
    ctx: typer.Context,
    db: DbOption = None,
    annotator: AnnotatorOption = None,
) -> None:
    """Refit the block suggester on the confirmed block labels now.

    Exit 1 when there are no confirmed block labels."""
    with _open(ctx, db, annotator) as workspace:
        result = workspace.retrain_blocks()
    if result is None or not result.documents:
        console.print("[red]nothing to train on:[/red] no done or gold block labels yet")
        raise typer.Exit(1)
    how = "classifier and label memory" if result.learned else "label memory only (too few labels)"
    out.print(
        f"learned from {result.labelled_blocks} blocks of {result.documents} documents: {how}"
    )


def _fmt(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "-"
    return f"{100 * value:.1f}%" if percent else f"{value:.3f}"


@app.command()
def agreement(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the agreement.v1 JSON (docs/agreement.md).")
    ] = False,
    documents: Annotated[
        bool, typer.Option("--documents", help="With --json: add the per-document figures.")
    ] = False,
    charts: Annotated[
        Path | None,
        typer.Option("--charts", metavar="DIR", help="Also save agreement charts (PNG) in DIR."),
    ] = None,
    pair: Annotated[
        str | None,
        typer.Option(
            "--pair",
            metavar="A,B",
            help="With --charts: the two annotators of the confusion matrix"
            " (default: the two with most documents in common).",
        ),
    ] = None,
    db: DbOption = None,
    annotator: AnnotatorOption = None,
) -> None:
    """Agreement over documents two or more annotators finished, per label and overall.

    Blocks: percent, Cohen's kappa per pair, Fleiss, Krippendorff's alpha; entity, quote F1.

    Exit 1 when no document has been finished by two annotators yet."""
    with _open(ctx, db, annotator) as workspace:
        report = workspace.agreement()
        location = workspace.location
        if charts is not None and report.documents:
            _save_charts(workspace, report, charts, pair)
    data = report.as_dict(documents=documents)
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        if not report.documents:
            raise typer.Exit(1)
        return
    if not report.documents:
        console.print("no document has been finished by two or more annotators yet")
        raise typer.Exit(1)
    out.print(f"[bold]{location}[/bold]")
    out.print(
        f"{report.documents} documents finished by two or more of: {', '.join(report.annotators)}"
    )
    blocks = data["blocks"]
    table = Table("block label", "units", "agreement", "Fleiss κ", "Krippendorff α", title="Blocks")
    for name, row in [*blocks["per_label"].items(), ("overall", blocks["overall"])]:
        if name != "overall" and not row["given"]:
            continue
        style = "bold" if name == "overall" else None
        table.add_row(
            name,
            str(row["units"]),
            _fmt(row["percent_agreement"], percent=True),
            _fmt(row["fleiss_kappa"]),
            _fmt(row["krippendorff_alpha"]),
            style=style,
        )
    out.print(table)
    pairs = Table("annotators", "blocks", "agreement", "Cohen κ", title="Pairs")
    for row in blocks["pairs"]:
        pairs.add_row(
            " / ".join(row["annotators"]),
            str(row["units"]),
            _fmt(row["percent_agreement"], percent=True),
            _fmt(row["cohen_kappa"]),
        )
    if blocks["pairs"]:
        out.print(pairs)
    entities = data["entities"]
    spans = Table("entity label", "spans", "exact F1", "overlap F1", title="Entities")
    for name, row in [*entities["per_label"].items(), ("overall", entities["overall"])]:
        if name != "overall" and not (row["spans_a"] or row["spans_b"]):
            continue
        spans.add_row(
            name,
            str(row["spans_a"] + row["spans_b"]),
            _fmt(row["exact_f1"]),
            _fmt(row["overlap_f1"]),
            style="bold" if name == "overall" else None,
        )
    out.print(spans)
    quotes = data["quotes"]["overall"]
    out.print(
        f"Quotes: {quotes['quotes_a'] + quotes['quotes_b']} quotes, content F1 exact"
        f" {_fmt(quotes['exact_f1'])}, overlap {_fmt(quotes['overlap_f1'])}; speakers agree"
        f" on {_fmt(quotes['speaker_agreement'], percent=True)} of matched quotes"
    )


def _save_charts(
    workspace: Workspace, report: AgreementReport, folder: Path, pair: str | None
) -> None:
    """``agreement --charts``: write the PNG files, naming them on stderr; exit 2 on a
    bad ``--pair``."""
    names = None
    if pair is not None:
        parts = [name.strip() for name in pair.split(",")]
        if len(parts) != 2 or not all(parts):
            console.print(f"[red]error:[/red] --pair takes two annotator names, A,B (got {pair!r})")
            raise typer.Exit(2)
        names = (parts[0], parts[1])
    try:
        written = workspace.save_agreement_charts(folder, names, report=report)
    except ValueError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    for path in written:
        console.print(f"wrote {path}", soft_wrap=True, highlight=False, markup=False)


@app.command()
def assign(
    ctx: typer.Context,
    annotators: Annotated[
        str, typer.Option("--annotators", help="Comma-separated annotator names.")
    ],
    overlap: Annotated[
        float,
        typer.Option("--overlap", min=0.0, max=1.0, help="Share of documents annotated twice."),
    ] = 0.2,
    seed: Annotated[int, typer.Option("--seed", help="The same seed gives the same plan.")] = 0,
    per_document: Annotated[
        int, typer.Option("--per-document", min=2, help="Annotators per shared document.")
    ] = 2,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Redo every assignment (default: only unassigned ones)."),
    ] = False,
    db: DbOption = None,
    annotator: AnnotatorOption = None,
) -> None:
    """Assign documents to annotators, an overlap share to several for agreement.

    Each document goes to one of them, loads balanced.

    Exit 2 on bad arguments."""
    names = [name.strip() for name in annotators.split(",") if name.strip()]
    with _open(ctx, db, annotator) as workspace:
        try:
            report = workspace.assign(names, overlap, seed, per_document, replace)
        except ValueError as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from None
    out.print(
        f"assigned {report.documents} documents ({report.shared} shared by"
        f" {per_document} annotators)"
    )
    table = Table("annotator", "documents")
    for name, n in sorted(report.load.items()):
        table.add_row(name, str(n))
    out.print(table)


@app.command()
def selftest() -> None:
    """Check this installation offscreen: project, import, label, undo, export."""
    if _selftest is None:
        console.print("[red]The self-test needs the desktop app, not in this build.[/red]")
        raise typer.Exit(2)
    raise typer.Exit(_selftest())


from annotator import cli_curators  # noqa: E402, F401  (registers `annotator curators`)


def run(argv: list[str] | None = None) -> int:
    try:
        app(args=argv, prog_name="annotator", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
