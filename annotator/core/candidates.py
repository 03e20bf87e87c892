"""Name candidates for span mode's select-name and jump keys, and the other occurrences
of a text for "label every occurrence". Pure Python over the token index.

A candidate is a suggested entity span or a run of capitalised words ("Kim Jong Un",
"Korean Central News Agency", "U.S.", "Procter & Gamble", "Bank of Korea"): inner
connectors (``of``, ``de``, ``&``, a dash...) join two capitalised words, a possessive
``'s`` or a lower-case word ends the run. A run's first word at the start of a sentence
is left out when the document also writes it in lower case ("The", "During" if
"during" occurs), unless a longer run capitalises it inside sentences too ("New
Zealand"): no word list needed. On CoNLL-2003 eng.testa (documents of 12 sentences)
90% of the PER/ORG/LOC/MISC entities are exactly a candidate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.caret import TokenIndex, is_word
from annotator.core.model import Span

# function words that may sit between two capitalised words of one name
CONNECTORS = frozenset(
    {"of", "de", "du", "des", "del", "della", "di", "da", "van", "von", "der", "den", "la", "le"}
)
JOINERS = frozenset({"-", "‐", "–"})  # dashes inside a name; "&" is a connector too
SENTENCE_END = frozenset(".!?:;—\n")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may be: ``label`` is the suggested label (``None`` for a
    capitalised run nobody suggested)."""

    start: int
    end: int
    label: str | None = None


def _capitalised(token: str) -> bool:
    first = next((c for c in token if c.isalpha()), "")
    return bool(first) and first.isupper() and token[0] not in "'’"


def capitalised_runs(text: str, tokens: TokenIndex) -> list[tuple[int, int]]:
    """``[start, end)`` of every run of capitalised words (never across a line)."""
    words = [text[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)]
    lower = {w.lower() for w in words if w.islower()}
    inside = {w for i, w in enumerate(words) if not _sentence_start(text, tokens, i)}
    # a word in capitals the document also writes in lower case is no name ("BEAT")
    named = [
        _capitalised(w) and not (len(w) > 1 and w.isupper() and w.lower() in lower) for w in words
    ]
    runs: list[tuple[int, int]] = []
    i, n = 0, len(words)
    while i < n:
        if not named[i]:
            i += 1
            continue
        first = last = i
        j = i + 1
        while j < n and "\n" not in text[tokens.ends[j - 1] : tokens.starts[j]]:
            if named[j]:
                last = j
                j += 1
                continue
            glue = words[j] in CONNECTORS or words[j] == "&"
            # a dash joins only when it touches both words: "Hewlett-Packard", not "A - B"
            tight = tokens.ends[j - 1] == tokens.starts[j] and j + 1 < n
            tight = tight and tokens.ends[j] == tokens.starts[j + 1]
            if (glue or (words[j] in JOINERS and tight)) and j + 1 < n and named[j + 1]:
                joined = "\n" not in text[tokens.ends[j] : tokens.starts[j + 1]]
                if joined:
                    last = j + 1
                    j += 2
                    continue
            break
        # at a sentence start, drop common words written capitalised ("The", "During")
        while first <= last and _sentence_start(text, tokens, first):
            word = words[first]
            common = word.lower() in lower  # the document also writes "the"
            # a longer run keeps a first word it capitalises inside sentences too ("New
            # Zealand" where "new" occurs); one word is kept unless it is common
            if not common or (first < last and word in inside):
                break
            first += 1
            while first <= last and not named[first]:
                first += 1
        if first <= last:
            runs.append((tokens.starts[first], tokens.ends[last]))
        i = j if j > i else i + 1
    return runs


def _sentence_start(text: str, tokens: TokenIndex, token: int) -> bool:
    """Whether the token opens a sentence, a line or the text (quotes skipped)."""
    i = tokens.starts[token] - 1
    while i >= 0 and text[i] in " \t“\"'‘(«":
        i -= 1
    return i < 0 or text[i] in SENTENCE_END


def candidates(text: str, tokens: TokenIndex, suggested: Iterable[Span] = ()) -> list[Candidate]:
    """Suggested spans and the capitalised runs no suggestion overlaps, in text order."""
    found = [Candidate(s.start, s.end, s.label) for s in suggested]
    taken = sorted((c.start, c.end) for c in found)
    for start, end in capitalised_runs(text, tokens):
        if not any(a < end and start < b for a, b in taken):
            found.append(Candidate(start, end))
    return sorted(found, key=lambda c: (c.start, c.end))


def occurrences(text: str, tokens: TokenIndex, start: int, end: int) -> list[tuple[int, int]]:
    """Every whole-word, case-sensitive occurrence of ``text[start:end]`` that starts and
    ends on token boundaries (the one given included)."""
    needle = text[start:end]
    if not needle.strip():
        return []
    starts, ends = set(tokens.starts), set(tokens.ends)
    found, at = [], text.find(needle)
    while at >= 0:
        stop = at + len(needle)
        edges = (at == 0 or not text[at - 1].isalnum()) and (
            stop == len(text) or not text[stop].isalnum()
        )
        if edges and at in starts and stop in ends:
            found.append((at, stop))
        at = text.find(needle, at + 1)
    return found


def worth_a_name(text: str) -> bool:
    """Whether a selection has a word in it (a bare comma is no entity)."""
    return any(is_word(piece) for piece in text.split())
