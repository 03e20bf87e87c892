"""qtmodeltester on the block model, empty, loaded and while it changes."""

from __future__ import annotations

from annotator.core.model import Annotation, Block, Document
from annotator.gui.block_model import BlockModel, BlockRole


def _document(n: int) -> Document:
    text = "".join(f"Block number {i}.\n" for i in range(n))
    blocks, at = [], 0
    for i in range(n):
        length = len(f"Block number {i}.\n")
        blocks.append(Block(at, at + length - 1))
        at += length
    return Document("d", text, blocks)


def test_block_model_passes_the_model_tester(qtmodeltester):
    model = BlockModel()
    qtmodeltester.check(model)
    mine = Annotation("d", "alice", blocks={1: "body"})
    suggested = Annotation("d", "suggestions", blocks={2: "title"}, block_scores={2: 0.9})
    model.load(_document(300), mine, suggested)
    qtmodeltester.check(model)
    assert model.rowCount() == 300
    assert model.index(1).data(BlockRole.LABEL) == "body"
    assert model.index(2).data(BlockRole.SUGGESTION) == "title"
    assert model.index(2).data(BlockRole.SCORE) == 0.9
    assert model.index(0).data(BlockRole.CURRENT) is True


def test_selection_signals_only_the_rows_that_changed(qtbot):
    model = BlockModel()
    model.load(_document(300), None, None)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles: changed.append((a.row(), b.row())))
    model.select(0, 1)
    assert changed == [(0, 1)]
    changed.clear()
    model.select(5, 5)
    assert sorted(changed) == [(0, 1), (5, 5)]
    assert model.selection == [5]
    changed.clear()
    model.set_labels(Annotation("d", "alice", blocks={7: "body", 9: "body"}), {7, 9})
    assert changed == [(7, 7), (9, 9)]
    model.select(-5, 1000)
    assert model.selection == list(range(300)) and model.current == 299


def test_span_changes_signal_only_the_rows_under_them(qtbot):
    from annotator.core.model import Quote, Range, Span

    document = _document(300)
    model = BlockModel()
    model.load(document, None, None)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles: changed.append((a.row(), b.row())))
    start = model.text_start(10)
    model.set_span_selection(Range(start, start + 5), start + 5)
    assert changed == [(10, 10)]
    changed.clear()
    model.set_span_selection(Range(start, model.text_start(12) + 3), model.text_start(12) + 3)
    assert changed == [(10, 12)]
    changed.clear()
    mine = Annotation(
        "d", "alice", spans=[Span(start, start + 5, "PERSON")], quotes=[Quote(start + 6, start + 9)]
    )
    model.set_spans(mine, {(start, start + 5)})
    assert changed == [(10, 10)]
    state = model.row_state(10)
    assert [(m.kind, m.start, m.end) for m in state.marks] == [
        ("quote", 6, 9),
        ("entity", 0, 5),
    ]
    assert state.span_selection == (0, len(model.text(10)))
    assert model.row_state(200).marks == () and model.row_state(200).span_selection is None
    assert model.rows_of(start, model.text_start(12) + 1) == range(10, 13)
