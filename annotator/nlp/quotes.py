"""Quote suggestions: quoted content, its speaker and its cue, in pure Python.

``suggest_quotes(text, entities, attributions)`` finds

- quotes in straight (``"..."``) and curly (``“...”``, ``„...“``, ``«...»``) marks;
- a quote continued across paragraphs, the news convention: a paragraph that ends inside
  a quote with no closing mark, and the next paragraph opening with a quote mark, continue
  one quote (its content runs from the first opening mark to the last closing mark);
- partial quotes inside a sentence (``Smith said the plan was "dead on arrival."``);

and attributes each to a speaker and a cue (the reporting verb or "according to"):

- with a dependency parse (``attributions_from_doc`` turns a parsed spaCy ``Doc`` into
  ``Attribution`` candidates: the reporting verb and its ``nsubj``), the candidate nearest
  the quote in the rest of its sentence, else before it in the sentence;
- else a window heuristic: ``"...," X said`` / ``"...," said X`` / ``X said: "..."`` /
  ``X said the plan was "..."`` / ``according to X``, where X is an entity span, a
  capitalised name, a pronoun or a short ``the ...`` phrase;
- a pronoun speaker (he, she, they) is resolved to the nearest preceding person: a PERSON
  entity span if any were given, else a capitalised name or an earlier quote's speaker;
- a quote with no attribution of its own that follows another quote in the same or the
  previous paragraph inherits that quote's speaker (the cue stays empty).

Offsets are ``[start, end)`` into ``text``; content excludes the quote marks. Short quotes
(fewer than three words) with no cue are taken for scare quotes and dropped. Unbalanced
marks never raise: an unclosed quote is dropped at the end of its paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from annotator.core.model import Quote, Range, Span

ID = "suggest.quotes.rules.v1"

OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
ALL_MARKS = OPENERS | CLOSERS | {STRAIGHT}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


REPORTING_LEMMAS = _words(
    """say tell add ask write state explain note argue claim insist warn recall declare
    announce acknowledge admit reply respond continue tweet post testify concede confirm
    suggest emphasize emphasise stress observe remark complain predict caution
    """
)
# verbs that attribute a quote wherever they stand; the others only right after it
# ("..., he continued"), since before a quote they are often not reporting ("only confirmed")
STRONG_LEMMAS = _words(
    """say tell add ask write state explain note argue claim insist warn recall declare
    announce acknowledge admit reply respond tweet testify"""
)
_IRREGULAR = {
    "say": "says said saying",
    "tell": "tells told telling",
    "write": "writes wrote writing written",
    "admit": "admits admitted admitting",
}


def _forms(lemma: str) -> list[str]:
    if lemma in _IRREGULAR:
        return [lemma, *_IRREGULAR[lemma].split()]
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    if lemma.endswith("e"):
        return [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch")) else "s")
    return [lemma, third, lemma + "ed", lemma + "ing"]


REPORTING_FORMS = frozenset(f for lemma in REPORTING_LEMMAS for f in _forms(lemma))
PRONOUNS = frozenset({"he", "she", "they"})
_SP = r"[ \u00a0]+"
TITLES = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Prof|Rev|Sgt|Capt|Pres|St)\."
_CAP_WORD = r"(?:[A-Z]\.|[A-Z][\w'’\-]*)"
_PARTICLE = r"(?:de|da|del|van|von|der|bin|al|la|le)"
_NAME = rf"(?:{TITLES}{_SP})?{_CAP_WORD}(?:{_SP}(?:{_PARTICLE}{_SP})?{_CAP_WORD})*"
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey)"
_DET = r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)"
_THE_PHRASE = rf"{_DET}{_SP}[\w'’\-]+(?:{_SP}[\w'’\-]+){{0,3}}?"
_SPEAKER = rf"\b(?:{_PRONOUN}|{_NAME}|{_THE_PHRASE})"
STRONG_FORMS = frozenset(f for lemma in STRONG_LEMMAS for f in _forms(lemma))


def _alternation(words: frozenset[str]) -> str:
    return r"(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")"


_VERB = _alternation(REPORTING_FORMS)
_STRONG_VERB = _alternation(STRONG_FORMS)
_BARE = r"[a-z][\w'’\-]*(?:[ \u00a0][a-z][\w'’\-]*){0,2}?"
_ADVERB = r"(?:(?:also|later|then|once|previously|has|had|have|recently|again)" + _SP + ")?"

# after the closing mark: `, said X` / `, X said` / `, according to X`
_AFTER_VERB_NAME = re.compile(
    rf"^[\s,]*\b(?P<cue>{_VERB}){_SP}(?P<speaker>{_PRONOUN}|{_NAME})(?=[\s,.;:!?]|$)"
)
_AFTER_VERB_PHRASE = re.compile(
    rf"^[\s,]*\b(?P<cue>{_VERB}){_SP}(?P<speaker>{_THE_PHRASE})(?=[,.;:!?]|$)"
)
_AFTER_SPEAKER_VERB = re.compile(
    rf"^[\s,]*(?P<speaker>{_SPEAKER}|{_BARE}){_SP}{_ADVERB}(?P<cue>{_VERB})\b"
)
_ACCORDING = re.compile(
    rf"\b(?P<cue>[Aa]ccording{_SP}to){_SP}(?P<speaker>{_NAME}|{_THE_PHRASE})(?=[,.;:!?]|$)"
)
# before the opening mark: `X said:` / `X said that` / `X said the plan was`
_BEFORE = re.compile(rf"(?P<speaker>{_SPEAKER}){_SP}{_ADVERB}(?P<cue>{_STRONG_VERB})\b")
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!Mr)(?<!Mrs)(?<!Ms)(?<!Dr)(?<!St)(?<!Gov)(?<!Sen)(?<!Rep)[.!?](?=\s)|\n"
)
_NAME_CANDIDATE = re.compile(rf"\b{_NAME}")
_NOT_NAMES = _words(
    """The A An In On At But And When After Before While If As It This That These Those
    There Then He She They We I You His Her Their Our Its Of For From To With By Some
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Share Read More"""
)
AFTER_WINDOW = 120
BEFORE_WINDOW = 200
MIN_WORDS = 3
ANTECEDENT_WINDOW = 1500


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reporting verb (or "according to") and its subject, from a dependency parse."""

    cue: Range
    speaker: Range | None


class Quoted(NamedTuple):
    """A balanced quote: content offsets, the marks, the paragraphs it opens and closes in."""

    start: int
    end: int
    open_mark: int
    close_mark: int
    first_paragraph: int
    last_paragraph: int


_INTERESTING = re.compile(r'\n\s*|["“”„«»]')


def find_quoted(text: str) -> list[Quoted]:
    """Every balanced quote, continued across paragraphs by the news convention."""
    found: list[Quoted] = []
    open_at: int | None = None
    open_paragraph = 0
    paragraph = 0
    skip_to = -1
    for match in _INTERESTING.finditer(text):
        i = match.start()
        if i < skip_to:
            continue
        ch = text[i]
        if ch == "\n":
            paragraph += 1
            j = match.end()
            if open_at is not None:
                if j < len(text) and (
                    text[j] in OPENERS or (text[j] == STRAIGHT and _opens(text, j))
                ):
                    skip_to = j + 1  # the next paragraph continues the quote
                    continue
                open_at = None  # unbalanced: an unclosed quote ends with its paragraph
            continue
        if ch in OPENERS:
            open_at, open_paragraph = i, paragraph  # an earlier unclosed one is dropped
        elif ch in CLOSERS:
            if open_at is not None:
                found.append(Quoted(open_at + 1, i, open_at, i, open_paragraph, paragraph))
                open_at = None
        elif open_at is not None and (_closes(text, i) or not _opens(text, i)):
            found.append(Quoted(open_at + 1, i, open_at, i, open_paragraph, paragraph))
            open_at = None
        elif _opens(text, i) and not _closes(text, i):
            open_at, open_paragraph = i, paragraph
    return found


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-'’")


def suggest_quotes(
    text: str,
    entities: Sequence[Span] = (),
    attributions: Sequence[Attribution] | None = None,
) -> list[Quote]:
    """Quotes in ``text`` with speakers and cues (see the module docstring)."""
    raw = find_quoted(text)
    marks = [Range(q.open_mark, q.close_mark + 1) for q in raw]
    persons = sorted(
        (
            Range(s.start, s.end)
            for s in entities
            if s.label == "PERSON" and not any(m.contains(Range(s.start, s.end)) for m in marks)
        ),
        key=lambda r: (r.start, r.end),
    )
    speakerish = [Range(s.start, s.end) for s in entities if s.label in SPEAKER_LABELS]
    quotes: list[Quote] = []
    previous: tuple[Range | None, int] | None = None  # (speaker, last paragraph)
    for q in raw:
        content = _strip(text, q.start, q.end)
        if content is None:
            continue
        speaker, cue = _attribute(text, q, attributions, marks)
        if speaker is not None:
            speaker = _snap(speaker, speakerish)
            if text[speaker.start : speaker.end].lower() in PRONOUNS:
                before = min(speaker.start, q.open_mark)
                speaker = _antecedent(text, before, persons, quotes, marks)
        if speaker is None and cue is None and previous is not None:
            prev_speaker, prev_paragraph = previous
            if q.first_paragraph - prev_paragraph <= 1:
                speaker = prev_speaker
        if len(text[content.start : content.end].split()) < MIN_WORDS and cue is None:
            continue  # scare quotes
        if speaker is not None and speaker.overlaps(content):
            speaker = None
        quotes.append(Quote(content.start, content.end, speaker, cue))
        previous = (speaker, q.last_paragraph)
    return quotes


SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _strip(text: str, start: int, end: int) -> Range | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Range(start, end) if end > start else None


def _sentence_end(text: str, i: int, limit: int) -> int:
    match = _SENTENCE_END.search(text, i, min(len(text), i + limit))
    return match.end() if match else min(len(text), i + limit)


def _sentence_start(text: str, i: int, limit: int) -> int:
    start = max(0, i - limit)
    for match in _SENTENCE_END.finditer(text, start, i):
        start = match.end()
    return start


def _attribute(
    text: str, q: Quoted, attributions: Sequence[Attribution] | None, marks: list[Range]
) -> tuple[Range | None, Range | None]:
    after_start = q.close_mark + 1
    after_end = _sentence_end(text, after_start, AFTER_WINDOW)
    before_start = _sentence_start(text, q.open_mark, BEFORE_WINDOW)
    for other in marks:  # other quotes' surroundings are theirs
        if after_start <= other.start < after_end:
            after_end = other.start
        if before_start < other.end <= q.open_mark:
            before_start = other.end
    if attributions:
        after = [a for a in attributions if after_start <= a.cue.start and a.cue.end <= after_end]
        before = [
            a for a in attributions if before_start <= a.cue.start and a.cue.end <= q.open_mark
        ]
        chosen = min(after, key=lambda a: a.cue.start, default=None) or max(
            before, key=lambda a: a.cue.end, default=None
        )
        if chosen is not None and chosen.speaker is not None:
            return chosen.speaker, chosen.cue
    return _heuristic(text, after_start, after_end, before_start, q.open_mark)


def _heuristic(
    text: str, after_start: int, after_end: int, before_start: int, open_mark: int
) -> tuple[Range | None, Range | None]:
    after = text[after_start:after_end]
    for pattern in (_AFTER_VERB_NAME, _AFTER_VERB_PHRASE, _AFTER_SPEAKER_VERB):
        match = pattern.match(after)
        if match and _plausible(match.group("speaker")):
            return _ranges(match, after_start)
    match = _ACCORDING.match(after, len(after) - len(after.lstrip(" ,")))
    if match:
        return _ranges(match, after_start)
    before = text[before_start:open_mark]
    according = list(_ACCORDING.finditer(before))
    if according and not before[according[-1].end() :].strip(" ,:—–-"):
        return _ranges(according[-1], before_start)
    best = None
    for match in _BEFORE.finditer(before):
        if _plausible(match.group("speaker")):
            best = match
    if best is not None:
        return _ranges(best, before_start)
    return None, None


def _plausible(speaker: str) -> bool:
    first = speaker.split()[0]
    if first.lower() in PRONOUNS or re.fullmatch(_DET, first):
        return True
    return first not in _NOT_NAMES


def _ranges(match: re.Match[str], offset: int) -> tuple[Range, Range]:
    speaker = Range(offset + match.start("speaker"), offset + match.end("speaker"))
    cue = Range(offset + match.start("cue"), offset + match.end("cue"))
    return speaker, cue


def _snap(speaker: Range, entities: list[Range]) -> Range:
    """An entity span overlapping the heuristic speaker is the speaker."""
    for entity in entities:
        if entity.overlaps(speaker):
            return entity
    return speaker


def _antecedent(
    text: str, before: int, persons: list[Range], earlier: list[Quote], marks: list[Range]
) -> Range | None:
    """The nearest person mentioned before ``before``, outside quotes."""
    if persons:
        preceding = [p for p in persons if p.end <= before]
        return preceding[-1] if preceding else None
    candidates: list[Range] = [
        q.speaker
        for q in earlier
        if q.speaker is not None
        and q.speaker.end <= before
        and text[q.speaker.start : q.speaker.end].lower() not in PRONOUNS
    ]
    window = max(0, before - ANTECEDENT_WINDOW)
    inside = [m for m in marks if m.end > window and m.start < before]
    for match in _NAME_CANDIDATE.finditer(text, window, before):
        start, end = match.start(), match.end()
        words = match.group().split()
        while words and words[0] in _NOT_NAMES:  # "The", "On Tuesday": not names
            start += len(words[0])
            words = words[1:]
            while start < end and text[start].isspace():
                start += 1
        if any(w in _NOT_NAMES for w in words):
            continue
        found = Range(start, end)
        if (len(words) >= 2 or (words and re.match(TITLES, words[0]))) and not any(
            m.contains(found) for m in inside
        ):
            candidates.append(found)
    return max(candidates, key=lambda r: r.end, default=None)


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
