"""The DocBin writers: Docs read back by spaCy with entities, quotes and blocks; spans off
token boundaries reported, never dropped silently."""

import io

import pytest
import spacy
from spacy.tokens import DocBin

from annotator.core.export import ExportItem
from annotator.core.model import Annotation, Block, Document, DocumentMeta, Quote, Range, Span
from annotator.nlp.chunk_pool import ChunkPool
from annotator.nlp.docbin import DocBinFolderWriter, DocBinStreamWriter, DocConverter

TEXT = (
    "Harbor plan approved\n\n"
    "Mayor Ana Ruiz of Lisbon backed it.\n\n"
    "\u201cWe will rebuild the pier,\u201d Ruiz said on Tuesday."
)


def _at(needle: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(needle, after)
    return start, start + len(needle)


def _document() -> Document:
    blocks = []
    at = 0
    for paragraph in TEXT.split("\n\n"):
        blocks.append(Block(at, at + len(paragraph)))
        at += len(paragraph) + 2
    return Document("harbor", TEXT, blocks, DocumentMeta(url="https://example.org/harbor"))


def _annotation(extra_spans=()) -> Annotation:
    quote = _at("We will rebuild the pier,")
    return Annotation(
        "harbor",
        "gold",
        blocks={0: "title", 1: "body", 2: "body"},
        spans=[Span(*_at("Ana Ruiz"), "PERSON"), Span(*_at("Lisbon"), "GPE"), *extra_spans],
        quotes=[
            Quote(*quote, speaker=Range(*_at("Ruiz", TEXT.index("Ruiz said")))),
            Quote(*_at("Harbor plan"), cue=Range(*_at("approved"))),
        ],
    )


def _read(data: bytes):
    nlp = spacy.blank("en")
    return list(DocBin().from_bytes(data).get_docs(nlp.vocab))


def test_stream_writer_round_trips_entities_quotes_and_blocks():
    problems = []
    stream = io.BytesIO()
    writer = DocBinStreamWriter(stream, DocConverter(problems.append))
    writer.write(ExportItem(_document(), _annotation()))
    assert writer.finish() == {}
    [doc] = _read(stream.getvalue())
    assert problems == []
    assert doc.text == TEXT
    assert [(e.text, e.label_) for e in doc.ents] == [("Ana Ruiz", "PERSON"), ("Lisbon", "GPE")]
    quotes = {q.id_: q for q in doc.spans["quotes"]}
    assert sorted(q.text for q in quotes.values()) == ["Harbor plan", "We will rebuild the pier,"]
    speakers = {s.id_: s for s in doc.spans["speakers"]}
    cues = {c.id_: c for c in doc.spans["cues"]}
    pier = next(i for i, q in quotes.items() if q.text.startswith("We will"))
    harbor = next(i for i, q in quotes.items() if q.text == "Harbor plan")
    assert speakers[pier].text == "Ruiz" and pier not in cues
    assert cues[harbor].text == "approved" and harbor not in speakers
    assert [(b.label_, b.start_char) for b in doc.spans["blocks"]] == [
        ("title", 0),
        ("body", TEXT.index("Mayor")),
        ("body", TEXT.index("\u201c")),
    ]
    assert doc.user_data["annotator"]["id"] == "harbor"
    assert doc.user_data["annotator"]["source"] == "gold"


def test_misaligned_and_overlapping_spans_are_reported_with_document_and_offsets():
    problems = []
    bad = Span(TEXT.index("Lisbon"), TEXT.index("Lisbon") + 4, "GPE")  # "Lisb"
    overlap = Span(*_at("Ruiz of"), "ORG")
    writer = DocBinStreamWriter(io.BytesIO(), DocConverter(problems.append))
    writer.write(ExportItem(_document(), _annotation([bad, overlap])))
    assert [(p.document_id, p.start, p.end, p.what) for p in problems] == [
        ("harbor", overlap.start, overlap.end, "entity ORG"),
        ("harbor", bad.start, bad.end, "entity GPE"),
    ]
    assert "overlaps" in problems[0].reason
    assert "token boundaries" in problems[1].reason and "left out" in problems[1].reason


def test_expand_alignment_keeps_the_span_and_says_so():
    problems = []
    stream = io.BytesIO()
    document = _document()
    partial = Span(TEXT.index("Lisbon"), TEXT.index("Lisbon") + 4, "GPE")
    annotation = Annotation("harbor", "gold", spans=[partial])
    writer = DocBinStreamWriter(stream, DocConverter(problems.append, alignment="expand"))
    writer.write(ExportItem(document, annotation))
    writer.finish()
    [doc] = _read(stream.getvalue())
    assert [(e.text, e.label_) for e in doc.ents] == [("Lisbon", "GPE")]
    [problem] = problems
    start, end = _at("Lisbon")
    assert problem.reason.endswith(f"expanded to [{start}, {end})")


def test_unknown_alignment_is_refused():
    with pytest.raises(ValueError, match="alignment"):
        DocConverter(lambda p: None, alignment="sideways")


def test_folder_writer_writes_bounded_chunks(tmp_path):
    written = []
    writer = DocBinFolderWriter(
        tmp_path / "train", DocConverter(lambda p: None), chunk=2, on_file=written.append
    )
    for _ in range(5):
        writer.write(ExportItem(_document(), _annotation()))
    writer.finish()
    assert [p.name for p in written] == ["00000.spacy", "00001.spacy", "00002.spacy"]
    nlp = spacy.blank("en")
    counts = [len(list(DocBin().from_disk(p).get_docs(nlp.vocab))) for p in written]
    assert counts == [2, 2, 1]


def _variant(n: int) -> tuple[Document, Annotation]:
    """Document ``n``: its own id, and every third one with a span off token boundaries."""
    document = _document()
    document.id = f"harbor-{n}"
    bad = [Span(TEXT.index("Lisbon"), TEXT.index("Lisbon") + n % 5 + 1, "GPE")] if n % 3 else []
    annotation = _annotation(bad)
    annotation.document_id = document.id
    return document, annotation


def _folder_export(folder, pool):
    problems, written = [], []
    writer = DocBinFolderWriter(
        folder, DocConverter(problems.append), chunk=3, on_file=written.append, pool=pool
    )
    for n in range(11):
        writer.write(ExportItem(*_variant(n)))
    writer.finish()
    nlp = spacy.blank("en")
    docs = [
        (
            doc.user_data["annotator"]["id"],
            doc.text,
            [(e.start_char, e.end_char, e.label_) for e in doc.ents],
            [(s.start_char, s.end_char, s.label_, s.id_) for g in doc.spans.values() for s in g],
        )
        for path in written
        for doc in DocBin().from_disk(path).get_docs(nlp.vocab)
    ]
    return [p.name for p in written], docs, [(p.document_id, p.start, p.end) for p in problems]


def test_chunks_converted_in_helper_processes_match_one_process(tmp_path):
    pool = ChunkPool(2)
    try:
        parallel = _folder_export(tmp_path / "parallel", pool)
        assert pool.started
    finally:
        pool.close()
    serial = _folder_export(tmp_path / "serial", None)
    assert parallel == serial
    names, docs, problems = serial
    assert names == ["00000.spacy", "00001.spacy", "00002.spacy", "00003.spacy"]
    assert [d[0] for d in docs] == [f"harbor-{n}" for n in range(11)]
    assert len(problems) == 7  # in document order, as one process reports them


def test_a_small_export_starts_no_helper_process(tmp_path):
    pool = ChunkPool(2)
    writer = DocBinFolderWriter(tmp_path / "small", DocConverter(lambda p: None), 5, pool=pool)
    for n in range(4):
        writer.write(ExportItem(*_variant(n)))
    writer.finish()
    assert not pool.started
    assert [p.name for p in writer.files] == ["00000.spacy"]
