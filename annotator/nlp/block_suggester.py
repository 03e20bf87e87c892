"""Block label suggestions: the rule prior, a classifier learned from confirmed labels,
what the site's other pages say, and neighbours, each suggestion with a confidence.

Confirmed labels are used three ways: the classifier (a logistic correction of the prior,
which transfers to other publishers), the site's text memory (the same text on another
page of the site gets the same label) and the site's layout memory (blocks in the same
place of the site's template, i.e. the same tag path and digit-free class/id tokens,
lean the way their labels went).

``BlockSuggester().suggest(document, context)`` works with no labels at all (the prior
and recurrence); ``BlockSuggester.fit(examples, context)`` returns a suggester that has
learned from confirmed labels (seconds for thousands of blocks, so it can retrain in the
background as labels accumulate) and serialises with ``to_bytes`` / ``from_bytes``.
Nothing here touches a database: the caller brings the documents and labels.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from annotator.core.model import Document
from annotator.nlp.block_features import FEATURE_NAMES, INDEX, document_features
from annotator.nlp.block_model import LogisticModel
from annotator.nlp.block_roles import rule_roles
from annotator.nlp.block_rules import prior_logits, smooth
from annotator.nlp.recurrence import RecurrenceIndex, block_keys, layout_keys, site_key

FORMAT = "annotator.block-suggester.v1"
BODY_LABELS = frozenset({"body", "heading"})
# How far one confirmed label of the same text on the same site moves the logit.
MEMORY_WEIGHT = 3.0
MEMORY_CAP = 8.0
# How far the labels of the site's blocks in the same layout move the logit: this many
# times their smoothed log odds of body, at most LAYOUT_CAP; half for the tag path alone.
LAYOUT_WEIGHT = 2.0
LAYOUT_CAP = 6.0
L2 = 100.0
# the few inputs whose meaning carries from site to site are penalised this much less
LIGHT = ("in_box", "out_box", "box_item")
LIGHT_FACTOR = 0.3
# when no block reaches even odds, the blocks this close to the likeliest one are body
FALLBACK_MARGIN = 3.0
PAGE_WEIGHT = 100.0  # the summed sample weight of one training page
# features of the blocks just before and after, as the classifier sees them too
NEIGHBOUR_FEATURES = (
    "stop_density",
    "words_log",
    "link_density",
    "sentence_end",
    "tag_p",
    "tag_li",
    "tag_hx",
    "cls_boiler",
    "ctx_boiler",
    "group_top",
    "group_share",
    "in_region",
)
_NEIGHBOURS = [INDEX[name] for name in NEIGHBOUR_FEATURES]
_LINKS = INDEX["link_density"]
_PRIOR = len(FEATURE_NAMES)  # the unsmoothed prior's column in the classifier's inputs
EXTRA_FEATURES = (
    "prior",
    "prior_prev",
    "prior_next",
    "prior_window",
    *(f"prev_{name}" for name in NEIGHBOUR_FEATURES),
    *(f"next_{name}" for name in NEIGHBOUR_FEATURES),
)


@dataclass
class SuggestionContext:
    """What the suggester may know beyond the document: the site's other pages."""

    recurrence: RecurrenceIndex = field(default_factory=RecurrenceIndex)

    @classmethod
    def from_documents(cls, documents: Iterable[Document]) -> SuggestionContext:
        return cls(RecurrenceIndex.build(documents))


def model_inputs(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the classifier's inputs, the smoothed prior logit) for one document's features."""
    prior = prior_logits(features)
    if len(prior) == 0:
        return np.zeros((0, len(FEATURE_NAMES) + len(EXTRA_FEATURES))), prior
    p = np.clip(smooth(prior), 1e-4, 1 - 1e-4)
    smoothed = np.log(p / (1 - p))
    clipped = np.clip(prior, -8, 8)
    padded = np.pad(clipped, 1, mode="edge")
    kernel = np.ones(7) / 7
    window = np.convolve(np.pad(clipped, 3, mode="edge"), kernel, mode="valid")
    near = np.pad(features[:, _NEIGHBOURS], ((1, 1), (0, 0)), mode="edge")
    extra = np.column_stack([clipped, padded[:-2], padded[2:], window, near[:-2], near[2:]])
    return np.hstack([features, extra]), smoothed


@dataclass
class BlockSuggester:
    id = "suggest.blocks.v1"

    model: LogisticModel | None = None
    # site -> normalised-text hash -> confirmed labels of that text on that site
    memory: dict[str, dict[str, Counter[str]]] = field(default_factory=dict)
    trained_on: int = 0
    # site -> a correction of ``model`` learned from that site's labels alone
    site_models: dict[str, LogisticModel] = field(default_factory=dict)

    def suggest(
        self, document: Document, context: SuggestionContext | None = None
    ) -> tuple[dict[int, str], dict[int, float]]:
        """(labels, confidences in [0, 1]) for every block of ``document``."""
        if not document.blocks:
            return {}, {}
        recurrence = context.recurrence if context else None
        features = np.asarray(document_features(document, recurrence), dtype=float)
        inputs, offset = model_inputs(features)
        logits = self.model.decision(inputs, offset) if self.model else offset
        site_model = self.site_models.get(site_key(document) or "")
        if site_model is not None:
            logits = site_model.decision(inputs, logits)
        logits, known = self._remembered(document, logits)
        p_body = 1.0 / (1.0 + np.exp(-logits))
        body = p_body > 0.5
        if not body.any():  # an article has a body: its likeliest blocks that are not links
            body = self._fallback_body(features, inputs)
        roles = rule_roles(document, features, body)
        labels, scores = {}, {}
        for i in range(len(document.blocks)):
            confidence = float(p_body[i] if body[i] else 1.0 - p_body[i])
            if i in known:
                labels[i], scores[i] = known[i]
                continue
            role = roles.get(i)
            labels[i] = role or ("body" if body[i] else "boilerplate")
            if role and (role in BODY_LABELS) != bool(body[i]):
                confidence = min(confidence, 0.6)  # a role that overrides the body decision
            scores[i] = round(confidence, 4)
        return labels, scores

    def _fallback_body(self, features: np.ndarray, inputs: np.ndarray) -> np.ndarray:
        """The blocks within ``FALLBACK_MARGIN`` of the likeliest, by the evidence before
        smoothing (which evens out a page that is all boilerplate), links left out."""
        raw = inputs[:, _PRIOR]
        if self.model is not None:
            raw = self.model.decision(inputs, raw)
        body = (raw >= raw.max() - FALLBACK_MARGIN) & (features[:, _LINKS] < 0.5)
        body[int(np.argmax(raw))] = True
        return body

    def _remembered(
        self, document: Document, logits: np.ndarray
    ) -> tuple[np.ndarray, dict[int, tuple[str, float]]]:
        site = self.memory.get(site_key(document) or "")
        known: dict[int, tuple[str, float]] = {}
        if not site:
            return logits, known
        logits = logits.copy()
        for i, (layout, path) in enumerate(layout_keys(document)):
            if not layout:
                continue
            votes, weight = site.get(layout), LAYOUT_WEIGHT
            if not votes:
                votes, weight = site.get(path), LAYOUT_WEIGHT / 2
            if votes:
                body = sum(n for label, n in votes.items() if label in BODY_LABELS)
                odds = np.log((body + 0.5) / (sum(votes.values()) - body + 0.5))
                logits[i] += float(np.clip(weight * odds, -LAYOUT_CAP, LAYOUT_CAP))
        for i, key in enumerate(block_keys(document)):
            votes = site.get(key)
            if not votes:
                continue
            body = sum(n for label, n in votes.items() if label in BODY_LABELS)
            other = sum(votes.values()) - body
            logits[i] += float(np.clip(MEMORY_WEIGHT * (body - other), -MEMORY_CAP, MEMORY_CAP))
            label, count = votes.most_common(1)[0]
            if count > sum(votes.values()) / 2:
                known[i] = (label, round((count + 1) / (sum(votes.values()) + 2), 4))
        return logits, known

    @classmethod
    def fit(
        cls,
        examples: Iterable[tuple[Document, Mapping[int, str]]],
        context: SuggestionContext | None = None,
        l2: float | None = None,
    ) -> BlockSuggester:
        """A suggester learned from confirmed block labels (``{index: label}`` per document).

        ``context`` should know the training documents' sites (their recurrence); the
        labels are also remembered per site, by text and by layout, so the same text on the
        site's other pages gets the same label and blocks in the same place of the site's
        template lean the same way.
        """
        rows, offsets, targets, weights, sites = [], [], [], [], []
        memory: dict[str, dict[str, Counter[str]]] = {}
        documents = 0
        recurrence = context.recurrence if context else None
        for document, labels in examples:
            if not labels or not document.blocks:
                continue
            documents += 1
            features = np.asarray(document_features(document, recurrence), dtype=float)
            inputs, prior = model_inputs(features)
            keys = block_keys(document)
            layouts = layout_keys(document)
            name = site_key(document) or ""
            site = memory.setdefault(name, {})
            # the metric counts words (shingles) and averages over pages: weigh alike
            words = np.expm1(features[:, INDEX["words_log"]]) + 1.0
            page_weight = PAGE_WEIGHT / words.sum()
            for i, label in labels.items():
                if not 0 <= i < len(keys):
                    continue
                for key in (keys[i], *layouts[i]):
                    if key:
                        site.setdefault(key, Counter())[label] += 1
                rows.append(inputs[i])
                offsets.append(prior[i])
                targets.append(1.0 if label in BODY_LABELS else 0.0)
                weights.append(words[i] * page_weight)
                sites.append(name)
        memory.pop("", None)
        base = L2 if l2 is None else l2
        names = [*FEATURE_NAMES, *EXTRA_FEATURES]
        penalty = np.array([base * LIGHT_FACTOR if n in LIGHT else base for n in names])
        x, y, w = np.asarray(rows), np.asarray(targets), np.asarray(weights)
        model, site_models = None, {}
        if len(set(targets)) == 2:
            model = LogisticModel.fit(x, y, np.asarray(offsets), penalty, w)
            # then per site, a correction of the shared model from that site's labels
            offset = model.decision(x, np.asarray(offsets))
            names = np.asarray(sites)
            for name in sorted(set(sites) - {""}):
                mine = names == name
                if len(set(y[mine])) == 2:
                    site_models[name] = LogisticModel.fit(
                        x[mine], y[mine], offset[mine], penalty, w[mine]
                    )
        return cls(model=model, memory=memory, trained_on=documents, site_models=site_models)

    def to_bytes(self) -> bytes:
        data = {
            "format": FORMAT,
            "features": [*FEATURE_NAMES, *EXTRA_FEATURES],
            "trained_on": self.trained_on,
            "model": self.model.to_json() if self.model else None,
            "memory": {
                site: {key: dict(votes) for key, votes in entries.items()}
                for site, entries in self.memory.items()
            },
            "site_models": {site: m.to_json() for site, m in self.site_models.items()},
        }
        return json.dumps(data, separators=(",", ":"), sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> BlockSuggester:
        raw = json.loads(data.decode("utf-8"))
        if raw.get("format") != FORMAT:
            raise ValueError(f"not a block suggester model: format {raw.get('format')!r}")
        if raw["features"] != [*FEATURE_NAMES, *EXTRA_FEATURES]:
            raise ValueError("the model was trained on other features; retrain it")
        model = LogisticModel.from_json(raw["model"]) if raw["model"] else None
        memory = {
            site: {key: Counter(votes) for key, votes in entries.items()}
            for site, entries in raw["memory"].items()
        }
        site_models = {
            site: LogisticModel.from_json(m) for site, m in raw.get("site_models", {}).items()
        }
        return cls(model, memory, int(raw["trained_on"]), site_models)
