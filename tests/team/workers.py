"""What the concurrent test processes run (module-level, so ``spawn`` can import them)."""

from __future__ import annotations

import time

LABELS = ("body", "boilerplate", "title", "byline", "caption", "heading")
SHARED = "team"  # every writer edits this one annotator's annotations of the documents


def change_of(worker: int, change: int, blocks_each: int, documents: int) -> tuple[int, int, str]:
    """Change ``change`` of ``worker``: (document number, block, label). The writers go
    round the documents out of step, so they meet on the same annotation all the time."""
    document = (worker + change) % documents
    block = worker * blocks_each + change % blocks_each
    return document, block, LABELS[(change // blocks_each + worker) % len(LABELS)]


def label_writer(
    url: str, document_ids: list[str], worker: int, changes: int, blocks_each: int
) -> dict:
    """Make ``changes`` label changes to the shared annotations, each committed at once and
    applied again on the newer state when another writer got in first."""
    from annotator.core.commands import SetBlockLabels
    from annotator.workspace import Workspace

    conflicts = 0

    def count(_conflict) -> None:
        nonlocal conflicts
        conflicts += 1

    started = time.perf_counter()
    with Workspace.open(url, SHARED) as ws:
        for change in range(changes):
            document, block, label = change_of(worker, change, blocks_each, len(document_ids))
            # read the current version first (one cheap read), as a window showing live
            # changes has it; the version check still catches whoever writes in between
            ws.my_annotation(document_ids[document], reload=True)
            ws.apply_with_retry(
                document_ids[document],
                SetBlockLabels({block: label}),
                attempts=1000,
                on_conflict=count,
            )
    return {"worker": worker, "conflicts": conflicts, "seconds": time.perf_counter() - started}


def acking_writer(url: str, document_id: str, acks) -> None:
    """Label block i with change i, forever, each in its own transaction as the app does
    (only the store is imported: the process starts fast); after each commit put ``i``
    on ``acks``."""
    from annotator.core.model import Annotation
    from annotator.store.annotations import save_annotation
    from annotator.store.database import Database

    db = Database(url)
    annotation = Annotation(document_id, "killed")
    change = 0
    while True:
        annotation.blocks[change] = LABELS[change % len(LABELS)]
        with db.writing() as session:
            annotation = save_annotation(session, annotation, "killed@test")
        acks.put(change)
        change += 1


def queue_taker(url: str, name: str) -> list[str]:
    """Take documents from the work queue and finish them until none is left."""
    from annotator.core.commands import SetStatus
    from annotator.core.model import Status
    from annotator.workspace import Workspace

    taken = []
    with Workspace.open(url, name) as ws:
        while (doc := ws.next_document()) is not None:
            taken.append(doc)
            ws.apply(doc, SetStatus(Status.DONE))
    return taken


def ready(_: int) -> bool:
    """Warm a pool process up (imports done before the timed work)."""
    import annotator.workspace  # noqa: F401

    return True


def preannotate_worker(url: str, batch: int) -> int:
    """Take part in the shared pre-annotation run; returns how many documents it did."""
    from annotator.workspace import Workspace

    with Workspace.open(url) as ws:
        return ws.preannotate_worker("blocks", batch=batch).documents
