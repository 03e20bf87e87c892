"""The keyboard of the keystroke benchmark and the loop that works through a document.

``Keyboard`` presses the key of an action id on the focused widget of a real main window
(``QTest.keyClick``) and counts it under a category; ``probe`` presses a movement key
from a given caret state, reads where it lands and puts the caret back, uncounted.

``work_through`` repeats: list the open tasks (keystroke_tasks.pending, from my stored
annotation), cost every strategy from the real caret (keystroke_plan), take the cheapest
task, press its keys, checking each landing against the prediction (a wrong prediction
makes that action probed, and the plan is made again), then its final keys. A task tried
``ATTEMPTS`` times without being done is given up and reported.
"""

from __future__ import annotations

from collections import Counter

from keystroke_plan import INF, QUOTE_TARGET, Goal, MoveModel, Plan, State, key_event, key_of
from keystroke_tasks import Task, content, pending
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.spans import entity_at, nearest_quote

ATTEMPTS = 2
KEY_LIMIT = 4000  # per document: a planner gone wrong stops instead of looping


class Keyboard:
    def __init__(self, window, verbose: bool = False) -> None:
        self.window, self.session = window, window.session
        self.keymap = window.registry.keymap
        self.counts: dict[str, int] = {"travel": 0, "entity": 0, "quote": 0}
        self.by_strategy: Counter = Counter()  # "category/strategy" -> keys
        self.by_action: Counter = Counter()  # "category/action" -> keys
        self.strategy = "travel"  # what the keys pressed now are for
        self.scope = None  # keystroke_tasks.Scope: the blocks the hand list speaks for
        self.verbose = verbose

    def mine(self):
        return self.window.workspace.my_annotation(self.session.document_id)

    @property
    def state(self) -> State:
        caret = self.session.caret
        return caret.anchor, caret.focus, caret.selecting

    def _click(self, action: str, mode: str) -> None:
        key = key_of(self.keymap, action, mode)
        if key is None:
            raise KeyError(f"no key for {action} in {mode} mode")
        code, modifiers = key_event(key)
        QTest.keyClick(QApplication.focusWidget(), code, modifiers)

    def press(self, action: str, category: str, mode: str = "span") -> None:
        self._click(action, mode)
        self.counts[category] += 1
        self.by_strategy[f"{category}/{self.strategy}"] += 1
        self.by_action[f"{category}/{action}"] += 1
        if self.verbose:
            print(f"      {category:6} {action:22} -> {self.session.caret and self.state}")

    def press_times(self, action: str, times: int, category: str, mode: str = "span") -> None:
        for _ in range(times):
            self.press(action, category, mode)

    def probe(self, action: str, state: State) -> State:
        """Where ``action`` takes the caret from ``state``; everything put back after
        (the caret, the target quote, an armed e, a pending second s)."""
        session = self.session
        caret, saved = session.caret, self.state
        kept = (session._target, session._every, session._confirm)
        caret.anchor, caret.focus, caret.selecting = state
        session._caret_moved()
        self._click(action, "span")
        landed = self.state
        caret.anchor, caret.focus, caret.selecting = saved
        session._caret_moved()
        session._target, session._every, session._confirm = kept
        return landed

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def work_through(keyboard: Keyboard, truth, result, scope=None) -> None:
    """Press keys until my annotation holds the hand list (or every task is given up)."""
    session = keyboard.session
    caret = session.caret
    model = MoveModel(caret, keyboard.keymap, keyboard.probe)
    tokens, text = caret.tokens, session.document.text
    keyboard.scope = scope
    tries: dict[tuple, int] = {}
    sweep, last_quote = -1, None
    while keyboard.total < KEY_LIMIT:
        tasks = [
            t
            for t in pending(
                truth,
                keyboard.mine(),
                session.model.suggestion_annotation(),
                caret,
                keyboard.keymap,
                text,
                keyboard.scope,
            )
            if tries.get(t.key, 0) < ATTEMPTS
        ]
        for task in tasks:
            if not task.strategies:
                tries[task.key] = ATTEMPTS
                what = text[task.position : task.position + 20].split("\n")[0]
                result.failed_tasks.append(f"no way to do {task.kind} {what!r} (off the tokens)")
        tasks = [t for t in tasks if t.strategies]
        if not tasks:
            break
        shortlist = _next_tasks(tasks, sweep, last_quote)
        chosen = _choose(model, keyboard.state, shortlist)
        if chosen is None:
            for task in shortlist:
                tries[task.key] = ATTEMPTS
                result.failed_tasks.append(f"unreachable {task.kind} at {task.position}")
            continue
        task, strategy, plan = chosen
        if task.kind == "quote":
            last_quote = task.quote
        if task.kind not in ("speaker", "cue"):
            sweep = max(sweep, task.position)
        keyboard.strategy = strategy.name
        if not _walk(keyboard, model, plan, task.category):
            continue  # a landing differed from the prediction: plan again from here
        tries[task.key] = tries.get(task.key, 0) + 1
        before = keyboard.mine()
        if task.kind in ("speaker", "cue"):
            keyboard.strategy = "target"
            _aim(keyboard, task)
            keyboard.strategy = strategy.name
        for action in strategy.actions:
            keyboard.press(action, task.category)
        if task.kind in ("speaker", "cue") and not _check_link(keyboard, task, before, result):
            tries[task.key] = ATTEMPTS
            continue
        if keyboard.mine().version != before.version:
            model.forget_dynamic()
        if tries[task.key] >= ATTEMPTS and _still_open(keyboard, truth, task, tokens, text):
            result.failed_tasks.append(f"gave up {task.kind} {text[task.position :][:30]!r}")
    result.probes = model.probes
    result.mismatches = model.mismatches


def _next_tasks(tasks: list[Task], sweep: int, last_quote) -> list[Task]:
    """What a user does next: the speaker and cue of the quote just marked, else the
    first task at or after the sweep position (names before the speaker they are), else
    the first of all (a task left behind)."""
    linked = [t for t in tasks if t.kind in ("speaker", "cue") and t.quote == last_quote]
    if linked:
        return linked
    order = sorted(tasks, key=lambda t: (t.position, t.kind not in ("entity", "delete_entity")))
    ahead = [t for t in order if t.position >= sweep]
    return (ahead or order)[:1]


def _choose(model: MoveModel, state: State, tasks: list[Task]):
    """The cheapest (task, strategy, plan) from ``state`` among ``tasks``; a strategy
    covering several items is weighed per item."""
    cost, back = model.collapsed_costs(state, cap=80)
    if not any(_rough(s.goal, cost) < INF for t in tasks for s in t.strategies):
        cost, back = model.collapsed_costs(state)
    best, best_key = None, None
    for task in tasks:
        for strategy in task.strategies:
            plan = model.plan(state, strategy.goal, cost, back)
            if plan is None:
                continue
            total = (plan.cost + len(strategy.actions) + strategy.penalty) / strategy.covers
            key = (total, task.position)
            if best_key is None or key < best_key:
                best, best_key = (task, strategy, plan), key
    return best


def _rough(goal: Goal, cost: dict) -> float:
    tokens = list(goal.inside) + (list(goal.exact) if goal.exact else [])
    return min((cost.get(t, INF) for t in tokens), default=INF)


def _walk(keyboard: Keyboard, model: MoveModel, plan: Plan, category: str) -> bool:
    for action, predicted in zip(plan.actions, plan.states, strict=True):
        keyboard.press(action, category)
        if keyboard.state != predicted:
            model.disagree(action, predicted, keyboard.state)
            return False
    return True


def _links_to(session):
    """The quote ``s``/``v`` would link now (as ``SpanQuotes.attach`` chooses it)."""
    caret, mine = session.caret, session._mine()
    chosen = caret.selection
    if caret.collapsed:
        entity = entity_at(mine.spans, chosen.start, chosen.end)
        chosen = entity.range if entity is not None else chosen
    quote = session.target_quote()
    if quote is not None and session._blocks_apart(quote, chosen) <= 2:
        return quote
    near = [q for q in mine.quotes if session._blocks_apart(q, chosen) <= 2]
    return nearest_quote(near, chosen.start, chosen.end)


def _aim(keyboard: Keyboard, task: Task) -> None:
    """What a user reading the status bar does before ``s``/``v``: when the quote they
    would link is not the task's, press the target key (``t``) until it is."""
    session = keyboard.session
    text = session.document.text

    def right(quote) -> bool:
        return quote is not None and content(text, quote.start, quote.end) == task.quote.range

    if right(_links_to(session)) or not key_of(keyboard.keymap, QUOTE_TARGET, "span"):
        return
    for _ in range(len(session.near_quotes()) + 1):
        keyboard.press(QUOTE_TARGET, task.category)
        if right(session.target_quote()):
            return


def _check_link(keyboard: Keyboard, task: Task, before, result) -> bool:
    """``s``/``v`` must land on the task's quote; when the app linked another quote,
    undo (one key) and cycle the target (hook) if the keymap has that key. False when
    the link could not be made on the right quote."""
    after = keyboard.mine()
    if after.version == before.version:
        return True  # nothing linked (a refusal): the task stays open and is tried again
    role, want = task.kind, task.quote
    text = keyboard.session.document.text

    def ours(changed) -> bool:
        return all(content(text, q.start, q.end) == want.range for q in changed)

    changed = [q for q in after.quotes if q not in before.quotes]
    if ours(changed):
        return True
    keyboard.press("edit.undo", task.category)
    if key_of(keyboard.keymap, QUOTE_TARGET, "span"):
        for _ in range(3):
            keyboard.press(QUOTE_TARGET, task.category)
            keyboard.press(f"span.{role}", task.category)
            changed = [q for q in keyboard.mine().quotes if q not in before.quotes]
            if ours(changed):
                return True
            keyboard.press("edit.undo", task.category)
    quoted = keyboard.session.document.text[want.start : want.start + 30]
    result.failed_tasks.append(f"{role} of quote {quoted!r} went to another quote (undone)")
    return False


def _still_open(keyboard, truth, task, tokens, text) -> bool:
    session = keyboard.session
    open_keys = {
        t.key
        for t in pending(
            truth,
            keyboard.mine(),
            session.model.suggestion_annotation(),
            session.caret,
            keyboard.keymap,
            text,
            keyboard.scope,
        )
    }
    return task.key in open_keys
