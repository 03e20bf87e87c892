"""Every user operation, declared once as data; menus, palette, cheat sheet and the
shortcut editor are all generated from this registry.

An ``ActionSpec`` says what an action is (id, title, menu, the modes it works in, what
it runs and when it is enabled); its keys come from the ``Keymap``. The registry turns
specs into ``QAction``s on the main window and rebinds their shortcuts when the mode
changes, so one key can mean different things in block and span mode.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget

from annotator.core.schema import LabelSchema
from annotator.gui.keymap import GLOBAL, Keymap

Run = Callable[[Any], None]
When = Callable[[Any], bool]


def _always(_ctx: Any) -> bool:
    return True


def _has_document(ctx: Any) -> bool:
    return ctx.session.document is not None


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str
    title: str
    menu: str
    run: Run
    modes: tuple[str, ...] = (GLOBAL,)
    enabled: When = _always
    description: str = ""


def _spec(id, title, menu, run, modes=(GLOBAL,), enabled=_has_document, description=""):
    return ActionSpec(id, title, menu, run, tuple(modes), enabled, description)


BLOCK = ("block",)
SPAN = ("span",)


def _caret(method: str, *args) -> Run:
    return lambda c: getattr(c.session, method)(*args)


ACTIONS: tuple[ActionSpec, ...] = (
    _spec("block.next", "Next block", "Blocks", lambda c: c.session.move(+1), BLOCK),
    _spec("block.previous", "Previous block", "Blocks", lambda c: c.session.move(-1), BLOCK),
    _spec(
        "block.extend_next",
        "Extend selection down",
        "Blocks",
        lambda c: c.session.extend(+1),
        BLOCK,
    ),
    _spec(
        "block.extend_previous",
        "Extend selection up",
        "Blocks",
        lambda c: c.session.extend(-1),
        BLOCK,
    ),
    _spec("block.first", "First block", "Blocks", lambda c: c.session.move_to(0), BLOCK),
    _spec("block.last", "Last block", "Blocks", lambda c: c.session.move_to(-1), BLOCK),
    _spec("block.collapse", "Collapse selection", "Blocks", lambda c: c.session.collapse(), BLOCK),
    _spec(
        "block.accept",
        "Accept suggestion on selection",
        "Label",
        lambda c: c.session.accept_selection(),
        BLOCK,
    ),
    _spec(
        "block.accept_all",
        "Accept all suggestions in document (blocks, entities, quotes)",
        "Label",
        lambda c: c.session.accept_all(),
        BLOCK,
    ),
    _spec("block.clear", "Clear label", "Label", lambda c: c.session.label(None), BLOCK),
    _spec(
        "document.done_next",
        "Mark done and open next unfinished",
        "Document",
        lambda c: c.session.mark_done_and_next(),
    ),
    _spec("document.next", "Next document", "Document", lambda c: c.session.step_document(+1)),
    _spec(
        "document.previous",
        "Previous document",
        "Document",
        lambda c: c.session.step_document(-1),
    ),
    _spec(
        "document.next_unfinished",
        "Next unfinished document",
        "Document",
        lambda c: c.session.open_next_unfinished(),
        enabled=_always,
    ),
    _spec("mode.span", "Span mode", "Mode", lambda c: c.session.enter_span_mode(), BLOCK),
    _spec("mode.block", "Back to block mode", "Mode", lambda c: c.session.leave_span_mode(), SPAN),
    _spec("span.right", "Caret to the next word", "Spans", _caret("caret_step", +1), SPAN),
    _spec("span.left", "Caret to the previous word", "Spans", _caret("caret_step", -1), SPAN),
    _spec(
        "span.extend_right",
        "Extend the selection by a word",
        "Spans",
        _caret("caret_step", +1, True),
        SPAN,
    ),
    _spec(
        "span.extend_left",
        "Extend the selection back by a word",
        "Spans",
        _caret("caret_step", -1, True),
        SPAN,
    ),
    _spec(
        "span.token_right",
        "Caret to the next token, punctuation too",
        "Spans",
        _caret("caret_token", +1),
        SPAN,
    ),
    _spec(
        "span.token_left",
        "Caret to the previous token, punctuation too",
        "Spans",
        _caret("caret_token", -1),
        SPAN,
    ),
    _spec(
        "span.extend_token_right",
        "Extend the selection by one token (onto punctuation)",
        "Spans",
        _caret("caret_token", +1, True),
        SPAN,
        description="Word steps never end a selection on a comma or quote mark; this one does",
    ),
    _spec(
        "span.extend_token_left",
        "Extend the selection back by one token (onto punctuation)",
        "Spans",
        _caret("caret_token", -1, True),
        SPAN,
    ),
    _spec("span.down", "Caret to the line below", "Spans", _caret("caret_line", +1), SPAN),
    _spec("span.up", "Caret to the line above", "Spans", _caret("caret_line", -1), SPAN),
    _spec(
        "span.extend_down",
        "Extend the selection to the line below",
        "Spans",
        _caret("caret_line", +1, True),
        SPAN,
    ),
    _spec(
        "span.extend_up",
        "Extend the selection to the line above",
        "Spans",
        _caret("caret_line", -1, True),
        SPAN,
    ),
    _spec("span.next_block", "Caret to the next block", "Spans", _caret("caret_block", +1), SPAN),
    _spec(
        "span.previous_block",
        "Caret to the previous block",
        "Spans",
        _caret("caret_block", -1),
        SPAN,
    ),
    _spec(
        "span.extend_next_block",
        "Extend the selection into the next block",
        "Spans",
        _caret("caret_block", +1, True),
        SPAN,
    ),
    _spec(
        "span.extend_previous_block",
        "Extend the selection into the previous block",
        "Spans",
        _caret("caret_block", -1, True),
        SPAN,
    ),
    _spec(
        "span.home", "Caret to the block's first word", "Spans", _caret("caret_edge", False), SPAN
    ),
    _spec("span.end", "Caret to the block's last word", "Spans", _caret("caret_edge", True), SPAN),
    _spec(
        "span.extend_home",
        "Extend the selection to the block's start",
        "Spans",
        _caret("caret_edge", False, True),
        SPAN,
    ),
    _spec(
        "span.extend_end",
        "Extend the selection to the block's end",
        "Spans",
        _caret("caret_edge", True, True),
        SPAN,
    ),
    _spec("span.next", "Next span or quote", "Spans", _caret("jump_span", +1), SPAN),
    _spec("span.previous", "Previous span or quote", "Spans", _caret("jump_span", -1), SPAN),
    _spec(
        "span.select_name",
        "Select the name under or after the caret",
        "Spans",
        _caret("select_name"),
        SPAN,
        description="Selects the suggested span or capitalised name under or after the "
        "caret; then a label key marks it",
    ),
    _spec(
        "span.next_name",
        "Next unmarked name or suggestion",
        "Spans",
        _caret("jump_name", +1),
        SPAN,
    ),
    _spec(
        "span.previous_name",
        "Previous unmarked name or suggestion",
        "Spans",
        _caret("jump_name", -1),
        SPAN,
    ),
    _spec(
        "span.label_every",
        "Label every occurrence of the selection",
        "Spans",
        _caret("label_every"),
        SPAN,
        description="On an entity: gives its label to every other occurrence of its text. "
        "Else the next label key marks every occurrence (one undo step)",
    ),
    _spec(
        "span.quote",
        "Make the selection a quote",
        "Spans",
        _caret("make_quote"),
        SPAN,
        description="The selection becomes a quote; then link its speaker and cue",
    ),
    _spec(
        "span.speaker",
        "Link the speaker of the quote",
        "Spans",
        _caret("attach", "speaker"),
        SPAN,
        description="The selection (or the entity under the caret) becomes the speaker "
        "of the target quote (the one the caret was last in; t picks another)",
    ),
    _spec(
        "span.cue",
        "Link the cue of the quote (the verb: said, told…)",
        "Spans",
        _caret("attach", "cue"),
        SPAN,
        description="The selection becomes the cue of the target quote",
    ),
    _spec(
        "span.next_target",
        "Next target quote for the speaker and cue",
        "Spans",
        _caret("cycle_target"),
        SPAN,
        description="Cycles the quote that s and v link to among the quotes near the caret",
    ),
    _spec(
        "span.delete",
        "Delete the span or quote under the caret",
        "Spans",
        _caret("delete_at_caret"),
        SPAN,
    ),
    _spec(
        "span.accept",
        "Accept the suggested span under the caret",
        "Spans",
        _caret("accept_span_suggestion"),
        SPAN,
    ),
    _spec(
        "span.reject",
        "Reject the suggested span under the caret",
        "Spans",
        _caret("reject_span_suggestion"),
        SPAN,
        description="The suggestion is no longer shown to you (Ctrl+Z brings it back)",
    ),
    _spec(
        "span.accept_all",
        "Accept every suggestion in the document",
        "Spans",
        _caret("accept_everything"),
        SPAN,
        description="Block labels, entities and quotes, as one undo step",
    ),
    _spec("view.spans", "Span list", "View", lambda c: c.toggle_span_list(), enabled=_always),
    _spec(
        "edit.undo",
        "Undo",
        "Edit",
        lambda c: c.session.undo_group.undo(),
        enabled=lambda c: c.session.undo_group.canUndo(),
    ),
    _spec(
        "edit.redo",
        "Redo",
        "Edit",
        lambda c: c.session.undo_group.redo(),
        enabled=lambda c: c.session.undo_group.canRedo(),
    ),
    _spec("app.palette", "Command palette", "Help", lambda c: c.open_palette(), enabled=_always),
    _spec(
        "app.cheat_sheet",
        "Keyboard cheat sheet",
        "Help",
        lambda c: c.open_cheat_sheet(),
        enabled=_always,
    ),
    _spec(
        "app.shortcuts",
        "Edit shortcuts…",
        "Help",
        lambda c: c.open_shortcut_editor(),
        enabled=_always,
    ),
    _spec(
        "view.toggle_focus",
        "Switch between article and document list",
        "View",
        lambda c: c.toggle_focus(),
        enabled=_always,
    ),
    _spec("view.find", "Search documents", "View", lambda c: c.find_document(), enabled=_always),
    _spec("app.export", "Export…", "File", lambda c: c.open_export_dialog(), enabled=_always),
    _spec("app.quit", "Quit", "File", lambda c: c.close(), enabled=_always),
)


def label_specs(schema: LabelSchema) -> list[ActionSpec]:
    """The block label actions (block mode) and the entity label actions (span mode)."""

    def run(name: str) -> Run:
        return lambda c: c.session.label(name)

    def mark(name: str) -> Run:
        return lambda c: c.session.label_span(name)

    blocks = [
        _spec(
            f"label.{label.name}",
            f"Label {label.name}",
            "Label",
            run(label.name),
            BLOCK,
            description=label.description,
        )
        for label in schema.block_labels
    ]
    entities = [
        _spec(
            f"entity.{label.name}",
            f"Entity {label.name}",
            "Entity",
            mark(label.name),
            SPAN,
            description=label.description,
        )
        for label in schema.entity_labels
    ]
    return blocks + entities


def label_keys(schema: LabelSchema) -> dict[str, dict[str, list[str]]]:
    """Default keys of the label, entity and quote actions, taken from the label schema."""
    span = {f"entity.{label.name}": [label.key] for label in schema.entity_labels}
    span["span.quote"] = [schema.quote_key]
    span["span.speaker"] = [schema.speaker_key]
    return {
        "block": {f"label.{label.name}": [label.key] for label in schema.block_labels},
        "span": span,
    }


def tooltip(spec: ActionSpec, keys: list[str]) -> str:
    """What the action does and the keys that run it, e.g. ``Zoom in (Ctrl++, Ctrl+=)``."""
    text = spec.description or spec.title
    shown = [QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys]
    return f"{text} ({', '.join(shown)})" if shown else text


MENU_ORDER = (
    "File",
    "Edit",
    "View",
    "Document",
    "Blocks",
    "Label",
    "Spans",
    "Entity",
    "Mode",
    "Suggestions",
    "Review",
    "Help",
)


class ActionRegistry(QObject):
    """The QActions of one window, bound to the keys of the current mode."""

    def __init__(
        self,
        context: QWidget,
        specs: list[ActionSpec],
        keymap: Keymap,
        focus_scope: QWidget | None = None,
    ) -> None:
        """``context`` is the window the actions run on. Global actions answer keys
        anywhere in it; block and span actions only while ``focus_scope`` (the article)
        has the focus, so other panes (the document list) keep their own keys."""
        super().__init__(context)
        self.context = context
        self.specs = list(specs)
        self.keymap = keymap
        self.mode = "block"
        self.actions: dict[str, QAction] = {}
        for spec in self.specs:
            scoped = focus_scope is not None and GLOBAL not in spec.modes
            owner = focus_scope if scoped else context
            action = QAction(spec.title, owner)
            action.setObjectName(spec.id)
            action.setShortcutContext(
                Qt.ShortcutContext.WidgetWithChildrenShortcut
                if scoped
                else Qt.ShortcutContext.WindowShortcut
            )
            action.setToolTip(spec.description or spec.title)
            action.triggered.connect(lambda _=False, s=spec: self.run(s.id))
            owner.addAction(action)
            self.actions[spec.id] = action
        self.set_mode("block")

    @property
    def ids(self) -> list[str]:
        return [spec.id for spec in self.specs]

    def spec(self, action_id: str) -> ActionSpec:
        return next(s for s in self.specs if s.id == action_id)

    def available(self, spec: ActionSpec) -> bool:
        return GLOBAL in spec.modes or self.mode in spec.modes

    def run(self, action_id: str) -> None:
        spec = self.spec(action_id)
        if self.available(spec) and spec.enabled(self.context):
            spec.run(self.context)

    def keys(self, action_id: str, mode: str | None = None) -> list[str]:
        if mode is not None:
            return self.keymap.keys(action_id, mode)
        return self.keymap.keys(action_id, GLOBAL) + self.keymap.keys(action_id, self.mode)

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        for spec in self.specs:
            keys = self.keys(spec.id)
            action = self.actions[spec.id]
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setToolTip(tooltip(spec, keys))
        self.update_enabled()

    def set_keymap(self, keymap: Keymap) -> None:
        self.keymap = keymap
        self.set_mode(self.mode)

    def update_enabled(self) -> None:
        for spec in self.specs:
            self.actions[spec.id].setEnabled(self.available(spec) and spec.enabled(self.context))

    def fill_menus(self, bar: QMenuBar) -> None:
        menus = {name: bar.addMenu(f"&{name}") for name in MENU_ORDER}
        for spec in self.specs:
            if spec.menu not in menus:
                menus[spec.menu] = bar.addMenu(f"&{spec.menu}")
            menus[spec.menu].addAction(self.actions[spec.id])
