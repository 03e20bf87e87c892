"""Speakers and cues in the words around a quote, without a model.

The words of a stretch of text are split by a small tokenizer (names with initials and
titles, "U.S.", possessives, punctuation, line breaks). A cue is a reporting verb (a short list of
lemmas and their generated forms) or "according to"; its speaker is the phrase next to it:

- before the verb: a pronoun, a run of capitalised words ("Fire Chief Omar Haddad"), a
  phrase from its article ("the city's chief engineer", "Kim's spokesman") or a bare group
  at a clause start ("officials", "state media"); an apposition between commas is skipped
  ("Jane Doe, a spokeswoman for the agency, said" is Jane Doe);
- after the verb: a pronoun, a name, possibly after a lowercase role ("warned economist
  Jane Doe" is Jane Doe), or an article phrase ("said a spokeswoman for the agency");
- a participle after a comma ("..., saying") takes the subject of its sentence.

``after_quote`` reads the words after a closing mark (the attribution must open them, or
follow one intervening phrase: ``“...,” toward North Korea, Kim said``); ``before_quote``
the words between the sentence start and an opening mark (the last strong cue there).
Results are token index pairs; ``span`` turns them into text offsets.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from annotator.core.model import Range


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# verbs that attribute a quote wherever they stand
STRONG_LEMMAS = word_set(
    """say tell add ask write state explain note argue claim insist warn recall declare
    announce acknowledge admit reply respond tweet testify accuse pledge vow promise urge
    demand chant shout yell cry plead quip boast complain describe"""
)
# verbs that attribute a quote only right after it ("..., he continued"): before a quote
# they are often not reporting ("only confirmed", "suggested a plan")
WEAK_LEMMAS = word_set(
    """continue post concede confirm suggest emphasize emphasise stress observe remark
    predict caution report conclude"""
)
_IRREGULAR = {
    "say": "says said saying",
    "tell": "tells told telling",
    "write": "writes wrote writing written",
    "admit": "admits admitted admitting",
    "quip": "quips quipped quipping",
}


def forms(lemma: str) -> list[str]:
    """The lemma and its -s, -ed and -ing forms."""
    if lemma in _IRREGULAR:
        return [lemma, *_IRREGULAR[lemma].split()]
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    if lemma.endswith("e"):
        return [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch")) else "s")
    return [lemma, third, lemma + "ed", lemma + "ing"]


REPORTING_LEMMAS = STRONG_LEMMAS | WEAK_LEMMAS
STRONG_FORMS = frozenset(f for lemma in STRONG_LEMMAS for f in forms(lemma))
REPORTING_FORMS = STRONG_FORMS | frozenset(f for lemma in WEAK_LEMMAS for f in forms(lemma))

PERSONAL = frozenset({"he", "she", "they"})
PRONOUNS = PERSONAL | {"it"}
# words that are never a bare speaker ("and promised help")
FUNCTION_WORDS = word_set(
    """and or but nor so yet then also it this that there here which who what when where
    not no as if than to of in on at by for with from while whether because although though
    after before since until unless meaning including"""
)
DETERMINERS = word_set(
    """the a an his her their its our this these those some many several most other
    all both each two three four five six seven eight nine ten dozens hundreds thousands"""
)
# words between a speaker and its verb: "Kim had pledged", "officials also said"
BETWEEN = word_set(
    """also later then once previously has had have recently again earlier further
    repeatedly would will publicly privately flatly angrily simply"""
)
AUXILIARIES = word_set("be is are was were been being")
# words that end a speaker phrase read forward: "said the governor on Tuesday"
PHRASE_STOPS = word_set("in on at during after before while when who which that as to with by")
PARTICLES = word_set("de da del van von der bin al la le")
NOT_NAMES = word_set(
    """The A An In On At But And When After Before While If As It This That These Those
    There Then He She They We I You His Her Their Our Its Of For From To With By Some
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Share Read More According
    During Despite Although Because Since Until Under Over Even Yet So Also"""
)
TITLES = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Prof|Rev|Sgt|Capt|Pres|St|Jr|Sr)\."
_TOKEN = re.compile(
    rf"(?:[A-Z]\.){{2,}}|{TITLES}|[A-Z]\.(?=[ \u00a0]+[A-Z])|\w(?:[\w\-]|['’]\w)*|[^\w\s]|\n+"
)  # a line break is a token too, so that no name or phrase runs across it


class Token(NamedTuple):
    """A word or punctuation mark and its offsets in the text."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()


Pair = tuple[int, int]  # first and last token index of a phrase


def tokens(text: str, start: int, end: int) -> list[Token]:
    """The tokens of ``text[start:end]`` with offsets into ``text``."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def span(toks: list[Token], pair: Pair) -> Range:
    """The text range of a token pair."""
    return Range(toks[pair[0]].start, toks[pair[1]].end)


def possessive(word: str) -> bool:
    return word.endswith(("’s", "'s"))


def is_name(tok: Token) -> bool:
    """A capitalised word that can be part of a name ("Kim", "U.S.", "Mr.", "J.")."""
    t = tok.text
    return t[0].isupper() and t not in NOT_NAMES and not possessive(t)


def is_cue(tok: Token, strong_only: bool = False) -> bool:
    """A reporting verb form, in lowercase ("States" in "United States" is none)."""
    return tok.text in (STRONG_FORMS if strong_only else REPORTING_FORMS)


def _verb(toks: list[Token], i: int, strong_only: bool = False) -> bool:
    """A cue at ``i`` that is a verb: not a noun after an article ("the report said")."""
    if not is_cue(toks[i], strong_only):
        return False
    return i == 0 or not (toks[i - 1].lower in DETERMINERS or possessive(toks[i - 1].text))


def _according(toks: list[Token], i: int) -> bool:
    return toks[i].lower == "according" and i + 1 < len(toks) and toks[i + 1].lower == "to"


def _run_back(toks: list[Token], j: int, lo: int) -> Pair | None:
    """The run of name words ending at ``j``."""
    if j < lo or not is_name(toks[j]):
        return None
    i = j
    while i - 1 >= lo and (is_name(toks[i - 1]) or toks[i - 1].text in PARTICLES):
        i -= 1
    while toks[i].text in PARTICLES:
        i += 1
    return i, j


def _run_forward(toks: list[Token], i: int) -> Pair | None:
    """The run of name words starting at ``i``."""
    if i >= len(toks) or not is_name(toks[i]):
        return None
    j = i
    while j + 1 < len(toks) and (
        is_name(toks[j + 1])
        or (toks[j + 1].text in PARTICLES and j + 2 < len(toks) and is_name(toks[j + 2]))
    ):
        j += 1
    return i, j


def _boundary(toks: list[Token], i: int, lo: int) -> bool:
    """True when a phrase may start at ``i``: a clause start."""
    return i == lo or not toks[i - 1].is_word or toks[i - 1].lower == "and"


def speaker_before(toks: list[Token], verb: int, lo: int) -> Pair | None:
    """The speaker phrase ending right before the cue at ``verb`` (not before ``lo``)."""
    j = _skip_between(toks, verb - 1, lo)
    if j < lo:
        return None
    tok = toks[j]
    if tok.lower in PRONOUNS:
        return j, j
    if tok.text in (",", ")"):
        return _before_apposition(toks, j, lo)
    if is_name(tok):
        run = _run_back(toks, j, lo)
        if run is not None and run[0] - 1 >= lo and toks[run[0] - 1].lower == "the":
            return run[0] - 1, j  # "the Spaniard said", "the Kremlin said"
        return run
    if not tok.is_word or not tok.text[0].islower() or _verb(toks, j):
        return None
    if tok.lower in FUNCTION_WORDS or tok.lower in AUXILIARIES:
        return None  # "and promised", "is described" (a passive)
    i = j
    while i >= lo and j - i < 7 and toks[i].is_word and not _verb(toks, i):
        word = toks[i].lower
        if word in DETERMINERS or (toks[i].text[0].isupper() and possessive(toks[i].text)):
            if i - 1 >= lo and toks[i - 1].lower in ("of", "for"):
                i -= 2  # "the head of the union"
                continue
            return i, j
        if word in AUXILIARIES or (word in FUNCTION_WORDS and word not in ("of", "for")):
            break
        i -= 1
    if _boundary(toks, j, lo):
        return j, j  # "officials said", "police said"
    if (
        j - 1 >= lo
        and toks[j - 1].text[0].islower()
        and toks[j - 1].lower not in FUNCTION_WORDS
        and _boundary(toks, j - 1, lo)
    ):
        return j - 1, j  # "state media said"
    return None


WEEKDAYS = word_set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")


def _skip_between(toks: list[Token], j: int, lo: int) -> int:
    """The index before the words between a speaker and its verb: adverbs, auxiliaries and
    a day ("Bushnell on Sunday said", "officials had earlier said")."""
    while j >= lo:
        if toks[j].lower in BETWEEN or toks[j].lower in ("yesterday", "today"):
            j -= 1
        elif toks[j].text in WEEKDAYS and j - 1 >= lo and toks[j - 1].lower == "on":
            j -= 2
        else:
            break
    return j


def _before_apposition(toks: list[Token], comma: int, lo: int) -> Pair | None:
    """``Jane Doe, a spokeswoman for the agency, said``: the name before the apposition."""
    for k in range(comma - 1, max(lo, comma - 15) - 1, -1):
        if toks[k].text in (",", "("):
            first = toks[k + 1]
            if first.lower in ("a", "an", "the", "who", "which") or first.text[0].isdigit():
                return _run_back(toks, k - 1, lo)
            if k + 2 == comma and first.text[0].islower():
                return _run_back(toks, k - 1, lo)  # "Kirk, meanwhile, had told"
            name = _run_back(toks, comma - 1, k + 1)
            if name is not None and name[0] == k + 1 and k > lo and toks[k - 1].is_word:
                return name  # "the city's health officer, Dr. Priya Nair, urged"
            return None
    return None


def speaker_after(toks: list[Token], verb: int) -> Pair | None:
    """The speaker phrase right after the cue at ``verb`` ("said Jane Doe")."""
    i = verb + (2 if _according(toks, verb) else 1)
    if i >= len(toks) or not toks[i].is_word:
        return None
    tok = toks[i]
    if tok.lower in PRONOUNS:
        return i, i
    if is_name(tok):
        run = _run_forward(toks, i)
        assert run is not None
        j = run[1] + 1
        while j < len(toks) and j - run[1] <= 3 and toks[j].is_word and toks[j].text[0].islower():
            if toks[j].lower in PHRASE_STOPS or toks[j].lower in FUNCTION_WORDS:
                break
            j += 1
        later = _run_forward(toks, j) if j > run[1] + 1 else None
        return later or run  # "explained Michigan State House majority leader Abraham Aiyash"
    article = tok.lower in DETERMINERS or possessive(tok.text)
    j = i + 1 if article else i
    roles = 0
    while j < len(toks) and toks[j].is_word and toks[j].text[0].islower() and roles < 3:
        if toks[j].lower in PHRASE_STOPS or _verb(toks, j):
            break
        j, roles = j + 1, roles + 1
    name = _run_forward(toks, j) if roles or article else None
    if name is not None and roles:
        return name  # "warned economist Jane Doe", "said the union leader Sam Okafor"
    if not article:
        return (i, j - 1) if roles and (j >= len(toks) or not toks[j].is_word) else None
    while j < len(toks) and toks[j].is_word and j - i < 9:
        if toks[j].lower in PHRASE_STOPS or _verb(toks, j):
            break
        j += 1
    return (i, j - 1) if j - 1 > i else None


def subject(toks: list[Token], lo: int) -> Pair | None:
    """The subject at the start of a clause: a pronoun, a name or an article phrase."""
    if lo >= len(toks):
        return None
    tok = toks[lo]
    if tok.lower in PRONOUNS:
        return lo, lo
    if tok.lower in DETERMINERS:
        j = lo + 1
        while (
            j < len(toks)
            and toks[j].is_word
            and j - lo <= 4
            and not toks[j].lower.endswith("ed")
            and toks[j].lower not in BETWEEN
            and not is_cue(toks[j])
        ):
            j += 1
        return (lo, j - 1) if j - 1 > lo else None
    return _run_forward(toks, lo)


def _speaker_of(toks: list[Token], verb: int, lo: int) -> Pair | None:
    if _according(toks, verb):
        return speaker_after(toks, verb)
    found = speaker_before(toks, verb, lo)
    if (
        found is None
        and verb > lo
        and toks[verb - 1].text == ","
        and toks[verb].lower[-3:] == "ing"
    ):
        return subject(toks, lo)  # "The mayor defended the plan, saying ..."
    if found is None and (verb == lo or not toks[verb - 1].is_word):
        found = speaker_after(toks, verb)
    return found


def _cue(toks: list[Token], verb: int) -> Pair:
    return (verb, verb + 1) if _according(toks, verb) else (verb, verb)


def after_quote(toks: list[Token]) -> tuple[Pair, Pair] | None:
    """The attribution opening the words after a closing mark, or after one intervening
    phrase up to a comma."""
    starts = []
    first = next((i for i, t in enumerate(toks) if t.is_word), None)
    if first is None:
        return None
    starts.append(first)
    comma = next((i for i, t in enumerate(toks[:14]) if t.text == "," and i > first), None)
    if comma is not None and not any(is_cue(t) for t in toks[first:comma]):
        starts.append(comma + 1)
    for s in starts:
        if s >= len(toks):
            continue
        if _verb(toks, s) or _according(toks, s):
            found = speaker_after(toks, s)
            if found is not None:
                return found, _cue(toks, s)
            continue
        verb = next((v for v in range(s, min(len(toks), s + 16)) if _verb(toks, v)), None)
        if verb is not None:
            found = speaker_before(toks, verb, s)
            if found is not None and (_roles(toks, s, found[0]) or _role_before(toks, s, found[0])):
                return found, _cue(toks, verb)
    return None


def _roles(toks: list[Token], start: int, end: int) -> bool:
    """True when ``toks[start:end]`` is empty or up to three lowercase role words before a
    name ("resident Carla Mendes said")."""
    between = toks[start:end]
    return (
        len(between) <= 3
        and all(
            t.is_word
            and (t.text[0].islower() or t.text[0].isdigit())  # "81-year-old Rosa Klein"
            and t.lower not in FUNCTION_WORDS | DETERMINERS
            for t in between
        )
        and (not between or is_name(toks[end]))
    )


def _role_before(toks: list[Token], start: int, name: int) -> bool:
    """True when ``toks[start:name]`` is an article phrase and a comma: "the city's health
    officer, Dr. Priya Nair, urged"."""
    first = toks[start]
    article = first.lower in DETERMINERS or (first.text[0].isupper() and possessive(first.text))
    between = toks[start : name - 1]
    return (
        article
        and name - start <= 9
        and toks[name - 1].text == ","
        and all(t.is_word for t in between)
    )


def anywhere_after(toks: list[Token]) -> tuple[Pair, Pair] | None:
    """The first cue with a speaker anywhere in the words after a quote inside a sentence
    (``The plan is “dead on arrival” in this form, Smith said``)."""
    for verb in range(len(toks)):
        if _verb(toks, verb) or _according(toks, verb):
            found = _speaker_of(toks, verb, 0)
            if found is not None:
                return found, _cue(toks, verb)
    return None


def before_quote(toks: list[Token]) -> tuple[Pair, Pair] | None:
    """The last strong cue with a speaker in the words before an opening mark."""
    for verb in range(len(toks) - 1, -1, -1):
        last = all(not t.is_word for t in toks[verb + 1 :])  # "the staffer continued, “"
        if _verb(toks, verb, strong_only=not last) or _according(toks, verb):
            found = _speaker_of(toks, verb, 0)
            if found is not None:
                return found, _cue(toks, verb)
    return None


def last_pronoun(toks: list[Token]) -> Pair | None:
    """The last subject pronoun (followed by a lowercase word) among ``toks``."""
    for i in range(len(toks) - 2, -1, -1):
        if toks[i].lower in PERSONAL and toks[i + 1].text[0].islower():
            return i, i
    return None
