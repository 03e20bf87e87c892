"""Exporters, one module per format; importing this package registers them all."""

from annotator.io.exporters import jsonl  # noqa: F401
