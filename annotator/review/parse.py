"""Stored compact JSON lists parsed a page at a time into numpy arrays.

A corpus holds tens of millions of block labels; building a Python object for each is
what made agreement slow. The stored shapes are fixed (``core.compact``): block labels
``[index, "label"(, score)]``, spans ``[start, end, "label"(, score)]``, quotes
``[start, end, speaker_start, speaker_end, cue_start, cue_end]`` (nulls when absent).
Labels are the only strings, so every pair of quote marks is a label and its numbers
sit just before it. Anything else (escapes, negative numbers, another layout) makes the
fast parse give up and the lists are read with orjson instead: same result, slower.
PostgreSQL's text form of JSON (a space after each separator) is handled.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import orjson

_QUOTE, _COMMA, _SPACE, _OPEN, _ZERO = 34, 44, 32, 91, 48
_NULL = -1  # a quote's missing speaker or cue


class Interner(dict):
    """Label -> code, in the order labels are first seen (schema labels first)."""

    def __init__(self, labels: list[str] | tuple[str, ...] = ()) -> None:
        super().__init__((name, i) for i, name in enumerate(labels))

    def __missing__(self, key: str) -> int:
        code = self[key] = len(self)
        return code

    @property
    def names(self) -> list[str]:
        return sorted(self, key=self.__getitem__)


@dataclass(slots=True)
class Labelled:
    """Items of many lists: the list each came from, its leading numbers, its label."""

    owner: np.ndarray
    numbers: list[np.ndarray]
    code: np.ndarray


def _starts(lists: list[bytes]) -> np.ndarray:
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    return np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)


def parse_labelled(lists: list[bytes], numbers: int, labels: Interner) -> Labelled:
    """Items ``[n_1, ..., n_numbers, "label", ...]`` of the stored lists (block labels:
    ``numbers=1``; spans: 2), in list order, labels coded through ``labels``."""
    buffer = b"".join(lists)
    fast = None if b"\\" in buffer else _parse_fast(buffer, _starts(lists), numbers, labels)
    return fast if fast is not None else _parse_slowly(lists, numbers, labels)


def _owners(starts: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Which list each position (ascending) falls in, lists beginning at ``starts``."""
    first = np.searchsorted(positions, starts)
    counts = np.diff(np.append(first, len(positions)))
    return np.repeat(np.arange(len(starts)), counts)


def _parse_slowly(lists: list[bytes], numbers: int, labels: Interner) -> Labelled:
    owner: list[int] = []
    values: list[list[int]] = [[] for _ in range(numbers)]
    codes: list[int] = []
    for i, raw in enumerate(lists):
        for item in orjson.loads(raw):
            owner.append(i)
            for k in range(numbers):
                values[k].append(item[k])
            codes.append(labels[item[numbers]])
    return Labelled(
        np.array(owner, dtype=np.int64),
        [np.array(v, dtype=np.int64) for v in values],
        np.array(codes, dtype=np.int32),
    )


def _skip_spaces(data: np.ndarray, pos: np.ndarray, step: int) -> np.ndarray:
    while True:
        space = data[pos] == _SPACE
        if not space.any():
            return pos
        pos = pos + step * space


def _number_back(data: np.ndarray, pos: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The non-negative integers ending at ``pos``, read backwards, and where each
    starts minus one; None unless every one is there."""
    value = np.zeros(len(pos), dtype=np.int64)
    scale = 1
    alive = np.ones(len(pos), dtype=bool)
    for digit_count in range(19):
        digit = data[pos] - np.uint8(_ZERO)
        alive &= digit < 10
        if digit_count == 0 and not alive.all():
            return None
        if not alive.any():
            return value, pos
        value += np.where(alive, digit.astype(np.int64) * scale, 0)
        pos = pos - alive
        scale *= 10
    return None


def _parse_fast(
    buffer: bytes, starts: np.ndarray, numbers: int, labels: Interner
) -> Labelled | None:
    data = np.frombuffer(buffer, dtype=np.uint8)
    marks = np.flatnonzero(data == _QUOTE)
    if len(marks) % 2:
        return None
    opens, closes = marks[0::2], marks[1::2]
    pos = opens - 1
    found: list[np.ndarray] = []
    for _ in range(numbers):
        pos = _skip_spaces(data, pos, -1)
        if (pos < 0).any() or not (data[pos] == _COMMA).all():
            return None
        parsed = _number_back(data, _skip_spaces(data, pos - 1, -1))
        if parsed is None:
            return None
        value, pos = parsed
        found.append(value)
    pos = _skip_spaces(data, pos, -1)
    if (pos < 0).any() or not (data[pos] == _OPEN).all():
        return None
    owner = _owners(starts, opens)
    code = _label_codes(data, opens + 1, closes - opens - 1, labels)
    return Labelled(owner, found[::-1], code)


_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(8)] + [(1 << 64) - 1], dtype=np.uint64)


def _label_codes(
    data: np.ndarray, start: np.ndarray, length: np.ndarray, labels: Interner
) -> np.ndarray:
    """The code of every label (bytes ``data[start:start + length]``). Each label is read
    as whole 8-byte words; then, one distinct label at a time, every item not coded yet
    is compared with it word by word (exact, and a page holds only a few labels)."""
    code = np.full(len(start), -1, dtype=np.int32)
    if not len(start):
        return code
    n_words = max(1, -(-int(length.max()) // 8))
    padded = np.concatenate([data, np.zeros(8 * n_words + 8, dtype=np.uint8)])
    # every byte offset seen as the start of a little-endian 8-byte word
    view = np.ndarray((len(padded) - 7,), dtype="<u8", buffer=padded.data, strides=(1,))
    words = [
        view[start + 8 * w] & _MASKS[np.minimum(np.maximum(length - 8 * w, 0), 8)]
        for w in range(n_words)
    ]
    undecided = np.ones(len(start), dtype=bool)
    while undecided.any():
        first = int(undecided.argmax())
        at = int(start[first])
        name = bytes(data[at : at + int(length[first])]).decode("utf-8")
        same = undecided & (length == length[first])
        for word in words[: max(1, -(-int(length[first]) // 8))]:
            same &= word == word[first]
        code[same] = labels[name]
        undecided &= ~same
    return code


# ----------------------------------------------------------------------------- quotes


@dataclass(slots=True)
class Quotes:
    """Quotes of many lists: owner list, content, speaker and cue ranges (-1: none)."""

    owner: np.ndarray
    start: np.ndarray
    end: np.ndarray
    speaker_start: np.ndarray
    speaker_end: np.ndarray
    cue_start: np.ndarray
    cue_end: np.ndarray


def parse_quotes(lists: list[bytes]) -> Quotes:
    """The quotes of the stored lists, in list order."""
    buffer = b"".join(lists)
    if b'"' not in buffer and b"\\" not in buffer:
        fast = _quotes_fast(buffer, _starts(lists))
        if fast is not None:
            return fast
    owner: list[int] = []
    fields: list[list[int]] = [[] for _ in range(6)]
    for i, raw in enumerate(lists):
        for item in orjson.loads(raw):
            owner.append(i)
            for k in range(6):
                fields[k].append(_NULL if item[k] is None else item[k])
    return Quotes(np.array(owner, dtype=np.int64), *(np.array(f, dtype=np.int64) for f in fields))


def _quotes_fast(buffer: bytes, starts: np.ndarray) -> Quotes | None:
    data = np.frombuffer(buffer + b"      ", dtype=np.uint8)
    digit = (data - np.uint8(_ZERO)) < 10
    items = np.flatnonzero((data[:-1] == _OPEN) & digit[1:])
    pos = items + 1
    fields: list[np.ndarray] = []
    for k in range(6):
        is_null = data[pos] == ord("n")
        if not (digit[pos] | is_null).all():
            return None
        value = np.where(is_null, _NULL, 0).astype(np.int64)
        alive = ~is_null
        steps = 0
        while alive.any():
            d = data[pos] - np.uint8(_ZERO)
            alive &= d < 10
            value = np.where(alive, value * 10 + d.astype(np.int64), value)
            pos = pos + alive
            steps += 1
            if steps > 19:
                return None
        pos = pos + 4 * is_null
        fields.append(value)
        pos = _skip_spaces(data, pos, 1)
        expected = ord("]") if k == 5 else _COMMA
        if not (data[pos] == expected).all():
            return None
        pos = _skip_spaces(data, pos + 1, 1)
    owner = _owners(starts, items)
    return Quotes(owner, *fields)
