"""Tokens for the token-level formats: whitespace kept, spans mapped or reported."""

from annotator.core.model import Block
from annotator.io.exporters.prodigy import prodigy_tokens
from annotator.io.exporters.tokens import TokenIndex, bio_tags


def test_prodigy_tokens_keep_the_whitespace_and_rebuild_the_text():
    text = "\n  Hello  world.\n\nBye "
    tokens = [(3, 8), (10, 15), (15, 16), (18, 21)]
    full = prodigy_tokens(text, tokens)
    assert "".join(t["text"] + (" " if t["ws"] else "") for t in full) == text
    assert [(t["text"], t["ws"]) for t in full] == [
        ("\n  ", False),
        ("Hello", True),
        (" ", False),
        ("world", False),
        (".", False),
        ("\n\n", False),
        ("Bye", True),
    ]
    assert [t["id"] for t in full] == list(range(7))
    assert prodigy_tokens("", []) == []


def test_a_span_maps_to_tokens_only_on_their_boundaries():
    index = TokenIndex([(0, 3), (4, 9), (10, 12)])
    assert index.find(4, 12) == (1, 2)
    assert index.find(5, 9) is None
    assert index.find(4, 3) is None


def test_bio_tags_per_block_and_what_they_leave_out():
    text = "Ana Ruiz met Bo.\n\nIn Rome today."
    blocks = [Block(0, 16), Block(18, 32)]
    tokens = [(0, 3), (4, 8), (9, 12), (13, 15), (15, 16), (18, 20), (21, 25), (26, 31),
              (31, 32)]  # fmt: skip
    problems = []
    spans = [(0, 8, "PERSON"), (4, 8, "PERSON"), (13, 14, "PERSON"), (9, 20, "MISC"),
             (21, 25, "GPE")]  # fmt: skip
    tagged = bio_tags("d", blocks, tokens, spans, problems.append)
    assert [tags for _, tags in tagged] == [
        ["B-PERSON", "I-PERSON", "O", "O", "O"],
        ["O", "B-GPE", "O", "O"],
    ]
    assert [str(p) for p in problems] == [
        "d [4, 8) entity PERSON: overlaps another entity",
        "d [9, 20) entity MISC: is not inside one block",
        "d [13, 14) entity PERSON: does not align with token boundaries",
    ]
    assert text[21:25] == "Rome"
