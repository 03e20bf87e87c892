"""The action registry: unique ids, no key used twice in a mode, generated UI."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from annotator.gui.actions import ACTIONS, label_keys, label_specs
from annotator.gui.cheat_sheet import CheatSheet
from annotator.gui.keymap import MODES, Keymap
from annotator.gui.palette import ActionListModel, CommandPalette, fuzzy_score
from annotator.gui.review_actions import review_keys, review_specs
from annotator.gui.suggest_actions import SUGGEST_ACTIONS
from annotator.gui.view_actions import VIEW_ACTIONS
from annotator.workspace import Workspace
from tests.gui.support import make_project


def _all_specs():
    with Workspace.open(None, "alice") as ws:
        review = [s for s in review_specs(ws.schema) if s.id not in {a.id for a in ACTIONS}]
        specs = [*ACTIONS, *SUGGEST_ACTIONS, *VIEW_ACTIONS, *label_specs(ws.schema), *review]
        return specs, ws.schema


def test_every_action_has_a_unique_id_and_a_title():
    specs, _schema = _all_specs()
    ids = [spec.id for spec in specs]
    assert len(ids) == len(set(ids))
    assert all(spec.title and spec.menu for spec in specs)


def test_no_two_actions_share_a_key_within_a_mode():
    specs, schema = _all_specs()
    keymap = Keymap.load({**label_keys(schema), **review_keys(schema)})
    ids = [spec.id for spec in specs]
    assert keymap.conflicts(ids) == []
    for mode in MODES:
        keys = [k for i in ids for scope in ("global", mode) for k in keymap.keys(i, scope)]
        assert [k for k, n in Counter(keys).items() if n > 1] == [], mode
    # every key in the keymap file belongs to a declared action
    for mode in ("global", *MODES):
        assert set(keymap.defaults[mode]) <= set(ids), mode


def test_window_actions_are_bound_per_mode(qtbot, tmp_path, open_window):
    window = open_window(make_project(tmp_path, 1))
    registry = window.registry
    for mode in MODES:
        registry.set_mode(mode)
        bound = [
            s.toString(QKeySequence.SequenceFormat.PortableText)
            for a in registry.actions.values()
            for s in a.shortcuts()
        ]
        assert len(bound) == len(set(bound)), mode
    registry.set_mode("block")
    titles = {a.text() for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()}
    assert {"Next block", "Undo", "Label body", "Command palette", "Entity ORG"} <= titles
    registry.set_mode("span")
    bound = {
        a.objectName(): [
            s.toString(QKeySequence.SequenceFormat.PortableText) for s in a.shortcuts()
        ]
        for a in registry.actions.values()
    }
    assert bound["entity.PERSON"] == ["1"] and bound["span.quote"] == ["Q"]
    assert bound["span.speaker"] == ["S"] and bound["span.cue"] == ["V"]
    assert bound["label.body"] == [] and bound["span.right"] == ["Right"]


def test_fuzzy_score():
    assert fuzzy_score("", "anything") == 0
    assert fuzzy_score("nb", "Next block") is not None
    assert fuzzy_score("zz", "Next block") is None
    assert fuzzy_score("next", "Next block") > fuzzy_score("nxt", "Next block")


def test_palette_model_and_running_a_command(qtbot, qtmodeltester, tmp_path, open_window):
    window = open_window(make_project(tmp_path, 2))
    model = ActionListModel(window.registry)
    qtmodeltester.check(model)
    model.set_query("label")
    qtmodeltester.check(model)
    assert model.rowCount() >= 6

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    palette = window.findChild(CommandPalette)
    assert palette is not None and palette.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is palette.query)
    qtbot.keyClicks(palette.query, "next doc")
    assert palette.list.currentIndex().data().startswith("Document: Next document")
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    assert palette.ran == "document.next"
    assert window.session.document_id == "001"


def test_cheat_sheet_lists_the_keys(qtbot, tmp_path, open_window):
    window = open_window(make_project(tmp_path, 1))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Question)
    sheet = window.findChild(CheatSheet)
    assert sheet is not None and sheet.isVisible()
    text = sheet.browser.toPlainText()
    for expected in (
        "Block mode",
        "Everywhere",
        "Next block",
        "Ctrl+K",
        "Label body",
        "Span mode",
        "Entity PERSON",
        "Make the selection a quote",
        "Link the speaker of the quote",
        "Link the cue of the quote",
        "Span list",
    ):
        assert expected in text
