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


def _shown(caret) -> str:
    return caret.text[caret.selection.start : caret.selection.end]


def test_caret_moves_by_word_extends_and_crosses_blocks():
    tokens = _tokens()
    blocks = [(0, TEXT.index("\n")), (TEXT.index("Next"), len(TEXT))]
    caret = Caret(tokens, blocks, TEXT)
    assert caret.selection == Range(0, 3) and caret.collapsed
    assert caret.caret_offset == 0  # the bar before the word under the caret
    caret.step(+1, extend=True)  # the first extending step selects the word itself
    assert _shown(caret) == "Kim" and not caret.collapsed and caret.caret_offset == 3
    caret.step(+1, extend=True)
    caret.step(+1, extend=True)
    assert _shown(caret) == "Kim Jong Un"
    assert caret.caret_offset == 11
    caret.step(+1)
    assert caret.collapsed and _shown(caret) == "said"
    caret.step(+1)  # over ":" and "“" to the next word
    assert _shown(caret) == "We"
    caret.line(+1, extend=True)
    assert caret.block == 1
    assert _shown(caret).endswith("\n\nNext")
    caret.line(+1)  # no block after: stays
    assert caret.block == 1
    caret.block_edge(end=True)
    assert _shown(caret) == "here"  # the last word, not the period
    caret.token_step(+1)
    assert _shown(caret) == "."  # a token step reaches punctuation on purpose
    caret.line(-1)
    assert caret.selection == Range(0, 3)
    caret.step(-1)
    assert caret.focus == 0
    caret.place(TEXT.index("went") + 2)
    assert _shown(caret) == "went"
    assert caret.select(TEXT.index("We"), TEXT.index("far") + 1)
    assert _shown(caret) == "We went far"
    caret.anchor, caret.focus = 8, 6  # extended backwards: the caret is at the start
    assert caret.caret_offset == tokens.starts[6]


def test_word_steps_never_end_a_selection_on_punctuation():
    text = "SEOUL, South Korea — North Korean leader said U.S.-led talks."
    words = ["SEOUL", ",", "South", "Korea", "—", "North", "Korean", "leader", "said",
             "U.S.", "-", "led", "talks", "."]  # fmt: skip
    offsets, at = [], 0
    for piece in words:
        at = text.index(piece, at)
        offsets.append((at, at + len(piece)))
        at += len(piece)
    caret = Caret(TokenIndex(offsets), [(0, len(text))], text)
    caret.step(+1, extend=True)
    assert _shown(caret) == "SEOUL"  # not "SEOUL,"
    caret.step(+1, extend=True)
    assert _shown(caret) == "SEOUL, South"  # the comma inside is kept
    caret.step(-1, extend=True)
    assert _shown(caret) == "SEOUL"
    caret.collapse()
    caret.token_step(+1, extend=True)
    assert _shown(caret) == "SEOUL,"  # on purpose
    caret.place(text.index("Korea"))
    caret.step(+1, extend=True)
    caret.step(+1, extend=True)
    assert _shown(caret) == "Korea — North"
    caret.place(text.index("U.S."))
    caret.step(+1, extend=True)
    assert _shown(caret) == "U.S."
    caret.step(+1, extend=True)
    assert _shown(caret) == "U.S.-led"
    caret.place(text.index("—"))  # a click on the dash, then a word step
    caret.step(+1, extend=True)
    assert _shown(caret) == "North"


def test_a_quote_is_the_words_between_its_marks():
    from annotator.core.caret import quote_extent

    text = "He said: “We went far, and further,” toward home.\n\n“Next”"
    words = ["He", "said", ":", "“", "We", "went", "far", ",", "and", "further", ",", "”",
             "toward", "home", ".", "“", "Next", "”"]  # fmt: skip
    offsets, at = [], 0
    for piece in words:
        at = text.index(piece, at)
        offsets.append((at, at + len(piece)))
        at += len(piece)
    caret = Caret(TokenIndex(offsets), [(0, 49), (51, len(text))], text)

    def shown(lo_hi):
        lo, hi = lo_hi
        return text[offsets[lo][0] : offsets[hi][1]]

    # the punctuation before the closing mark joins, as the suggester's content has it
    assert shown(quote_extent(caret, 4, 9)) == "We went far, and further,"
    assert shown(quote_extent(caret, 3, 11)) == "We went far, and further,"  # marks taken off
    assert shown(quote_extent(caret, 11, 3)) == "We went far, and further,"
    assert quote_extent(caret, 4, 6) == (4, 6)  # no closing mark right after "far"
    assert quote_extent(caret, 12, 13) == (12, 13)  # no marks around: unchanged
    assert quote_extent(caret, 16, 16) == (16, 16)
    assert shown(quote_extent(caret, 15, 17)) == "Next"


def test_an_entity_may_not_cross_paragraphs():
    from annotator.core.model import Span
    from annotator.core.spans import entity_problem

    text = "News\n\nWaterfront Islands"
    assert "across lines or paragraphs" in entity_problem([], Span(0, 16, "PERSON"), text)
    assert entity_problem([], Span(6, 24, "LOC"), text) is None
