"""The exporter registry: every format has a versioned id and a short name."""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO, Protocol

from annotator.core.model import Annotation, Document


class ExportWriter(Protocol):
    def write(self, document: Document, annotation: Annotation | None) -> None: ...

    def finish(self) -> None: ...


class Exporter(Protocol):
    id: str  # "export.jsonl.v1"; a changed format gets a new id
    name: str  # what users type: "jsonl"
    suffix: str

    def writer(self, stream: BinaryIO) -> ExportWriter: ...


EXPORTERS: dict[str, Callable[[], Exporter]] = {}


def register_exporter(factory: Callable[[], Exporter]) -> Callable[[], Exporter]:
    exporter = factory()
    if exporter.id in EXPORTERS:
        raise ValueError(f"exporter id {exporter.id!r} registered twice")
    EXPORTERS[exporter.id] = factory
    return factory


def exporter_named(name: str) -> Exporter:
    """Find an exporter by id or by short name (the newest version of that name)."""
    if name in EXPORTERS:
        return EXPORTERS[name]()
    matches = sorted(eid for eid, f in EXPORTERS.items() if f().name == name)
    if not matches:
        known = ", ".join(sorted({f().name for f in EXPORTERS.values()}))
        raise KeyError(f"unknown export format {name!r}; known formats: {known}")
    return EXPORTERS[matches[-1]]()
