"""Entity suggestions: label mapping, the gazetteer fallback, pipeline loading."""

from __future__ import annotations

import logging

import pytest

from annotator.core.model import Span
from annotator.nlp import registry
from annotator.nlp.entities import EntitySuggester, Gazetteer, by_confidence, map_label, merge
from annotator.nlp.pipeline import (
    DEFAULT_PIPELINE,
    ENV_VAR,
    PipelineUnavailable,
    configured_name,
    load_pipeline,
    warn_once,
)

SCHEMA = ("PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "EVENT", "MISC")


def test_spacy_labels_map_onto_the_schema():
    assert map_label("PERSON", SCHEMA) == "PERSON"
    assert map_label("FAC", SCHEMA) == "LOC"
    for label in ("PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"):
        assert map_label(label, SCHEMA) == "MISC"
    for label in ("CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "TIME"):
        assert map_label(label, SCHEMA) is None
    assert map_label("MONEY", (*SCHEMA, "MONEY")) == "MONEY"  # a schema that wants it
    assert map_label("FAC", ("PERSON",)) is None  # mapped, but not in this schema
    assert map_label("PER", SCHEMA) == "PERSON"


def gazetteer(*items: tuple[str, str]) -> Gazetteer:
    g = Gazetteer()
    for term, label in items:
        g.add(term, label)
    return g


def found(text: str, g: Gazetteer) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in g.find(text)]


def test_gazetteer_labels_every_occurrence_longest_first_at_word_boundaries():
    g = gazetteer(("New York", "GPE"), ("New York Times", "ORG"), ("Ann", "PERSON"))
    text = "The New York Times wrote about New York. Anne and Ann met in New Yorkers' bar."
    assert found(text, g) == [("New York Times", "ORG"), ("New York", "GPE"), ("Ann", "PERSON")]


def test_gazetteer_is_case_sensitive_and_takes_the_majority_label():
    g = gazetteer(("Apple", "ORG"), ("Apple", "ORG"), ("Apple", "PERSON"), ("x", "MISC"))
    assert len(g) == 1  # one-character terms are too ambiguous to keep
    spans = g.find("Apple sells apples. APPLE. Apple.")
    assert [(s.start, s.label) for s in spans] == [(0, "ORG"), (27, "ORG")]
    assert spans[0].score == pytest.approx(0.9 * 2 / 3, abs=1e-3)


def test_gazetteer_from_confirmed_spans_and_punctuated_terms():
    text = "U.S. officials met Ana Ruiz."
    g = Gazetteer.from_spans([(text, [Span(0, 4, "GPE"), Span(19, 27, "PERSON")])])
    assert found("The U.S. and Ana Ruiz, again.", g) == [("U.S.", "GPE"), ("Ana Ruiz", "PERSON")]
    assert Gazetteer().find("anything") == []


def test_model_spans_win_over_overlapping_gazetteer_spans():
    model = [Span(0, 8, "PERSON", 0.75)]
    extra = [Span(4, 12, "ORG", 0.9), Span(20, 25, "GPE", 0.9)]
    assert merge(model, extra) == [Span(0, 8, "PERSON", 0.75), Span(20, 25, "GPE", 0.9)]


def test_on_overlaps_the_more_confident_span_wins():
    model = [Span(0, 8, "ORG", 0.75), Span(20, 25, "GPE", 0.75)]
    gazetteer = [Span(20, 25, "PERSON", 0.45)]  # a text confirmed with two labels
    rules = [Span(0, 12, "PERSON", 0.89), Span(20, 25, "GPE", 0.81), Span(30, 34, "DATE", 0.7)]
    assert by_confidence(model, gazetteer, rules) == [
        Span(0, 12, "PERSON", 0.89),
        Span(20, 25, "GPE", 0.75),  # model and rules agree: the model's span, ranked at 0.81
        Span(30, 34, "DATE", 0.7),
    ]
    # equal confidence: the earlier source, then the longer span
    assert by_confidence([Span(0, 4, "ORG", 0.9)], [Span(0, 4, "GPE", 0.9)]) == [
        Span(0, 4, "ORG", 0.9)
    ]
    assert by_confidence([Span(0, 4, "ORG", 0.5), Span(2, 9, "GPE", 0.5)]) == [
        Span(2, 9, "GPE", 0.5)
    ]


def test_a_longer_name_wins_over_a_name_inside_it_whatever_the_confidence():
    text = "the Bank of England"
    model = [Span(4, 19, "ORG", 0.75)]
    rules = [Span(12, 19, "GPE", 0.81)]
    assert by_confidence(model, [], rules) == [Span(4, 19, "ORG", 0.75)]
    assert text[12:19] == "England"
    # and the other way round: a rule's full name over the model's part of it
    assert by_confidence([Span(0, 3, "PERSON", 0.75)], [], [Span(0, 11, "PERSON", 0.6)]) == [
        Span(0, 11, "PERSON", 0.6)
    ]


def test_without_a_pipeline_the_gazetteer_suggests(caplog):
    g = gazetteer(("Ana Ruiz", "PERSON"))
    suggester = EntitySuggester(None, g, SCHEMA)
    assert suggester.suggest(["Ana Ruiz spoke.", "Nobody."]) == [[Span(0, 8, "PERSON", 0.9)], []]
    assert suggester.model_id == f"{registry.ENTITIES_RULES}+{registry.ENTITIES_GAZETTEER}:1 terms"
    # with the rules switched off, the gazetteer alone
    alone = EntitySuggester(None, g, SCHEMA, use_rules=False)
    assert alone.suggest(["Ana Ruiz met Maria Lindqvist."]) == [[Span(0, 8, "PERSON", 0.9)]]
    assert alone.model_id == f"{registry.ENTITIES_GAZETTEER}:1 terms"


def test_a_missing_pipeline_is_named_with_how_to_get_one_and_logged_once(caplog, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert configured_name(None) == DEFAULT_PIPELINE
    assert configured_name("my_model") == "my_model"
    monkeypatch.setenv(ENV_VAR, "from_env")
    assert configured_name("my_model") == "from_env"
    with pytest.raises(PipelineUnavailable) as caught:
        load_pipeline("xx_no_such_pipeline_here")
    message = str(caught.value)
    assert "'xx_no_such_pipeline_here' is not installed" in message
    assert "annotator train ner" in message and ENV_VAR in message
    with caplog.at_level(logging.WARNING, logger="annotator.nlp"):
        assert warn_once(caught.value) is True
        assert warn_once(caught.value) is False
    assert caplog.text.count("xx_no_such_pipeline_here") == 1


def test_a_blank_pipeline_folder_loads_but_has_no_entities(tmp_path):
    import spacy

    spacy.blank("en").to_disk(tmp_path / "blank")
    pipeline = load_pipeline(str(tmp_path / "blank"))
    assert not pipeline.has_ner
    suggester = EntitySuggester(pipeline, gazetteer(("Ana Ruiz", "PERSON")), SCHEMA)
    assert suggester.suggest(["Ana Ruiz spoke."]) == [[Span(0, 8, "PERSON", 0.9)]]
    assert suggester.model_id.startswith(registry.ENTITIES_RULES)  # no NER: rules + gazetteer


def test_registry_knows_the_suggesters():
    assert registry.suggester("suggest.entities.spacy.v1").kind == "entities"
    assert [s.id for s in registry.suggesters("blocks")] == ["suggest.blocks.v1"]
    with pytest.raises(KeyError):
        registry.suggester("suggest.nothing.v0")
