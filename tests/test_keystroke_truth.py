"""The hand lists of the keystroke benchmark resolve to offsets in the text the app imports,
and their entities fall on the tokenizer's boundaries (or are marked known_split)."""

from __future__ import annotations

import pytest

from annotator.workspace import Workspace
from benchmarks.keystroke_truth import NAMES, import_document, load, resolve


@pytest.mark.parametrize("name", NAMES)
def test_every_hand_list_item_resolves_on_token_boundaries(name, shared, tmp_path):
    with Workspace.open(f"sqlite:///{tmp_path / 'project.db'}", "bench") as workspace:
        document_id = import_document(workspace, shared, name)
        text = workspace.document(document_id).text
        truth = resolve(name, text)  # raises, naming every item it cannot find
        tokens = workspace.tokens(document_id, text)
    data = load(name)
    assert len(truth.spans) == len(data["entities"]) and len(truth.quotes) == len(data["quotes"])
    for span, item in zip(truth.spans, data["entities"], strict=True):
        assert text[span.start : span.end] == item["text"]
    starts, ends = set(tokens.starts), set(tokens.ends)

    def off_tokens(start: int, end: int) -> bool:
        return start not in starts or end not in ends

    split = [text[s.start : s.end] for s in truth.spans if off_tokens(s.start, s.end)]
    known = [text[s.start : s.end] for s in truth.known_split]
    assert set(split) <= set(known), f"entities off the token boundaries: {split}"
    for quote in truth.quotes:
        for part in (quote.range, quote.speaker, quote.cue):
            assert not off_tokens(part.start, part.end), text[part.start : part.end]
        assert not quote.speaker.overlaps(quote.range) and not quote.cue.overlaps(quote.range)
