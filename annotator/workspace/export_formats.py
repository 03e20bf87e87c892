"""Every export format in one registry.

The formats of ``annotator.io.exporters`` register themselves when that package is
imported. Formats that need spaCy live in ``annotator.nlp`` (which may not import
``annotator.io``); they implement the same contract (``annotator.core.export``) and are
registered here, the one place that sees both layers: add one ``register_exporter`` line.
"""

from __future__ import annotations

import annotator.io.exporters  # noqa: F401  (registers the io formats)
from annotator.io.exporters.base import all_exporters, exporter_named, register_exporter
from annotator.nlp.docbin_exporter import DocBinExporter

__all__ = ["all_exporters", "exporter_named", "register_exporter"]

# Formats from annotator.nlp, e.g.:
# from annotator.nlp.docbin import DocBinExporter
# register_exporter(DocBinExporter)
register_exporter(DocBinExporter)  # spaCy loads only when a DocBin writer is made
