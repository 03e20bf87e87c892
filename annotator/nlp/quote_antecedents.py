"""Who a pronoun speaker (he, she, they) stands for: the nearest preceding person.

- With PERSON entity spans (from an entity suggester or a pipeline), the nearest one before
  the pronoun, outside quotes.
- Without them: the nearest mention of a speaker of an earlier quote (its full name or one
  of its words: "Kim" after "Kim Jong Un"); failing that, the nearest run of two or more
  capitalised words outside quotes that does not name an organisation ("Agency", "Inc.").
- "they" is the nearest earlier group speaker, or a plural subject opening a sentence ("The
  nurses gathered ..."); "it" likewise a singular one ("the company said. ... it added").

Nothing found: the pronoun stays the speaker (the user sees what was meant and can fix it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotator.core.model import Range
from annotator.nlp import quote_speakers as words

WINDOW = 1500
_ORG_WORDS = words.word_set(
    """Agency Ministry Department Party University College School Council Committee
    Company Corp Corp. Inc Inc. Ltd Bank Association Union Court Office Service Commission
    Institute Group Federation Organization Organisation News Times Post Network Airlines
    Army Navy Police Hospital Church Board Authority Fund Foundation Centre Center"""
)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)(?=[A-Z])")


def resolve(
    text: str,
    pronoun: Range,
    before: int,
    persons: Sequence[Range],
    speakers: Sequence[Range],
    quoted: Sequence[Range],
) -> Range:
    """The antecedent of ``pronoun`` among what precedes offset ``before``."""
    outside = [r for r in persons if r.end <= before and not _inside(r, quoted)]
    word = text[pronoun.start : pronoun.end].lower()
    if word in ("they", "it"):
        return _group(text, before, speakers, quoted, plural=word == "they") or pronoun
    if persons:
        return _with_title(text, outside[-1]) if outside else pronoun
    window = max(0, before - WINDOW)
    runs = [r for r in _name_runs(text, window, before) if not _inside(r, quoted)]
    sentence = _sentence_start(text, before)
    known = _mentions(text, window, before, [*speakers, *_subjects(text, window, before)], quoted)
    known += [r for r in runs if r.start >= sentence]  # "Joe Biden gave a speech in which he"
    return max(known or runs, key=lambda r: r.end, default=pronoun)


def _with_title(text: str, person: Range) -> Range:
    """A person's span grown over the capitalised title right before it ("Auditor General
    Samuel Reed"), as a speaker found in the text would be."""
    line = text.rfind("\n", 0, person.start) + 1
    toks = words.tokens(text, max(line, person.start - 60), person.end)
    run = words._run_back(toks, len(toks) - 1, 0) if toks else None
    if run is None or toks[run[0]].start >= person.start:
        return person
    return Range(toks[run[0]].start, person.end)


def _inside(r: Range, quoted: Sequence[Range]) -> bool:
    return any(q.contains(r) for q in quoted)


def _person_like(text: str, r: Range) -> bool:
    first = text[r.start : r.end].split()[0]
    return first[0].isupper() and first.lower() not in words.DETERMINERS | words.PRONOUNS


def _mentions(
    text: str, start: int, before: int, speakers: Sequence[Range], quoted: Sequence[Range]
) -> list[Range]:
    """Mentions of earlier speakers' names (whole or one word of them) before ``before``."""
    names: set[str] = set()
    for r in speakers:
        if r.end <= before and _person_like(text, r):
            name = text[r.start : r.end]
            names.add(name)
            names.update(w for w in name.split() if len(w) > 2 and words.is_name(_tok(w)))
    if not names:
        return []
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
    found = (Range(m.start(), m.end()) for m in pattern.finditer(text, start, before))
    return [r for r in found if not _inside(r, quoted)]


def _sentence_start(text: str, before: int) -> int:
    window = _SENTENCE_START.finditer(text, max(0, before - 400), min(len(text), before + 1))
    starts = [m.end() for m in window if m.end() <= before]
    return starts[-1] if starts else max(0, before - 400)


def _subjects(text: str, start: int, before: int) -> list[Range]:
    """Names that are subjects of a reporting verb ("Schwartz said as much ...")."""
    toks = words.tokens(text, start, before)
    found = []
    for i, tok in enumerate(toks):
        if words.is_cue(tok):
            pair = words.speaker_before(toks, i, 0)
            if pair is not None and words.is_name(toks[pair[0]]):
                names = [t.text for t in toks[pair[0] : pair[1] + 1]]
                if not any(n in _ORG_WORDS for n in names):
                    found.append(words.span(toks, pair))
    return found


def _tok(word: str) -> words.Token:
    return words.Token(word, 0, len(word))


def _name_runs(text: str, start: int, before: int) -> list[Range]:
    toks = words.tokens(text, start, before)
    runs, i = [], 0
    while i < len(toks):
        run = words._run_forward(toks, i)
        if run is None:
            i += 1
            continue
        names = [t.text for t in toks[run[0] : run[1] + 1]]
        if len(names) >= 2 and not any(n in _ORG_WORDS for n in names):
            runs.append(words.span(toks, run))
        i = run[1] + 1
    return runs


def _group(
    text: str, before: int, speakers: Sequence[Range], quoted: Sequence[Range], plural: bool
) -> Range | None:
    """The nearest earlier group speaker or sentence subject, plural or singular, that is not
    a person's name."""

    def fits(r: Range) -> bool:
        phrase = text[r.start : r.end]
        if phrase.lower() in words.PRONOUNS or (not plural and _person_like(text, r)):
            return False
        return phrase.endswith("s") == plural

    candidates = [r for r in speakers if r.end <= before and fits(r)]
    for match in _SENTENCE_START.finditer(text, max(0, before - WINDOW), before):
        toks = words.tokens(text, match.end(), min(before, match.end() + 80))
        found = words.subject(toks, 0)
        if found is not None:
            r = words.span(toks, found)
            if fits(r) and r.end <= before and not _inside(r, quoted):
                candidates.append(r)
    return max(candidates, key=lambda r: r.end, default=None)
