"""Entity suggestions from rules and name lists over spaCy's tokenizer, with no trained model.

Rule families (each suggestion records its rule's confidence, the precision of that rule
measured on CoNLL-2003 eng.train by ``benchmarks/entity_rules.py``; NORP, DATE and EVENT,
which CoNLL does not annotate, and rules that fire too rarely there carry fixed scores):

- ``place``: the longest run of tokens that is a known place (countries, provinces, US
  states, cities, regions; :mod:`annotator.nlp.entity_lists`), also written in capitals
  ("SEOUL") -> GPE, or LOC for continents and regions; ``place.street``: a capitalised
  run ending in Street, Avenue, Square... -> LOC;
- ``norp``: a demonym ("North Korean", "Americans") -> NORP;
- ``place.compass``: "the North" after "North Korea" (that place's label), "the West" (LOC);
- ``date``: spaCy ``Matcher`` patterns (:mod:`annotator.nlp.entity_patterns`) for dates:
  "November 21, 2024", "21 November", "November 2024", "in May" (the month only), weekdays,
  "last week", "this past spring", "recent months", "two weeks ago", "yesterday", years
  1900-2099, decades;
- ``event``: a capitalised run ending in an event head noun ("Cold War", "Super Bowl",
  "World War II", "2036 Olympics") -> EVENT;
- ``org.suffix`` / ``org.head`` / ``org.acronym`` / ``org.team``: a capitalised run ending
  in a company's legal form ("Acme Inc."), in an organisation head noun ("Korean Central
  News Agency", "Manchester United") or a head noun with "of ..." ("Ministry of
  Defence"); a word in capitals in mixed-case text, away from figures ("NATO", "U.N.");
  a city or region followed by a score ("Essex 532-8", "PSV Eindhoven 2": sports teams;
  countries stay places, as national teams are in OntoNotes) -> ORG;
- ``org.club`` / ``org.mention``: a city or region followed by a capitalised plural ("Kansas
  City Chiefs"), and later its nickname alone ("the Chiefs"); ``org.media``: a name after
  "journal", "newspaper"... ("the journal Neurology"); ``org.camel``: a one-word name in
  camel case ("WebMD", not "McCarthy") -> ORG;
- ``person.title`` / ``person.given`` / ``person.family`` / ``person.said`` /
  ``person.mention``: a capitalised run after a title or role ("President", "leader",
  "Mr."), starting with a given name or ending with a family name, a single capitalised
  word before or after a verb of saying ("Lebed said"), and any single word of a
  person's full name found elsewhere in the same document ("Kim" after "Kim Jong Un")
  -> PERSON.

Overlapping candidates are resolved longest first, then by rule rank. Headlines (lines
that do not end a sentence and are mostly capitalised) and lines in capitals get only the
list rules (major places, demonyms, given + family name pairs, mentions): capitalised runs
mean nothing there.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.model import Span
from annotator.nlp.entity_patterns import (
    EVENT_HEADS,
    EVENT_WORDS,
    ROMAN,
    TRIM_FIRST,
    date_patterns,
)

ID = "suggest.entities.rules.v1"
MAX_PLACE_TOKENS = 6
MAX_PERSON_TOKENS = 4

# rule -> (label, rank on overlaps of equal length, confidence). Confidences of PERSON, ORG,
# GPE and LOC rules are their precision on all of eng.train (benchmarks/entity_rules.py);
# NORP and DATE ones are not measured (CoNLL has no such labels); EVENT against MISC.
RULES: dict[str, tuple[str | None, int, float]] = {
    "place": (None, 6, 0.83),
    "norp": ("NORP", 6, 0.7),
    "date": ("DATE", 6, 0.7),
    "org.suffix": ("ORG", 5, 0.86),
    "org.team": ("ORG", 6, 0.96),
    "person.title": ("PERSON", 5, 0.9),
    "org.head": ("ORG", 4, 0.72),
    "person.given": ("PERSON", 3, 0.91),
    "person.family": ("PERSON", 2, 0.48),
    "person.mention": ("PERSON", 2, 0.84),
    "person.said": ("PERSON", 1, 0.73),
    "place.street": ("LOC", 4, 0.9),  # 21 of 21 on eng.train: too few to claim 1.0
    "org.acronym": ("ORG", 1, 0.59),
    "event": ("EVENT", 5, 0.77),  # precision against eng.train MISC spans (its events)
    "org.club": ("ORG", 6, 0.87),
    "org.media": ("ORG", 5, 0.85),  # 19 of 21: too few to claim 0.9
    "org.camel": ("ORG", 1, 0.77),
    "org.mention": ("ORG", 2, 0.97),
    "place.compass": (None, 2, 0.6),  # 4 of 6: too few, kept low
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Grammar, not data: the few words that introduce or end a name of a kind.
# Titles and roles before a person's name (OntoNotes leaves them out of the PERSON span).
TITLES = _words(
    "Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Sir Dame Lord Lady President Vice Premier "
    "Chancellor Minister Secretary Senator Sen. Rep. Gov. Governor Mayor Judge Justice King "
    "Queen Prince Princess Pope Rev. Father General Gen. Col. Capt. Lt. Sgt. Adm. Ambassador "
    "Chairman Chief Director Commissioner Coach Leader leader president minister premier "
    "spokesman spokeswoman spokesperson chairman chairwoman chief director coach striker "
    "midfielder defender goalkeeper captain manager economist analyst official envoy "
    "ambassador secretary senator governor mayor CEO"
)
# Head nouns that end an organisation's name.
ORG_HEADS = _words(
    "Newsroom Agency Ministry Party Council Committee Commission Bank Club Association Federation "
    "Union Institute University College School Corporation Company Group Organisation "
    "Organization Department Office Court Parliament Assembly Congress Senate Army Navy "
    "Police Airlines Airways Motors Holdings Industries Systems Technologies Foundation "
    "Fund Authority Board Service Network Exchange Trust Front Movement Alliance League "
    "Society House Times Post News Television Radio Press Reuters Hospital Church United City "
    "Rovers Athletic Wanderers Albion Tigers Journal Review Center Centre Magazine Gazette "
    "Herald Tribune"
)
# Common nouns that introduce a publication's or broadcaster's name: "the journal Nature".
MEDIA_NOUNS = _words("journal newspaper magazine daily tabloid weekly broadcaster")
# Plural capitalised words after a place that name a group of people, not a team: "Texas
# Democrats" (NORP).
GROUP_PLURALS = _words(
    "Democrats Republicans Conservatives Liberals Socialists Communists Greens Nationalists "
    "Unionists Loyalists Catholics Protestants Muslims Christians Jews Sunnis Shiites"
)
# Compass words that, after "the", name a region or a state already named in full ("the
# North" after "North Korea", "the West").
COMPASS_NOUNS = _words("North South East West")
# A one-word name in camel case ("WebMD", "YouTube") is a brand; these prefixes make
# family names instead ("McCarthy", "DeSantis", "MacArthur").
_CAMEL = re.compile(r"^[A-Z][a-z]+[A-Z][A-Za-z]*$")
_CAMEL_PART = re.compile(r"[A-Z][a-z]*")
_MONTH_ABBR = frozenset(calendar.month_abbr[1:])
_NAME_PREFIX = re.compile(r"^(?:Mc|Mac|Fitz|De|Di|Da|Du|Le|La|Van|Von|O)[A-Z]")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
ORG_OF = frozenset({"of", "for"})
# Words of direction: as one word, a region's name far less often than an adjective.
COMPASS = _words("North South East West Northern Southern Eastern Western Central Centre")
# Heads of the names of streets and squares (LOC).
STREET_HEADS = _words("Street Avenue Road Square Boulevard Lane Bridge")
# Verbs of saying around a single unknown capitalised word: "Clinton said", "said Lebed".
SAYING = _words("said says told added asked")
_SCORE = re.compile(r"^\d{1,3}(?:[-/]\d{1,3})?$")
_SENTENCE_END = frozenset({".", "!", "?", ":", "—", "-", "--"})


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int  # token indices [start, end)
    end: int
    label: str
    rule: str

    @property
    def rank(self) -> tuple[int, int]:
        return (self.end - self.start, RULES[self.rule][1])


class EntityRules:
    """The rules, built once (:func:`rules`); :meth:`find` gives the spans of one text."""

    def __init__(self) -> None:
        import spacy
        from spacy.matcher import Matcher

        from annotator.nlp import entity_lists

        self.nlp = spacy.blank("en")
        self.lists = entity_lists.load()
        # in capitals, only countries and major places of 4 letters or more ("EST" is a
        # time zone, not "Est"; "RUGBY" a sport, not the town)
        self.places_upper = {
            k.upper(): v
            for k, v in self.lists.places.items()
            if (len(k) >= 4 and (k in self.lists.major or " " in k)) or k in self.lists.countries
        }
        self.demonyms_upper = frozenset(d.upper() for d in self.lists.demonyms)
        # the first word of every name, and the most tokens a name starting with it has
        self.first_words: dict[str, int] = {}
        for names in (self.lists.places, self.lists.demonyms, self.places_upper):
            for name in names:
                words = name.replace(",", " ,").split()
                n = min(MAX_PLACE_TOKENS, 2 * len(words) - 1 + name.count("-"))
                self.first_words[words[0]] = max(self.first_words.get(words[0], 0), n)
        self.dates = Matcher(self.nlp.vocab)
        for name, patterns in date_patterns().items():
            self.dates.add(name, patterns)

    def find(self, text: str, labels: Iterable[str] | None = None) -> list[Span]:
        """Rule spans in ``text`` (only ``labels`` when given), sorted by offset."""
        doc = self.nlp.make_doc(text)
        found = self.candidates(doc)
        wanted = set(labels) if labels is not None else None
        out = []
        for c in found:
            if wanted is not None and c.label not in wanted:
                continue
            out.append(
                Span(
                    doc[c.start].idx,
                    doc[c.end - 1].idx + len(doc[c.end - 1]),
                    c.label,
                    RULES[c.rule][2],
                )
            )
        return out

    # ------------------------------------------------------------------ candidates
    def candidates(self, doc) -> list[Candidate]:  # noqa: ANN001 (a spaCy Doc)
        """The resolved candidates of a document, in token order."""
        lines = _lines(doc)
        headline = [False] * len(doc)
        capitals = [False] * len(doc)
        for start, end in lines:
            kind = self._line_kind(doc, start, end)
            for i in range(start, end):
                headline[i] = kind != "text"
                capitals[i] = kind == "capitals"
        found: list[Candidate] = []
        found.extend(self._places(doc, capitals, headline))
        found.extend(self._dates(doc))
        for start, end in self._runs(doc, headline):
            found.extend(self._run_rules(doc, start, end, headline[start]))
        found.extend(self._acronyms(doc, capitals))
        found.extend(self._camel(doc, capitals))
        chosen = self._short_forms(doc, _resolve(found), headline)
        return self._mentions(doc, chosen, capitals, headline)

    def _line_kind(self, doc, start: int, end: int) -> str:  # noqa: ANN001
        letters = [t.text for t in doc[start:end] if t.is_alpha and len(t) > 1]
        upper = sum(w.isupper() for w in letters)
        lower = any(ch.islower() for ch in doc[start:end].text)
        if letters and (upper >= 0.6 * len(letters) if len(letters) > 1 else not lower):
            return "capitals"
        words = [t.text for t in doc[start:end] if t.is_alpha and len(t) > 3]
        if len(words) < 3:
            return "text"
        if doc[end - 1].text in _SENTENCE_END or doc[end - 1].text in "\"”'’)":
            return "text"  # a sentence, however many names it has
        titled = sum(w[0].isupper() for w in words if w not in self.lists.common_words)
        return "headline" if titled >= 0.75 * len(words) else "text"

    def _places(  # noqa: ANN001
        self, doc, capitals: list[bool], headline: list[bool]
    ) -> Iterable[Candidate]:
        places, demonyms = self.lists.places, self.lists.demonyms
        i = 0
        while i < len(doc):
            longest = self.first_words.get(doc[i].text, 0)
            if not longest:
                i += 1
                continue
            for n in range(min(longest, len(doc) - i), 0, -1):
                piece = doc[i : i + n].text
                label, rule = None, None
                if piece in demonyms:
                    label, rule = "NORP", "norp"
                elif (
                    piece in places
                    and piece.title() not in COMPASS
                    and (n > 1 or not headline[i] or piece in self.lists.major)
                ):
                    label, rule = places[piece], "place"
                elif piece.isupper() and (capitals[i] or n == 1 or "\n" not in piece):
                    if piece in self.places_upper and piece.title() not in COMPASS:
                        label, rule = self.places_upper[piece], "place"
                    elif piece in self.demonyms_upper:
                        label, rule = "NORP", "norp"
                if label is not None and "\n" not in piece:
                    start = i
                    if rule == "place" and self._team(doc, i, i + n, piece):
                        label, rule = "ORG", "org.team"
                        # the team is the whole name before the score: "PSV Eindhoven 2"
                        while start > 0 and self._name_like(doc[start - 1]):
                            if "\n" in doc[start - 1].whitespace_:
                                break
                            start -= 1
                    yield Candidate(start, i + n, label, rule)
                    break
            i += 1

    def _team(self, doc, start: int, end: int, piece: str) -> bool:  # noqa: ANN001
        """A city or region followed by a score or a result ("Essex 532-8", "CHICAGO 5") is
        a sports team (national teams keep their country's label, as OntoNotes does)."""
        if piece in self.lists.countries or piece.title() in self.lists.countries:
            return False
        if end >= len(doc) or "\n" in doc[end - 1].whitespace_:
            return False
        return _SCORE.match(doc[end].text) is not None

    def _dates(self, doc) -> Iterable[Candidate]:  # noqa: ANN001
        strings = self.nlp.vocab.strings
        for match, start, end in self.dates(doc):
            if strings[match] in TRIM_FIRST:
                start += 1  # "in May": the preposition only tells the month from the verb
            yield Candidate(start, end, "DATE", "date")

    def _name_like(self, token) -> bool:  # noqa: ANN001
        text = token.text
        return (
            text[:1].isupper()
            and any(ch.isalpha() for ch in text)
            and text not in self.lists.common_words
            and text not in TITLES
        )

    def _runs(self, doc, headline: list[bool]) -> Iterable[tuple[int, int]]:  # noqa: ANN001
        """Maximal runs of capitalised words (not across lines)."""
        i = 0
        while i < len(doc):
            if not self._name_like(doc[i]) or "\n" in doc[i].text:
                i += 1
                continue
            j = i + 1
            while j < len(doc):
                if self._name_like(doc[j]) and headline[j] == headline[i]:
                    j += 1
                elif _hyphen(doc, j) and self._name_like(doc[j + 1]):
                    j += 2  # "Okonkwo-Bauer"
                else:
                    break
            yield i, j
            i = j

    def _run_rules(self, doc, start: int, end: int, headline: bool) -> Iterable[Candidate]:  # noqa: ANN001
        lists = self.lists
        words = [t.text for t in doc[start:end]]
        # a legal form after the run: "Acme Inc." (the suffix is part of the run)
        for k in range(1, len(words)):
            if words[k] in lists.legal_suffixes:
                yield Candidate(start, start + k + 1, "ORG", "org.suffix")
        if not headline:
            # head noun: "... Agency"; head noun + of/for + run: "Ministry of Defence"
            for k in range(len(words)):
                if words[k] in ORG_HEADS:
                    stop = start + k + 1
                    if k == len(words) - 1 and end + 1 < len(doc) and doc[end].text in ORG_OF:
                        tail = end + 1
                        while tail < len(doc) and self._name_like(doc[tail]):
                            tail += 1
                        if tail > end + 1:
                            stop = tail
                    if stop - start > 1:
                        yield Candidate(start, stop, "ORG", "org.head")
            if len(words) > 1 and words[-1] in STREET_HEADS:
                yield Candidate(start, end, "LOC", "place.street")
            yield from self._events(doc, start, end, words)
            club = self._club(words)
            if club:
                yield Candidate(start, start + club, "ORG", "org.club")
            before = doc[start - 1].text if start > 0 else ""
            if before in MEDIA_NOUNS and len(words) <= MAX_PLACE_TOKENS:
                yield Candidate(start, end, "ORG", "org.media")
            if before in TITLES and len(words) <= MAX_PERSON_TOKENS:
                yield Candidate(start, end, "PERSON", "person.title")
            after = doc[end].text if end < len(doc) else ""
            if (
                len(words) == 1
                and words[0] not in ORG_HEADS
                and (after in SAYING or (before in SAYING and after in ".,"))
            ):
                yield Candidate(start, end, "PERSON", "person.said")
        if 2 <= len(words) <= MAX_PERSON_TOKENS and not any(w in ORG_HEADS for w in words):
            if words[0] in lists.given_names and (not headline or words[-1] in lists.family_names):
                yield Candidate(start, end, "PERSON", "person.given")
            elif words[-1] in lists.family_names and not headline:
                yield Candidate(start, end, "PERSON", "person.family")

    def _events(self, doc, start: int, end: int, words: list[str]) -> Iterable[Candidate]:  # noqa: ANN001
        """A capitalised run ending in an event head noun ("Cold War", "Super Bowl"), with
        a year before it ("2024 Olympics") or a numeral after it ("World War II")."""
        for k, word in enumerate(words):
            if word not in EVENT_HEADS or (k == 0 and word not in EVENT_WORDS):
                continue
            first, stop = start, start + k + 1
            if stop < end and words[k + 1] in ROMAN:
                stop += 1
            if first > 0 and _YEAR.match(doc[first - 1].text):
                first -= 1
            yield Candidate(first, stop, "EVENT", "event")

    def _club(self, words: list[str]) -> int:
        """Tokens of a sports club's name at the start of a run: a city or region followed
        by a capitalised plural ("Kansas City Chiefs", "Toronto Blue Jays"); 0 if none."""
        lists = self.lists
        for p in range(1, len(words)):
            place = " ".join(words[:p])
            if place not in lists.places or place in lists.countries:
                continue
            for n in (p + 1, p + 2):
                if n > len(words):
                    break
                last = words[n - 1]
                if (
                    len(last) > 3
                    and last.endswith("s")
                    and last.isalpha()
                    and last not in GROUP_PLURALS
                    and last not in lists.demonyms
                    and last not in lists.places
                    and last not in EVENT_HEADS
                    and not any(w in ORG_HEADS for w in words[p:n])
                ):
                    return n
        return 0

    def _camel(self, doc, capitals: list[bool]) -> Iterable[Candidate]:  # noqa: ANN001
        """One-word brands in camel case ("WebMD", "YouTube"), not "McCarthy"."""
        lists = self.lists
        for i, token in enumerate(doc):
            text = token.text
            if capitals[i] or not _CAMEL.match(text) or _NAME_PREFIX.match(text):
                continue
            if text in lists.family_names or text in lists.given_names or text in lists.places:
                continue
            if all(part in _MONTH_ABBR for part in _CAMEL_PART.findall(text)):
                continue  # a table header ("JulAug"), not a name
            if i + 1 < len(doc) and self._name_like(doc[i + 1]):
                continue  # a given name before a family name ("MaliVai Washington")
            yield Candidate(i, i + 1, "ORG", "org.camel")

    def _short_forms(  # noqa: ANN001
        self, doc, chosen: list[Candidate], headline: list[bool]
    ) -> list[Candidate]:
        """A club's nickname alone after its full name ("the Chiefs" after "Kansas City
        Chiefs") is the club; "the North" after "North Korea" is that place, and "the West"
        (no such place) the region."""
        nicknames = {doc[c.end - 1].text for c in chosen if c.rule == "org.club"}
        compass = {
            doc[c.start].text: c.label
            for c in chosen
            if c.rule == "place" and c.end - c.start > 1 and doc[c.start].text in COMPASS_NOUNS
        }
        taken = {i for c in chosen for i in range(c.start, c.end)}
        out = list(chosen)
        for i, token in enumerate(doc):
            if i in taken or headline[i]:
                continue
            text = token.text
            if text in nicknames:
                out.append(Candidate(i, i + 1, "ORG", "org.mention"))
            elif (
                text in COMPASS_NOUNS
                and i > 0
                and doc[i - 1].text == "the"
                and not (i + 1 < len(doc) and self._name_like(doc[i + 1]))
                and not (i + 1 < len(doc) and _hyphen(doc, i + 1))
            ):
                label = "GPE" if compass.get(text) == "GPE" else "LOC"
                out.append(Candidate(i, i + 1, label, "place.compass"))
        return sorted(out, key=lambda c: c.start)

    def _acronyms(self, doc, capitals: list[bool]) -> Iterable[Candidate]:  # noqa: ANN001
        """Words in capitals in running text, away from figures (table headers such as
        "GMT", "EPS", "DIV" are not organisations)."""
        for i, token in enumerate(doc):
            text = token.text
            letters = text.replace(".", "") if text.endswith(".") else text  # "U.N."
            if capitals[i] or not (letters.isupper() and letters.isalpha()):
                continue
            if not 2 <= len(letters) <= 5 or (letters != text and text != ".".join(letters) + "."):
                continue
            if text.capitalize() in self.lists.common_words or text in TITLES:
                continue
            near = doc[max(0, i - 2) : i + 3]
            if any(t.like_num for t in near):
                continue
            yield Candidate(i, i + 1, "ORG", "org.acronym")

    def _mentions(  # noqa: ANN001
        self, doc, chosen: list[Candidate], capitals: list[bool], headline: list[bool]
    ) -> list[Candidate]:
        """Single words of a full person name elsewhere in the document are that person."""
        parts = set()
        for c in chosen:
            if c.label == "PERSON" and c.end - c.start >= 2 and not headline[c.start]:
                parts.update(
                    t.text
                    for t in doc[c.start : c.end]
                    if len(t) > 1
                    and t.is_alpha
                    and t.text not in self.lists.demonyms
                    and t.text not in self.lists.major
                )
        if not parts:
            return chosen
        upper = {p.upper() for p in parts}
        taken: dict[int, Candidate] = {}
        for c in chosen:
            for i in range(c.start, c.end):
                taken[i] = c
        out = [c for c in chosen]
        for i, token in enumerate(doc):
            text = token.text
            if text in parts or (capitals[i] and text in upper):
                current = taken.get(i)
                if current is None:
                    out.append(Candidate(i, i + 1, "PERSON", "person.mention"))
                elif current.end - current.start == 1 and current.label != "PERSON":
                    out.remove(current)
                    out.append(Candidate(i, i + 1, "PERSON", "person.mention"))
        return sorted(out, key=lambda c: c.start)


def _hyphen(doc, i: int) -> bool:  # noqa: ANN001
    """Token ``i`` is a hyphen joining two words without spaces."""
    return (
        0 < i < len(doc) - 1
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
    )


def _lines(doc) -> list[tuple[int, int]]:  # noqa: ANN001
    """Token ranges of the lines (paragraphs) of a document."""
    lines, start = [], 0
    for i, token in enumerate(doc):
        if "\n" in token.text or "\n" in token.whitespace_:
            lines.append((start, i + 1))
            start = i + 1
    if start < len(doc):
        lines.append((start, len(doc)))
    return lines


def _resolve(found: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first, then by rule rank, then leftmost."""
    taken: set[int] = set()
    out = []
    for c in sorted(found, key=lambda c: (-c.rank[0], -c.rank[1], c.start)):
        if not any(i in taken for i in range(c.start, c.end)):
            taken.update(range(c.start, c.end))
            out.append(c)
    return sorted(out, key=lambda c: c.start)


@functools.cache
def rules() -> EntityRules:
    """The rules, built once per process (reading the name lists takes about a second)."""
    return EntityRules()
