"""Cutting a parsed HTML page into text blocks, with what each block looked like.

A block is a maximal run of text inside one block-level element (``p``, ``li``,
``h1``...``h6``, ``td``, and containers such as ``div`` or ``section`` when they hold
text of their own), not interrupted by a nested block-level element. So every piece of
visible text belongs to exactly one block, in document order, and
``<div>Share this <a>story</a></div>`` is a block of its own. Inline elements (``a``,
``span``, ``em``, ``br``...) stay inside their block; unknown (custom) elements count as
inline. Whitespace is collapsed to single spaces, except inside ``pre`` where line
breaks are kept. Scripts, styles, embedded documents, form controls and hidden elements
(``hidden``, ``aria-hidden="true"``, ``display:none``, ``visibility:hidden``, a
``dialog`` that is not ``open``) are skipped,
except the ``hidden`` segments React streaming rendering reveals with a script.

Each block carries a compact, JSON-serialisable ``features`` dict for the body /
boilerplate classifier:

``tag``
    the element that owns the block's text (``p``, ``div``...).
``path``
    its tag path from ``body``, e.g. ``body>div>article>p``; only the innermost 8 tags
    when deeper. No classes.
``depth``
    the number of elements from ``body`` down to it (``body>p`` is 1).
``cls``
    its own class and id tokens, e.g. ``"lede story-intro"``.
``ctx``
    class and id tokens of the 3 nearest ancestors that have any, innermost first.
``in``
    the sorted landmarks around it (itself included): ``article``, ``aside``,
    ``footer``, ``form``, ``header``, ``main``, ``nav``, from the tags or the equivalent
    ARIA roles.
``ld``
    link density: the share of the block's non-space characters inside ``<a>``.
``links``
    how many ``<a>`` elements contribute text to the block.
``i``
    the block's position in the document, from 0.
``up``
    the depth of the deepest element that holds both this block and the one before it
    (-1 for the first block). With ``depth`` this gives the page's element tree over the
    blocks: blocks ``i..j`` share an element at depth ``d`` when every ``up`` from
    ``i + 1`` to ``j`` is at least ``d``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


BLOCK_TAGS = _tags("p h1 h2 h3 h4 h5 h6 li blockquote figcaption pre td th dt dd caption address")
CONTAINER_TAGS = _tags(
    "html body div section article main header footer nav aside form ul ol dl menu table"
    " thead tbody tfoot tr colgroup figure fieldset legend details summary dialog hgroup"
    " search center hr frameset frame noframes"
)
BLOCK_LEVEL = BLOCK_TAGS | CONTAINER_TAGS
SKIPPED_TAGS = _tags(
    "head script style noscript template svg math iframe object embed applet video audio"
    " canvas map select option optgroup datalist textarea input title meta link base"
)
LANDMARK_TAGS = _tags("header nav footer aside form article main")
LANDMARK_ROLES = {
    "banner": "header",
    "navigation": "nav",
    "contentinfo": "footer",
    "complementary": "aside",
    "search": "form",
    "form": "form",
    "article": "article",
    "main": "main",
}
MAX_PATH = 8
CONTEXT_ANCESTORS = 3
MAX_TOKENS_CHARS = 160

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# React streaming rendering sends content in ``<div hidden id="S:0">`` for a script to
# move into place: it is shown, so it is not skipped.
_REACT_SEGMENT = re.compile(r"S:\d+$")
# HTML whitespace, plus the zero-width space and stray byte-order marks pages scatter.
_SPACE = re.compile(r"[\s\u200b\ufeff]+")


@dataclass(slots=True)
class HtmlBlock:
    text: str
    features: dict[str, Any]


def is_hidden(el: Any) -> bool:
    if el.get("aria-hidden", "").strip().lower() == "true":
        return True
    if el.tag == "dialog" and el.get("open") is None:  # a closed dialog is not shown
        return True
    if el.get("hidden") is not None and not _REACT_SEGMENT.match(el.get("id") or ""):
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _tokens(el: Any) -> str:
    tokens = f"{el.get('class') or ''} {el.get('id') or ''}".split()
    return " ".join(tokens)[:MAX_TOKENS_CHARS]


@dataclass(slots=True)
class _Frame:
    """An open element, with what its block features need, built from its parent's."""

    tag: str
    tokens: str
    path: tuple[str, ...]
    context: tuple[str, ...]  # tokens of the nearest ancestors that have any
    landmarks: frozenset[str]
    depth: int
    features: dict[str, Any] | None = None

    def child(self, el: Any) -> _Frame:
        tag = str(el.tag)
        landmarks = self.landmarks
        role = LANDMARK_ROLES.get((el.get("role") or "").strip().lower())
        for landmark in (tag if tag in LANDMARK_TAGS else None, role):
            if landmark and landmark not in landmarks:
                landmarks = landmarks | {landmark}
        context = (self.tokens, *self.context)[:CONTEXT_ANCESTORS] if self.tokens else self.context
        return _Frame(
            tag, _tokens(el), (*self.path, tag)[-MAX_PATH:], context, landmarks, self.depth + 1
        )

    def block_features(self) -> dict[str, Any]:
        if self.features is None:
            self.features = {
                "tag": self.tag,
                "path": ">".join(self.path),
                "depth": self.depth,
                "cls": self.tokens,
                "ctx": " ".join(self.context)[:MAX_TOKENS_CHARS],
                "in": sorted(self.landmarks),
            }
        return self.features


def _non_space(text: str) -> int:
    return len("".join(text.split()))


@dataclass(slots=True)
class _Segmenter:
    blocks: list[HtmlBlock] = field(default_factory=list)
    frames: list[_Frame] = field(default_factory=list)  # every open element
    owners: list[_Frame] = field(default_factory=list)  # the open block-level ones
    links: list[Any] = field(default_factory=list)
    pre_depth: int = 0
    pieces: list[str] = field(default_factory=list)
    link_chars: int = 0
    # elements themselves (not their ids) so that no proxy is freed and its id reused
    link_elements: set[Any] = field(default_factory=set)
    # how many open elements the last block shares with the elements open now
    shared: int = 0

    def add_text(self, text: str) -> None:
        self.pieces.append(text)
        if self.links:
            chars = _non_space(text)
            if chars:
                self.link_chars += chars
                self.link_elements.add(self.links[-1])

    def flush(self) -> None:
        if not self.pieces:
            return
        raw = "".join(self.pieces)
        self.pieces.clear()
        if not raw.isspace() and self.owners:
            self._add_block(raw)
        self.link_chars = 0
        self.link_elements.clear()

    def _add_block(self, raw: str) -> None:
        text = raw.replace("\r", "\n") if self.pre_depth else _SPACE.sub(" ", raw)
        text = text.strip()
        if text:
            chars = _non_space(text)
            density = min(1.0, self.link_chars / chars) if chars else 0.0
            features = {
                **self.owners[-1].block_features(),
                "ld": round(density, 3),
                "links": len(self.link_elements),
                "i": len(self.blocks),
                "up": min(self.shared, self.owners[-1].depth + 1) - 1 if self.blocks else -1,
            }
            self.shared = self.owners[-1].depth + 1
            self.blocks.append(HtmlBlock(text, features))

    def open(self, el: Any) -> None:
        if self.frames:
            frame = self.frames[-1].child(el)
        else:
            tag = str(el.tag)
            frame = _Frame(tag, _tokens(el), (tag,), (), frozenset(), 0)
        self.frames.append(frame)
        tag = frame.tag
        if tag in BLOCK_LEVEL:
            self.flush()
            self.owners.append(frame)
            if tag == "pre":
                self.pre_depth += 1
        elif tag == "a":
            self.links.append(el)
        elif tag == "br":
            self.pieces.append("\n")

    def close(self) -> None:
        tag = self.frames.pop().tag
        if tag in BLOCK_LEVEL:
            self.flush()
            self.owners.pop()
            if tag == "pre":
                self.pre_depth -= 1
        elif tag == "a":
            self.links.pop()
        self.shared = min(self.shared, len(self.frames))


def html_blocks(root: Any) -> list[HtmlBlock]:
    """The text blocks of a parsed page (an ``lxml.html`` document), in document order."""
    top = root.find("body")
    if top is None:
        top = root
    seg = _Segmenter()
    enter, leave = 0, 1
    todo: list[tuple[int, Any]] = [(enter, top)]
    while todo:
        action, el = todo.pop()
        if action == leave:
            seg.close()
        elif isinstance(el.tag, str) and el.tag not in SKIPPED_TAGS and not is_hidden(el):
            seg.open(el)
            if el.text:
                seg.add_text(el.text)
            todo.append((leave, el))
            todo.extend((enter, child) for child in reversed(el))
            continue
        if el is not top and el.tail:
            seg.add_text(el.tail)
    seg.flush()
    return seg.blocks
