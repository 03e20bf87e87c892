"""Tokens for the token-level formats, and character spans mapped onto them.

The tokens come from the project tokenizer (spaCy's English rules, run by the workspace:
``annotator.io`` may not import spaCy) as ``[start, end)`` offsets without whitespace.
A span maps onto tokens only when it starts at a token's start and ends at a token's
end; any other span is reported, never snapped or dropped silently.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from annotator.core.export import ExportProblem, Token
from annotator.core.model import Block

NOT_ALIGNED = "does not align with token boundaries"
OVERLAPS = "overlaps another entity"
CROSSES_BLOCKS = "is not inside one block"


class TokenIndex:
    """Finds the tokens a character span covers: ``(first, last)`` token indices
    (inclusive), or None when the span does not start and end on token boundaries."""

    def __init__(self, tokens: Sequence[tuple[int, int]]) -> None:
        self._starts = {start: i for i, (start, _end) in enumerate(tokens)}
        self._ends = {end: i for i, (_start, end) in enumerate(tokens)}

    def find(self, start: int, end: int) -> tuple[int, int] | None:
        first = self._starts.get(start)
        last = self._ends.get(end)
        if first is None or last is None or last < first:
            return None
        return first, last


def tokens_by_block(blocks: Sequence[Block], tokens: Sequence[Token]) -> list[list[Token]]:
    """The tokens of each block (a token belongs to the block its start falls in)."""
    starts = [t[0] for t in tokens]
    out = []
    for block in blocks:
        lo = bisect_left(starts, block.start)
        hi = bisect_left(starts, block.end)
        out.append(list(tokens[lo:hi]))
    return out


def bio_tags(
    document_id: str,
    blocks: Sequence[Block],
    tokens: Sequence[Token],
    spans: Sequence[tuple[int, int, str]],
    report: Callable[[ExportProblem], None],
) -> list[tuple[list[Token], list[str]]]:
    """Each block's tokens with their BIO tags. Entities that do not align with tokens,
    overlap an earlier entity or cross blocks are reported and left untagged."""
    per_block = tokens_by_block(blocks, tokens)
    tags = [["O"] * len(block_tokens) for block_tokens in per_block]
    block_starts = [b.start for b in blocks]
    indexes: dict[int, TokenIndex] = {}
    for start, end, label in sorted(spans):
        what = f"entity {label}"
        b = bisect_right(block_starts, start) - 1
        if b < 0 or end > blocks[b].end:
            report(ExportProblem(document_id, start, end, what, CROSSES_BLOCKS))
            continue
        index = indexes.get(b)
        if index is None:
            index = indexes[b] = TokenIndex(per_block[b])
        found = index.find(start, end)
        if found is None:
            report(ExportProblem(document_id, start, end, what, NOT_ALIGNED))
            continue
        first, last = found
        block_tags = tags[b]
        if any(tag != "O" for tag in block_tags[first : last + 1]):
            report(ExportProblem(document_id, start, end, what, OVERLAPS))
            continue
        block_tags[first] = f"B-{label}"
        for i in range(first + 1, last + 1):
            block_tags[i] = f"I-{label}"
    return list(zip(per_block, tags, strict=True))
