"""Quote suggestions: quoted content, its speaker and its cue, in pure Python.

``suggest_quotes(text, entities, attributions)`` finds quotes by their marks
(``quote_marks``: straight and curly marks, a quote continued over several paragraphs) and
attributes each to a speaker and a cue (the reporting verb or "according to"):

- with a dependency parse (``attributions_from_doc`` turns a parsed spaCy ``Doc`` into
  ``Attribution`` candidates: the reporting verb and its ``nsubj``), the candidate nearest
  the quote in the rest of its sentence, else before it in the sentence;
- else from the words around it (``quote_speakers``). A quote that ends a clause (its
  content ends with punctuation, or a comma or the sentence end follows it) is attributed
  first by the words after it (``“...,” Kim said``, ``“...,” said Jane Doe``, ``“...,”
  toward North Korea, Kim said``), then by the sentence before it (``Jane Doe said:
  “...”``); a quote inside a clause (``said the plan was “dead on arrival” in its form``)
  first by the sentence before it, then by a cue anywhere after it in the sentence;
- a pronoun speaker is resolved to the nearest preceding person (``quote_antecedents``);
- a quote with no attribution of its own that follows another quote in the same or the
  previous paragraph inherits that quote's speaker; its cue too when the two are one quote
  broken by its attribution in one paragraph (``“...,” Reid said. “...”``), else the cue
  stays empty; one with a
  subject pronoun before it in its sentence (``as he tries ..., embracing a “new Cold
  War”``) gets that pronoun's person, with no cue;
- a speaker overlapping an entity span (PERSON, ORG, NORP, GPE) grows to cover it.

Dropped: short quotes (fewer than three words) with no cue in their sentence, which are
scare quotes (``its “green” packaging``), fragments with neither speaker nor cue (``sold
as a “win for everyone”``), and titles (every main word capitalised: ``“The
Four Seasons”``) unless attributed by the words after them (a slogan: ``“Make America Great
Again,” they chanted``) and not after an article or preposition. A single quoted word in a sentence
with a reporting verb is a quote of that sentence's speaker (``Kim said ... Washington's
“unchangeable” hostility``). Offsets are ``[start, end)`` into ``text``; content excludes
the quote marks. Unbalanced marks never raise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from annotator.core.model import Quote, Range, Span
from annotator.nlp import quote_antecedents
from annotator.nlp import quote_speakers as words
from annotator.nlp.quote_marks import ALL_MARKS, CLOSERS, OPENERS, STRAIGHT, Quoted, find_quoted
from annotator.nlp.quote_speakers import PRONOUNS, REPORTING_FORMS, REPORTING_LEMMAS

__all__ = [
    "ALL_MARKS",
    "CLOSERS",
    "ID",
    "OPENERS",
    "PRONOUNS",
    "REPORTING_FORMS",
    "REPORTING_LEMMAS",
    "STRAIGHT",
    "Attribution",
    "Quoted",
    "attributions_from_doc",
    "find_quoted",
    "quotes_in_range",
    "suggest_quotes",
]

ID = "suggest.quotes.rules.v2"
AFTER_WINDOW = 160
BEFORE_WINDOW = 400
MIN_WORDS = 3
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!Mr)(?<!Mrs)(?<!Ms)(?<!Dr)(?<!St)(?<!Gov)(?<!Sen)(?<!Rep)[.!?](?=\s)|\n"
)
_SMALL = words.word_set("a an the and or of in on at to for with by from over into nor but as")


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reporting verb (or "according to") and its subject, from a dependency parse."""

    cue: Range
    speaker: Range | None


def suggest_quotes(
    text: str,
    entities: Sequence[Span] = (),
    attributions: Sequence[Attribution] | None = None,
) -> list[Quote]:
    """Quotes in ``text`` with speakers and cues (see the module docstring)."""
    raw = find_quoted(text)
    marks = [Range(q.open_mark, q.close_mark + 1) for q in raw]
    persons = sorted(
        (s.range for s in entities if s.label == "PERSON"), key=lambda r: (r.start, r.end)
    )
    speakerish = [s.range for s in entities if s.label in SPEAKER_LABELS]
    quotes: list[Quote] = []
    previous: tuple[Range | None, Range | None, int, int] | None = None
    # (speaker, cue, last paragraph, closing mark) of the quote before
    for q in raw:
        content = _strip(text, q.start, q.end)
        if content is None:
            continue
        before, after = _surroundings(text, q, content, marks)
        speaker, cue, from_after = _attribute(text, q, content, before, after, attributions)
        if speaker is not None:
            speaker = _grow(speaker, speakerish)
        said = [x.speaker for x in quotes if x.speaker is not None]
        if speaker is None and cue is None:
            if previous is not None and q.first_paragraph - previous[2] <= 1:
                speaker = previous[0]
                broken = previous[1] is not None and previous[3] < previous[1].start
                if broken and q.first_paragraph == previous[2] and previous[1].end <= q.open_mark:
                    cue = previous[1]  # one quote broken by its attribution: the same cue
            else:
                pronoun = words.last_pronoun(before)
                speaker = words.span(before, pronoun) if pronoun else None
        if speaker is not None and text[speaker.start : speaker.end].lower() in PRONOUNS:
            start = min(speaker.start, q.open_mark)
            speaker = quote_antecedents.resolve(text, speaker, start, persons, said, marks)
        body = text[content.start : content.end]
        if cue is None and len(body.split()) < MIN_WORDS:
            continue  # scare quotes
        if _title(body) and (not from_after or _after_article(before)):
            continue
        if speaker is None and cue is None and body[0].islower() and body[-1] not in ".?!,":
            continue  # a phrase nobody is said to have said: "sold as a “win for everyone”"
        if speaker is not None and speaker.overlaps(content):
            speaker = None
        quotes.append(Quote(content.start, content.end, speaker, cue))
        previous = (speaker, cue, q.last_paragraph, q.close_mark)
    return quotes


def _strip(text: str, start: int, end: int) -> Range | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Range(start, end) if end > start else None


def _surroundings(
    text: str, q: Quoted, content: Range, marks: list[Range]
) -> tuple[list[words.Token], list[words.Token]]:
    """The tokens of the sentence before the opening mark and after the closing mark, each
    stopping at another quote."""
    after_start = q.close_mark + 1
    match = _SENTENCE_END.search(text, after_start, min(len(text), after_start + AFTER_WINDOW))
    after_end = match.end() if match else min(len(text), after_start + AFTER_WINDOW)
    rest = text[after_start:after_end].lstrip(" \u00a0")
    if text[content.end - 1] == "." and (not rest or rest[0].isupper() or rest[0] in OPENERS):
        after_end = after_start  # "... winter.” The next sentence"
    before_start = max(0, q.open_mark - BEFORE_WINDOW)
    for match in _SENTENCE_END.finditer(text, before_start, q.open_mark):
        before_start = match.end()
    for other in marks:  # other quotes' surroundings are theirs
        if after_start <= other.start < after_end:
            after_end = other.start
        if before_start < other.end <= q.open_mark:
            before_start = other.end
    return (
        words.tokens(text, before_start, q.open_mark),
        words.tokens(text, after_start, max(after_start, after_end)),
    )


def _ends_clause(text: str, content: Range, after: list[words.Token]) -> bool:
    """True when the quote ends a clause: punctuation inside or right after its marks."""
    return text[content.end - 1] in ",.;:!?—–-…" or not after or after[0].text in ",;:—–-"


def _attribute(
    text: str,
    q: Quoted,
    content: Range,
    before: list[words.Token],
    after: list[words.Token],
    attributions: Sequence[Attribution] | None,
) -> tuple[Range | None, Range | None, bool]:
    """Speaker, cue, and whether they came from the words right after the quote."""
    ends = _ends_clause(text, content, after)
    if attributions:
        chosen = _parsed(q, before, after, attributions, ends)
        if chosen is not None:
            return chosen
    found_after = words.after_quote(after) if ends else None
    if found_after is not None:
        return words.span(after, found_after[0]), words.span(after, found_after[1]), True
    found = words.before_quote(before)
    if found is not None:
        return words.span(before, found[0]), words.span(before, found[1]), False
    found_after = None if ends else words.anywhere_after(after)
    if found_after is not None:
        return words.span(after, found_after[0]), words.span(after, found_after[1]), False
    return None, None, False


def _parsed(
    q: Quoted,
    before: list[words.Token],
    after: list[words.Token],
    attributions: Sequence[Attribution],
    ends: bool,
) -> tuple[Range | None, Range | None, bool] | None:
    """The parse's attribution nearest the quote, after it first when it ends a clause."""
    after_end = after[-1].end if after else q.close_mark + 1
    before_start = before[0].start if before else q.open_mark
    later = [a for a in attributions if q.close_mark < a.cue.start and a.cue.end <= after_end]
    earlier = [a for a in attributions if before_start <= a.cue.start and a.cue.end <= q.open_mark]
    first_after = min(later, key=lambda a: a.cue.start, default=None)
    last_before = max(earlier, key=lambda a: a.cue.end, default=None)
    order = (first_after, last_before) if ends else (last_before, first_after)
    for chosen in order:
        if chosen is not None and chosen.speaker is not None:
            return chosen.speaker, chosen.cue, chosen is first_after
    return None


def _after_article(before: list[words.Token]) -> bool:
    """True when the word before the opening mark makes the quote a noun: ``In “The House
    of Hidden Meanings,” RuPaul describes``."""
    return bool(before) and before[-1].lower in _SMALL | words.DETERMINERS


def _title(body: str) -> bool:
    """True for a title in quotes: two or more words, every main word capitalised."""
    found = re.findall(r"[\w'’\-]+", body)
    if len(found) < 2 or not found[0][0].isupper():
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL for w in found)


def _grow(speaker: Range, entities: list[Range]) -> Range:
    """The speaker grown to cover the entity spans overlapping it."""
    start, end = speaker.start, speaker.end
    for entity in entities:
        if entity.overlaps(speaker):
            start, end = min(start, entity.start), max(end, entity.end)
    return Range(start, end)


def attributions_from_doc(doc: Any, offset: int = 0) -> list[Attribution]:
    """Reporting verbs and their subjects from a dependency-parsed spaCy ``Doc``
    (duck-typed: tokens with ``dep_``, ``lemma_``, ``pos_``, ``children``)."""
    found: list[Attribution] = []
    for token in doc:
        lower = token.lower_
        if lower == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if to is not None and obj is not None:
                cue = Range(offset + token.idx, offset + to.idx + len(to))
                found.append(Attribution(cue, _phrase(obj, offset)))
            continue
        lemma = (token.lemma_ or "").lower()
        if lemma not in REPORTING_LEMMAS and lower not in REPORTING_FORMS:
            continue
        if token.pos_ and token.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        cue = Range(offset + token.idx, offset + token.idx + len(token))
        found.append(Attribution(cue, _phrase(subject, offset) if subject is not None else None))
    return found


def _phrase(token: Any, offset: int) -> Range:
    """The subject's words up to the subject itself and its flat/compound tail; an
    apposition after a comma is left out ("John Smith, the mayor," is John Smith)."""
    doc = token.doc
    left = token.left_edge.i
    for t in doc[left : token.i]:
        if t.text in (",", "(", "—", "–"):
            left = t.i + 1
    end = token.idx + len(token)
    for t in doc[token.i + 1 : token.right_edge.i + 1]:
        if t.dep_ not in ("flat", "compound"):
            break
        end = t.idx + len(t)
    return Range(offset + doc[left].idx, offset + end)


def quotes_in_range(quotes: Iterable[Quote], text_length: int) -> bool:
    """True when every offset of every quote lies inside a text of ``text_length``."""
    for q in quotes:
        for r in (q.range, q.speaker, q.cue):
            if r is not None and not (0 <= r.start < r.end <= text_length):
                return False
    return True


def quote_around(text: str, offset: int, entities: Sequence[Span] = ()) -> Quote | None:
    """The quoted passage whose marks hold ``offset``: its content (between the marks,
    continued over paragraphs as news text does), with the speaker and cue
    ``suggest_quotes`` gives it (short quotes too, which it would drop as scare quotes when
    they have no cue); None when ``offset`` is in no quote."""
    for quoted in find_quoted(text):
        if quoted.open_mark <= offset <= quoted.close_mark:
            start, end = quoted.start, quoted.end
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end <= start:
                return None
            for found in suggest_quotes(text, entities):
                if (found.start, found.end) == (start, end):
                    return found
            return Quote(start, end)
    return None
