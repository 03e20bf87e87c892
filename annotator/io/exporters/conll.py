"""CoNLL-2003 style BIO: one token a line as ``TOKEN -X- _ TAG``, a blank line after each
block (the blocks are the "sentences"), and ``-DOCSTART- -X- -X- O`` before each document.

Every block with tokens is written, whatever its block label. Entities that do not fall on
token boundaries, overlap or leave their block are reported and left untagged. A token
never holds whitespace in this format: the rare one that does (a no-break space inside a
number) has it replaced by ``_`` so the columns stay four.
"""

from __future__ import annotations

import re
from typing import BinaryIO

from annotator.core.export import ExportContext, ExportItem
from annotator.io.exporters.base import register_exporter
from annotator.io.exporters.common import entities
from annotator.io.exporters.tokens import bio_tags

DOCSTART = "-DOCSTART- -X- -X- O\n\n"
_SPACE = re.compile(r"\s")


class _Writer:
    def __init__(self, stream: BinaryIO, context: ExportContext) -> None:
        self._stream = stream
        self._report = context.report

    def write(self, item: ExportItem) -> None:
        document = item.document
        text = _SPACE.sub("_", document.text)  # one character for one: offsets hold
        parts = [DOCSTART]
        for tokens, tags in bio_tags(
            document.id, document.blocks, item.tokens or [], entities(item), self._report
        ):
            if not tokens:
                continue
            parts += [
                f"{text[s:e]} -X- _ {tag}\n" for (s, e), tag in zip(tokens, tags, strict=True)
            ]
            parts.append("\n")
        self._stream.write("".join(parts).encode("utf-8"))

    def finish(self) -> dict[str, bytes]:
        return {}


@register_exporter
class ConllExporter:
    id = "export.conll.v1"
    name = "conll"
    suffix = ".conll"
    description = "CoNLL-2003 style BIO: TOKEN -X- _ TAG, blocks as sentences, -DOCSTART-"
    consumer = "spacy convert -c ner, flair ColumnCorpus, seqeval, HF conll-style loaders"
    needs_tokens = True

    def writer(self, stream: BinaryIO, context: ExportContext) -> _Writer:
        return _Writer(stream, context)
