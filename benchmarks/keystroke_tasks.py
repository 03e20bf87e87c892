"""What is still to do in a document of the keystroke benchmark, as tasks with strategies.

The tasks come from the difference between the hand list and my stored annotation, so
every press is judged by what the app really stored: a wrong entity or quote is a
``delete`` task, a missing one an ``entity`` or ``quote`` task, a quote with a wrong
or missing speaker or cue a ``speaker`` or ``cue`` task. Each task offers one or more
strategies (a caret ``Goal`` and the final actions); the session takes the cheapest.

Quotes are compared by their content: the hand lists give the text between the quote
marks (the suggester's convention), as ``q`` stores them
(``annotator.core.caret.quote_extent``); ``content`` strips any marks all the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from keystroke_plan import ACCEPT, LABEL_ALL, Goal, key_of

from annotator.core.candidates import occurrences
from annotator.core.caret import CLOSING_QUOTES, OPENING_QUOTES, quote_extent
from annotator.core.model import Annotation, Quote, Range
from annotator.nlp.quotes import quote_around

WRONG_COST = 3  # keys to come back to a wrongly made entity and delete it (a guess)


@dataclass
class Strategy:
    goal: Goal
    actions: list[str]
    name: str
    covers: int = 1  # hand-list items it completes (label all occurrences: more than one)
    penalty: float = 0  # keys it costs later (wrong entities it makes, to delete)


@dataclass
class Task:
    key: tuple
    kind: str  # entity, quote, speaker, cue, delete_entity, delete_quote
    category: str  # "entity" or "quote": where its keys are counted
    position: int
    strategies: list[Strategy] = field(default_factory=list)
    quote: Quote | None = None  # the hand-list quote of a speaker or cue task


def token_goal(tokens, start: int, end: int) -> tuple[int, int] | None:
    """The ``(first, last)`` tokens selecting exactly ``[start, end)``, else None."""
    found = tokens.snap(start, end)
    if found is None:
        return None
    first, last = found
    if tokens.starts[first] != start or tokens.ends[last] != end:
        return None  # not on token boundaries ("U.S." inside "U.S.-led")
    return found


def tokens_of(tokens, start: int, end: int) -> frozenset[int]:
    first, stop = tokens.in_range(start, end)
    return frozenset(t for t in range(first, stop) if tokens.ends[t] <= end)


def _triple(span) -> tuple[int, int, str]:
    return span.start, span.end, span.label


def content(text: str, start: int, end: int) -> Range:
    """``[start, end)`` without the quote marks and spaces around it."""
    while start < end and (text[start] in OPENING_QUOTES or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in CLOSING_QUOTES or text[end - 1].isspace()):
        end -= 1
    return Range(start, end)


class Scope:
    """The blocks the hand list speaks for: those holding one of its entities, quotes,
    speakers or cues (``whole``: the whole document, the strict protocol). What is
    stored outside them (a right or wrong entity accepted in the headline, a byline,
    "READ MORE" links) is neither a task nor a miss: the hand list says nothing there."""

    def __init__(self, blocks, truth, whole: bool = False) -> None:
        self.whole = whole
        points = [s.start for s in truth.spans]
        for q in truth.quotes:
            points += [q.start, q.speaker.start, q.cue.start]
        self.blocks = [(a, b) for a, b in blocks if any(a <= p < b for p in points)]

    def holds(self, start: int, end: int) -> bool:
        return self.whole or any(a < end and start < b for a, b in self.blocks)

    def of(self, annotation: Annotation) -> Annotation:
        """``annotation`` without what lies outside the scope."""
        return replace(
            annotation,
            spans=[s for s in annotation.spans if self.holds(s.start, s.end)],
            quotes=[q for q in annotation.quotes if self.holds(q.start, q.end)],
        )


def _key(text: str, quote) -> tuple[int, int]:
    found = content(text, quote.start, quote.end)
    return found.start, found.end


def every_added(text: str, tokens, spans, start: int, end: int, label: str) -> list[tuple]:
    """What "label every occurrence" of ``text[start:end]`` as ``label`` would add, as the
    app does it (``SpanNames._label_every``): free occurrences, the chosen one relabelled."""
    added, taken = [], list(spans)
    for a, b in occurrences(text, tokens, start, end):
        same = next((s for s in taken if (s.start, s.end) == (a, b)), None)
        if same is not None and same.label == label:
            continue
        if same is not None and (a, b) == (start, end):
            taken.remove(same)
        elif any(s.start < b and a < s.end for s in taken):
            continue
        added.append((a, b, label))
        taken.append(Range(a, b))
    return added


def pending(
    truth,
    mine: Annotation,
    suggested: Annotation | None,
    caret,
    keymap,
    text: str,
    scope: Scope | None = None,
) -> list[Task]:
    """Every task still open, with its strategies (``caret``: the session's, for its
    tokens and for how ``q`` grows a selection over the quote marks)."""
    tasks: list[Task] = []
    tokens = caret.tokens
    if scope is not None:
        mine = scope.of(mine)
    wanted_ranges = {(s.start, s.end) for s in truth.spans}
    have = {_triple(s) for s in mine.spans}
    offered = {_triple(s) for s in suggested.spans} if suggested else set()
    accept = key_of(keymap, ACCEPT, "span") is not None
    everywhere = key_of(keymap, LABEL_ALL, "span") is not None
    for span in mine.spans:
        if (span.start, span.end) not in wanted_ranges:
            goal = Goal(inside=tokens_of(tokens, span.start, span.end), loose=True)
            tasks.append(
                Task(
                    ("delete_entity", span.start, span.end),
                    "delete_entity",
                    "entity",
                    span.start,
                    [Strategy(goal, ["span.delete"], "delete")],
                )
            )
    missing = [s for s in truth.spans if _triple(s) not in have]
    open_triples = {_triple(s) for s in missing}
    for span in missing:
        blocked = any(
            m.start < span.end and span.start < m.end and (m.start, m.end) != (span.start, span.end)
            for m in mine.spans
        )
        if blocked:
            continue  # the wrong overlapping span is deleted first
        task = Task(("entity", *_triple(span)), "entity", "entity", span.start)
        exact = token_goal(tokens, span.start, span.end)
        relabel = any((m.start, m.end) == (span.start, span.end) for m in mine.spans)
        inside = tokens_of(tokens, span.start, span.end) if relabel else frozenset()
        if exact is not None:
            name = "relabel" if relabel else "label"
            goal = Goal(exact=exact, inside=inside)
            task.strategies.append(Strategy(goal, [f"entity.{span.label}"], name))
        if everywhere and exact is not None and not relabel:
            found = _every_strategies(span, exact, mine, tokens, text, open_triples, scope)
            task.strategies += found
        if accept and _triple(span) in offered:
            inside = tokens_of(tokens, span.start, span.end)
            task.strategies.append(Strategy(Goal(inside=inside, loose=True), [ACCEPT], "accept"))
        tasks.append(task)
    tasks += _quote_tasks(truth, mine, suggested, caret, accept, text)
    return tasks


def _every_strategies(span, exact, mine, tokens, text, open_triples, scope) -> list[Strategy]:
    """``e`` then the label on the selected name; or ``e`` alone on an entity of mine
    with the same text and label (it labels the other occurrences)."""
    found = []

    def every(start: int, end: int) -> list[tuple]:
        added = every_added(text, tokens, mine.spans, start, end, span.label)
        return [a for a in added if scope is None or scope.holds(a[0], a[1])]

    added = every(span.start, span.end)
    right = sum(a in open_triples for a in added)
    if right > 1:
        goal = Goal(exact=exact, selected=True)
        penalty = WRONG_COST * (len(added) - right)
        found.append(
            Strategy(goal, [LABEL_ALL, f"entity.{span.label}"], "label every", right, penalty)
        )
    wanted = text[span.start : span.end]
    for m in mine.spans:
        if m.label != span.label or text[m.start : m.end] != wanted:
            continue
        added = every(m.start, m.end)
        right = sum(a in open_triples for a in added)
        if (span.start, span.end, span.label) not in added:
            continue
        mark = token_goal(tokens, m.start, m.end)
        goal = Goal(exact=mark, inside=tokens_of(tokens, m.start, m.end))
        penalty = WRONG_COST * (len(added) - right)
        found.append(Strategy(goal, [LABEL_ALL], "every again", right, penalty))
    return found


def quote_goal(caret, text: str, quote) -> tuple[int, int] | None:
    """The selection ``q`` turns into ``quote``'s content: its content tokens without
    the punctuation at either end (word steps never stop on it, and ``q`` grows the
    selection over it up to the closing mark), else the content tokens themselves."""
    exact = token_goal(caret.tokens, quote.start, quote.end)
    if exact is None:
        return None
    lo, hi = exact
    while lo < hi and not caret.is_word(lo):
        lo += 1
    while hi > lo and not caret.is_word(hi):
        hi -= 1
    grown = caret.tokens.range(*quote_extent(caret, lo, hi))
    return (lo, hi) if content(text, grown.start, grown.end) == quote.range else exact


def _quote_tasks(truth, mine, suggested, caret, accept: bool, text: str) -> list[Task]:
    tasks: list[Task] = []
    tokens = caret.tokens
    wanted = {(q.start, q.end) for q in truth.quotes}
    entities = list(mine.spans)
    for quote in mine.quotes:
        if _key(text, quote) not in wanted:
            inside = tokens_of(tokens, quote.start, quote.end) - _covered(tokens, entities)
            tasks.append(
                Task(
                    ("delete_quote", quote.start, quote.end),
                    "delete_quote",
                    "quote",
                    quote.start,
                    [Strategy(Goal(inside=inside, loose=True), ["span.delete"], "delete")],
                )
            )
    offered = {_key(text, q): q for q in suggested.quotes} if suggested else {}
    wrong_suggested = (
        [s for s in suggested.spans if (s.start, s.end, s.label) not in _truth_triples(truth)]
        if suggested
        else []
    )
    for quote in truth.quotes:
        stored = next(
            (q for q in mine.quotes if content(text, q.start, q.end) == quote.range), None
        )
        if stored is None:
            if any(q.range.overlaps(quote.range) for q in mine.quotes):
                continue  # the wrong overlapping quote is deleted first
            task = Task(("quote", quote.start, quote.end), "quote", "quote", quote.end, quote=quote)
            exact = quote_goal(caret, text, quote)
            if exact is not None:
                task.strategies.append(Strategy(Goal(exact=exact), ["span.quote"], "select"))
            passage = quote_around(text, quote.start, mine.spans)
            if passage is not None and passage.range == quote.range:
                # q on a caret inside the marks: the passage, linked as the rules read it
                right = sum(getattr(passage, r) == getattr(quote, r) for r in ("speaker", "cue"))
                inside = Goal(inside=tokens_of(tokens, quote.start, quote.end))
                task.strategies.append(Strategy(inside, ["span.quote"], "passage", 1 + right))
            offer = offered.get((quote.start, quote.end))
            if accept and offer is not None:
                inside = tokens_of(tokens, quote.start, quote.end) - _covered(
                    tokens, wrong_suggested
                )
                right = sum(getattr(offer, r) == getattr(quote, r) for r in ("speaker", "cue"))
                task.strategies.append(
                    Strategy(Goal(inside=inside, loose=True), [ACCEPT], "accept", 1 + right)
                )
            tasks.append(task)
            continue
        for role in ("speaker", "cue"):
            want: Range = getattr(quote, role)
            if getattr(stored, role) == want:
                continue
            task = Task((role, quote.start, quote.end), role, "quote", want.start, quote=quote)
            exact = token_goal(tokens, want.start, want.end)
            named = any(s.start == want.start and s.end == want.end for s in mine.spans)
            inside = tokens_of(tokens, want.start, want.end) if named else frozenset()
            goal = Goal(exact=exact, inside=inside)
            if goal.reachable:
                task.strategies.append(Strategy(goal, [f"span.{role}"], "link"))
            tasks.append(task)
    return tasks


def _truth_triples(truth) -> set[tuple[int, int, str]]:
    return {_triple(s) for s in truth.spans}


def _covered(tokens, spans) -> frozenset[int]:
    covered: set[int] = set()
    for span in spans:
        covered |= tokens_of(tokens, span.start, span.end)
    return frozenset(covered)


def misses(truth, mine: Annotation, text: str, scope: Scope | None = None) -> list[str]:
    """What the stored annotation lacks or has too many of, against the hand list."""
    found: list[str] = []
    if scope is not None:
        mine = scope.of(mine)
    have = {_triple(s) for s in mine.spans}
    wanted = _truth_triples(truth)
    for start, end, label in sorted(wanted - have):
        found.append(f"missing {label} {text[start:end]!r} at {start}")
    for start, end, label in sorted(have - wanted):
        found.append(f"extra {label} {text[start:end]!r} at {start}")
    stored = {content(text, q.start, q.end): q for q in mine.quotes}
    for quote in truth.quotes:
        got = stored.pop(quote.range, None)
        what = text[quote.start : quote.start + 30].replace("\n", " ")
        if got is None:
            found.append(f"missing quote {what!r}…")
            continue
        for role in ("speaker", "cue"):
            want, real = getattr(quote, role), getattr(got, role)
            if want != real:
                shown = text[real.start : real.end] if real else None
                found.append(
                    f"quote {what!r}…: {role} {shown!r}, want {text[want.start : want.end]!r}"
                )
    for quote in stored.values():
        found.append(f"extra quote {text[quote.start : quote.start + 30]!r}…")
    return found
