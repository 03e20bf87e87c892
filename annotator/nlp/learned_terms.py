"""The confirmed entity texts of a project, kept up to date span by span, matched in text.

The same matching as ``entities.Gazetteer`` (case-sensitive, at word boundaries, the
longest term first at the leftmost position, no overlaps; a text confirmed with several
labels takes its most frequent one; the score is the share of agreeing confirmations
times ``GAZETTEER_SCORE``), with two differences that the window needs:

- votes can be taken back (a span deleted or relabelled), not only added;
- it imports no spaCy (the window keeps spaCy out of its process) and finds terms
  through a dictionary keyed by their first word, so matching a document costs one pass
  over its words however many terms the project has (a regex alternation of ten
  thousand terms tries each of them at every word), then by their second word, so only
  the terms sharing a text's first two words are tried there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from annotator.core.model import Span

GAZETTEER_SCORE = 0.9  # as entities.GAZETTEER_SCORE: what a confirmed text is worth
MIN_TERM_LENGTH = 2
_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


def usable(term: str) -> str | None:
    """The term as it is counted (stripped), or None when it is too short or has no
    letter or digit (as ``entities.Gazetteer.add`` decides)."""
    term = term.strip()
    if len(term) >= MIN_TERM_LENGTH and any(ch.isalnum() for ch in term):
        return term
    return None


class TermIndex:
    """Votes per (term, label), and the terms indexed by their first word."""

    def __init__(self) -> None:
        self.votes: dict[str, Counter[str]] = {}
        # first word -> second word (None: a one-word term) -> terms
        self._by_word: dict[str, dict[str | None, list[str]]] = {}
        self._odd: list[str] = []  # terms that start with punctuation (no first word)
        self._odd_pattern: re.Pattern[str] | None = None

    def __len__(self) -> int:
        return len(self.votes)

    def add(self, term: str, label: str, n: int = 1) -> bool:
        """Count ``n`` confirmations of ``term`` as ``label``; True when the term is new."""
        term = usable(term)
        if term is None or n <= 0:
            return False
        counter = self.votes.get(term)
        if counter is None:
            self.votes[term] = Counter({label: n})
            self._index(term)
            return True
        counter[label] += n
        return False

    def remove(self, term: str, label: str, n: int = 1) -> bool:
        """Take back ``n`` confirmations; True when the term is gone."""
        term = usable(term)
        counter = self.votes.get(term) if term else None
        if counter is None or term is None:
            return False
        counter[label] -= n
        if counter[label] <= 0:
            del counter[label]
        if counter:
            return False
        del self.votes[term]
        self._unindex(term)
        return True

    def label_of(self, term: str) -> tuple[str, float] | None:
        """(the label, its score) for a term, or None when it is unknown."""
        counter = self.votes.get(term)
        if not counter:
            return None
        label, n = counter.most_common(1)[0]
        return label, round(GAZETTEER_SCORE * n / sum(counter.values()), 4)

    def find(self, text: str) -> list[Span]:
        """Every occurrence of a known term in ``text``, left to right, not overlapping."""
        if not self.votes:
            return []
        starts: dict[int, list[str]] = {}
        words = list(_WORD.finditer(text))  # a \w+ run never follows a \w: word starts
        for n, match in enumerate(words):
            bucket = self._by_word.get(match.group())
            if bucket:
                second = words[n + 1].group() if n + 1 < len(words) else None
                terms = list(bucket.get(None, ()))
                if second is not None:
                    terms += bucket.get(second, ())
                if terms:
                    starts[match.start()] = sorted(terms, key=len, reverse=True)
        if self._odd:
            for match in self._odd_regex().finditer(text):
                both = [*starts.get(match.start(), ()), match.group()]
                starts[match.start()] = sorted(both, key=len, reverse=True)
        found: list[Span] = []
        reached = 0
        for start in sorted(starts):
            if start < reached:
                continue
            term = self._longest(text, start, starts[start])
            if term is None:
                continue
            known = self.label_of(term)
            if known is None:
                continue
            found.append(Span(start, start + len(term), known[0], known[1]))
            reached = start + len(term)
        return found

    # ---------------------------------------------------------------- the index
    def _longest(self, text: str, start: int, terms: Iterable[str]) -> str | None:
        """The first of ``terms`` (longest first) found at ``start``, ending at a word
        boundary."""
        for term in terms:
            end = start + len(term)
            if text.startswith(term, start) and not _WORD_CHAR.match(text, end):
                return term
        return None

    @staticmethod
    def _keys(term: str) -> tuple[str, str | None] | None:
        """(its first word, its second word or None), None when it starts with no word."""
        if not _WORD_CHAR.match(term):
            return None
        runs = _WORD.findall(term)
        return runs[0], runs[1] if len(runs) > 1 else None

    def _index(self, term: str) -> None:
        keys = self._keys(term)
        if keys is None:
            self._odd.append(term)
            self._odd_pattern = None
            return
        self._by_word.setdefault(keys[0], {}).setdefault(keys[1], []).append(term)

    def _unindex(self, term: str) -> None:
        keys = self._keys(term)
        if keys is None:
            self._odd.remove(term)
            self._odd_pattern = None
            return
        bucket = self._by_word.get(keys[0], {})
        terms = bucket.get(keys[1], [])
        if term in terms:
            terms.remove(term)
        if not terms:
            bucket.pop(keys[1], None)
        if not bucket:
            self._by_word.pop(keys[0], None)

    def _odd_regex(self) -> re.Pattern[str]:
        if self._odd_pattern is None:
            alternation = "|".join(re.escape(t) for t in sorted(self._odd, key=len, reverse=True))
            self._odd_pattern = re.compile(rf"(?<!\w)(?:{alternation})")
        return self._odd_pattern
