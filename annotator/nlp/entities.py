"""Entity suggestions: a spaCy pipeline's entities mapped to the label schema, and a
gazetteer of the project's confirmed entity spans.

Label mapping (spaCy OntoNotes label -> schema label; a label the schema declares under
its own name is kept as it is, whatever this table says):

==========================================  ===========  ==================================
spaCy label                                 schema       why
==========================================  ===========  ==================================
PERSON ORG GPE LOC NORP DATE EVENT          the same     the default schema uses their names
FAC (buildings, airports, bridges)          LOC          a physical place
PRODUCT WORK_OF_ART LAW LANGUAGE            MISC         named things of no other class
PER / MISC (WikiNER pipelines)              PERSON/MISC
CARDINAL ORDINAL QUANTITY MONEY PERCENT     dropped      numbers, not names; kept only when
TIME                                                     the schema declares them
==========================================  ===========  ==================================

A mapped label the schema does not declare is dropped. The gazetteer labels every
occurrence of a confirmed span text: case-sensitive, at word boundaries, longest match
first, no overlaps; a text confirmed with several labels takes its most frequent one.
Scores: spaCy's NER gives no calibrated probability, so model spans carry
``MODEL_SCORE``; a gazetteer span carries the share of the confirmations of its text that
agree with its label, times ``GAZETTEER_SCORE``; a rule span its rule's precision.

Where the model's, the gazetteer's and the rules' spans overlap (``by_confidence``), a
span inside a longer one of another source loses to it, and otherwise the most confident
one wins (on equal confidence the model's, then the gazetteer's, then the longer span).
Chosen on held-out CoNLL-2003 ``eng.train`` documents (``benchmarks/entities.py --score-on
dev``): at 100 labelled documents it scored F1 0.764 against 0.697 for "the model first,
the gazetteer, then the rules in the gaps" (0.742 by confidence alone; another draw 0.777
against 0.725, 200 documents 0.799 against 0.743): the rules' place and person spans
(precision 0.81-0.9) are surer than a model trained on so few documents, but the model's
longer names ("Bank of England", "Manchester United") are right more often than the place
or person inside them. A beam search's probabilities as the model's confidence did no
better (spaCy's greedy-trained NER is sure of nearly everything it finds).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from annotator.core.model import Span
from annotator.nlp import registry
from annotator.nlp.pipeline import LoadedPipeline
from annotator.nlp.quotes import Attribution, attributions_from_doc

SPACY_TO_SCHEMA = {
    "FAC": "LOC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PER": "PERSON",
}
DROPPED = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "TIME"})
MODEL_SCORE = 0.75
GAZETTEER_SCORE = 0.9
MIN_TERM_LENGTH = 2
BATCH_SIZE = 64
# spaCy's default max_length is 10**6; long documents are cut at block boundaries
MAX_PIECE = 100_000


def map_label(label: str, schema_labels: Iterable[str]) -> str | None:
    """The schema label for a spaCy label, or None when the schema has no place for it."""
    names = set(schema_labels)
    if label in names:
        return label
    if label in DROPPED:
        return None
    mapped = SPACY_TO_SCHEMA.get(label)
    return mapped if mapped in names else None


@dataclass
class Gazetteer:
    """Confirmed entity texts and their labels, matched in new text."""

    votes: dict[str, Counter[str]] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)

    @classmethod
    def from_spans(cls, items: Iterable[tuple[str, Iterable[Span]]]) -> Gazetteer:
        """From (text, confirmed spans of that text) pairs."""
        gazetteer = cls()
        for text, spans in items:
            for span in spans:
                gazetteer.add(text[span.start : span.end], span.label)
        return gazetteer

    def add(self, term: str, label: str) -> None:
        term = term.strip()
        if len(term) >= MIN_TERM_LENGTH and any(ch.isalnum() for ch in term):
            self.votes.setdefault(term, Counter())[label] += 1
            self._pattern = None

    def __len__(self) -> int:
        return len(self.votes)

    def _compiled(self) -> re.Pattern[str] | None:
        if self._pattern is None and self.votes:
            terms = sorted(self.votes, key=lambda t: (-len(t), t))
            alternation = "|".join(re.escape(t) for t in terms)
            # word boundaries that also hold for terms starting/ending in punctuation
            self._pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
        return self._pattern

    def find(self, text: str) -> list[Span]:
        pattern = self._compiled()
        if pattern is None:
            return []
        found = []
        for match in pattern.finditer(text):
            votes = self.votes[match.group()]
            label, n = votes.most_common(1)[0]
            score = round(GAZETTEER_SCORE * n / sum(votes.values()), 4)
            found.append(Span(match.start(), match.end(), label, score))
        return found


def merge(model: Sequence[Span], extra: Sequence[Span]) -> list[Span]:
    """``model`` spans plus the ``extra`` spans that overlap none of them."""
    taken = sorted((s.start, s.end) for s in model)
    out = list(model)
    for span in extra:
        if not any(start < span.end and span.start < end for start, end in taken):
            out.append(span)
    return sorted(out, key=lambda s: (s.start, s.end))


def by_confidence(*sources: Sequence[Span]) -> list[Span]:
    """The spans of ``sources`` combined: a span that lies inside a longer span of another
    source loses to it (the longer name: "Bank of England" over "England", "Kim Jong Un"
    over "Kim"); among the rest, overlaps go to the most confident span, then to that of
    an earlier source, then to the longer, then to the earlier. A span (and label) that
    several sources give is the earliest source's (with its own score), ranked by the
    highest score any of them gives it."""
    ranked = []
    agreed: dict[tuple[int, int, str], float] = {}  # span -> the best confidence in it
    for spans in sources:
        for span in spans:
            key = (span.start, span.end, span.label)
            agreed[key] = max(agreed.get(key, 0.0), span.score or 0.0)
    seen: set[tuple[int, int, str]] = set()
    for rank, spans in enumerate(sources):
        others = [s for other, more in enumerate(sources) if other != rank for s in more]
        for span in spans:
            key = (span.start, span.end, span.label)
            if key in seen or any(_inside(span, other) for other in others):
                continue
            seen.add(key)
            ranked.append((span, rank, agreed[key]))
    ranked.sort(key=lambda item: (-item[2], item[1], item[0].start - item[0].end, item[0].start))
    kept: list[Span] = []
    for span, _, _ in ranked:
        if not any(s.start < span.end and span.start < s.end for s in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.end))


def _inside(span: Span, other: Span) -> bool:
    """``span`` lies inside ``other`` and is shorter."""
    longer = other.end - other.start > span.end - span.start
    return longer and other.start <= span.start and span.end <= other.end


@dataclass
class DocumentAnalysis:
    """What the pipeline said of one text: entity spans, and reporting-verb attributions
    when it has a parser (None otherwise)."""

    spans: list[Span]
    attributions: list[Attribution] | None


@dataclass
class EntitySuggester:
    """Runs the pipeline (if any) over texts in batches, and combines its entities with
    the gazetteer's matches and the rules' spans (:mod:`annotator.nlp.entity_rules`,
    ``use_rules``, on by default): on overlaps the most confident span wins
    (``by_confidence``)."""

    pipeline: LoadedPipeline | None
    gazetteer: Gazetteer
    schema_labels: tuple[str, ...]
    batch_size: int = BATCH_SIZE
    use_rules: bool = True

    @property
    def model_id(self) -> str:
        """What suggestions record as the entity model."""
        parts = []
        if self.pipeline is not None and self.pipeline.has_ner:
            parts.append(f"{registry.ENTITIES_SPACY}:{self.pipeline.label}")
        if self.use_rules:
            parts.append(registry.ENTITIES_RULES)
        parts.append(f"{registry.ENTITIES_GAZETTEER}:{len(self.gazetteer)} terms")
        return "+".join(parts)

    def _rule_spans(self, text: str) -> list[Span]:
        if not self.use_rules:
            return []
        from annotator.nlp.entity_rules import rules

        return rules().find(text, self.schema_labels)

    def analyse(
        self,
        texts: Sequence[str],
        entities: bool = True,
        parse: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> Iterator[DocumentAnalysis]:
        """One analysis per text, in order; ``progress(n)`` after each text."""
        pipeline = self.pipeline
        run_model = pipeline is not None and (
            (entities and pipeline.has_ner) or (parse and pipeline.has_parser)
        )
        if not run_model:
            for n, text in enumerate(texts, 1):
                spans = self._combined([], text) if entities else []
                if progress:
                    progress(n)
                yield DocumentAnalysis(spans, None)
            return
        assert pipeline is not None
        pieces: list[tuple[int, int, str]] = []  # (text index, offset, piece)
        for index, text in enumerate(texts):
            pieces.extend((index, offset, piece) for offset, piece in _pieces(text))
        disabled = pipeline.disabled(entities, parse)
        docs = pipeline.nlp.pipe(
            (piece for _, _, piece in pieces), batch_size=self.batch_size, disable=disabled
        )
        labels = self.schema_labels
        current = DocumentAnalysis([], [] if parse and pipeline.has_parser else None)
        current_index = 0
        for (index, offset, _), doc in zip(pieces, docs, strict=True):
            while index > current_index:
                yield self._finish(current, texts[current_index], entities)
                if progress:
                    progress(current_index + 1)
                current_index += 1
                current = DocumentAnalysis([], [] if parse and pipeline.has_parser else None)
            if entities:
                for ent in doc.ents:
                    label = map_label(ent.label_, labels)
                    if label is not None and "\n" not in ent.text:
                        current.spans.append(
                            Span(offset + ent.start_char, offset + ent.end_char, label, MODEL_SCORE)
                        )
            if current.attributions is not None:
                current.attributions.extend(attributions_from_doc(doc, offset))
        while current_index < len(texts):
            yield self._finish(current, texts[current_index], entities)
            if progress:
                progress(current_index + 1)
            current_index += 1
            current = DocumentAnalysis([], [] if parse and pipeline.has_parser else None)

    def _finish(self, analysis: DocumentAnalysis, text: str, entities: bool) -> DocumentAnalysis:
        if entities:
            analysis.spans = self._combined(analysis.spans, text)
        return analysis

    def _combined(self, model: Sequence[Span], text: str) -> list[Span]:
        """``by_confidence`` of the three sources, where a rule span of exactly a confirmed
        term's range gives way to it whatever their scores: a person labelled that text."""
        confirmed = self.gazetteer.find(text)
        ranges = {(s.start, s.end) for s in confirmed}
        rules = [s for s in self._rule_spans(text) if (s.start, s.end) not in ranges]
        return by_confidence(model, confirmed, rules)

    def suggest(self, texts: Sequence[str]) -> list[list[Span]]:
        return [a.spans for a in self.analyse(texts)]


def _pieces(text: str) -> list[tuple[int, str]]:
    """The text in pieces of at most ``MAX_PIECE`` characters, cut at paragraph breaks
    (or anywhere, for a paragraph longer than that)."""
    if len(text) <= MAX_PIECE:
        return [(0, text)]
    pieces = []
    start = 0
    while start < len(text):
        end = min(len(text), start + MAX_PIECE)
        if end < len(text):
            cut = text.rfind("\n", start + 1, end)
            end = cut + 1 if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces
