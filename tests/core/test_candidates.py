"""Name candidates (capitalised runs and suggestions), occurrences of a text, and
suggestions rejected by an annotator."""

from annotator.core.candidates import candidates, capitalised_runs, occurrences
from annotator.core.caret import TokenIndex
from annotator.core.commands import EditSpans
from annotator.core.model import SUGGESTIONS, Annotation, Quote, Span
from annotator.core.rejections import RejectSuggestions, without_rejected


def _tokens(text: str) -> TokenIndex:
    from annotator.nlp.tokens import token_offsets

    return TokenIndex(token_offsets(text))


TEXT = (
    "SEOUL, South Korea — The leader Kim Jong Un met Procter & Gamble and the Bank of Korea. "
    "During talks, the Korean Central News Agency said U.S.-led sanctions failed. "
    "Kim’s aide left. The end came.\n\nDuring the day, Kim spoke in New Zealand. "
    "New Zealand talks began during a new night. New rules came."
)


def test_capitalised_runs_join_names_and_leave_out_sentence_words():
    runs = [TEXT[a:b] for a, b in capitalised_runs(TEXT, _tokens(TEXT))]
    assert runs[:4] == ["SEOUL", "South Korea", "Kim Jong Un", "Procter & Gamble"]
    assert "Bank of Korea" in runs and "Korean Central News Agency" in runs
    assert "U.S." in runs and "U.S.-led" not in runs
    assert "Kim" in runs and "Kim’s" not in runs  # the possessive ends the name
    assert "The" not in runs and "During" not in runs  # "the", "during" occur too
    assert runs.count("New Zealand") == 2  # also at a sentence start, though "new" occurs
    assert "New" not in runs  # "New rules": one common word


def test_suggestions_come_first_and_hide_overlapping_runs():
    tokens = _tokens(TEXT)
    at = TEXT.index("South Korea")
    found = candidates(TEXT, tokens, [Span(at, at + 5, "GPE")])
    assert (found[1].start, found[1].end, found[1].label) == (at, at + 5, "GPE")
    assert all(not (c.start == at and c.end == at + 11) for c in found)


def test_occurrences_are_whole_words_on_token_boundaries():
    text = "Kim met Kimberly. KIM and Kim’s aide: Kim."
    at = [a for a, _ in occurrences(text, _tokens(text), 0, 3)]
    assert at == [0, text.index("Kim’s"), text.rindex("Kim")]
    assert occurrences(text, _tokens(text), 3, 4) == []  # a space is no text to find


def test_rejections_are_kept_in_my_annotation_and_undone():
    suggested = Annotation(
        "d", SUGGESTIONS, spans=[Span(0, 3, "ORG"), Span(4, 8, "GPE")], quotes=[Quote(10, 20)]
    )
    mine = Annotation("d", "alice")
    command = RejectSuggestions((Span(0, 3, "ORG"),), (Quote(10, 20),))
    changed = command.apply(mine)
    assert changed.meta["rejected_spans"] == [[0, 3, "ORG"]] and mine.meta == {}
    shown = without_rejected(suggested, changed)
    assert shown.spans == [Span(4, 8, "GPE")] and shown.quotes == []
    assert without_rejected(suggested, mine) is suggested
    assert command.revert(changed).meta == {}
    # spans of mine are untouched by a rejection and the other way round
    marked = EditSpans(add_spans=(Span(4, 8, "GPE"),)).apply(changed)
    assert marked.meta == changed.meta and marked.spans == [Span(4, 8, "GPE")]


def test_a_common_word_in_capitals_ends_a_run():
    text = "SOCCER - WALES BEAT SAN MARINO\n\nThey beat the hosts at home."
    runs = [text[a:b] for a, b in capitalised_runs(text, _tokens(text))]
    assert "WALES" in runs and "SAN MARINO" in runs
