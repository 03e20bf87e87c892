"""The hand-written entities and quotes of the keystroke benchmark, and their offsets.

Each JSON file here names one document of ``../shared`` and lists every entity of its
article body (``{"text", "nth", "label"}``) and every quote (``start`` and ``end``
anchors, ``speaker`` and ``cue``, each ``{"text", "nth"}``). ``nth`` is 1-based and counts
whole-word occurrences (not preceded or followed by a letter or digit) in the document
text as the app imports it, so the files stay readable and survive no offset arithmetic.
An entity marked ``"known_split": true`` does not end on a token boundary of today's
tokenizer ("U.S." inside "U.S.-led").

``resolve`` turns a file into exact ``Span`` and ``Quote`` offsets and fails loudly,
naming every item it cannot find.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import Quote, Range, Span
from annotator.workspace import Workspace

FOLDER = Path(__file__).resolve().parent
NAMES = ("seed", "apnews", "washingtontimes")


@dataclass(frozen=True)
class Truth:
    """One document's expected annotation, at offsets of its imported text."""

    name: str
    document: str  # path inside ../shared
    spans: tuple[Span, ...]
    quotes: tuple[Quote, ...]
    known_split: tuple[Span, ...]


class TruthError(ValueError):
    """A hand-list item whose text or occurrence is not in the document."""


def load(name: str) -> dict:
    return json.loads((FOLDER / f"{name}.json").read_text(encoding="utf-8"))


def occurrences(text: str, needle: str) -> list[int]:
    """Offsets of every whole-word occurrence of ``needle`` in ``text``."""
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    return [m.start() for m in pattern.finditer(text)]


def _find(text: str, item: dict, problems: list[str], what: str) -> Range | None:
    found = occurrences(text, item["text"])
    nth = item["nth"]
    if not 1 <= nth <= len(found):
        problems.append(f"{what} {item['text']!r} #{nth}: {len(found)} occurrence(s) in the text")
        return None
    start = found[nth - 1]
    return Range(start, start + len(item["text"]))


def resolve(name: str, text: str) -> Truth:
    """The offsets of every item of hand list ``name`` in ``text``; TruthError otherwise."""
    data, problems = load(name), []
    spans, split = [], []
    for item in data["entities"]:
        found = _find(text, item, problems, "entity")
        if found is not None:
            span = Span(found.start, found.end, item["label"])
            spans.append(span)
            if item.get("known_split"):
                split.append(span)
    quotes = []
    for item in data["quotes"]:
        start = _find(text, item["start"], problems, "quote start")
        end = _find(text, item["end"], problems, "quote end")
        speaker = _find(text, item["speaker"], problems, "speaker")
        cue = _find(text, item["cue"], problems, "cue")
        if None in (start, end, speaker, cue):
            continue
        if end.end <= start.start:
            problems.append(f"quote {item['start']['text']!r}: its end comes before its start")
            continue
        quotes.append(Quote(start.start, end.end, speaker=speaker, cue=cue))
    if problems:
        raise TruthError(f"hand list {name}: " + "; ".join(problems))
    return Truth(name, data["document"], tuple(spans), tuple(quotes), tuple(split))


def import_document(workspace: Workspace, shared: Path, name: str) -> str:
    """Import the document of hand list ``name`` with the real importer into an empty
    project; its id."""
    if workspace.first_document() is not None:
        raise TruthError("import_document wants an empty project")
    path = shared / load(name)["document"]
    report = workspace.import_paths([path])
    if report.added != 1:
        raise TruthError(f"importing {path} added {report.added} documents, not 1")
    return workspace.first_document()
