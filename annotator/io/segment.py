"""Cutting plain text into blocks, and guessing a headline among them."""

from __future__ import annotations

import re
import statistics

from annotator.core.model import Block

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\f\v]*\n")
_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w[\w'’-]*")


def _trimmed(text: str, start: int, end: int) -> Block | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Block(start, end) if end > start else None


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines wrapped at a fixed width belong together; scraped lines do not."""
    body = [len(line.rstrip()) for line in lines[:-1]]
    if len(body) < 1 or min(body) < 40:
        return False
    return max(body) - min(body) <= max(12, int(0.2 * statistics.mean(body)))


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _LINE.finditer(text[start:end])]


def text_blocks(text: str) -> list[Block]:
    """Blocks of scraped text.

    Paragraphs separated by blank lines are blocks; a text with no blank line gives a
    block per line. Inside a paragraph, lines are separate blocks too unless the
    paragraph is hard-wrapped prose, since scraped pages put a headline, a byline and a
    date on consecutive lines. Blocks never include the whitespace around them.
    """
    if not _PARAGRAPH_BREAK.search(text):
        pieces = _lines(text, 0, len(text))
    else:
        paragraphs, start = [], 0
        for match in _PARAGRAPH_BREAK.finditer(text):
            paragraphs.append((start, match.start()))
            start = match.end()
        paragraphs.append((start, len(text)))
        pieces = []
        for p_start, p_end in paragraphs:
            lines = _lines(text, p_start, p_end)
            if len(lines) > 1 and not _hard_wrapped([text[s:e] for s, e in lines]):
                pieces.extend(lines)
            else:
                pieces.append((p_start, p_end))
    blocks = [_trimmed(text, s, e) for s, e in pieces]
    return [b for b in blocks if b is not None]


def guess_title(text: str, blocks: list[Block], look_at: int = 8) -> str | None:
    """The first early block that reads like a headline (short, title-cased, no full stop)."""
    for block in blocks[:look_at]:
        line = text[block.start : block.end]
        words = _WORD.findall(line)
        if not 3 <= len(words) <= 25 or line.rstrip().endswith((".", ":", ",")):
            continue
        if any(sep in line for sep in ("|", "•", " · ", "»")):  # navigation, not a headline
            continue
        capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
        if capitalised / len(words) >= 0.6:
            return line
    return None
