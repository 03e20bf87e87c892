"""Exporters, one module per format; importing this package registers them all."""

from annotator.io.exporters import (  # noqa: F401
    blocks,
    conll,
    doccano,
    hf,
    jsonl,
    label_studio,
    prodigy,
)
