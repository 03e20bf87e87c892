"""`annotator curators`: who may open review mode (registered by annotator.cli)."""

from __future__ import annotations

from typing import Annotated

import typer

from annotator.cli import AnnotatorOption, DbOption, _open, app, console, out


@app.command()
def curators(
    ctx: typer.Context,
    add: Annotated[
        list[str] | None, typer.Option("--add", help="Make this annotator a curator.")
    ] = None,
    remove: Annotated[
        list[str] | None, typer.Option("--remove", help="This annotator is no longer one.")
    ] = None,
    db: DbOption = None,
    annotator: AnnotatorOption = None,
) -> None:
    """List or change the project's curators, who may open review mode (F9).

    Annotators see only their own work; curators see everyone's. Exit 2 on a bad name."""
    with _open(ctx, db, annotator) as workspace:
        names = set(workspace.curators())
        if add or remove:
            names = (names | set(add or [])) - set(remove or [])
            try:
                names = set(workspace.set_curators(sorted(names)))
            except ValueError as exc:
                console.print(f"[red]error:[/red] {exc}")
                raise typer.Exit(2) from None
    if names:
        out.print("curators: " + ", ".join(sorted(names)))
    else:
        out.print("no curators yet: the first to open review mode may become one")
