"""The suggesters, by versioned id (a changed behaviour gets a new id).

Each suggestion annotation records in its ``meta`` which suggester (and which model) made
each part: ``{"blocks": "suggest.blocks.v1", "entities": "suggest.entities.spacy.v1:
en_core_web_sm-3.8.0", "quotes": "suggest.quotes.rules.v1"}``.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.nlp import entity_rules, quotes
from annotator.nlp.block_suggester import BlockSuggester


@dataclass(frozen=True, slots=True)
class SuggesterInfo:
    id: str
    kind: str  # "blocks", "entities" or "quotes"
    description: str


BLOCKS = BlockSuggester.id
ENTITIES_SPACY = "suggest.entities.spacy.v1"
ENTITIES_GAZETTEER = "suggest.entities.gazetteer.v1"
ENTITIES_RULES = entity_rules.ID
QUOTES = quotes.ID

_REGISTRY: dict[str, SuggesterInfo] = {}


def register(info: SuggesterInfo) -> SuggesterInfo:
    if info.id in _REGISTRY and _REGISTRY[info.id] != info:
        raise ValueError(f"suggester id {info.id!r} is already registered")
    _REGISTRY[info.id] = info
    return info


def suggester(suggester_id: str) -> SuggesterInfo:
    try:
        return _REGISTRY[suggester_id]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise KeyError(f"no suggester {suggester_id!r} (known: {known})") from None


def suggesters(kind: str | None = None) -> list[SuggesterInfo]:
    return sorted(
        (info for info in _REGISTRY.values() if kind is None or info.kind == kind),
        key=lambda info: info.id,
    )


register(
    SuggesterInfo(
        BLOCKS,
        "blocks",
        "rule prior over block features, site recurrence, a classifier learned from the "
        "project's confirmed block labels, and per-site label memory",
    )
)
register(
    SuggesterInfo(
        ENTITIES_SPACY,
        "entities",
        "a spaCy pipeline's named entities mapped to the label schema, plus the gazetteer",
    )
)
register(
    SuggesterInfo(
        ENTITIES_GAZETTEER,
        "entities",
        "every occurrence of a confirmed entity text gets its label (no trained pipeline)",
    )
)
register(
    SuggesterInfo(
        ENTITIES_RULES,
        "entities",
        "places, nationalities, dates, organisation and person naming patterns from name "
        "lists and rules (no trained pipeline); model and gazetteer spans win on overlaps",
    )
)
register(
    SuggesterInfo(
        QUOTES,
        "quotes",
        "quote marks paired across paragraphs; speaker and cue from reporting verbs, the "
        "dependency parse when the pipeline has one",
    )
)
