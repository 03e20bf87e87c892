"""The tokens exports use are the tokens span mode snaps to."""

from annotator.nlp.tokens import offsets_uncached, token_offsets

TEXTS = [
    "City Council Approves Harbor Plan\n\nBy Lena Ortiz",
    "“We will rebuild the pier,” Ruiz told reporters. “It is overdue.”\nNext line",
    "About 10\u00a0000 cafés joined U.S. groups on Monday.\n\n\nRelated: Coffee 😀 prices",
    "  leading spaces, a\ttab, Mr. Smith's dog... and (brackets)\n",
    "",
]


def test_export_tokens_equal_the_span_mode_tokens():
    for text in TEXTS:
        assert offsets_uncached(text) == token_offsets(text), text
