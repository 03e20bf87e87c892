"""The spaCy tokenizer gives token offsets; whitespace is left out; results are cached."""

from annotator.nlp.tokens import token_offsets


def test_token_offsets_match_the_text():
    text = "“We have gone,” Kim said.\n\nU.S.-led  talks"
    offsets = token_offsets(text, key="doc-1")
    words = [text[s:e] for s, e in offsets]
    assert words[:6] == ["“", "We", "have", "gone", ",", "”"]
    assert "Kim" in words and "said" in words and "\n\n" not in words
    assert all(text[s:e].strip() == text[s:e] for s, e in offsets)
    assert token_offsets(text, key="doc-1") is offsets  # cached per document


def test_cache_is_keyed_by_text_too():
    assert token_offsets("a b", key="same") != token_offsets("a b c", key="same")


def test_line_by_line_gives_the_tokens_of_the_whole_text():
    from annotator.nlp.tokens import tokenizer

    text = "First line, with “quotes.”\nSecond: U.S.-led (talks)\n\n  Third — end."
    whole = [(t.idx, t.idx + len(t.text)) for t in tokenizer()(text) if not t.is_space]
    assert token_offsets(text) == whole


def test_tokens_from_the_helper_process_are_the_same():
    from annotator.nlp import tokens

    text = "“We will rebuild,” Mayor Ana Ruiz said on Tuesday.\n\nIt's $2.4 million (U.S.)."
    here = tokens._offsets(text)
    tokens.use_subprocess(True)
    try:
        assert tokens.token_offsets(text, key="subprocess-test") == here
    finally:
        tokens.use_subprocess(False)


def test_a_name_ending_inside_a_compound_is_its_own_token():
    text = "the U.S.-led sanctions, N.Y.-based firms and U.K.–U.S. talks; well-known"
    words = [text[s:e] for s, e in token_offsets(text)]
    assert words[1:4] == ["U.S.", "-", "led"]
    assert "N.Y." in words and "U.K." in words and "U.S." in words
    assert words[-3:] == ["well", "-", "known"]  # spaCy's own rule, unchanged


def test_exports_use_the_same_tokens():
    from annotator.nlp.tokens import offsets_uncached

    text = "Kim said U.S.-led sanctions failed.\n\nThe U.S. mainland."
    assert offsets_uncached(text) == token_offsets(text)


def test_docbin_export_tokenizes_as_span_mode():
    from annotator.nlp.docbin import DocConverter

    text = "The U.S.-led talks."
    doc = DocConverter(lambda problem: None).make_doc(text)
    assert [t.text for t in doc] == [text[s:e] for s, e in token_offsets(text)]
