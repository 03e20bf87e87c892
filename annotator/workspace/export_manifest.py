"""The manifest of a folder export: what was asked, what was written, and how to check it."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.model import Annotation
from annotator.core.schema import LabelSchema

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1


@dataclass(slots=True)
class PartCounts:
    """Documents, records and labels of one part (``train``, ``dev``, ``test`` or ``corpus``),
    counted over the annotations selected (spans a format could not carry are problems)."""

    documents: int = 0
    records: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    blocks: Counter[str] = field(default_factory=Counter)
    quotes: int = 0
    speakers: int = 0
    cues: int = 0

    def add(self, annotation: Annotation | None) -> None:
        self.records += 1
        if annotation is None:
            return
        self.entities.update(span.label for span in annotation.spans)
        self.blocks.update(annotation.blocks.values())
        self.quotes += len(annotation.quotes)
        self.speakers += sum(1 for q in annotation.quotes if q.speaker is not None)
        self.cues += sum(1 for q in annotation.quotes if q.cue is not None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "records": self.records,
            "entities": dict(sorted(self.entities.items())),
            "blocks": dict(sorted(self.blocks.items())),
            "quotes": self.quotes,
            "speakers": self.speakers,
            "cues": self.cues,
        }


def schema_dict(schema: LabelSchema) -> dict[str, Any]:
    return {
        "blocks": schema.block_label_names,
        "entities": schema.entity_label_names,
        "binary_body": sorted(schema.binary_body),
        "quotes": "content span with an optional speaker span and cue span",
    }


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def file_entries(folder: Path) -> list[dict[str, Any]]:
    """Every file under ``folder`` but the manifest: relative path, size, sha256."""
    entries = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative == MANIFEST:
            continue
        entries.append({"path": relative, "bytes": path.stat().st_size, "sha256": sha256_of(path)})
    return entries


def verify(folder: Path, manifest: dict[str, Any]) -> list[str]:
    """Files missing or changed since the export, as messages (empty: all intact)."""
    wrong = []
    for entry in manifest.get("files", []):
        path = folder / entry["path"]
        if not path.is_file():
            wrong.append(f"{entry['path']}: missing")
        elif sha256_of(path) != entry["sha256"]:
            wrong.append(f"{entry['path']}: content changed (sha256 differs)")
    return wrong
