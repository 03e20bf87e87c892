"""Keys per entity and per quote in a scripted keyboard session on the real main window.

    .venv/bin/python benchmarks/keystrokes.py [--only seed] [--scenario plain|suggested]
                                              [--json out.json] [--verbose] [--breakdown]
                                              [--scope blocks|all] [--accept-all auto|yes|no]

For the seed and two fundus pages (hand lists in ``benchmarks/keystroke_truth``), each in
a fresh SQLite project imported with the real importer, a real ``MainWindow`` is opened
offscreen and a planner presses keys (``QTest.keyClick`` on the focused widget) until my
stored annotation holds every hand-list entity and every quote with its speaker and cue.
Every press counts as one key: arrows, Shift+arrows, Tab, Esc, Delete, label keys.

Two scenarios: (a) ``plain``, no suggestions; (b) ``suggested``, after the app's
pre-annotation of entities and quotes (``Workspace.preannotate``), where the planner
may accept all (hook), accept the right suggestions one by one (Space), delete wrong
ones and add the missing. Keys are counted per task: ``entity`` (marking, accepting,
deleting entities), ``quote`` (quotes, speakers, cues) and ``travel`` (block-mode keys
from the first block to the article body, then Tab: reported, not in the per-item
figures). The planner and the action ids of the span keys are in keystroke_plan.py.
Only the blocks holding a hand-list item are judged (``--scope all``: the whole
document); quotes are compared by their content between the marks.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_CONFIG = tempfile.mkdtemp(prefix="keystrokes-config-")  # no user keymap overrides
os.environ["ANNOTATOR_CONFIG_DIR"] = _CONFIG
os.environ["ANNOTATOR_DATA_DIR"] = _CONFIG

from keystroke_plan import ACCEPT_ALL, HOOKS, key_of  # noqa: E402
from keystroke_session import Keyboard, work_through  # noqa: E402
from keystroke_tasks import Scope, misses  # noqa: E402
from keystroke_truth import NAMES, import_document, resolve  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

SHARED = HERE.parent.parent / "shared"
TARGETS = {"plain": 2.5, "suggested": 0.5}  # keys per entity
QUOTE_TARGET_KEYS = 4.0


@dataclass
class Result:
    document: str
    scenario: str
    entities: int
    quotes: int
    keys: dict = field(default_factory=dict)
    suggested_entities: int = 0
    suggested_right: int = 0
    suggested_quotes: int = 0
    accept_all_took_spans: bool | None = None
    misses: list = field(default_factory=list)
    failed_tasks: list = field(default_factory=list)
    probes: int = 0
    mismatches: list = field(default_factory=list)
    seconds: float = 0.0
    hooks_bound: list = field(default_factory=list)
    accept_all: str = "auto"
    scope: str = "blocks"
    outside_scope: int = 0  # entities and quotes stored outside the scope (not judged)
    pressed_accept_all: bool = False
    by_strategy: dict = field(default_factory=dict)
    by_action: dict = field(default_factory=dict)


def _wait(app, done, limit: float = 10.0) -> None:
    end = time.monotonic() + limit
    while not done():
        if time.monotonic() > end:
            raise RuntimeError("the window never got ready")
        app.processEvents()
        time.sleep(0.005)


def run_document(
    app,
    shared: Path,
    name: str,
    scenario: str,
    verbose: bool,
    accept_all: str = "auto",
    scope_name: str = "blocks",
) -> Result:
    from annotator.gui.main_window import MainWindow
    from annotator.workspace import Workspace

    began = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix=f"keystrokes-{name}-"))
    url = f"sqlite:///{folder / 'project.db'}"
    with Workspace.open(url, "bench") as setup:
        document_id = import_document(setup, shared, name)
        if scenario == "suggested":
            setup.preannotate(what=("entities", "quotes"))
    workspace = Workspace.open(url, "bench")
    document = workspace.document(document_id)
    truth = resolve(name, document.text)
    result = Result(
        name, scenario, len(truth.spans), len(truth.quotes), accept_all=accept_all, scope=scope_name
    )
    suggested = workspace.suggestions(document_id)
    if suggested is not None:
        wanted = {(s.start, s.end, s.label) for s in truth.spans}
        result.suggested_entities = len(suggested.spans)
        result.suggested_right = sum((s.start, s.end, s.label) in wanted for s in suggested.spans)
        result.suggested_quotes = len(suggested.quotes)
    window = MainWindow(workspace)
    window.resize(1200, 800)
    window.show()
    window.activateWindow()
    window.start(document_id)
    _wait(app, lambda: QApplication.focusWidget() is window.article)
    keyboard = Keyboard(window, verbose)
    result.hooks_bound = [h for h in HOOKS if key_of(keyboard.keymap, *h.split("@"))]
    scope = Scope(window.session.model.text_ranges(), truth, whole=scope_name == "all")
    _travel(keyboard, truth, suggested, result, scope)
    work_through(keyboard, truth, result, scope)
    window.close()
    workspace.close()
    with Workspace.open(url, "bench") as check:  # what is really stored, read afresh
        stored = check.annotation(document_id)
    from annotator.core.model import Annotation

    stored = stored or Annotation(document_id, "bench")
    result.misses = misses(truth, stored, document.text, scope)
    kept = scope.of(stored)
    result.outside_scope = (
        len(stored.spans) + len(stored.quotes) - len(kept.spans) - len(kept.quotes)
    )
    result.keys = dict(keyboard.counts)
    result.by_strategy = dict(keyboard.by_strategy)
    result.by_action = dict(keyboard.by_action)
    result.seconds = round(time.perf_counter() - began, 1)
    return result


def _travel(keyboard: Keyboard, truth, suggested, result: Result, scope: Scope) -> None:
    """Block mode, from the first block to the body's first block (the fewer of J-presses
    and End plus K-presses), then Tab into span mode; accept all when that pays."""
    session, keymap = keyboard.window.session, keyboard.keymap
    first = min([s.start for s in truth.spans] + [q.start for q in truth.quotes])
    row, rows = session.model.row_at(first), session.model.rowCount()
    if row <= 1 + (rows - 1 - row) or not key_of(keymap, "block.last", "block"):
        keyboard.press_times("block.next", row, "travel", "block")
    else:
        keyboard.press("block.last", "travel", "block")
        keyboard.press_times("block.previous", rows - 1 - row, "travel", "block")
    if session.model.current != row:
        raise RuntimeError(f"block travel ended on block {session.model.current}, not {row}")
    in_span, in_block = (key_of(keymap, action, mode) for action, mode in ACCEPT_ALL)
    choice = result.accept_all
    take_all = suggested is not None and (
        choice == "yes" or (choice == "auto" and _accept_all_pays(truth, suggested, scope))
    )
    result.pressed_accept_all = take_all
    before = len(keyboard.mine().spans) + len(keyboard.mine().quotes)
    keyboard.strategy = "accept all"
    if take_all and not in_span and in_block:
        keyboard.press(ACCEPT_ALL[1][0], "entity", "block")
    keyboard.strategy = "travel"
    keyboard.press("mode.span", "travel", "block")
    keyboard.strategy = "accept all"
    if take_all and in_span:
        keyboard.press(ACCEPT_ALL[0][0], "entity", "span")
    if take_all and (in_span or in_block):
        after = len(keyboard.mine().spans) + len(keyboard.mine().quotes)
        result.accept_all_took_spans = after > before


def _accept_all_pays(truth, suggested, scope: Scope) -> bool:
    """Whether ``a`` saves keys: after it, every right suggestion costs nothing, every
    one whose range is wrong must be reached and deleted (about as dear as reaching a
    right one to press Space), and a wrong label costs a relabel either way (the caret
    on it, the label key). So: more suggestions on a hand-list range than off one."""
    suggested = scope.of(suggested)  # outside the scope nothing is to be deleted
    ranges = {(s.start, s.end) for s in truth.spans}
    quotes = {q.range for q in truth.quotes}
    on = sum((s.start, s.end) in ranges for s in suggested.spans)
    on += sum(q.range in quotes for q in suggested.quotes)
    off = len(suggested.spans) + len(suggested.quotes) - on
    return on > off


def summary(results: list[Result]) -> list[str]:
    lines = []
    header = (
        f"{'document':16} {'scenario':9} {'travel':>6} {'e-keys':>6} {'ents':>5} "
        f"{'k/ent':>6} {'q-keys':>6} {'quotes':>6} {'k/quote':>7} {'misses':>6} {'s':>5}"
    )
    lines.append(header)
    for scenario in ("plain", "suggested"):
        chosen = [r for r in results if r.scenario == scenario]
        if not chosen:
            continue
        for r in [*chosen, None]:
            rows = chosen if r is None else [r]
            keys = Counter()
            for one in rows:
                keys.update(one.keys)
            ents, quotes = sum(x.entities for x in rows), sum(x.quotes for x in rows)
            missed = sum(len(x.misses) for x in rows)
            label = "total" if r is None else r.document
            lines.append(
                f"{label:16} {scenario:9} {keys['travel']:6} {keys['entity']:6} {ents:5} "
                f"{keys['entity'] / ents:6.2f} {keys['quote']:6} {quotes:6} "
                f"{keys['quote'] / max(quotes, 1):7.2f} {missed:6} "
                f"{sum(x.seconds for x in rows):5.0f}"
            )
        keys = Counter()
        for one in chosen:
            keys.update(one.keys)
        ents, quotes = sum(x.entities for x in chosen), sum(x.quotes for x in chosen)
        missed = sum(len(x.misses) for x in chosen)
        per_entity, per_quote = keys["entity"] / ents, keys["quote"] / max(quotes, 1)
        complete = "" if not missed else f" ({missed} hand-list items not stored)"
        ok = per_entity <= TARGETS[scenario] and not missed
        lines.append(
            f"{'met' if ok else 'MISSED'}: keys per entity, {scenario}: {per_entity:.2f} "
            f"(target <= {TARGETS[scenario]}){complete}"
        )
        ok = per_quote <= QUOTE_TARGET_KEYS and not missed
        lines.append(
            f"{'met' if ok else 'MISSED'}: keys per quote with speaker and cue, {scenario}: "
            f"{per_quote:.2f} (target <= {QUOTE_TARGET_KEYS}){complete}"
        )
    return lines


def _top(counts: dict, n: int = 14) -> str:
    return ", ".join(f"{k} {v}" for k, v in Counter(counts).most_common(n))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=NAMES, action="append")
    parser.add_argument("--scenario", choices=("plain", "suggested"), action="append")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--accept-all",
        choices=("auto", "yes", "no"),
        default="auto",
        help="scenario suggested: press a first (auto: when it saves keys by estimate)",
    )
    parser.add_argument(
        "--scope",
        choices=("blocks", "all"),
        default="blocks",
        help="judge the blocks holding a hand-list item (default) or the whole document",
    )
    parser.add_argument("--breakdown", action="store_true", help="keys per strategy and key")
    args = parser.parse_args()
    if not (SHARED / "DESIGN.md").is_file():
        print(f"needs the shared data folder at {SHARED}")
        return 2
    app = QApplication.instance() or QApplication([])
    results = []
    for scenario in args.scenario or ("plain", "suggested"):
        for name in args.only or NAMES:
            result = run_document(
                app, SHARED, name, scenario, args.verbose, args.accept_all, args.scope
            )
            results.append(result)
            print(
                f"{name} ({scenario}): keys {result.keys}, {result.probes} probes, "
                f"{result.seconds} s; suggested {result.suggested_entities} entities "
                f"({result.suggested_right} right), {result.suggested_quotes} quotes; "
                f"a pressed: {result.pressed_accept_all}, "
                f"took spans: {result.accept_all_took_spans}; "
                f"stored outside the scope (not judged): {result.outside_scope}",
                flush=True,
            )
            if args.breakdown:
                print("    keys per strategy:", _top(result.by_strategy))
                print("    keys per action:", _top(result.by_action))
            for line in result.failed_tasks + result.misses:
                print("   ", line)
            for line in result.mismatches[:5]:
                print("    mismatch (now probed):", line)
    print()
    print("\n".join(summary(results)))
    for scenario in ("plain", "suggested"):
        chosen = [r for r in results if r.scenario == scenario]
        if chosen and args.breakdown:
            strategies, actions = Counter(), Counter()
            for r in chosen:
                strategies.update(r.by_strategy)
                actions.update(r.by_action)
            print(f"{scenario}: keys per strategy: {_top(strategies, 30)}")
            print(f"{scenario}: keys per action: {_top(actions, 30)}")
    if results:
        print("hooks bound in the keymap: " + (", ".join(results[0].hooks_bound) or "none"))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
