"""The rule-based prior: how likely each block is body, before any label is learned.

``prior_logits`` scores a block's feature vector (``annotator.nlp.block_features``) with
hand-set weights: long, stopword-rich, sentence-shaped text in the page's main text
container is body; link lists, short chrome ("Share", "Sign up"), navigation and footer
landmarks, boilerplate class names, and text recurring on the site's other pages are
boilerplate. ``smooth`` then lets neighbours vote (body blocks cluster), and ``roles``
names the non-body kinds the layout shows (title, byline, caption) and the headings
inside the body.
"""

from __future__ import annotations

import numpy as np

from annotator.nlp.block_features import INDEX

# (feature, weight): the logit of "body" is the bias plus the weighted features.
BIAS = -2.2
WEIGHTS: dict[str, float] = {
    "stop_density": 4.0,
    "punct_density": -2.0,
    "sentence_end": 0.8,
    "sentences_log": 0.6,
    "capital_share": -0.8,
    "digit_share": -1.5,
    "byline_like": -2.0,
    "caption_like": -1.5,
    "chrome_like": -1.8,
    "date_like": -1.5,
    "repeated_in_doc": -1.5,
    "site_share": -4.0,
    "link_density": -3.5,
    "links_log": -0.3,
    "tag_p": 0.6,
    "tag_h1": -1.5,
    "tag_hx": 0.3,
    "tag_li": -0.4,
    "tag_td": -0.5,
    "tag_figcaption": -3.0,
    "tag_pre": 0.3,
    "in_article": 0.8,
    "in_main": 0.4,
    "in_header": -1.2,
    "in_nav": -2.5,
    "in_footer": -2.5,
    "in_aside": -2.0,
    "in_form": -1.5,
    "cls_boiler": -1.2,
    "ctx_boiler": -1.0,
    "cls_content": 0.5,
    "ctx_content": 0.8,
    "cls_byline": -1.5,
    "ctx_byline": -1.0,
    "cls_caption": -1.5,
    "ctx_caption": -1.2,
    "cls_title": -1.0,
    "group_share": 4.0,
    "group_top": 1.2,
    "top_ctx_overlap": 2.0,
    "in_region": 0.8,
    "in_box": 1.0,
    "out_box": -1.0,
    "box_item": 2.5,
    "cls_comment": -5.0,
    "ctx_comment": -5.0,
    "promo_like": -2.0,
    "bio_like": -4.0,
}
_W = np.zeros(len(INDEX))
for _name, _weight in WEIGHTS.items():
    _W[INDEX[_name]] = _weight
_WORDS = INDEX["words_log"]
_SITE_DOCS = INDEX["site_docs_log"]
_SITE_SHARE = INDEX["site_share"]
_HEADING = INDEX["tag_hx"]
_REGION = INDEX["in_region"]
_BOX_ITEM = INDEX["box_item"]
BOX_ITEM_FLOOR = 1.0

STAY = 0.9  # chance that the next block has the same body/boilerplate state


def prior_logits(features: np.ndarray) -> np.ndarray:
    """The prior logit of "body" for each row of a ``(blocks, features)`` array."""
    if features.size == 0:
        return np.zeros(0)
    z = BIAS + features @ _W
    words = np.expm1(features[:, _WORDS])
    # length: a few words are rarely body, a long paragraph rarely boilerplate
    z += np.clip((words - 8.0) / 12.0, -1.5, 2.0)
    # a heading inside the main text region is part of the article
    z += 1.5 * features[:, _HEADING] * features[:, _REGION]
    # recurrence counts more when the site has more pages to compare with
    z -= 2.0 * features[:, _SITE_SHARE] * np.minimum(1.0, features[:, _SITE_DOCS] / 2.0)
    # a table cell or list item of the main box is read with its table or list: short
    # cells ("Week 2", "$49.99") do not make it boilerplate
    z = np.where(features[:, _BOX_ITEM] > 0, np.maximum(z, BOX_ITEM_FLOOR), z)
    return z


def smooth(logits: np.ndarray, stay: float = STAY) -> np.ndarray:
    """Posterior probability of body per block from a two-state chain over the blocks.

    Each block's own logit is its evidence; ``stay`` is the chance a block shares its
    predecessor's state. Forward-backward in probability space, normalised per step.
    """
    n = len(logits)
    if n == 0:
        return np.zeros(0)
    p = 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
    emit = np.column_stack([1.0 - p, p])  # likelihoods up to a per-block constant
    trans = np.array([[stay, 1 - stay], [1 - stay, stay]])
    forward = np.empty((n, 2))
    forward[0] = emit[0] / emit[0].sum()
    for i in range(1, n):
        f = (forward[i - 1] @ trans) * emit[i]
        forward[i] = f / f.sum()
    backward = np.ones((n, 2))
    for i in range(n - 2, -1, -1):
        b = trans @ (emit[i + 1] * backward[i + 1])
        backward[i] = b / b.sum()
    post = forward * backward
    return post[:, 1] / post.sum(axis=1)
