"""The body-extraction metric of ../shared/data/README.md on hand-made cases."""

from __future__ import annotations

import pytest

from annotator.core.model import Block, Document
from annotator.nlp.extraction_metric import (
    corpus_f1,
    extracted_text,
    oracle_body,
    oracle_labels,
    page_precision_recall,
    shingles,
)


def _document(*texts: str, tags: tuple[str, ...] = ()) -> Document:
    blocks, offset = [], 0
    for i, text in enumerate(texts):
        features = {"tag": tags[i]} if tags else {}
        blocks.append(Block(offset, offset + len(text), features))
        offset += len(text) + 2
    return Document("d", "\n\n".join(texts), blocks)


def test_shingles_are_four_word_windows_of_word_tokens():
    assert shingles("One, two; three four five!") == {
        ("One", "two", "three", "four"): 1,
        ("two", "three", "four", "five"): 1,
    }
    assert shingles("just three words") == {("just", "three", "words"): 1}
    assert shingles("") == {}
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2


def test_page_precision_recall_on_known_cases():
    text = "one two three four five six"
    assert page_precision_recall(text, text) == (1.0, 1.0)
    assert page_precision_recall("", "") == (1.0, 1.0)
    assert page_precision_recall("", text) == (0.0, 0.0)
    assert page_precision_recall(text, "") == (0.0, 0.0)
    precision, recall = page_precision_recall("one two three four", text)
    assert (precision, recall) == (1.0, pytest.approx(1 / 3))
    precision, recall = page_precision_recall(text + " seven", text)
    assert (precision, recall) == (pytest.approx(3 / 4), 1.0)


def test_corpus_f1_averages_precision_and_recall_over_pages():
    text = "one two three four five six"
    assert corpus_f1([(text, text), ("", text)]) == (0.5, 0.5, 0.5)
    precision, recall, f1 = corpus_f1([("one two three four", text), (text, text)])
    assert precision == 1.0 and recall == pytest.approx(2 / 3)
    assert f1 == pytest.approx(2 * 1.0 * (2 / 3) / (1 + 2 / 3))
    with pytest.raises(ValueError):
        corpus_f1([])


def test_extracted_text_keeps_body_and_heading_blocks_in_order():
    document = _document("Title here", "Intro paragraph text", "Sub head", "Share")
    labels = {3: "boilerplate", 2: "heading", 0: "title", 1: "body"}
    assert extracted_text(document, labels) == "Intro paragraph text\nSub head"


def test_oracle_labels_follow_the_ground_truth():
    document = _document(
        "Big Headline",
        "The first paragraph of the story says what happened today.",
        "What next",
        "Sign up for our newsletter to get more stories like this one.",
        tags=("h1", "p", "h2", "div"),
    )
    truth = ["The first paragraph of the story says what happened today.", "What next"]
    assert oracle_body(document, truth) == [False, True, True, False]
    assert oracle_labels(document, truth) == {
        0: "title",
        1: "body",
        2: "heading",
        3: "boilerplate",
    }
