"""Every export format on the small fixed corpus of tests/golden: byte-for-byte against
the golden files, and read back by its consumer (or checked against its documented
shape where the consumer is an application).

Regenerate the golden files after a deliberate format change (and give the format a new
id if files already written change meaning):
``ANNOTATOR_REGEN_GOLDEN=1 uv run pytest tests/workspace/test_export_formats.py``.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import orjson
import pytest

from annotator.workspace import Workspace
from annotator.workspace.export_formats import all_exporters
from tests.schema_check import errors

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
REGENERATE = os.environ.get("ANNOTATOR_REGEN_GOLDEN") == "1"
FORMATS = ["jsonl", "prodigy", "doccano", "label-studio", "conll", "hf", "blocks"]
ALIGNED = {  # the gold entities every token format can carry
    "harbor": [("Lena Ortiz", "PERSON"), ("Portland", "GPE"), ("Tuesday", "DATE"),
               ("Ana Ruiz", "PERSON")],
    "cafe": [("São Paulo", "GPE"), ("Associação Brasileira de Cafés", "ORG"),
             ("Monday", "DATE"), ("Coffee", "PRODUCT")],
}  # fmt: skip


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    workspace = Workspace.open(str(tmp_path_factory.mktemp("golden") / "p.db"), "curator")
    report = workspace.import_paths([GOLDEN / "corpus.jsonl"])
    assert report.ok and report.added == 3
    yield workspace
    workspace.close()


def export(project, tmp_path, name, **options):
    exporter = next(e for e in all_exporters() if e.name == name)
    out = tmp_path / f"{'native' if name == 'jsonl' else name}{exporter.suffix}"
    report = project.export(out, name, **options)
    return out, report


def test_every_format_is_tested():
    assert {e.name for e in all_exporters() if e.id.startswith("export.")} >= set(FORMATS)


@pytest.mark.parametrize("name", FORMATS)
def test_golden_files(project, tmp_path, name):
    out, report = export(project, tmp_path, name)
    for path in [out, *report.companions]:
        golden = GOLDEN / path.name
        if REGENERATE:
            golden.write_bytes(path.read_bytes())
        assert golden.exists(), f"no golden file {golden.name}: run with ANNOTATOR_REGEN_GOLDEN=1"
        assert path.read_bytes() == golden.read_bytes(), f"{path.name} differs from the golden"


def test_native_records_match_the_json_schema(project, tmp_path):
    schema = json.loads((GOLDEN.parent.parent / "resources/schemas/annotator-record.v1.schema.json")
                        .read_text(encoding="utf-8"))  # fmt: skip
    for source in ("all", "merged"):
        out, _ = export(project, tmp_path, "jsonl", source=source, include_unfinished=True)
        for n, line in enumerate(out.read_bytes().splitlines(), 1):
            assert list(errors(orjson.loads(line), schema)) == [], f"line {n}"
    assert list(errors({"id": "x", "text": "t"}, schema))  # the checker does check


def test_training_formats_take_gold_and_done_only_unless_asked(project, tmp_path):
    out, report = export(project, tmp_path, "doccano")
    assert report.source == "gold" and report.unfinished == 1
    assert [orjson.loads(line)["id"] for line in out.read_bytes().splitlines()] == [
        "harbor",
        "cafe",
    ]
    out, report = export(project, tmp_path, "doccano", include_unfinished=True)
    assert report.records == 3 and report.unfinished == 0
    out, report = export(project, tmp_path, "doccano", source="suggestions")
    assert report.records == 1  # suggestions are never marked done, so they are taken whole


def test_problems_name_the_document_and_offsets(project, tmp_path):
    problems = tmp_path / "problems.jsonl"
    _, report = export(project, tmp_path, "hf", problems_out=problems)
    found = sorted(str(p) for p in report.problems)
    assert found == [
        "cafe [116, 122) entity PRODUCT: label is not one of the project's entity labels",
        "cafe [75, 85) entity NORP: overlaps another entity",
        "harbor [146, 149) entity PERSON: does not align with token boundaries",
    ]
    written = [orjson.loads(line) for line in problems.read_bytes().splitlines()]
    assert {(p["document"], p["start"], p["end"]) for p in written} == {
        ("cafe", 116, 122),
        ("cafe", 75, 85),
        ("harbor", 146, 149),
    }
    _, report = export(project, tmp_path, "blocks")
    assert [str(p) for p in report.problems] == [
        "cafe [107, 139) block 2: block has no label in this source"
    ]


# ------------------------------------------------------------------ consumers


def test_hugging_face_datasets_reads_the_export(project, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    datasets = pytest.importorskip("datasets")
    out, report = export(project, tmp_path, "hf")
    names = json.loads(report.companions[0].read_text(encoding="utf-8"))["ner_tags"]
    assert report.companions[0].name == "hf.label_names.json"
    dataset = datasets.load_dataset(
        "json", data_files=str(out), split="train", cache_dir=str(tmp_path / "cache")
    )
    dataset = dataset.cast_column("ner_tags", datasets.Sequence(datasets.ClassLabel(names=names)))
    tag_names = dataset.features["ner_tags"].feature.names
    found: dict[str, list[tuple[str, str]]] = {}
    for row in dataset:
        found.setdefault(row["document_id"], []).extend(
            _entities(row["tokens"], [tag_names[t] for t in row["ner_tags"]])
        )
    expected = {doc: [e for e in spans if e[1] != "PRODUCT"] for doc, spans in ALIGNED.items()}
    assert found == expected
    assert dataset[0]["id"] == "harbor:0" and dataset[0]["block_label"] == "title"


def test_conll_reads_back_into_tokens_and_tags_and_spacy_converts_it(project, tmp_path):
    out, _ = export(project, tmp_path, "conll")
    text = out.read_text(encoding="utf-8")
    documents = text.split("-DOCSTART- -X- -X- O\n\n")[1:]
    found = {}
    for doc_id, chunk in zip(["harbor", "cafe"], documents, strict=True):
        entities = []
        for sentence in chunk.strip("\n").split("\n\n"):
            rows = [line.split(" ") for line in sentence.split("\n")]
            assert all(len(row) == 4 and row[1:3] == ["-X-", "_"] for row in rows)
            entities += _entities([r[0] for r in rows], [r[3] for r in rows])
        found[doc_id] = entities
    assert found == ALIGNED
    # spaCy's own CoNLL converter reads it (the `spacy convert -c ner` path)
    from spacy.training.converters import conll_ner_to_docs

    docs = list(conll_ner_to_docs(text, n_sents=1, no_print=True))
    ents = [(e.text, e.label_) for doc in docs for e in doc.ents]
    assert ents == ALIGNED["harbor"] + ALIGNED["cafe"]


def test_prodigy_tasks_have_the_documented_shape(project, tmp_path):
    import spacy
    from spacy.tokens import Doc

    out, _ = export(project, tmp_path, "prodigy")
    vocab = spacy.blank("en").vocab
    tasks = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    for task in tasks:
        text = task["text"]
        tokens = task["tokens"]
        assert [t["id"] for t in tokens] == list(range(len(tokens)))
        for t in tokens:
            assert set(t) == {"text", "start", "end", "id", "ws"}
            assert text[t["start"] : t["end"]] == t["text"]
        doc = Doc(vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens])
        assert doc.text == text  # the tokens rebuild the text, as Prodigy expects
        for span in task["spans"]:
            assert set(span) == {"start", "end", "token_start", "token_end", "label"}
            assert tokens[span["token_start"]]["start"] == span["start"]
            assert tokens[span["token_end"]]["end"] == span["end"]
            assert doc.char_span(span["start"], span["end"]) is not None
        assert task["answer"] == "accept" and task["_view_id"] == "ner_manual"
        for key in ("_input_hash", "_task_hash"):
            assert isinstance(task[key], int) and -(2**31) <= task[key] < 2**31
        assert task["meta"]["annotator"] == "gold"
    found = {t["meta"]["id"]: [(t["text"][s["start"] : s["end"]], s["label"])
             for s in t["spans"]] for t in tasks}  # fmt: skip
    assert found == ALIGNED


def test_prodigy_hashes_follow_input_and_task(project, tmp_path):
    from annotator.io.exporters.prodigy import prodigy_hashes

    a = prodigy_hashes({"text": "Hello", "spans": []})
    b = prodigy_hashes({"text": "Hello", "spans": [{"start": 0, "end": 5, "label": "X"}]})
    c = prodigy_hashes({"text": "Other", "spans": [], "meta": {"id": "x"}, "answer": "accept"})
    assert a[0] == b[0] and a[1] != b[1]  # same input, different task
    assert c[0] != a[0]
    assert prodigy_hashes({"text": "Other", "spans": []}) == c  # meta and answer not hashed


def test_doccano_records_have_the_sequence_labelling_shape(project, tmp_path):
    out, _ = export(project, tmp_path, "doccano")
    for line in out.read_bytes().splitlines():
        record = orjson.loads(line)
        assert set(record) == {"id", "text", "label", "meta"}
        for start, end, label in record["label"]:
            assert 0 <= start < end <= len(record["text"]) and isinstance(label, str)


def test_label_studio_tasks_match_their_labelling_config(project, tmp_path):
    out, report = export(project, tmp_path, "label-studio", source="all")
    tasks = json.loads(out.read_text(encoding="utf-8"))
    config = ET.fromstring(report.companions[0].read_text(encoding="utf-8"))
    text_names = {t.get("name") for t in config.iter("Text")}
    controls = {
        c.get("name"): {label.get("value") for label in c.iter("Label")}
        for c in config.iter("Labels")
    }
    relations = {r.get("value") for r in config.iter("Relation")}
    kinds = set()
    for task in tasks:
        text = task["data"]["text"]
        for kind in ("annotations", "predictions"):
            for entry in task.get(kind, []):
                kinds.add(kind)
                ids = {r["id"] for r in entry["result"] if r["type"] == "labels"}
                for r in entry["result"]:
                    if r["type"] == "relation":
                        assert r["from_id"] in ids and r["to_id"] in ids
                        assert set(r["labels"]) <= relations
                        continue
                    assert r["type"] == "labels" and r["to_name"] in text_names
                    value = r["value"]
                    assert text[value["start"] : value["end"]] == value["text"]
                    assert r["from_name"] in controls
                    if r["from_name"] != "label":  # entity labels may be outside the schema
                        assert set(value["labels"]) <= controls[r["from_name"]]
    assert kinds == {"annotations", "predictions"}
    harbor = next(t for t in tasks if t["data"]["document_id"] == "harbor")
    result = harbor["annotations"][0]["result"]
    speaker = next(r for r in result if r["value"].get("labels") == ["SPEAKER"])
    assert speaker["value"]["text"] == "Ruiz"


def test_block_corpus_is_binary(project, tmp_path):
    out, _ = export(project, tmp_path, "blocks")
    records = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert {r["label"] for r in records} == {"body", "boilerplate"}
    title = records[0]
    assert (title["document_id"], title["position"], title["block_label"], title["label"]) == (
        "harbor",
        0,
        "title",
        "boilerplate",
    )
    cafe = [r for r in records if r["document_id"] == "cafe"]
    assert cafe[0]["features"] == {"tag": "h1", "link_density": 0.0, "site": "news.example"}


def test_exports_read_back_by_our_importer(project, tmp_path):
    """Prodigy and doccano files import back with the same texts and entities."""
    for name in ("prodigy", "doccano"):
        out, _ = export(project, tmp_path, name)
        with Workspace.open(str(tmp_path / f"{name}.db"), "curator") as other:
            assert other.import_paths([out]).ok
            stored = {}
            for line in out.read_bytes().splitlines():
                record = orjson.loads(line)
                doc_id = record.get("id") or f"prodigy-{record['_input_hash']}"
                doc = other.document(doc_id)
                assert doc is not None and doc.text == record["text"]
                stored[record.get("id") or record["meta"]["id"]] = sorted(
                    (s.start, s.end, s.label) for a in other.annotations(doc_id) for s in a.spans
                )
            assert stored["harbor"][0] == (38, 48, "PERSON")


def _entities(tokens: list[str], tags: list[str]) -> list[tuple[str, str]]:
    """(text joined by spaces, label) of each BIO entity."""
    out: list[tuple[list[str], str]] = []
    for token, tag in zip(tokens, tags, strict=True):
        if tag.startswith("B-"):
            out.append(([token], tag[2:]))
        elif tag.startswith("I-"):
            assert out and out[-1][1] == tag[2:], "I- tag without its B-"
            out[-1][0].append(token)
    return [(" ".join(words), label) for words, label in out]
