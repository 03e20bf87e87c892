"""Label once, suggested everywhere: a span I mark in one document is suggested in
another unfinished one when it is opened, stored so exports see it, never over a span
of mine or one already suggested, and taken back when I delete mine. The term index
matches as the gazetteer does."""

from __future__ import annotations

import pytest

from annotator.core.commands import EditSpans
from annotator.core.model import SUGGESTIONS, Annotation, Span, Status
from annotator.nlp.entities import Gazetteer
from annotator.nlp.learned_terms import TermIndex
from annotator.workspace import Workspace
from annotator.workspace.suggest_batch import LEARNED_SPANS

FIRST = "Kim Jong Un visited Pyongyang.\n\nOfficials in Seoul said Kim Jong Un left early.\n"
SECOND = "Talks in Seoul\n\nKim Jong Un met envoys. Kim Jong Unification is not a name.\n"
THIRD = "Kim Jong Un spoke in Seoul, where the U.S. envoy waited.\n"


def _project(tmp_path, url: str) -> dict[str, str]:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in (("a", FIRST), ("b", SECOND), ("c", THIRD)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with Workspace.open(url, "curator") as ws:
        assert ws.import_paths([folder]).added == 3
        return {ws.document(s.id).text: s.id for s in ws.list_documents()}


def _mark(ws: Workspace, document_id: str, text: str, label: str, nth: int = 0) -> Span:
    document = ws.document(document_id)
    start = -1
    for _ in range(nth + 1):
        start = document.text.index(text, start + 1)
    span = Span(start, start + len(text), label)
    ws.apply(document_id, EditSpans(add_spans=(span,), title=f"mark {label}"))
    return span


def _texts(document_text: str, spans) -> list[tuple[str, str]]:
    return [(document_text[s.start : s.end], s.label) for s in spans]


def test_a_span_marked_once_is_suggested_in_another_document_when_opened(tmp_path, db_url):
    ids = _project(tmp_path, db_url)
    a, b, c = ids[FIRST], ids[SECOND], ids[THIRD]
    with Workspace.open(db_url, "curator") as ws:  # c already has a suggested span
        ws.save_annotation(
            Annotation(c, SUGGESTIONS, spans=[Span(0, 7, "ORG", 0.75)], meta={"entities": "x"})
        )
    with Workspace.open(db_url, "alice") as ws:
        assert ws.learned_suggestions(b) is None  # nothing confirmed yet: nothing written
        assert ws.suggestions(b) is None
        _mark(ws, a, "Kim Jong Un", "PERSON")  # in progress, not done: it counts at once
        assert ws.learn_spans(a) is True
        assert ws.learn_spans(a) is False  # nothing new
        # the open document: its other occurrence, not the one I marked
        here = ws.learned_suggestions(a)
        assert [(s.start, s.label) for s in here.spans] == [(FIRST.rindex("Kim Jong Un"), "PERSON")]
        # another unfinished document, when it is opened: stored, so exports see it
        merged = ws.learned_suggestions(b)
        assert _texts(SECOND, merged.spans) == [("Kim Jong Un", "PERSON")]  # not in "Unification"
        assert merged.spans[0].score == pytest.approx(0.9)
        stored = ws.suggestions(b)
        assert stored.spans == merged.spans and stored.version == merged.version == 1
        assert stored.meta[LEARNED_SPANS] == [[s.start, s.end, s.label] for s in merged.spans]
        assert ws.learned_suggestions(b).version == 1  # unchanged: not written again
        # never over a span already suggested, the rest of the suggestions kept
        third = ws.learned_suggestions(c)
        assert _texts(THIRD, third.spans) == [("Kim Jon", "ORG")]
        assert third.meta["entities"] == "x"
        # a second text and a relabel: the most frequent label wins, every document sees it
        _mark(ws, a, "Seoul", "GPE")
        assert ws.learn_spans(a)
        assert ("Seoul", "GPE") in _texts(SECOND, ws.learned_suggestions(b).spans)
        assert ("Seoul", "GPE") in _texts(THIRD, ws.learned_suggestions(c).spans)
        # deleting my span takes its text back everywhere it was merged
        mine = ws.my_annotation(a)
        kim = next(s for s in mine.spans if s.label == "PERSON")
        ws.apply(a, EditSpans(remove_spans=(kim,), title="delete"))
        assert ws.learn_spans(a)
        assert _texts(SECOND, ws.learned_suggestions(b).spans) == [("Seoul", "GPE")]
    # another annotator's workspace reads the confirmed texts of done annotations only
    with Workspace.open(db_url, "bob") as ws:
        assert len(ws.learned_terms()) == 0
    with Workspace.open(db_url, "alice") as ws:
        mine = ws.my_annotation(a)
        ws.save_annotation(
            Annotation(a, "alice", Status.DONE, spans=mine.spans, version=mine.version)
        )
    with Workspace.open(db_url, "bob") as ws:
        assert "Seoul" in ws.learned_terms().votes
        assert ("Seoul", "GPE") in _texts(THIRD, ws.learned_suggestions(c).spans)


def test_preannotating_entities_replaces_the_merged_spans(tmp_path, db_url, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_SPACY_MODEL", "none")  # confirmed texts only
    ids = _project(tmp_path, db_url)
    a, b = ids[FIRST], ids[SECOND]
    with Workspace.open(db_url, "alice") as ws:
        _mark(ws, a, "Kim Jong Un", "PERSON")
        ws.learn_spans(a)
        assert ws.learned_suggestions(b).meta[LEARNED_SPANS]
        ws.preannotate({"entities"}, documents=[b])
        assert LEARNED_SPANS not in ws.suggestions(b).meta  # made by the suggester now


def test_term_index_matches_like_the_gazetteer():
    text = (
        "Kim Jong Un and Kim met in Seoul. Kimberly, the U.S. envoy, and (AP) staff; "
        "Seoul's mayor, SEOUL and New York City, New York and York."
    )
    terms = [
        ("Kim Jong Un", "PERSON"),
        ("Kim", "PERSON"),
        ("Seoul", "GPE"),
        ("Seoul", "GPE"),
        ("Seoul", "ORG"),
        ("U.S.", "GPE"),
        ("(AP)", "ORG"),
        ("New York", "GPE"),
        ("New York City", "GPE"),
        ("York", "LOC"),
        (" x ", "MISC"),  # too short once stripped: never a term
    ]
    gazetteer, index = Gazetteer(), TermIndex()
    for term, label in terms:
        gazetteer.add(term, label)
        index.add(term, label)
    assert index.find(text) == gazetteer.find(text)
    assert [text[s.start : s.end] for s in index.find(text)] == [
        "Kim Jong Un", "Kim", "Seoul", "U.S.", "(AP)", "Seoul", "New York City", "New York",
        "York",
    ]  # fmt: skip
    index.remove("Kim Jong Un", "PERSON")
    index.remove("Seoul", "GPE", 2)
    found = {text[s.start : s.end]: (s.label, s.score) for s in index.find(text)}
    assert found["Kim"] == ("PERSON", 0.9) and found["Seoul"] == ("ORG", 0.9)
    assert "Kim Jong Un" not in index.votes and len(index) == 7
