"""Suggesting: pre-annotating the project, and learning from what annotators confirmed.

``preannotate`` writes every document's ``suggestions`` annotation (block labels with
confidences, entity spans with scores, quotes), in batches of short write transactions,
with progress and cancel; the parts it computes replace the stored ones, the others are
kept, and nobody's own or gold annotation is ever touched. ``meta`` records which
suggester and model made each part.

Entities (the entity model, ``train_ner``, confirmed texts suggested everywhere) are in
``entity_learning``; their names are re-exported here.

Block suggestions learn from the project's confirmed block labels (done annotations and
gold): ``retrain_blocks`` fits the suggester and keeps the model in the project settings,
so every machine of a team reuses it; ``preannotate`` refits when the confirmed labels
changed since. ``retrain_blocks`` only uses this workspace's own database connection, so
the GUI runs it in a worker thread with a Workspace of its own.

spaCy-backed modules are imported on first use: opening a project stays fast.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from annotator.core.model import GOLD, Annotation, Document
from annotator.core.schema import LabelSchema
from annotator.nlp import registry
from annotator.nlp.block_suggester import BlockSuggester, SuggestionContext
from annotator.nlp.recurrence import RecurrenceIndex, site_key
from annotator.store import suggestions as suggestion_repo
from annotator.store.documents import count_documents
from annotator.workspace.entity_learning import (  # noqa: F401 (re-exported)
    ENTITY_MODEL_SETTING,
    EntityLearning,
    EntityModelInfo,
    NerTraining,
    NothingToTrain,
    SuggestError,
    paged,
)
from annotator.workspace.suggest_batch import (  # noqa: F401 (BLOCK_CONFIDENCE: re-exported)
    BLOCK_CONFIDENCE,
    BatchSuggester,
)

if TYPE_CHECKING:
    from annotator.store.database import Database

WHAT = ("blocks", "entities", "quotes")
BLOCK_MODEL_SETTING = "suggest.block_model"
MIN_LABELLED_BLOCKS = 200
BATCH = 200


@dataclass
class PreannotateReport:
    documents: int = 0
    total: int = 0
    cancelled: bool = False
    meta: dict[str, str] = field(default_factory=dict)
    pipeline_problem: str | None = None  # the configured spaCy pipeline could not be used
    block_training: BlockTraining | None = None


@dataclass
class BlockTraining:
    labelled_blocks: int
    documents: int
    learned: bool  # a classifier was fitted (enough labels); else label memory only
    model_id: str | None  # what suggestions record; None when nothing was learned


@dataclass(frozen=True)
class BlockModelInfo:
    """The stored block model, as the GUI reports it."""

    model_id: str  # what suggestions made with it record in ``meta["blocks"]``
    version: int  # 1 for the first fit, +1 for each refit
    labelled_blocks: int
    documents: int
    learned: bool

    def describe(self) -> str:
        how = "classifier" if self.learned else "label memory"
        return (
            f"block model v{self.version} ({how}, {self.labelled_blocks} blocks "
            f"of {self.documents} documents)"
        )


def parse_what(what: Iterable[str] | str) -> set[str]:
    """``"blocks,entities"`` or an iterable of names -> a set; SuggestError if unknown."""
    items = what.split(",") if isinstance(what, str) else list(what)
    chosen = {item.strip() for item in items if item.strip()}
    unknown = chosen - set(WHAT)
    if unknown or not chosen:
        raise SuggestError(
            f"unknown suggestion kinds {sorted(unknown)}: choose from {', '.join(WHAT)}"
            if unknown
            else f"nothing to suggest: choose from {', '.join(WHAT)}"
        )
    return chosen


class Suggesting(EntityLearning):
    """Mixed into Workspace; uses ``self.db`` and ``self.schema``. The entity model and
    learning from confirmed spans are in ``EntityLearning``."""

    db: Database
    schema: LabelSchema

    # ------------------------------------------------------------------ blocks
    def _documents(self) -> Iterator[Document]:
        for _, document in paged(self.db, suggestion_repo.document_page):
            yield document

    def block_context(self) -> SuggestionContext:
        """Which block texts recur on each site, over all the project's documents."""
        return SuggestionContext(RecurrenceIndex.build(self._documents()))

    def retrain_blocks(
        self,
        min_blocks: int = MIN_LABELLED_BLOCKS,
        context: SuggestionContext | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> BlockTraining | None:
        """Fit the block suggester on the confirmed block labels and store it in the
        project settings. The classifier needs ``min_blocks`` labelled blocks; below that
        only the per-site label memory is kept. None when cancelled."""
        with self.db.reading() as session:
            state = suggestion_repo.confirmed_state(session)
        examples = []
        labelled = 0
        for document, confirmed in self._confirmed():
            labels = _block_labels(confirmed)
            if labels:
                examples.append((document, labels))
                labelled += len(labels)
            if cancelled and cancelled():
                return None
        if context is None:
            context = self.site_context([document for document, _ in examples])
        fitted = BlockSuggester.fit(examples, context)
        if labelled < min_blocks:
            fitted = BlockSuggester(model=None, memory=fitted.memory, trained_on=fitted.trained_on)
        if cancelled and cancelled():
            return None
        data = fitted.to_bytes()
        model_id = None
        if examples:
            digest = hashlib.blake2b(data, digest_size=4).hexdigest()
            model_id = f"{registry.BLOCKS}+model:{digest}({labelled} labelled blocks)"
        with self.db.reading() as session:
            previous = suggestion_repo.get_setting(session, BLOCK_MODEL_SETTING) or {}
        value = {
            "version": int(previous.get("version") or 0) + 1,
            "data": base64.b64encode(data).decode("ascii"),
            "model_id": model_id,
            "labelled_blocks": labelled,
            "documents": len(examples),
            "learned": fitted.model is not None,
            "state": state,
            "trained_at": datetime.now(UTC).isoformat(),
        }
        with self.db.writing() as session:
            suggestion_repo.put_setting(session, BLOCK_MODEL_SETTING, value)
        return BlockTraining(labelled, len(examples), fitted.model is not None, model_id)

    def site_context(self, documents: Iterable[Document]) -> SuggestionContext:
        """The recurrence context of these documents' sites only: the same suggestions
        for them as ``block_context()`` gives, without reading the whole project."""
        keys = {key for key in map(site_key, documents) if key}
        hosts = sorted(k for k in keys if not k.startswith("publisher:"))
        publishers = sorted(
            k.removeprefix("publisher:") for k in keys if k.startswith("publisher:")
        )
        with self.db.reading() as session:
            candidates = suggestion_repo.site_candidates(session, hosts, publishers)
        return SuggestionContext(
            RecurrenceIndex.build(d for d in candidates if site_key(d) in keys)
        )

    def block_model_info(self) -> BlockModelInfo | None:
        """The stored block model, or None before the first fit."""
        with self.db.reading() as session:
            value = suggestion_repo.get_setting(session, BLOCK_MODEL_SETTING)
        if not value or not value.get("model_id"):
            return None
        return BlockModelInfo(
            model_id=value["model_id"],
            version=int(value.get("version") or 1),
            labelled_blocks=int(value.get("labelled_blocks") or 0),
            documents=int(value.get("documents") or 0),
            learned=bool(value.get("learned")),
        )

    def block_suggester(self) -> tuple[BlockSuggester, str, bool]:
        """(the stored suggester or a fresh one, its id, whether it is current)."""
        with self.db.reading() as session:
            value = suggestion_repo.get_setting(session, BLOCK_MODEL_SETTING)
            state = suggestion_repo.confirmed_state(session)
        if not value:
            return BlockSuggester(), registry.BLOCKS, False
        try:
            suggester = BlockSuggester.from_bytes(base64.b64decode(value["data"]))
        except (ValueError, KeyError):  # an older format: refit
            return BlockSuggester(), registry.BLOCKS, False
        return suggester, value.get("model_id") or registry.BLOCKS, value.get("state") == state

    # ------------------------------------------------------------------ preannotate
    def preannotate(
        self,
        what: Iterable[str] | str = WHAT,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        batch: int = BATCH,
        documents: Sequence[str] | None = None,
        retrain: bool = True,
    ) -> PreannotateReport:
        """Suggest ``what`` (blocks, entities, quotes) for every document, or only for
        the ``documents`` named (unknown ids are ignored). With ``retrain``, the block
        model is refitted first when the confirmed labels changed since it was fitted;
        without, the stored model is used as it is."""
        chosen = parse_what(what)
        report = PreannotateReport()
        subset = None
        if documents is not None:
            with self.db.reading() as session:
                subset = suggestion_repo.documents_by_id(session, list(dict.fromkeys(documents)))
            report.total = len(subset)
        else:
            with self.db.reading() as session:
                report.total = count_documents(session)
        context, block_model = None, None
        if "blocks" in chosen:
            if subset is None:
                context = self.block_context()
            else:
                context = self.site_context(document for _, document in subset)
            block_suggester, block_id, current = self.block_suggester()
            if not current and retrain:
                trained = self.retrain_blocks(
                    context=context if subset is None else None, cancelled=cancelled
                )
                report.block_training = trained
                if trained is None:
                    report.cancelled = True
                    return report
                block_suggester, block_id, _ = self.block_suggester()
            block_model = (block_suggester, block_id)
        suggesters = BatchSuggester.prepare(self, chosen, block_model, context)
        report.meta, report.pipeline_problem = suggesters.meta, suggesters.problem
        after = 0
        while True:
            if cancelled and cancelled():
                report.cancelled = True
                break
            with self.db.reading() as session:
                if subset is None:
                    page = suggestion_repo.document_page(session, after, batch)
                else:
                    page = [item for item in subset if item[0] > after][:batch]
                stored = suggestion_repo.suggestions_of(session, [pk for pk, _ in page])
            if not page:
                break
            after = page[-1][0]
            items = suggesters.suggest(page, stored)
            with self.db.writing() as session:
                suggestion_repo.write_suggestions(session, items)
            report.documents += len(page)
            if progress:
                progress(report.documents, report.total)
        return report


def _block_labels(annotations: list[Annotation]) -> dict[int, str]:
    """Gold's block labels, else the majority over the done annotations."""
    gold = next((a for a in annotations if a.source == GOLD and a.blocks), None)
    if gold is not None:
        return dict(gold.blocks)
    votes: dict[int, Counter[str]] = {}
    for annotation in annotations:
        for index, label in annotation.blocks.items():
            votes.setdefault(index, Counter())[label] += 1
    return {index: counter.most_common(1)[0][0] for index, counter in votes.items()}
