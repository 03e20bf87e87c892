"""The rule entity suggester: each rule family on hand-written sentences, the seed article,
and how EntitySuggester combines rules with the gazetteer, a pipeline and the schema."""

from __future__ import annotations

import pytest

from annotator.nlp import registry
from annotator.nlp.entities import EntitySuggester, Gazetteer
from annotator.nlp.entity_rules import RULES, EntityRules, rules

SCHEMA = ("PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "EVENT", "MISC")
SEED = "seeds/000_08d65a8e5416cb17.txt"


@pytest.fixture(scope="module")
def engine() -> EntityRules:
    return rules()  # built once per process: the name lists take about a second


def found(engine: EntityRules, text: str) -> set[tuple[str, str]]:
    return {(text[s.start : s.end], s.label) for s in engine.find(text)}


def test_places_countries_cities_regions_and_capitals(engine):
    text = "Talks in Geneva between France and South Korea drew envoys from Asia."
    assert {("Geneva", "GPE"), ("France", "GPE"), ("South Korea", "GPE"), ("Asia", "LOC")} <= (
        found(engine, text)
    )
    text = "BERLIN, Germany — Officials in the U.S. and Britain were told on Monday."
    assert {("BERLIN", "GPE"), ("Germany", "GPE"), ("U.S.", "GPE"), ("Britain", "GPE")} <= (
        found(engine, text)
    )


def test_nationalities_and_groups(engine):
    text = "North Korean officials met American and German diplomats; Americans were wary."
    got = found(engine, text)
    assert {("North Korean", "NORP"), ("American", "NORP"), ("German", "NORP")} <= got
    assert ("Americans", "NORP") in got


def test_dates(engine):
    text = (
        "The report, published November 21, 2024, said on Friday that prices rose last week, "
        "as they did in 2019 and in the 1990s, and will again in March."
    )
    got = {t for t, label in found(engine, text) if label == "DATE"}
    assert {"November 21, 2024", "Friday", "last week", "2019", "1990s", "March"} <= got
    assert "may" not in {t.lower() for t in got}  # "May" alone is a verb as often as a month
    assert ("12 May 2023", "DATE") in found(engine, "It ended on 12 May 2023.")


def test_organisations_by_head_noun_legal_form_and_acronym(engine):
    text = (
        "The Korean Central News Agency said the Ministry of Defence and Acme Widgets Inc. "
        "had briefed NATO, while Manchester United lost."
    )
    got = found(engine, text)
    assert {
        ("Korean Central News Agency", "ORG"),
        ("Ministry of Defence", "ORG"),
        ("Acme Widgets Inc.", "ORG"),
        ("NATO", "ORG"),
        ("Manchester United", "ORG"),
    } <= got


def test_a_city_before_a_score_is_a_team_but_a_country_stays_a_place(engine):
    got = found(engine, "Results: Essex 532-8, Surrey 210. Germany 2 France 1.")
    assert {("Essex", "ORG"), ("Surrey", "ORG"), ("Germany", "GPE"), ("France", "GPE")} <= got


def test_relative_and_partial_dates(engine):
    text = (
        "Prices have climbed in recent months and fell two weeks ago, after a slump in the "
        "past three years; farmers planted late this past autumn and expect rain in May."
    )
    got = {t for t, label in found(engine, text) if label == "DATE"}
    assert {"recent months", "two weeks ago", "past three years", "this past autumn"} <= got
    assert "May" in got  # a month after a preposition, not the modal
    got = {t for t, label in found(engine, "Officials may resign. May brought floods.")}
    assert "May" not in got and "may" not in got


def test_events_end_in_an_event_head_noun(engine):
    text = (
        "Veterans of World War II and the Gulf War watched the World Cup final, and Lyon "
        "bid for the 2036 Olympics."
    )
    got = found(engine, text)
    assert {
        ("World War II", "EVENT"),
        ("Gulf War", "EVENT"),
        ("World Cup", "EVENT"),
        ("2036 Olympics", "EVENT"),
    } <= got


def test_clubs_publications_and_camel_case_brands(engine):
    text = (
        "The Denver Broncos beat the Chicago Bears on Sunday, and the Broncos now lead. "
        "A paper in the Journal of Applied Ecology, cited by the newspaper Politiken and "
        "shared on YouTube, drew notice."
    )
    got = found(engine, text)
    assert {
        ("Denver Broncos", "ORG"),
        ("Chicago Bears", "ORG"),
        ("Broncos", "ORG"),
        ("Journal of Applied Ecology", "ORG"),
        ("Politiken", "ORG"),
        ("YouTube", "ORG"),
    } <= got
    assert ("Denver", "GPE") not in got  # the club's name wins over its city
    assert ("McCarthy", "ORG") not in found(engine, "He met Gene McCarthy there.")
    assert not {t for t, _ in found(engine, "Rates for JulAug rose; MaliVai Washington won.")} & {
        "JulAug",
        "MaliVai",
    }
    assert ("Texas Democrats", "ORG") not in found(engine, "Texas Democrats met in Austin.")


def test_the_north_after_north_korea_and_the_west(engine):
    text = (
        "South Sudan rejected the offer; officials said the South would not yield to "
        "pressure from the West."
    )
    got = found(engine, text)
    assert {("South Sudan", "GPE"), ("South", "GPE"), ("West", "LOC")} <= got


def test_airport_codes_are_not_places(engine):
    got = found(engine, "He tried a CPAP and then a PAP device at home in Lyon.")
    assert ("PAP", "GPE") not in got and ("Lyon", "GPE") in got
    assert ("UAE", "GPE") in found(engine, "Talks in the UAE resumed on Monday.")


def test_people_by_title_given_name_and_later_short_mention(engine):
    text = (
        "President Vladimir Putin met Mr. Okonkwo-Bauer and Maria Lindqvist on Tuesday. "
        "Later, Lindqvist said Putin had left."
    )
    got = found(engine, text)
    assert {
        ("Vladimir Putin", "PERSON"),
        ("Okonkwo-Bauer", "PERSON"),
        ("Maria Lindqvist", "PERSON"),
        ("Lindqvist", "PERSON"),
        ("Putin", "PERSON"),
    } <= got
    assert ("President", "PERSON") not in got and ("Mr.", "PERSON") not in got


def test_headlines_and_capitals_do_not_make_names_of_every_word(engine):
    text = "Jeffrey Sachs Warns of Looming War With Iran\n\nDON'T MISS\n\nUP NEXT"
    got = found(engine, text)
    assert ("Iran", "GPE") in got
    assert not {t for t, _ in got} & {"MISS", "UP", "NEXT", "War", "Looming"}


def test_every_rule_has_a_confidence_in_0_1(engine):
    assert all(0 < confidence <= 1 for _, _, confidence in RULES.values())
    spans = engine.find("Kim Jong Un met Donald Trump in Singapore on June 12, 2018.")
    assert spans and all(0 < s.score <= 1 for s in spans)


def test_seed_article(shared, engine):
    text = (shared / SEED).read_text(encoding="utf-8")
    spans = EntitySuggester(None, Gazetteer(), SCHEMA).suggest([text])[0]
    got = [(text[s.start : s.end], s.label) for s in spans]
    for entity in [
        ("Kim Jong Un", "PERSON"),
        ("Pyongyang", "GPE"),
        ("Washington", "GPE"),
        ("SEOUL", "GPE"),
        ("South Korea", "GPE"),
        ("Donald Trump", "PERSON"),
        ("Vladimir Putin", "PERSON"),
        ("Korean Central News Agency", "ORG"),
        ("November 21, 2024", "DATE"),
    ]:
        assert entity in got
    # later short mentions of the full names
    assert got.count(("Kim", "PERSON")) >= 10
    first_full = text.index("Kim Jong Un said")
    assert any(
        text[s.start : s.end] == "Kim" and s.label == "PERSON" and s.start > first_full
        for s in spans
    )
    assert ("Trump", "PERSON") in got


def test_without_a_pipeline_the_suggester_gives_rule_spans():
    suggester = EntitySuggester(None, Gazetteer(), SCHEMA)
    [spans] = suggester.suggest(["Maria Lindqvist flew to Paris on Friday."])
    assert [(s.label, s.score) for s in spans] == [
        ("PERSON", RULES["person.given"][2]),
        ("GPE", RULES["place"][2]),
        ("DATE", RULES["date"][2]),
    ]
    assert registry.ENTITIES_RULES in suggester.model_id
    assert registry.suggester(registry.ENTITIES_RULES).kind == "entities"
    off = EntitySuggester(None, Gazetteer(), SCHEMA, use_rules=False)
    assert off.suggest(["Maria Lindqvist flew to Paris."]) == [[]]
    assert registry.ENTITIES_RULES not in off.model_id


def test_a_confirmed_gazetteer_term_overrides_a_rule_label():
    gazetteer = Gazetteer()
    gazetteer.add("Jordan Peak", "ORG")  # confirmed by a person: a company, not a person
    text = "Jordan Peak hired Maria Lindqvist."
    assert ("Jordan Peak", "PERSON") in found(rules(), text)  # what the rules alone say
    spans = EntitySuggester(None, gazetteer, SCHEMA).suggest([text])[0]
    assert (text[spans[0].start : spans[0].end], spans[0].label) == ("Jordan Peak", "ORG")
    assert spans[0].score == pytest.approx(0.9)
    assert ("Maria Lindqvist", "PERSON") in {(text[s.start : s.end], s.label) for s in spans}


def test_only_labels_the_schema_declares():
    text = "Maria Lindqvist flew to Paris on Friday with Germans."
    spans = EntitySuggester(None, Gazetteer(), ("PERSON", "GPE")).suggest([text])[0]
    assert {s.label for s in spans} == {"PERSON", "GPE"}


def test_the_more_confident_span_wins_and_rules_fill_the_gaps():
    import spacy

    from annotator.nlp.entities import MODEL_SCORE
    from annotator.nlp.entity_rules import RULES
    from annotator.nlp.pipeline import LoadedPipeline

    nlp = spacy.blank("en")
    # a real pipeline whose "ner" is an entity ruler: "Maria Lindqvist" an ORG, "NATO" a GPE
    ruler = nlp.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns(
        [{"label": "ORG", "pattern": "Maria Lindqvist"}, {"label": "GPE", "pattern": "NATO"}]
    )
    suggester = EntitySuggester(LoadedPipeline(nlp, "ruler"), Gazetteer(), SCHEMA)
    text = "Maria Lindqvist flew to Paris on Friday with NATO envoys."
    assert RULES["person.given"][2] > MODEL_SCORE > RULES["org.acronym"][2]
    spans = suggester.suggest([text])[0]
    assert [(text[s.start : s.end], s.label) for s in spans] == [
        ("Maria Lindqvist", "PERSON"),  # a given-name rule is surer than the model
        ("Paris", "GPE"),
        ("Friday", "DATE"),
        ("NATO", "GPE"),  # the model is surer than the acronym rule's ORG
    ]
    assert suggester.model_id.startswith(registry.ENTITIES_SPACY)
    assert registry.ENTITIES_RULES in suggester.model_id
