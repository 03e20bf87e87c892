"""Which kind of block a body/boilerplate decision stands for: title, byline, caption,
heading, or plain body and boilerplate.

Rules read the layout where there is one (``h1`` is the title, ``figcaption`` a caption,
``h2``-``h6`` inside the body a heading) and the text where there is not ("By ..." is a
byline, "(Photo: ...)" a caption, the document's title is the title).
"""

from __future__ import annotations

import numpy as np

from annotator.core.model import Document
from annotator.nlp.block_features import INDEX
from annotator.nlp.recurrence import normalise

ROLES = ("title", "byline", "caption", "heading")
_F = INDEX


def rule_roles(document: Document, features: np.ndarray, body: np.ndarray) -> dict[int, str]:
    """The role of each block the rules recognise; blocks left out are body/boilerplate."""
    roles: dict[int, str] = {}
    n = len(document.blocks)
    title = normalise(document.meta.title or "")
    title_found = False
    for i in range(n):
        f = features[i]
        words = float(np.expm1(f[_F["words_log"]]))
        tag_h1 = f[_F["tag_h1"]] > 0
        early = i <= max(10, n // 2)
        if (
            not title_found
            and early
            and ((tag_h1 and not body[i]) or (title and normalise(document.block_text(i)) == title))
        ):
            roles[i], title_found = "title", True
            continue
        caption_layout = f[_F["tag_figcaption"]] > 0 or f[_F["cls_caption"]] > 0
        caption_context = f[_F["ctx_caption"]] > 0 and f[_F["group_top"]] == 0
        if (caption_layout or caption_context or (f[_F["caption_like"]] > 0 and not body[i])) and (
            words >= 3
        ):
            roles[i] = "caption"
            continue
        byline_layout = (f[_F["cls_byline"]] > 0 or f[_F["ctx_byline"]] > 0) and words <= 12
        if not body[i] and (f[_F["byline_like"]] > 0 or byline_layout) and words >= 2:
            roles[i] = "byline"
            continue
        if body[i] and _heading(f, words):
            roles[i] = "heading"
    return roles


def _heading(f: np.ndarray, words: float) -> bool:
    if f[_F["tag_hx"]] > 0:
        return True
    if f[_F["has_html"]] > 0:
        return False
    return (
        words <= 12
        and f[_F["sentence_end"]] == 0
        and f[_F["capital_share"]] >= 0.5
        and f[_F["stop_density"]] < 0.5
    )
