"""Training an NER pipeline from confirmed spans: it saves, loads and predicts."""

from __future__ import annotations

import pytest
import spacy

from annotator.core.model import Span
from annotator.nlp.entities import EntitySuggester, Gazetteer
from annotator.nlp.pipeline import LoadedPipeline, load_pipeline
from annotator.nlp.training import Passage, passages_from_document, save_pipeline, train_ner

PEOPLE = ["Maria Lopez", "John Carter", "Aisha Khan", "Peter Novak", "Lena Fischer", "Omar Haddad"]
ORGS = [
    "Acme Industries",
    "the World Bank",
    "Globex",
    "the Red Cross",
    "Initech",
    "Umbrella Health",
]
PLACES = ["Paris", "Kenya", "Texas", "Ohio", "Berlin", "Japan"]
TEMPLATES = [
    "{PERSON} joined {ORG} in {GPE} last year.",
    "{ORG} said {PERSON} would visit {GPE} on Monday.",
    "In {GPE}, {PERSON} criticised {ORG} for the delay.",
    "{PERSON} left {ORG} after a dispute.",
    "Officials in {GPE} met {PERSON} of {ORG}.",
]


def corpus() -> list[tuple[str, list[tuple[int, int, str]]]]:
    """30 short sentences with their PERSON/ORG/GPE spans."""
    out = []
    for n in range(30):
        template = TEMPLATES[n % len(TEMPLATES)]
        values = {
            "PERSON": PEOPLE[n % len(PEOPLE)],
            "ORG": ORGS[(n * 5 + 1) % len(ORGS)],
            "GPE": PLACES[(n * 7 + 2) % len(PLACES)],
        }
        text, spans, rest = "", [], template
        while "{" in rest:
            before, _, after = rest.partition("{")
            label, _, rest = after.partition("}")
            text += before
            spans.append((len(text), len(text) + len(values[label]), label))
            text += values[label]
        out.append((text + rest, spans))
    return out


def passages() -> list[Passage]:
    return [
        Passage(text, tuple(Span(s, e, label) for s, e, label in spans), f"s{i}")
        for i, (text, spans) in enumerate(corpus())
    ]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    result = train_ner(passages(), iterations=12, seed=1)
    path = save_pipeline(result.nlp, tmp_path_factory.mktemp("ner") / "model", "1.0.0")
    return result, path


def test_training_produces_a_pipeline_that_loads_and_predicts(trained):
    result, path = trained
    assert result.examples == 30 and result.entities == 84
    assert result.labels == ["GPE", "ORG", "PERSON"]
    assert result.losses[-1] < result.losses[0]
    assert result.problems == []
    nlp = spacy.load(path)
    assert nlp.meta["name"] == "annotator_ner" and nlp.meta["version"] == "1.0.0"
    doc = nlp("Maria Lopez joined Globex in Berlin last year.")
    assert {(e.text, e.label_) for e in doc.ents} >= {("Maria Lopez", "PERSON")}
    assert len(doc.ents) >= 2


def test_the_trained_pipeline_suggests_entities_with_its_name(trained):
    _, path = trained
    pipeline = load_pipeline(str(path))
    assert pipeline.has_ner and not pipeline.has_parser
    assert pipeline.label == "en_annotator_ner-1.0.0"
    suggester = EntitySuggester(pipeline, Gazetteer(), ("PERSON", "ORG", "GPE"), batch_size=4)
    texts = ["Aisha Khan joined Initech in Paris last year.", "", "Nothing to see here."]
    seen = []
    spans = [a.spans for a in suggester.analyse(texts, progress=seen.append)]
    assert seen == [1, 2, 3]
    assert len(spans) == 3 and spans[1] == []
    first = {(texts[0][s.start : s.end], s.label) for s in spans[0]}
    assert ("Aisha Khan", "PERSON") in first
    assert suggester.model_id.startswith("suggest.entities.spacy.v1:en_annotator_ner-1.0.0+")


def test_fine_tuning_from_a_base_pipeline_keeps_its_labels(trained):
    _, path = trained
    base = spacy.load(path)
    extra = [Passage("Zed Quinn visited Lagos.", (Span(0, 9, "PERSON"), Span(18, 23, "LOC")))]
    result = train_ner(extra, base=base, iterations=2)
    assert result.base == "en_annotator_ner-1.0.0"
    assert {"PERSON", "ORG", "GPE", "LOC"} <= set(result.nlp.get_pipe("ner").labels)


def test_misaligned_and_overlapping_spans_are_reported_not_dropped_silently():
    bad = Passage(
        "Maria Lopez joined Acme Corp.",
        (Span(0, 11, "PERSON"), Span(6, 11, "PERSON"), Span(19, 23, "ORG"), Span(19, 22, "ORG")),
        "doc1@0",
    )
    result = train_ner([bad, *passages()[:3]], iterations=1)
    assert any("overlaps another span" in p for p in result.problems)
    assert any("'Acm' does not fall on token boundaries" in p for p in result.problems)
    assert result.entities == 2 + 9


def test_passages_follow_the_body_blocks_and_report_spans_across_blocks():
    text = "Share this\n\nAna Ruiz spoke.\n\nIn Paris today."
    blocks = [(0, 10), (12, 27), (29, 44)]
    spans = [Span(12, 20, "PERSON"), Span(32, 37, "GPE"), Span(21, 31, "MISC")]
    problems: list[str] = []
    found = passages_from_document("d", text, blocks, spans, {1, 2}, problems)
    assert [p.text for p in found] == ["Ana Ruiz spoke.", "In Paris today."]
    assert found[0].spans == (Span(0, 8, "PERSON"),) and found[1].spans == (Span(3, 8, "GPE"),)
    assert problems == ["d: MISC span [21, 31) crosses a block boundary"]


def test_loaded_pipeline_runs_only_what_is_needed(trained):
    _, path = trained
    pipeline = LoadedPipeline(spacy.load(path), str(path))
    assert pipeline.needed(entities=True, parse=True) == ["ner"]
    assert pipeline.disabled(entities=False, parse=False) == ["ner"]
