"""What is still to do in a document of the keystroke benchmark, as tasks with strategies.

The tasks come from the difference between the hand list and my stored annotation, so
every press is judged by what the app really stored: a wrong entity or quote is a
``delete`` task, a missing one an ``entity`` or ``quote`` task, a quote with a wrong
or missing speaker or cue a ``speaker`` or ``cue`` task. Each task offers one or more
strategies (a caret ``Goal`` and the final actions); the session takes the cheapest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from keystroke_plan import ACCEPT, Goal, key_of, label_all_actions

from annotator.core.model import Annotation, Quote, Range


@dataclass
class Strategy:
    goal: Goal
    actions: list[str]
    name: str
    covers: int = 1  # hand-list items it completes (label all occurrences: more than one)


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


def pending(
    truth, mine: Annotation, suggested: Annotation | None, tokens, keymap, text: str
) -> list[Task]:
    """Every task still open, with its strategies."""
    tasks: list[Task] = []
    wanted_ranges = {(s.start, s.end) for s in truth.spans}
    have = {_triple(s) for s in mine.spans}
    offered = {_triple(s) for s in suggested.spans} if suggested else set()
    accept = key_of(keymap, ACCEPT, "span") is not None
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
    for span in missing:
        blocked = any(
            m.start < span.end and span.start < m.end and (m.start, m.end) != (span.start, span.end)
            for m in mine.spans
        )
        if blocked:
            continue  # the wrong overlapping span is deleted first
        task = Task(("entity", *_triple(span)), "entity", "entity", span.start)
        exact = token_goal(tokens, span.start, span.end)
        if exact is not None:
            task.strategies.append(Strategy(Goal(exact=exact), [f"entity.{span.label}"], "label"))
            everywhere = label_all_actions(keymap, span.label)
            same = [
                s
                for s in missing
                if s.label == span.label and text[s.start : s.end] == text[span.start : span.end]
            ]
            if everywhere and len(same) > 1:
                task.strategies.append(
                    Strategy(Goal(exact=exact), everywhere, "label all", covers=len(same))
                )
        if accept and _triple(span) in offered:
            inside = tokens_of(tokens, span.start, span.end)
            task.strategies.append(Strategy(Goal(inside=inside, loose=True), [ACCEPT], "accept"))
        tasks.append(task)
    tasks += _quote_tasks(truth, mine, suggested, tokens, accept)
    return tasks


def _quote_tasks(truth, mine, suggested, tokens, accept: bool) -> list[Task]:
    tasks: list[Task] = []
    wanted = {(q.start, q.end) for q in truth.quotes}
    entities = list(mine.spans)
    for quote in mine.quotes:
        if (quote.start, quote.end) not in wanted:
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
    offered = {(q.start, q.end): q for q in suggested.quotes} if suggested else {}
    wrong_suggested = (
        [s for s in suggested.spans if (s.start, s.end, s.label) not in _truth_triples(truth)]
        if suggested
        else []
    )
    for quote in truth.quotes:
        stored = next((q for q in mine.quotes if q.range == quote.range), None)
        if stored is None:
            if any(q.range.overlaps(quote.range) for q in mine.quotes):
                continue  # the wrong overlapping quote is deleted first
            task = Task(("quote", quote.start, quote.end), "quote", "quote", quote.end, quote=quote)
            exact = token_goal(tokens, quote.start, quote.end)
            if exact is not None:
                task.strategies.append(Strategy(Goal(exact=exact), ["span.quote"], "select"))
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


def misses(truth, mine: Annotation, text: str) -> list[str]:
    """What the stored annotation lacks or has too many of, against the hand list."""
    found: list[str] = []
    have = {_triple(s) for s in mine.spans}
    wanted = _truth_triples(truth)
    for start, end, label in sorted(wanted - have):
        found.append(f"missing {label} {text[start:end]!r} at {start}")
    for start, end, label in sorted(have - wanted):
        found.append(f"extra {label} {text[start:end]!r} at {start}")
    stored = {q.range: q for q in mine.quotes}
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
