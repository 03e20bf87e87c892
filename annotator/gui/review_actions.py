"""The actions of review mode, declared as data like every other action.

``REVIEW_ENTRY`` goes into the main window's registry (F9 enters review mode, and F9
leaves it again). The rest run on the review window (``ctx`` is the ``ReviewWindow``) in
the ``review`` keymap mode, so a key can mean something else there than while
annotating: digits take an annotator's label, the label keys set the gold label. A few
global actions (undo, next document, done and next, the palette) keep their keys and
act on the review window, which offers the same methods.
"""

from __future__ import annotations

from annotator.core.schema import LabelSchema
from annotator.gui.actions import ACTIONS, ActionSpec, Run
from annotator.gui.keymap import GLOBAL

REVIEW = ("review",)
MAX_ANNOTATORS = 9  # digits 1-9 pick an annotator column


def _always(_ctx) -> bool:
    return True


def _has_document(ctx) -> bool:
    return ctx.session.document is not None


def _spec(id, title, run, menu="Review", enabled=_has_document, description="") -> ActionSpec:
    return ActionSpec(id, title, menu, run, REVIEW, enabled, description)


def _toggle(ctx) -> None:
    from annotator.gui.review_entry import enter_review
    from annotator.gui.review_window import ReviewWindow

    if isinstance(ctx, ReviewWindow):
        ctx.leave()
    else:
        enter_review(ctx)


REVIEW_ENTRY: tuple[ActionSpec, ...] = (
    ActionSpec(
        "review.enter",
        "Review mode (curators)",
        "Review",
        _toggle,
        (GLOBAL,),
        _always,
        "Enter or leave review mode: the annotators' finished work side by side, "
        "adjudicated into gold",
    ),
)

# Global actions that mean the same in the review window: there "document" is the
# document of the review queue and "done" is its gold being accepted.
SHARED_GLOBAL = (
    "edit.undo",
    "edit.redo",
    "document.done_next",
    "document.next",
    "document.previous",
    "document.next_unfinished",
    "view.toggle_focus",
    "app.palette",
    "app.cheat_sheet",
    "app.shortcuts",
    "app.quit",
)


def _s(method: str, *args) -> Run:
    return lambda c: getattr(c.session, method)(*args)


REVIEW_ACTIONS: tuple[ActionSpec, ...] = (
    _spec("review.next_block", "Next block", _s("move", +1), "Blocks"),
    _spec("review.previous_block", "Previous block", _s("move", -1), "Blocks"),
    _spec("review.extend_next", "Extend selection down", _s("extend", +1), "Blocks"),
    _spec("review.extend_previous", "Extend selection up", _s("extend", -1), "Blocks"),
    _spec("review.first_block", "First block", _s("move_to", 0), "Blocks"),
    _spec("review.last_block", "Last block", _s("move_to", -1), "Blocks"),
    _spec("review.select_all", "Select every block", _s("select_all"), "Blocks"),
    _spec("review.collapse", "Collapse selection", _s("collapse"), "Blocks"),
    _spec(
        "review.next_disagreement",
        "Next disagreement",
        _s("step_disagreement", +1),
        "Navigate",
        description="The next block where annotators differ; past the last one, the next "
        "document of the queue",
    ),
    _spec(
        "review.previous_disagreement",
        "Previous disagreement",
        _s("step_disagreement", -1),
        "Navigate",
    ),
    _spec(
        "review.majority",
        "Gold takes the majority on the selection",
        _s("take_majority"),
        "Gold",
        description="Block labels most annotators gave; ties stay open",
    ),
    _spec("review.clear", "Clear the gold label", _s("set_label", None), "Gold"),
    _spec(
        "review.accept_agreed",
        "Accept everything all annotators agree on (whole corpus)…",
        lambda c: c.accept_agreed(),
        "Gold",
        enabled=_always,
        description="Adds every agreed label, span and quote of the corpus to gold "
        "(never overriding gold); not undoable",
    ),
    _spec("review.refresh", "Reload the queue", _s("load_queue"), "View", enabled=_always),
)


def annotator_specs() -> list[ActionSpec]:
    """Take annotator N's label (N), spans and quotes (Alt+N), or everything (Ctrl+N)."""
    specs = []
    for n in range(1, MAX_ANNOTATORS + 1):

        def has(ctx, n=n) -> bool:
            return ctx.session.document is not None and n <= len(ctx.session.annotators)

        specs += [
            _spec(
                f"review.take_label.{n}",
                f"Gold takes annotator {n}'s label",
                _s("take_label", n),
                "Annotators",
                has,
            ),
            _spec(
                f"review.take_spans.{n}",
                f"Gold takes annotator {n}'s spans and quotes in the selection",
                _s("take_spans", n),
                "Annotators",
                has,
            ),
            _spec(
                f"review.take_all.{n}",
                f"Gold becomes annotator {n}'s whole annotation",
                _s("take_all", n),
                "Annotators",
                has,
            ),
        ]
    return specs


def gold_label_specs(schema: LabelSchema) -> list[ActionSpec]:
    return [
        _spec(
            f"review.gold.{label.name}",
            f"Gold label {label.name}",
            _s("set_label", label.name),
            "Gold",
            description=label.description,
        )
        for label in schema.block_labels
    ]


def review_specs(schema: LabelSchema) -> list[ActionSpec]:
    """The actions of the review window: the shared global ones, the toggle, review's."""
    shared = [spec for spec in ACTIONS if spec.id in SHARED_GLOBAL]
    return [
        *shared,
        *REVIEW_ENTRY,
        *REVIEW_ACTIONS,
        *gold_label_specs(schema),
        *annotator_specs(),
    ]


def review_keys(schema: LabelSchema) -> dict[str, dict[str, list[str]]]:
    """Default keys generated from the schema and the digits (the rest: keymap.toml)."""
    keys = {f"review.gold.{label.name}": [label.key] for label in schema.block_labels}
    for n in range(1, MAX_ANNOTATORS + 1):
        keys[f"review.take_label.{n}"] = [str(n)]
        keys[f"review.take_spans.{n}"] = [f"Alt+{n}"]
        keys[f"review.take_all.{n}"] = [f"Ctrl+{n}"]
    return {"review": keys}
