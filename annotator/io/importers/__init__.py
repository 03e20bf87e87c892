"""Importers, one module per input kind; importing this package registers them all."""

from annotator.io.importers import html, jsonl, text, warc  # noqa: F401
