"""Entities that learn: the project's entity model, training it, and confirmed texts
suggested everywhere at once.

Training (``train_ner``, what ``annotator train ner`` and the window's background
retraining both run): a spaCy NER pipeline is trained on the entity spans of the done
and gold annotations, saved, and made the project's entity model, with a version that
grows by one per training (``entity_model_info``).

Label once, suggested everywhere: the workspace keeps the project's confirmed entity
texts in a ``TermIndex`` (built once from the done and gold annotations, then kept up to
date span by span: ``learn_spans`` after each change of my annotation). A document's
stored suggestions get the matches of those texts merged in (``learned_suggestions``,
for the open document after each change and for any document when it is opened), never
over one of my spans or a span already suggested; the spans merged are listed in the
suggestions' ``meta["learned_spans"]`` so that the next merge can take back those whose
text is no longer confirmed. Nothing is rewritten for the other documents: with 100,000
of them a confirmed span costs one dictionary update, and a document pays one pass over
its words when it is opened.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from annotator import settings
from annotator.core.model import GOLD, Annotation, Document, Span
from annotator.core.schema import LabelSchema
from annotator.nlp.learned_terms import TermIndex
from annotator.store import suggestions as suggestion_repo
from annotator.workspace.suggest_batch import LEARNED_SPANS as LEARNED
from annotator.workspace.suggest_batch import fresh

if TYPE_CHECKING:
    from annotator.nlp.entities import EntitySuggester
    from annotator.store.database import Database

ENTITY_MODEL_SETTING = "suggest.entity_model"
PAGE = 500


class SuggestError(ValueError):
    """A request the suggesters cannot carry out; the message says why."""


class NothingToTrain(SuggestError):
    pass


def paged(db, read: Callable) -> Iterator[tuple]:
    """The rows of ``read(session, after, PAGE)``, a page per short read transaction;
    each row's first column is the key the next page starts after."""
    after = 0
    while True:
        with db.reading() as session:
            page = read(session, after, PAGE)
        if not page:
            return
        after = page[-1][0]
        yield from page


@dataclass
class NerTraining:
    path: Path
    examples: int
    entities: int
    labels: list[str]
    losses: list[float]
    problems: list[str]
    base: str
    registered: bool
    documents: int = 0  # documents whose confirmed spans it was trained on
    version: int | None = None  # the project's entity model version, when registered


@dataclass(frozen=True)
class EntityModelInfo:
    """The project's entity model when it was trained here (``train_ner``)."""

    name: str  # the pipeline folder
    version: int  # 1 for the first training, +1 for each one after
    documents: int
    entities: int
    label: str = ""  # what suggestions made with it record: ``en_annotator_ner-1.0.<stamp>``

    def made(self, model_id: str | None) -> bool:
        """Whether suggestions whose ``meta["entities"]`` is ``model_id`` came from it."""
        return bool(self.label and model_id and f":{self.label}" in model_id)

    def describe(self) -> str:
        """``Entity model v3 (trained on 40 documents)``."""
        plural = "s" if self.documents != 1 else ""
        return f"Entity model v{self.version} (trained on {self.documents} document{plural})"


@dataclass
class LearnedTerms:
    """The confirmed texts, and what each (document, source) contributed to them."""

    index: TermIndex = field(default_factory=TermIndex)
    counted: dict[tuple[str, str], Counter[tuple[str, str]]] = field(default_factory=dict)


class EntityLearning:
    """Mixed into Workspace (through ``Suggesting``); uses ``self.db``, ``self.schema``,
    ``self.annotator`` and ``my_annotation``."""

    db: Database
    schema: LabelSchema
    annotator: str | None
    my_annotation: Callable[..., Annotation]
    document: Callable[[str], Document | None]

    # ------------------------------------------------------------------ the model
    def entity_model_name(self) -> str:
        """The spaCy pipeline entity suggestions use (env, else project setting, else
        the default)."""
        from annotator.nlp.pipeline import configured_name

        with self.db.reading() as session:
            value = suggestion_repo.get_setting(session, ENTITY_MODEL_SETTING)
        return configured_name((value or {}).get("name"))

    def set_entity_model(self, name_or_path: str | Path, check: bool = True, **about) -> str:
        """Use this pipeline (an installed package or a folder) for entity suggestions,
        for everyone on the project. With ``check``, SuggestError when it cannot load.
        ``about`` (version, documents, entities) is kept for ``entity_model_info``."""
        from annotator.nlp.pipeline import NO_PIPELINE, PipelineUnavailable, load_pipeline

        name = str(name_or_path)
        path = Path(name).expanduser()
        if path.is_dir():
            name = str(path.resolve())
        if check and name != NO_PIPELINE:
            try:
                load_pipeline(name)
            except PipelineUnavailable as exc:
                raise SuggestError(str(exc)) from None
        with self.db.writing() as session:
            previous = suggestion_repo.get_setting(session, ENTITY_MODEL_SETTING) or {}
            value = {"name": name, "version": previous.get("version"), **about}
            suggestion_repo.put_setting(session, ENTITY_MODEL_SETTING, value)
        return name

    def entity_model_info(self) -> EntityModelInfo | None:
        """The project's entity model, or None when it was not trained by ``train_ner``
        (none yet, or an installed pipeline chosen by name)."""
        with self.db.reading() as session:
            value = suggestion_repo.get_setting(session, ENTITY_MODEL_SETTING) or {}
        if not value.get("trained_at") or not value.get("version"):
            return None
        return EntityModelInfo(
            name=str(value.get("name")),
            version=int(value["version"]),
            documents=int(value.get("documents") or 0),
            entities=int(value.get("entities") or 0),
            label=str(value.get("label") or ""),
        )

    def _confirmed(self) -> Iterator[tuple[Document, list[Annotation]]]:
        """Every document that has done or gold annotations, with those annotations."""
        for _, document, found in paged(self.db, suggestion_repo.confirmed_page):
            yield document, found

    def _gazetteer_items(self) -> Iterator[tuple[str, list[Span]]]:
        for document, confirmed in self._confirmed():
            for annotation in confirmed:
                if annotation.spans:
                    yield document.text, annotation.spans

    def entity_suggester(self, need_parser: bool = False) -> tuple[EntitySuggester, str | None]:
        """(the entity suggester, the message when the configured pipeline is missing)."""
        from annotator.nlp.entities import EntitySuggester, Gazetteer
        from annotator.nlp.pipeline import PipelineUnavailable, load_pipeline, warn_once

        problem = None
        try:
            pipeline = load_pipeline(self.entity_model_name())
        except PipelineUnavailable as exc:
            pipeline = None
            warn_once(exc)
            problem = None if exc.reason == "switched off" else str(exc)
        gazetteer = Gazetteer.from_spans(self._gazetteer_items())
        labels = tuple(self.schema.entity_label_names)
        return EntitySuggester(pipeline, gazetteer, labels), problem

    # ------------------------------------------------------------------ training
    def train_ner(
        self,
        out_dir: Path | str | None = None,
        iterations: int = 20,
        progress: Callable[[int, int, float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        register: bool = True,
        from_pipeline: bool = True,
    ) -> NerTraining:
        """Train a spaCy NER pipeline on the entity spans of done and gold annotations,
        save it (under the user data folder unless ``out_dir``) and, with ``register``,
        make it the project's entity model (its version +1). NothingToTrain when no
        confirmed annotation has entity spans. Spans that cannot be used are listed in
        ``problems``, not raised."""
        from annotator.nlp.pipeline import PipelineUnavailable, load_pipeline
        from annotator.nlp.training import PIPELINE_NAME, passages_from_document, save_pipeline
        from annotator.nlp.training import train_ner as train

        problems: list[str] = []
        passages = []
        documents = 0
        for document, confirmed in self._confirmed():
            annotation = _entity_source(confirmed)
            if annotation is None:
                continue
            documents += 1
            body = None
            if annotation.blocks:
                body = {
                    i
                    for i, label in annotation.blocks.items()
                    if self.schema.binary(label) == "body"
                }
            passages.extend(
                passages_from_document(
                    document.id,
                    document.text,
                    [(b.start, b.end) for b in document.blocks],
                    annotation.spans,
                    body,
                    problems,
                )
            )
        if not any(p.spans for p in passages):
            raise NothingToTrain(
                "no done or gold annotation has entity spans: label entities in some "
                "documents and mark them done first"
            )
        base = None
        if from_pipeline:
            try:
                loaded = load_pipeline(self.entity_model_name())
                if loaded.has_ner and loaded.nlp.meta.get("name") != PIPELINE_NAME:
                    base = loaded.nlp
            except PipelineUnavailable:
                base = None
        result = train(
            passages,
            base=base,
            iterations=iterations,
            progress=progress,
            cancelled=cancelled,
            unlabelled=(document.text for document in self._documents()),
        )
        with self.db.reading() as session:
            previous = suggestion_repo.get_setting(session, ENTITY_MODEL_SETTING) or {}
        version = int(previous.get("version") or 0) + 1
        stamp = int(time.time())
        path = (
            Path(out_dir) if out_dir else settings.data_dir() / "models" / f"ner-{stamp}-v{version}"
        )
        save_pipeline(result.nlp, path, f"1.0.{stamp}")
        meta = result.nlp.meta  # the label LoadedPipeline gives it, as suggestions record
        label = f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version')}"
        if register:
            self.set_entity_model(
                path,
                check=False,
                version=version,
                documents=documents,
                entities=result.entities,
                label=label,
                trained_at=datetime.now(UTC).isoformat(),
            )
        return NerTraining(
            path=path.resolve(),
            examples=result.examples,
            entities=result.entities,
            labels=result.labels,
            losses=result.losses,
            problems=problems + result.problems,
            base=result.base,
            registered=register,
            documents=documents,
            version=version if register else None,
        )

    # ------------------------------------------------- label once, suggested everywhere
    def read_learned_terms(self) -> LearnedTerms:
        """The confirmed texts of the project's done and gold annotations, read now (one
        pass over the documents that have some). The window runs this in a worker thread
        with a Workspace of its own and hands the result to ``use_learned_terms``."""
        learned = LearnedTerms()
        for document, confirmed in self._confirmed():
            for annotation in confirmed:
                key = (document.id, annotation.source)
                _count(learned, key, document.text, annotation.spans)
        return learned

    def defer_learned_terms(self) -> None:
        """Until ``use_learned_terms``, count only my own spans (``learn_spans``) instead
        of reading the project's confirmed texts on first use (the window reads them in
        the background)."""
        self.__dict__["_learned_deferred"] = True

    def use_learned_terms(self, learned: LearnedTerms) -> None:
        """Use these confirmed texts (from ``read_learned_terms``); my spans counted by
        ``learn_spans`` meanwhile are counted again on top, as they are now."""
        if self.annotator:
            for document_id, text in self._learned_mine().items():
                spans = self.my_annotation(document_id).spans
                _count(learned, (document_id, self.annotator), text, spans)
        self.__dict__["_learned_terms"] = learned
        self.__dict__["_learned_deferred"] = False

    def _learned_mine(self) -> dict[str, str]:
        """The documents whose spans ``learn_spans`` counted, with their texts."""
        return self.__dict__.setdefault("_learned_documents", {})

    def _learned(self) -> LearnedTerms:
        learned = self.__dict__.get("_learned_terms")
        if learned is None:
            deferred = self.__dict__.get("_learned_deferred")
            learned = LearnedTerms() if deferred else self.read_learned_terms()
            self.__dict__["_learned_terms"] = learned
        return learned

    def learned_terms(self) -> TermIndex:
        """The project's confirmed entity texts (done and gold annotations, and my spans
        as I mark them), read from the database on first use only."""
        return self._learned().index

    def learn_spans(self, document_id: str, text: str | None = None) -> bool:
        """Count my spans of this document as they are now (after a change); True when
        the confirmed texts changed (then other documents' suggestions may too). Pass
        ``text`` when the caller holds the document."""
        if not self.annotator:
            return False
        learned = self._learned()
        if text is None:
            document = self.document(document_id)
            text = document.text if document else ""
        self._learned_mine()[document_id] = text
        spans = self.my_annotation(document_id).spans
        return _count(learned, (document_id, self.annotator), text, spans)

    def learned_suggestions(self, document_id: str, persist: bool = True) -> Annotation | None:
        """The document's suggestions with the confirmed texts merged in (see the module
        docstring), stored when they changed (with ``persist``), so that exports and the
        document list see what the window shows. None when it has none."""
        index = self.learned_terms()
        with self.db.reading() as session:
            found = suggestion_repo.documents_by_id(session, [document_id])
            if not found:
                return None
            pk, document = found[0]
            stored = suggestion_repo.suggestions_of(session, [pk]).get(pk)
        mine = self.my_annotation(document_id).spans if self.annotator else []
        merged = merge_learned(document, stored, mine, index)
        if merged is None:
            return stored
        if persist:
            version = stored.version if stored else 0
            with self.db.writing() as session:
                suggestion_repo.write_suggestions(session, [(pk, merged, version)])
            merged.version = version + 1
        return merged


def _count(learned: LearnedTerms, key: tuple[str, str], text: str, spans: Sequence[Span]) -> bool:
    """Make ``key``'s votes in the index those of ``spans``; True when the set of
    confirmed texts or their labels changed."""
    now = Counter((text[s.start : s.end], s.label) for s in spans)
    before = learned.counted.get(key, Counter())
    if now == before:
        return False
    for (term, label), n in (before - now).items():
        learned.index.remove(term, label, n)
    for (term, label), n in (now - before).items():
        learned.index.add(term, label, n)
    if now:
        learned.counted[key] = now
    else:
        learned.counted.pop(key, None)
    return True


def merge_learned(
    document: Document,
    stored: Annotation | None,
    confirmed: Sequence[Span],
    index: TermIndex,
) -> Annotation | None:
    """``stored`` with the confirmed texts' matches in ``document`` merged into its spans
    (none over a ``confirmed`` span or a suggested one; those merged before and no longer
    matched are taken back), or None when nothing changes. The suggestions are shared by
    every annotator, so one annotator's rejections are not applied here (the window hides
    them from that annotator only)."""
    meta = stored.meta if stored else {}
    previous = {tuple(item) for item in (meta.get(LEARNED) or [])}
    kept = [s for s in stored.spans if (s.start, s.end, s.label) not in previous] if stored else []
    taken = [(s.start, s.end) for s in (*kept, *confirmed)]
    added = [s for s in index.find(document.text) if not _overlaps(taken, s)]
    learned = [[s.start, s.end, s.label] for s in added]
    spans = sorted((*kept, *added), key=lambda s: (s.start, s.end))
    if stored is None:
        if not added:
            return None
    elif spans == stored.spans and learned == (stored.meta.get(LEARNED) or []):
        return None
    annotation = fresh(document.id, stored)
    annotation.spans = spans
    if learned:
        annotation.meta[LEARNED] = learned
    else:
        annotation.meta.pop(LEARNED, None)
    return annotation


def _overlaps(taken: Sequence[tuple[int, int]], span: Span) -> bool:
    return any(start < span.end and span.start < end for start, end in taken)


def _entity_source(annotations: list[Annotation]) -> Annotation | None:
    """Gold if it has entity spans, else the latest done annotation that has some."""
    gold = next((a for a in annotations if a.source == GOLD and a.spans), None)
    if gold is not None:
        return gold
    with_spans = [a for a in annotations if a.spans]
    return max(with_spans, key=lambda a: a.updated_at or "", default=None)
