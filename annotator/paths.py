"""Where the shipped resources (label schema, keymap, schemas, icons) live.

In a source checkout they are in the top-level ``resources/`` folder; in a built wheel
or bundle they are packaged as ``annotator/resources``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).resolve().parent / "resources"
_SOURCE = Path(__file__).resolve().parent.parent / "resources"


def resource_dir() -> Path:
    return _PACKAGED if _PACKAGED.is_dir() else _SOURCE


def resource_path(name: str) -> Path:
    return resource_dir() / name
