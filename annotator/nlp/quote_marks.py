"""Finding quoted passages by their marks, in pure Python.

Straight (``"..."``) and curly (``“...”``, ``„...“``, ``«...»``) marks; a quote continued
across paragraphs by the news convention (a paragraph that ends inside a quote with no
closing mark, and the next paragraph opening with a quote mark, continue one quote whose
content runs from the first opening mark to the last closing mark). Unbalanced marks never
raise: an unclosed quote is dropped at the end of its paragraph.
"""

from __future__ import annotations

import re
from typing import NamedTuple

OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
ALL_MARKS = OPENERS | CLOSERS | {STRAIGHT}


class Quoted(NamedTuple):
    """A balanced quote: content offsets, the marks, the paragraphs it opens and closes in."""

    start: int
    end: int
    open_mark: int
    close_mark: int
    first_paragraph: int
    last_paragraph: int


_INTERESTING = re.compile(r'\n\s*|["“”„«»]')


def find_quoted(text: str) -> list[Quoted]:
    """Every balanced quote, continued across paragraphs by the news convention."""
    found: list[Quoted] = []
    open_at: int | None = None
    open_paragraph = 0
    paragraph = 0
    skip_to = -1
    for match in _INTERESTING.finditer(text):
        i = match.start()
        if i < skip_to:
            continue
        ch = text[i]
        if ch == "\n":
            paragraph += 1
            j = match.end()
            if open_at is not None:
                if j < len(text) and (
                    text[j] in OPENERS or (text[j] == STRAIGHT and _opens(text, j))
                ):
                    skip_to = j + 1  # the next paragraph continues the quote
                    continue
                open_at = None  # unbalanced: an unclosed quote ends with its paragraph
            continue
        if ch in OPENERS:
            open_at, open_paragraph = i, paragraph  # an earlier unclosed one is dropped
        elif ch in CLOSERS:
            if open_at is not None:
                found.append(Quoted(open_at + 1, i, open_at, i, open_paragraph, paragraph))
                open_at = None
        elif open_at is not None and (_closes(text, i) or not _opens(text, i)):
            found.append(Quoted(open_at + 1, i, open_at, i, open_paragraph, paragraph))
            open_at = None
        elif _opens(text, i) and not _closes(text, i):
            open_at, open_paragraph = i, paragraph
    return found


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-'’")
