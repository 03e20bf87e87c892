"""Overlap rules, finding spans under the caret, the token index and the caret."""

from annotator.core.model import Quote, Range, Span
from annotator.core.spans import (
    Caret,
    TokenIndex,
    entity_at,
    entity_problem,
    excerpt,
    nearest_quote,
    quote_at,
    quote_problem,
    role_at,
)

TEXT = "Kim Jong Un said: “We went far.”\n\nNext block here."


def _tokens() -> TokenIndex:
    # whitespace-split tokens with punctuation apart, as spaCy would give them
    offsets, at = [], 0
    for piece in ["Kim", "Jong", "Un", "said", ":", "“", "We", "went", "far", ".", "”"]:
        at = TEXT.index(piece, at)
        offsets.append((at, at + len(piece)))
        at += len(piece)
    for piece in ["Next", "block", "here", "."]:
        at = TEXT.index(piece, at)
        offsets.append((at, at + len(piece)))
        at += len(piece)
    return TokenIndex(offsets)


def test_entities_may_not_overlap_and_the_reason_names_the_other():
    person = Span(0, 11, "PERSON")
    assert entity_problem([person], Span(12, 16, "MISC"), TEXT) is None
    reason = entity_problem([person], Span(4, 16, "ORG"), TEXT)
    assert "overlaps the PERSON span “Kim Jong Un”" in reason
    assert entity_problem([], Span(3, 3, "ORG")) == "an entity cannot be empty"


def test_quotes_may_not_overlap_and_roles_lie_outside():
    quote = Quote(18, 32)
    assert quote_problem([quote], Quote(0, 5)) is None
    assert "overlaps the quote" in quote_problem([quote], Quote(20, 40), TEXT)
    assert "speaker must lie outside" in quote_problem([], Quote(18, 32, speaker=Range(19, 21)))
    assert quote_problem([], Quote(18, 32, speaker=Range(0, 11), cue=Range(12, 16))) is None


def test_finding_under_the_caret_and_nearest_quote():
    spans = [Span(0, 11, "PERSON"), Span(4, 8, "MISC")]
    assert entity_at(spans, 5).label == "MISC"  # the smallest one
    assert entity_at(spans, 1).label == "PERSON"
    assert entity_at(spans, 20) is None
    q1, q2 = Quote(18, 32, speaker=Range(0, 11)), Quote(40, 50)
    assert quote_at([q1, q2], 20) == q1
    assert role_at([q1, q2], 3) == (q1, "speaker")
    assert nearest_quote([q1, q2], 34, 35) == q1
    assert nearest_quote([q1, q2], 38, 39) == q2
    assert nearest_quote([q1, q2], 20, 21) == q1
    assert nearest_quote([], 0, 1) is None


def test_excerpt_is_quoted_and_short():
    assert excerpt(TEXT, 0, 11) == "“Kim Jong Un”"
    assert excerpt("a  b\n c", 0, 7) == "“a b c”"
    assert excerpt("x" * 100, 0, 100, limit=10).endswith("…”")


def test_token_index_snaps_without_splitting_tokens():
    tokens = _tokens()
    assert tokens.snap(1, 6) == (0, 1)  # "im Jo" -> Kim Jong
    assert tokens.range(*tokens.snap(1, 6)) == Range(0, 8)
    assert tokens.snap(3, 4) is None  # only the space between two tokens
    assert tokens.token_at(3) == 1  # a space: the next token
    assert tokens.token_at(10_000) == len(tokens) - 1


def test_caret_moves_by_word_extends_and_crosses_blocks():
    tokens = _tokens()
    blocks = [(0, TEXT.index("\n")), (TEXT.index("Next"), len(TEXT))]
    caret = Caret(tokens, blocks)
    assert caret.selection == Range(0, 3)
    caret.step(+1, extend=True)
    caret.step(+1, extend=True)
    assert TEXT[caret.selection.start : caret.selection.end] == "Kim Jong Un"
    assert caret.caret_offset == 11
    caret.step(+1)
    assert caret.collapsed and TEXT[caret.selection.start : caret.selection.end] == "said"
    caret.line(+1, extend=True)
    assert caret.block == 1
    assert TEXT[caret.selection.start : caret.selection.end].endswith("\n\nNext")
    caret.line(+1)  # no block after: stays
    assert caret.block == 1
    caret.block_edge(end=True)
    assert TEXT[caret.selection.start : caret.selection.end] == "."
    caret.line(-1)
    assert caret.selection == Range(0, 3)
    caret.step(-1)
    assert caret.focus == 0
    caret.place(TEXT.index("went") + 2)
    assert TEXT[caret.selection.start : caret.selection.end] == "went"
    assert caret.select(TEXT.index("We"), TEXT.index("far") + 1)
    assert TEXT[caret.selection.start : caret.selection.end] == "We went far"
    caret.anchor, caret.focus = 8, 6  # extended backwards: the caret is at the start
    assert caret.caret_offset == tokens.starts[6]


def test_an_entity_may_not_cross_paragraphs():
    from annotator.core.model import Span
    from annotator.core.spans import entity_problem

    text = "News\n\nWaterfront Islands"
    assert "across lines or paragraphs" in entity_problem([], Span(0, 16, "PERSON"), text)
    assert entity_problem([], Span(6, 24, "LOC"), text) is None
