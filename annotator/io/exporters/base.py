"""The exporter registry: every format has a versioned id and a short name.

The formats of this package register themselves on import; formats built elsewhere
(the spaCy DocBin in ``annotator.nlp``) are registered by the workspace, which is the
one layer allowed to see both. The contract (items, problems, writers) is in
``annotator.core.export``.
"""

from __future__ import annotations

from collections.abc import Callable

from annotator.core.export import (
    ExportContext,
    Exporter,
    ExportItem,
    ExportProblem,
    ExportWriter,
    Token,
)

__all__ = [
    "EXPORTERS",
    "ExportContext",
    "ExportItem",
    "ExportProblem",
    "ExportWriter",
    "Exporter",
    "Token",
    "all_exporters",
    "exporter_named",
    "register_exporter",
]

EXPORTERS: dict[str, Callable[[], Exporter]] = {}


def register_exporter(factory: Callable[[], Exporter]) -> Callable[[], Exporter]:
    """Add a format (a class or a function building the exporter); usable as a decorator."""
    exporter = factory()
    known = EXPORTERS.get(exporter.id)
    if known is not None and known is not factory:
        raise ValueError(f"exporter id {exporter.id!r} registered twice")
    EXPORTERS[exporter.id] = factory
    return factory


def all_exporters() -> list[Exporter]:
    """One of each registered format, sorted by id."""
    return [EXPORTERS[eid]() for eid in sorted(EXPORTERS)]


def exporter_named(name: str) -> Exporter:
    """Find an exporter by id or by short name (the newest version of that name)."""
    if name in EXPORTERS:
        return EXPORTERS[name]()
    matches = sorted(eid for eid, f in EXPORTERS.items() if f().name == name)
    if not matches:
        known = ", ".join(sorted({f().name for f in EXPORTERS.values()}))
        raise KeyError(f"unknown export format {name!r}; known formats: {known}")
    return EXPORTERS[matches[-1]]()
