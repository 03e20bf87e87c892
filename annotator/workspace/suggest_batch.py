"""One pre-annotation run's suggesters, prepared once and applied page by page.

``Suggesting.preannotate`` (one process) and ``sharded.run_worker`` (many processes, the
documents handed out through the database) choose the block model their own way, then
both prepare a ``BatchSuggester`` and call ``suggest`` for each page of documents: what
a document's stored suggestions hold is decided here only.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.core.model import SUGGESTIONS, Annotation, Document, Status
from annotator.nlp import registry
from annotator.nlp.quotes import suggest_quotes

if TYPE_CHECKING:
    from annotator.nlp.block_suggester import BlockSuggester, SuggestionContext
    from annotator.workspace import Workspace

# Quotes in blocks suggested boilerplate at least this confidently are dropped.
SURE_BOILERPLATE = 0.9
# The document confidence stored in the suggestions' meta (the list's least-confident order).
BLOCK_CONFIDENCE = "block_confidence"
LEAST_SURE_BLOCKS = 5
# The spans merged in from confirmed texts (``entity_learning``): entities made here replace them.
LEARNED_SPANS = "learned_spans"

Page = Sequence[tuple[int, Document]]  # (document pk, document)
Item = tuple[int, Annotation, int]  # (document pk, suggestions, the stored version or 0)


def document_confidence(scores: Mapping[int, float]) -> float | None:
    """How sure the block suggestions of a document are: the mean confidence of its
    ``LEAST_SURE_BLOCKS`` least confident blocks. A page whose every block is clear
    scores near 1 however long it is; one doubtful block pulls it down (the documents
    to label first, to teach the suggester the most)."""
    if not scores:
        return None
    lowest = sorted(scores.values())[:LEAST_SURE_BLOCKS]
    return round(sum(lowest) / len(lowest), 4)


def fresh(document_id: str, old: Annotation | None) -> Annotation:
    """The suggestions to fill: a copy of the stored ones (what is not asked for stays)."""
    if old is None:
        return Annotation(document_id, SUGGESTIONS, Status.IN_PROGRESS)
    return Annotation(
        document_id,
        SUGGESTIONS,
        Status.IN_PROGRESS,
        blocks=dict(old.blocks),
        block_scores=dict(old.block_scores),
        spans=list(old.spans),
        quotes=list(old.quotes),
        meta=dict(old.meta),
    )


@dataclass
class BatchSuggester:
    workspace: Workspace
    entities: bool
    quotes: bool
    block_suggester: BlockSuggester | None = None
    context: SuggestionContext | None = None
    suggester: Any = None  # annotator.nlp.entities.EntitySuggester, when asked for
    parse: bool = False
    meta: dict[str, str] = field(default_factory=dict)  # which model made what
    problem: str | None = None  # why the configured spaCy pipeline is not used

    @classmethod
    def prepare(
        cls,
        workspace: Workspace,
        chosen: set[str],
        block_model: tuple[BlockSuggester, str] | None = None,
        context: SuggestionContext | None = None,
    ) -> BatchSuggester:
        """``block_model`` (the suggester and its id) when blocks are chosen; the entity
        pipeline is loaded here when entities or quotes are."""
        batch = cls(workspace, "entities" in chosen, "quotes" in chosen, context=context)
        if block_model is not None:
            batch.block_suggester, batch.meta["blocks"] = block_model
        if batch.entities or batch.quotes:
            batch.suggester, batch.problem = workspace.entity_suggester()
            pipeline = batch.suggester.pipeline
            batch.parse = batch.quotes and pipeline is not None and pipeline.has_parser
            if batch.entities:
                batch.meta["entities"] = batch.suggester.model_id
            if batch.quotes:
                parsed = f"+parse:{pipeline.label}" if batch.parse and pipeline else ""
                batch.meta["quotes"] = registry.QUOTES + parsed
        return batch

    def suggest(self, page: Page, stored: Mapping[int, Annotation]) -> list[Item]:
        """The suggestions of each document of ``page``, over what ``stored`` holds."""
        analyses: list[Any] = [None] * len(page)
        if self.suggester is not None and (self.entities or self.parse):
            texts = [document.text for _, document in page]
            analyses = list(self.suggester.analyse(texts, entities=self.entities, parse=self.parse))
        items = []
        for (pk, document), analysis in zip(page, analyses, strict=True):
            old = stored.get(pk)
            annotation = fresh(document.id, old)
            if self.block_suggester is not None:
                labels, scores = self.block_suggester.suggest(document, self.context)
                annotation.blocks, annotation.block_scores = labels, scores
                annotation.meta[BLOCK_CONFIDENCE] = document_confidence(scores)
            if self.entities:
                annotation.spans = analysis.spans
                annotation.meta.pop(LEARNED_SPANS, None)  # merged again when it is opened
            if self.quotes:
                found = suggest_quotes(
                    document.text,
                    annotation.spans,
                    analysis.attributions if analysis is not None else None,
                )
                annotation.quotes = self._in_body(document, annotation, found)
            annotation.meta.update(self.meta)
            items.append((pk, annotation, old.version if old else 0))
        return items

    def _in_body(self, document: Document, suggested: Annotation, quotes: list) -> list:
        """Quotes in blocks confidently suggested as boilerplate (related headlines...)
        are dropped."""
        if not suggested.blocks:
            return quotes
        starts = [b.start for b in document.blocks]
        schema = self.workspace.schema
        kept = []
        for quote in quotes:
            index = max(0, bisect_right(starts, quote.start) - 1)
            label = suggested.blocks.get(index)
            sure = suggested.block_scores.get(index, 1.0) >= SURE_BOILERPLATE
            if label is None or schema.binary(label) == "body" or not sure:
                kept.append(quote)
        return kept
