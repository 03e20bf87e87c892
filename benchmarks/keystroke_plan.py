"""The planner of the keystroke benchmark: which keys take the span-mode caret to a goal.

A caret state is ``(anchor, focus, selecting)``: token indexes of the app's own ``Caret``
and whether a selection has been started (the first Shift+arrow selects the word under
the caret, later ones add or drop a word). Every key is named by its action id and looked
up in the window's keymap, never hard-coded.

How an action moves the caret is learned, not assumed:

- ``SIMULATED`` actions run on a copy of the real caret (the app's own code); every
  press in the session is checked against that prediction, and an action whose
  prediction fails even once is *probed* from then on;
- ``LAID_OUT`` actions (Up/Down by visual line: they need the article view's layout) are
  probed once per state and remembered for the whole document;
- every other movement (``span.next_name``, ``span.select_name``, ``span.next`` ...)
  depends on what is marked: it is probed and forgotten when the annotation changes.

A probe presses the key on the real window from the state in question, reads the result
and puts the caret back; probes are the user's knowledge of where a key goes and are
not counted as key presses.

Search: ``collapsed_costs`` is a Dijkstra over the collapsing moves (arrows, Home/End,
Up/Down, Ctrl+arrows); a selection ``[lo, hi]`` costs reaching one end collapsed plus
extending to the other (``extend_path``); jump actions (``JUMPS``) are chained from the
current state, and ``FINISHERS`` (select the name under/after the caret) are tried from
the caret and from the tokens just before a goal.
"""

from __future__ import annotations

import copy
import heapq
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QKeySequence

State = tuple[int, int, bool]  # (anchor, focus, selecting)
INF = float("inf")

# How the app moves the caret (the Caret method each action runs): checked every press.
SIMULATED: dict[str, tuple[str, tuple]] = {
    "span.right": ("step", (1, False)),
    "span.left": ("step", (-1, False)),
    "span.token_right": ("token_step", (1, False)),
    "span.token_left": ("token_step", (-1, False)),
    "span.next_block": ("line", (1, False)),
    "span.previous_block": ("line", (-1, False)),
    "span.home": ("block_edge", (False, False)),
    "span.end": ("block_edge", (True, False)),
    "span.extend_right": ("step", (1, True)),
    "span.extend_left": ("step", (-1, True)),
    "span.extend_token_right": ("token_step", (1, True)),
    "span.extend_token_left": ("token_step", (-1, True)),
    "span.extend_next_block": ("line", (1, True)),
    "span.extend_previous_block": ("line", (-1, True)),
    "span.extend_home": ("block_edge", (False, True)),
    "span.extend_end": ("block_edge", (True, True)),
}
# Up/Down move by visual line (the article view's layout): probed, kept per document
LAID_OUT = frozenset({"span.down", "span.up", "span.extend_down", "span.extend_up"})
COLLAPSING = (
    "span.right",
    "span.left",
    "span.down",
    "span.up",
    "span.home",
    "span.end",
    "span.token_right",
    "span.token_left",
    "span.next_block",
    "span.previous_block",
)
EXTENDING = (
    "span.extend_right",
    "span.extend_left",
    "span.extend_down",
    "span.extend_up",
    "span.extend_home",
    "span.extend_end",
    "span.extend_token_right",
    "span.extend_token_left",
)

# ---- the span keys of issue 15, by action id (each used only when the keymap binds it)
JUMPS = (  # to the next/previous unmarked name or suggestion, selected; chained
    "span.next_name",
    "span.previous_name",
    "span.next",  # next/previous span, quote or suggestion
    "span.previous",
)
FINISHERS = ("span.select_name",)  # select the unmarked name under or after the caret
ACCEPT = "span.accept"  # Space: accept the suggested span/quote under the caret
ACCEPT_ALL = (("span.accept_all", "span"), ("block.accept_all", "block"))  # a: everything
REJECT = "span.reject"  # x: reject the suggestion under the caret
LABEL_ALL = "span.label_every"  # e: on my entity, its label everywhere; else arm, then label
QUOTE_TARGET = "span.next_target"  # t: cycle the quote that s/v attach to
FINISHER_REACH = 3  # try a finisher from the goal's first token and this many before it
JUMP_CHAIN = 8  # presses of one jump action considered from the current state
HOOKS = (  # "action@mode", reported as bound or not
    *(f"{a}@span" for a in (*JUMPS, *FINISHERS, ACCEPT, REJECT, LABEL_ALL, QUOTE_TARGET)),
    *(f"{a}@span" for a in (*LAID_OUT, "span.token_right", "span.next_block")),
    *(f"{action}@{mode}" for action, mode in ACCEPT_ALL),
)


def key_of(keymap, action_id: str, mode: str) -> str | None:
    """The first key bound to ``action_id`` in ``mode`` (or globally), else None."""
    keys = keymap.keys(action_id, mode) or keymap.keys(action_id, "global")
    return keys[0] if keys else None


def key_event(key: str):
    """``"Shift+Right"`` -> (Qt key, modifiers) for QTest.keyClick."""
    combination = QKeySequence(key)[0]
    return combination.key(), combination.keyboardModifiers()


@dataclass
class Goal:
    """Where the caret must be before the final keys: the exact selection ``exact``
    (``(lo, hi)`` token indexes; a collapsed caret on a one-token ``exact`` too), or a
    collapsed caret on one of ``inside`` (nothing selected: the key then takes the whole
    entity under it); ``loose`` accepts any selection made only of ``inside`` tokens
    (accept, delete); ``selected``: ``exact`` only as a started selection (``e`` on a
    collapsed caret takes the whole name under it)."""

    exact: tuple[int, int] | None = None
    inside: frozenset[int] = frozenset()
    loose: bool = False
    selected: bool = False

    def met(self, state: State) -> bool:
        anchor, focus, selecting = state
        lo, hi = min(anchor, focus), max(anchor, focus)
        if self.exact is not None and (lo, hi) == self.exact:
            return selecting or not self.selected
        if not selecting:
            return focus in self.inside
        return self.loose and all(t in self.inside for t in range(lo, hi + 1))

    @property
    def reachable(self) -> bool:
        return self.exact is not None or bool(self.inside)


@dataclass
class Plan:
    cost: float
    actions: list[str] = field(default_factory=list)
    states: list[State] = field(default_factory=list)  # predicted state after each action


class MoveModel:
    """How each movement action changes the caret state: simulated or probed."""

    def __init__(self, caret, keymap, probe: Callable[[str, State], State]) -> None:
        self.caret, self.keymap, self.probe_key = caret, keymap, probe
        self.probed: set[str] = set()  # simulated actions whose prediction once failed
        self.mismatches: list[str] = []
        self._static: dict[tuple[str, State], State] = {}
        self._dynamic: dict[tuple[str, State], State] = {}
        self.probes = 0
        self.collapsing = [a for a in COLLAPSING if key_of(keymap, a, "span")]
        self.extending = [a for a in EXTENDING if key_of(keymap, a, "span")]
        self.jumps = [a for a in JUMPS if key_of(keymap, a, "span")]
        self.finishers = [a for a in FINISHERS if key_of(keymap, a, "span")]

    def forget_dynamic(self) -> None:
        """The annotation changed: jumps to spans and candidates may land elsewhere."""
        self._dynamic.clear()

    def after(self, action: str, state: State) -> State:
        if action in SIMULATED and action not in self.probed:
            method, args = SIMULATED[action]
            sim = copy.copy(self.caret)
            sim.anchor, sim.focus, sim.selecting = state
            getattr(sim, method)(*args)
            return sim.anchor, sim.focus, sim.selecting
        static = action in SIMULATED or action in LAID_OUT
        cache = self._static if static else self._dynamic
        found = cache.get((action, state))
        if found is None:
            self.probes += 1
            found = cache[(action, state)] = self.probe_key(action, state)
        return found

    def disagree(self, action: str, predicted: State, actual: State) -> None:
        """A press did not land where predicted: probe that action from now on."""
        self.mismatches.append(f"{action}: predicted {predicted}, got {actual}")
        if action in LAID_OUT:
            return  # a chain of Up/Down keeps its goal x; a probe starts afresh: plan again
        if action in SIMULATED:
            self.probed.add(action)
            self._static = {k: v for k, v in self._static.items() if k[0] != action}
        else:
            self.forget_dynamic()

    # ------------------------------------------------------------------ search
    def collapsed_costs(self, start: State, cap: float = INF) -> tuple[dict, dict]:
        """Cheapest collapsing moves from ``start`` to a collapsed caret on each token:
        ``(cost by token, predecessor by token)``."""
        cost: dict[int, float] = {}
        back: dict[int, tuple[int | None, str | None]] = {}
        anchor, focus, selecting = start
        if not selecting:
            cost[focus], back[focus] = 0, (None, None)
        heap = [(0, focus, True)]
        seen: set[int] = set()
        while heap:
            c, token, is_start = heapq.heappop(heap)
            if c > cap:
                break
            key = -1 if is_start else token
            if key in seen:
                continue
            seen.add(key)
            for action in self.collapsing:
                state = start if is_start else (token, token, False)
                _, landed, _ = self.after(action, state)
                if c + 1 < cost.get(landed, INF):
                    cost[landed] = c + 1
                    back[landed] = (None if is_start else token, action)
                    heapq.heappush(heap, (c + 1, landed, False))
        return cost, back

    @staticmethod
    def collapsed_path(back: dict, token: int) -> list[str]:
        actions = []
        while True:
            previous, action = back[token]
            if action is None:
                break
            actions.append(action)
            if previous is None:
                break
            token = previous
        return actions[::-1]

    def extend_path(self, start: State, goal: Goal, cap: int = 40) -> Plan | None:
        """Cheapest extending moves from ``start`` (anchor kept) until ``goal`` is met."""
        if goal.met(start):
            return Plan(0)
        heap: list = [(0, start, [], [])]
        seen = {start}
        while heap:
            c, state, actions, states = heapq.heappop(heap)
            if c >= cap:
                return None
            for action in self.extending:
                landed = self.after(action, state)
                if landed in seen:
                    continue
                seen.add(landed)
                path, trail = [*actions, action], [*states, landed]
                if goal.met(landed):
                    return Plan(c + 1, path, trail)
                heapq.heappush(heap, (c + 1, landed, path, trail))
        return None

    def _from_token(self, token: int, goal: Goal, cost: dict, back: dict) -> Plan | None:
        """Collapsed on ``token`` (reached by ``cost``/``back``), then extend to the goal."""
        if token not in cost:
            return None
        tail = self.extend_path((token, token, False), goal)
        if tail is None:
            return None
        path = self.collapsed_path(back, token)
        trail = [(0, 0, False)] * len(path)  # filled in by ``predict``
        return Plan(cost[token] + tail.cost, path + tail.actions, trail + tail.states)

    def plan(self, start: State, goal: Goal, cost: dict, back: dict) -> Plan | None:
        """The cheapest way from ``start`` to ``goal`` by static moves, jumps, finishers."""
        best: Plan | None = Plan(0) if goal.met(start) else None
        candidates = []
        if goal.exact is not None:
            candidates += list(goal.exact)
        candidates += sorted(goal.inside, key=lambda t: cost.get(t, INF))[:2]
        for token in candidates:
            found = self._from_token(token, goal, cost, back)
            if found is not None and (best is None or found.cost < best.cost):
                best = found
        for plan in self._jump_plans(start, goal):
            if best is None or plan.cost < best.cost:
                best = plan
        if self.finishers and goal.exact is not None:
            for action in self.finishers:  # from where the caret is: the name after it
                if (best is None or best.cost > 1) and goal.met(self.after(action, start)):
                    best = Plan(1, [action], [])
            lo = goal.exact[0]
            for token in range(lo, max(-1, lo - FINISHER_REACH - 1), -1):
                if token not in cost or (best and cost[token] + 1 >= best.cost):
                    continue
                for action in self.finishers:
                    if goal.met(self.after(action, (token, token, False))):
                        path = self.collapsed_path(back, token)
                        best = Plan(cost[token] + 1, [*path, action], [])
        if best is not None:
            best.states = self.predict(start, best.actions)
        return best

    def _jump_plans(self, start: State, goal: Goal):
        for action in (*self.jumps, *self.finishers):  # a finisher again: the next name
            state = start
            for presses in range(1, JUMP_CHAIN + 1):
                landed = self.after(action, state)
                if landed == state:
                    break
                state = landed
                tail = self.extend_path(state, goal, cap=6)
                if tail is not None:
                    yield Plan(presses + tail.cost, [action] * presses + tail.actions)

    def predict(self, start: State, actions: list[str]) -> list[State]:
        states, state = [], start
        for action in actions:
            state = self.after(action, state)
            states.append(state)
        return states
