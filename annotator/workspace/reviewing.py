"""Reviewing: agreement, the queue of disagreements, adjudication into gold, assignment.

Agreement and disagreements are computed over the documents two or more annotators
finished (status ``done``); ``gold`` and ``suggestions`` are sources, not annotators.
Gold is its own annotation source (``core.model.GOLD``): every change to it is one short
transaction through ``save_annotation``, and methods that change it take the gold
``version`` the caller last saw, so two reviewers never overwrite each other silently
(``VersionConflict``; without ``version`` only a change between read and write is
caught). The GUI binds its review keys to these methods.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.model import GOLD, Annotation, Status
from annotator.core.schema import LabelSchema
from annotator.review.adjudication import Merge, agreed, majority, merge_into
from annotator.review.assignment import plan_assignment
from annotator.review.charts import (
    chart_pair,
    label_chart,
    safe_file_name,
    save_confusion_chart,
    save_label_chart,
)
from annotator.review.compute import compute_agreement_pages
from annotator.review.disagreements import DocumentDisagreement, find_disagreements, worst_first
from annotator.review.inputs import Finished, finished, is_finished
from annotator.review.queue import QueueEntry, review_queue
from annotator.review.report import AgreementReport, ConfusionMatrix
from annotator.store import annotations as annotation_repo
from annotator.store import assignments as assignment_repo
from annotator.store import reviewing as review_repo
from annotator.store.annotations import VersionConflict
from annotator.workspace.prefetch import prefetched

if TYPE_CHECKING:
    from annotator.store.database import Database

__all__ = [
    "AcceptReport",
    "AgreementReport",
    "AssignReport",
    "ConfusionMatrix",
    "DocumentDisagreement",
    "Merge",
    "QueueEntry",
    "Reviewing",
]


@dataclass(slots=True)
class AcceptReport:
    documents: int = 0  # documents whose gold changed
    items: int = 0  # block labels, spans and quotes added to gold
    completed: int = 0  # documents whose gold is now done (no disagreement left)
    conflicts: list[str] | None = None  # documents another reviewer changed meanwhile


@dataclass(slots=True)
class AssignReport:
    documents: int  # documents assigned by this call
    assignments: int  # (document, annotator) pairs stored
    shared: int  # documents assigned to two or more annotators
    load: dict[str, int]  # documents per annotator, in the whole project


def _finished_items(session: Any) -> Iterator[tuple[str, Finished]]:
    """Finished work per document; ``session`` is a store session."""
    for document_id, found in review_repo.iter_finished(session):
        yield document_id, finished(found)


class Reviewing:
    """Mixed into Workspace; uses ``self.db``, ``self.annotator``, ``self.schema``."""

    db: Database
    annotator: str | None
    schema: LabelSchema

    # ---------------------------------------------------------------------- agreement
    def agreement(self) -> AgreementReport:
        """Agreement of the whole corpus (``report.as_dict()`` is the documented JSON)."""
        with self.db.reading() as session:
            return compute_agreement_pages(
                prefetched(review_repo.iter_finished_pages(session)),
                self.schema.block_label_names,
                self.schema.entity_label_names,
            )

    def save_agreement_charts(
        self,
        folder: Path,
        pair: tuple[str, str] | None = None,
        *,
        report: AgreementReport | None = None,
    ) -> list[Path]:
        """Write ``agreement-per-label.png`` and the block-label confusion matrix of
        ``pair`` (default: the two annotators with most documents in common) into
        ``folder``; returns the files. ``report``: an agreement already computed.
        ValueError when no document has two finished annotations or ``pair`` names
        someone without shared finished work."""
        report = report if report is not None else self.agreement()
        a, b = chart_pair(report, pair)
        label_file = save_label_chart(label_chart(report), folder / "agreement-per-label.png")
        kappa = report.blocks.pairs.get((min(a, b), max(a, b)))
        matrix = save_confusion_chart(
            report.confusion_matrix(a, b),
            folder / f"confusion-{safe_file_name(a)}-{safe_file_name(b)}.png",
            kappa.cohen_kappa if kappa else None,
        )
        return [label_file, matrix]

    def confusion_matrix(self, a: str, b: str) -> ConfusionMatrix:
        """Block labels of ``a`` (rows) against ``b`` (columns), for charts."""
        if a == b:
            raise ValueError("a confusion matrix needs two different annotators")
        with self.db.reading() as session:
            report = compute_agreement_pages(
                review_repo.iter_finished_pages(session, sources=(a, b)),
                self.schema.block_label_names,
                entities=False,
            )
        return report.confusion_matrix(a, b)

    # ------------------------------------------------------------------ disagreements
    def disagreements(
        self, limit: int | None = None, include_resolved: bool = False
    ) -> list[DocumentDisagreement]:
        """Documents finished by two or more annotators who disagree somewhere, worst
        first; documents whose gold is done count as resolved and are left out unless
        ``include_resolved``. With ``limit``, every document is scored first and only
        the ``limit`` worst are worked out in detail (``review_queue`` alone gives the
        scores)."""
        if limit is None:
            with self.db.reading() as session:
                resolved = set() if include_resolved else review_repo.gold_done_ids(session)
                found = [
                    find_disagreements(doc_id, work)
                    for doc_id, work in _finished_items(session)
                    if doc_id not in resolved
                ]
            return worst_first(found)
        chosen = [entry.document_id for entry in self.review_queue(include_resolved)[:limit]]
        with self.db.reading() as session:
            found = review_repo.annotations_of(session, chosen)
        return [find_disagreements(doc_id, finished(found[doc_id])) for doc_id in chosen]

    def review_queue(self, include_resolved: bool = False) -> list[QueueEntry]:
        """Every document with a disagreement and its score, worst first, without the
        details (``document_disagreements`` works one out)."""
        with self.db.reading() as session:
            resolved = set() if include_resolved else review_repo.gold_done_ids(session)
            return review_queue(prefetched(review_repo.iter_finished_pages(session)), resolved)

    def document_disagreements(self, document_id: str) -> DocumentDisagreement:
        return find_disagreements(document_id, self._finished(document_id))

    def finished_work(self, document_id: str) -> dict[str, Annotation]:
        """Each annotator's done annotation of the document (the side-by-side view)."""
        done = {a.source: a for a in self.annotations(document_id) if is_finished(a)}
        return {name: done[name] for name in sorted(done)}

    def majority_merge(self, document_id: str) -> Merge:
        """The majority vote of the finished annotators, with its ties."""
        return majority(self._finished(document_id))

    # --------------------------------------------------------------------------- gold
    def gold(self, document_id: str) -> Annotation:
        """The gold annotation of the document; an empty one (version 0) if none yet."""
        return self.annotation(document_id, GOLD) or Annotation(document_id, GOLD)

    def accept_into_gold(
        self,
        document_id: str,
        proposal: Annotation | None = None,
        *,
        version: int | None = None,
        status: Status = Status.DONE,
    ) -> Annotation:
        """Settle the document: gold becomes ``proposal``'s labels, spans and quotes, or
        without one the current gold completed by the majority vote where gold has not
        decided (ties stay open). Gold is marked ``status`` (done: out of the queue)."""
        work = None if proposal is not None else self._finished(document_id)

        def change(gold: Annotation) -> Annotation:
            if proposal is not None:
                content = replace(
                    gold,
                    blocks=dict(proposal.blocks),
                    block_scores={},
                    spans=list(proposal.spans),
                    quotes=list(proposal.quotes),
                )
            else:
                content, _ = merge_into(gold, majority(work or {}))
            return replace(content, status=status)

        return self._change_gold(document_id, version, change)

    def take_annotator_label(
        self, document_id: str, block_index: int, annotator: str, *, version: int | None = None
    ) -> Annotation:
        """Gold takes ``annotator``'s label of one block (none if they gave none)."""
        label = self._finished_one(document_id, annotator).blocks.get(block_index)
        return self.set_gold_block_labels(document_id, [block_index], label, version=version)

    def set_gold_block_labels(
        self,
        document_id: str,
        block_indices: Sequence[int],
        label: str | None,
        *,
        version: int | None = None,
    ) -> Annotation:
        """Gold's label of these blocks becomes ``label`` (None: removed)."""

        def change(gold: Annotation) -> Annotation:
            blocks = dict(gold.blocks)
            for index in block_indices:
                if label is None:
                    blocks.pop(index, None)
                else:
                    blocks[index] = label
            return replace(gold, blocks=blocks, block_scores={})

        return self._change_gold(document_id, version, change)

    def take_annotator_spans(
        self,
        document_id: str,
        annotator: str,
        start: int = 0,
        end: int | None = None,
        *,
        version: int | None = None,
    ) -> Annotation:
        """Gold's entity spans and quotes inside ``[start, end)`` (default: the whole
        text) become ``annotator``'s there."""
        theirs = self._finished_one(document_id, annotator)
        stop = end if end is not None else 1 << 62

        def inside(s: int, e: int) -> bool:
            return start <= s and e <= stop

        def change(gold: Annotation) -> Annotation:
            spans = [s for s in gold.spans if not inside(s.start, s.end)]
            spans += [s for s in theirs.spans if inside(s.start, s.end)]
            quotes = [q for q in gold.quotes if not inside(q.start, q.end)]
            quotes += [q for q in theirs.quotes if inside(q.start, q.end)]
            return replace(
                gold,
                spans=sorted(spans, key=lambda s: (s.start, s.end, s.label)),
                quotes=sorted(quotes, key=lambda q: (q.start, q.end)),
            )

        return self._change_gold(document_id, version, change)

    def take_annotator(
        self, document_id: str, annotator: str, *, version: int | None = None
    ) -> Annotation:
        """Gold becomes a copy of ``annotator``'s finished annotation (status kept)."""
        theirs = self._finished_one(document_id, annotator)
        return self._change_gold(
            document_id,
            version,
            lambda gold: replace(
                gold,
                blocks=dict(theirs.blocks),
                block_scores={},
                spans=list(theirs.spans),
                quotes=list(theirs.quotes),
            ),
        )

    def accept_agreed_into_gold(
        self, progress: Callable[[int], None] | None = None, batch: int = 200
    ) -> AcceptReport:
        """Across the corpus, add to gold everything all annotators of a document agree
        on (never overriding what gold holds). Documents without any disagreement get a
        done gold; the others an in-progress one, to finish in the review queue."""
        report = AcceptReport(conflicts=[])
        pending: list[tuple[str, Merge, bool]] = []
        seen = 0
        with self.db.reading() as session:
            for doc_id, work in _finished_items(session):
                complete = find_disagreements(doc_id, work).count == 0
                pending.append((doc_id, agreed(work), complete))
                if len(pending) >= batch:
                    self._accept_batch(pending, report)
                    seen += len(pending)
                    pending = []
                    if progress:
                        progress(seen)
        if pending:
            self._accept_batch(pending, report)
            if progress:
                progress(seen + len(pending))
        return report

    def _accept_batch(self, pending: list[tuple[str, Merge, bool]], report: AcceptReport) -> None:
        with self.db.writing() as session:
            golds = review_repo.annotations_of(session, [p[0] for p in pending], [GOLD])
            for doc_id, merge, complete in pending:
                current = golds[doc_id][0] if golds[doc_id] else Annotation(doc_id, GOLD)
                new, added = merge_into(current, merge)
                if complete:
                    new.status = Status.DONE
                elif current.version == 0:
                    new.status = Status.IN_PROGRESS
                if added == 0 and new.status == current.status:
                    continue
                try:
                    annotation_repo.save_annotation(session, new)
                except VersionConflict:
                    assert report.conflicts is not None
                    report.conflicts.append(doc_id)
                    continue
                report.documents += 1
                report.items += added
                report.completed += new.status == Status.DONE

    # --------------------------------------------------------------------- assignment
    def assign(
        self,
        annotators: Sequence[str],
        overlap: float = 0.2,
        seed: int = 0,
        per_overlap: int = 2,
        replace_existing: bool = False,
    ) -> AssignReport:
        """Assign every document nobody is assigned yet (all of them with
        ``replace_existing``): each to one annotator, an ``overlap`` share to
        ``per_overlap`` annotators, loads balanced, the same plan for the same seed."""
        with self.db.writing() as session:
            if replace_existing:
                assignment_repo.clear_assignments(session)
            ids = assignment_repo.unassigned_document_ids(session)
            plan = plan_assignment(
                ids, annotators, overlap, seed, per_overlap, assignment_repo.load(session)
            )
            stored = assignment_repo.add_assignments(session, plan)
            load = assignment_repo.load(session)
        shared = sum(1 for names in plan.values() if len(names) > 1)
        return AssignReport(len(plan), stored, shared, load)

    def assignment_counts(self) -> dict[str, dict[str, int]]:
        """Per annotator: ``assigned``, ``shared`` and ``done`` documents."""
        with self.db.reading() as session:
            return assignment_repo.assignment_counts(session)

    def my_assigned_documents(self, offset: int = 0, limit: int | None = None) -> list[str]:
        """The ids of the documents assigned to me, in import order."""
        with self.db.reading() as session:
            return assignment_repo.assigned_documents(session, self._me(), offset, limit)

    def assignees(self, document_id: str) -> list[str]:
        with self.db.reading() as session:
            return assignment_repo.assignees(session, document_id)

    # ------------------------------------------------------------------------ helpers
    def _finished(self, document_id: str) -> Finished:
        return finished(self.annotations(document_id))

    def _finished_one(self, document_id: str, annotator: str) -> Annotation:
        for annotation in self.annotations(document_id):
            if annotation.source == annotator and annotation.status == Status.DONE:
                return annotation
        raise LookupError(f"{annotator!r} has not finished {document_id!r}")

    def _change_gold(
        self, document_id: str, version: int | None, change: Callable[[Annotation], Annotation]
    ) -> Annotation:
        with self.db.writing() as session:
            current = annotation_repo.get_annotation(session, document_id, GOLD)
            current = current or Annotation(document_id, GOLD)
            if version is not None and version != current.version:
                raise VersionConflict(current)
            return annotation_repo.save_annotation(session, change(current))

    # provided by Workspace
    annotations: Callable[[str], list[Annotation]]
    annotation: Callable[..., Annotation | None]
    _me: Callable[[], str]
