"""Helpers for the team tests: a project of small documents made fast, and workers run
in fresh processes (spawn) that report back through a queue."""

from __future__ import annotations

from annotator.core.model import Block, Document
from annotator.core.text import text_fingerprint
from annotator.store.database import Database
from annotator.store.documents import NewDocument, add_documents


def seed(url: str, n: int, blocks: int = 3, start: int = 0) -> list[str]:
    """Add ``n`` documents of ``blocks`` one-line blocks; returns their ids in order."""
    db = Database(url)
    docs = []
    for i in range(start, start + n):
        lines = [f"Document {i} line {b}." for b in range(blocks)]
        text = "\n".join(lines)
        spans, at = [], 0
        for line in lines:
            spans.append(Block(at, at + len(line)))
            at += len(line) + 1
        docs.append(NewDocument(Document(f"d{i:05d}", text, spans), text_fingerprint(text)))
    with db.writing() as session:
        add_documents(session, docs)
    db.close()
    return [doc.document.id for doc in docs]
