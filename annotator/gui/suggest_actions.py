"""The actions of the Suggestions menu (keys in resources/keymap.toml); they run on the
window's ``SuggestionsController`` (``window.suggestions``)."""

from __future__ import annotations

from typing import Any

from annotator.gui.actions import ActionSpec

BLOCK = ("block",)


def _idle(ctx: Any) -> bool:
    return ctx.suggestions.foreground is None


def _has_document(ctx: Any) -> bool:
    return ctx.session.document is not None


SUGGEST_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "suggest.preannotate",
        "Pre-annotate…",
        "Suggestions",
        lambda c: c.suggestions.open_dialog(),
        enabled=_idle,
        description="Suggest blocks, entities and quotes for this document or the whole "
        "project, in the background",
    ),
    ActionSpec(
        "suggest.retrain",
        "Retrain block and entity suggestions now",
        "Suggestions",
        lambda c: c.suggestions.retrain_all(),
        enabled=lambda c: c.suggestions.background is None or c.suggestions.entities.runner is None,
        description="Refit the block model and retrain the entity model on the confirmed "
        "annotations, in the background, and refresh the suggestions of the open and next "
        "unfinished documents",
    ),
    ActionSpec(
        "block.next_uncertain",
        "Next least-confident open suggestion",
        "Suggestions",
        lambda c: c.suggestions.jump_uncertain(+1),
        BLOCK,
        _has_document,
        "Jump to the unconfirmed block suggestion with the next lowest confidence",
    ),
    ActionSpec(
        "block.previous_uncertain",
        "Previous least-confident open suggestion",
        "Suggestions",
        lambda c: c.suggestions.jump_uncertain(-1),
        BLOCK,
        _has_document,
    ),
    ActionSpec(
        "view.order_uncertain",
        "Documents: least confident first / import order",
        "Suggestions",
        lambda c: c.suggestions.toggle_list_order(),
        description="Order the document list by the confidence of their block "
        "suggestions, least confident first (active learning)",
    ),
)
