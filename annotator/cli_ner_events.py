"""``annotator train ner --events``: the window's background NER retraining, in a child
process, reporting JSON lines as ``cli_events`` does.

Events: ``{"event": "progress", "stage": "training", "done": i, "total": iterations}`` per
pass, then ``{"event": "progress", "stage": "suggesting", ...}`` while the documents named
with ``--document`` get entity suggestions from the new model, then
``{"event": "finished", "entity_model": "Entity model v3 (trained on 40 documents)",
"version": 3, "trained_on": 40, "entities": n, "skipped_spans": n, "documents": n,
"total": n, "cancelled": false}`` or ``{"event": "error", "message": "..."}``.

A ``cancel`` line stops before the re-suggesting, never in the middle of a training (a
model trained on fewer passes must not become the project's model): the parent kills a
child that is still training when it must go, which saves nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.cli_events import CancelWatch, emit


def train_ner(workspace, iterations: int, documents: Sequence[str]) -> int:
    """The exit code: 0 when a model was saved, 1 when there was nothing to train on or
    it failed."""
    from annotator.workspace.suggesting import NothingToTrain, SuggestError

    cancelled = CancelWatch().start()
    emit("progress", stage="training", done=0, total=iterations)
    try:
        result = workspace.train_ner(
            iterations=iterations,
            progress=lambda i, n, _loss: emit("progress", stage="training", done=i, total=n),
        )
    except NothingToTrain as exc:
        emit("error", message=f"nothing to train on: {exc}")
        return 1
    except (SuggestError, OSError, ValueError) as exc:
        emit("error", message=str(exc))
        return 1
    done, total = 0, len(set(documents))
    if documents and not cancelled():
        report = workspace.preannotate(
            {"entities"},
            progress=lambda n, t: emit("progress", stage="suggesting", done=n, total=t),
            cancelled=cancelled,
            batch=5,
            documents=list(documents),
            retrain=False,
        )
        done, total = report.documents, report.total
    info = workspace.entity_model_info()
    emit(
        "finished",
        entity_model=info.describe() if info else f"Entity model {result.path.name}",
        version=result.version,
        trained_on=result.documents,
        entities=result.entities,
        skipped_spans=len(result.problems),
        documents=done,
        total=total,
        cancelled=cancelled(),
    )
    return 0
