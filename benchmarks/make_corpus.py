"""Generate a project database of N seed-like scraped articles, for benchmarks.

Articles come from ``bench_common.make_article`` (about 8 KB each, 30-40 blocks of
story and site chrome); each gets one of 12 fictional publishers, a URL and a source file
name, and is stored through the real store code (so the migrations, triggers and indexes
are those of the application). Optionally some documents get ``suggestions`` and an
annotator's annotations with mixed statuses, and one long article of a given number of
blocks is added under the id ``LONG_ID``.

    python benchmarks/make_corpus.py --docs 100000 --out benchmarks/out/corpus-100000.db

Other benchmarks call ``ensure_corpus(n)``, which generates
``benchmarks/out/corpus-<n>.db`` once (into a temporary file renamed when complete).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_common import make_article  # noqa: E402

from annotator.core.model import Annotation, Document, DocumentMeta, Status  # noqa: E402
from annotator.core.text import text_fingerprint  # noqa: E402
from annotator.io.segment import text_blocks  # noqa: E402
from annotator.store.database import Database  # noqa: E402
from annotator.store.documents import NewDocument, add_documents  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
LONG_ID = "bench-long-article"
ANNOTATOR = "alice"
BATCH = 1000

PUBLISHERS = (
    "Harbor City Ledger",
    "The Northfield Courier",
    "Meridian Daily",
    "Pine Valley Gazette",
    "The Coastal Tribune",
    "Red Mesa Record",
    "Lakeshore Sentinel",
    "The Evening Lantern",
    "Silverton Post",
    "Westbrook Herald",
    "Copperfield Times",
    "Juniper Ridge Dispatch",
)
BLOCK_LABELS = ("body", "boilerplate", "title", "byline", "caption", "heading")


def _slug(name: str) -> str:
    return name.lower().removeprefix("the ").replace(" ", "-")


def corpus_document(index: int) -> Document:
    """Article ``index``: same text whichever corpus it lands in. About one in twenty has
    no stored title and one in ten no publisher (the list then falls back)."""
    article = make_article(index)
    publisher = PUBLISHERS[index % len(PUBLISHERS)]
    slug = _slug(publisher)
    meta = DocumentMeta(
        source=f"scraped/{slug}/{index:06d}.txt",
        url=f"https://{slug}.example/news/{index}",
        title=None if index % 20 == 7 else article.title,
        publisher=None if index % 10 == 3 else publisher,
        published=article.published,
    )
    return Document(f"bench-{index:06d}", article.text, text_blocks(article.text), meta)


def long_document(blocks: int) -> Document:
    """One article of exactly ``blocks`` blocks, made of several generated articles."""
    parts: list[str] = []
    i = 0
    while True:
        doc = corpus_document(900_000_000 + i)
        parts.extend(doc.text[b.start : b.end] for b in doc.blocks)
        if len(parts) >= blocks:
            break
        i += 1
    text = "\n\n".join(parts[:blocks])
    found = text_blocks(text)
    assert len(found) == blocks, (len(found), blocks)
    meta = DocumentMeta(
        source="scraped/long.txt", title=f"A long article of {blocks} blocks", publisher="Bench"
    )
    return Document(LONG_ID, text, found, meta)


def _prepared(index: int) -> tuple[Document, str]:
    doc = corpus_document(index)
    return doc, text_fingerprint(doc.text)


def _annotations(doc: Document, rng: random.Random, annotated: float, suggested: float):
    out = []
    if rng.random() < suggested:
        labels = {i: rng.choice(BLOCK_LABELS) for i in range(len(doc.blocks))}
        scores = {i: round(rng.uniform(0.5, 1.0), 3) for i in labels}
        out.append(Annotation(doc.id, "suggestions", blocks=labels, block_scores=scores))
    if rng.random() < annotated:
        status = rng.choice((Status.IN_PROGRESS, Status.DONE, Status.DONE, Status.SKIPPED))
        n = len(doc.blocks) if status is Status.DONE else rng.randint(0, len(doc.blocks))
        labels = {i: rng.choice(BLOCK_LABELS) for i in range(n)}
        out.append(Annotation(doc.id, ANNOTATOR, status=status, blocks=labels))
    return out


def make_corpus(
    db_url: str,
    docs: int,
    annotated: float = 0.0,
    suggested: float = 0.0,
    long_blocks: int = 0,
    progress: bool = False,
) -> None:
    """Add ``docs`` generated articles (and the long one if ``long_blocks``) to ``db_url``."""
    db = Database(db_url)
    rng = random.Random(2024)
    start = time.perf_counter()
    try:
        batch: list[NewDocument] = []

        def flush() -> None:
            with db.writing() as session:
                add_documents(session, batch)
            batch.clear()

        with multiprocessing.Pool(max(1, (os.cpu_count() or 1))) as pool:
            made = pool.imap(_prepared, range(docs), chunksize=200)
            for index, (doc, fingerprint) in enumerate(made):
                anns = _annotations(doc, rng, annotated, suggested)
                batch.append(NewDocument(doc, fingerprint, anns, doc.meta.source))
                if len(batch) >= BATCH:
                    flush()
                    if progress:
                        rate = (index + 1) / (time.perf_counter() - start)
                        print(f"\r{index + 1:,}/{docs:,} documents ({rate:,.0f}/s)", end="")
        if long_blocks:
            doc = long_document(long_blocks)
            suggestion = Annotation(
                doc.id,
                "suggestions",
                blocks={i: rng.choice(BLOCK_LABELS) for i in range(long_blocks)},
            )
            batch.append(NewDocument(doc, text_fingerprint(doc.text), [suggestion], "long"))
        if batch:
            flush()
        if progress:
            print(f"\rdone: {docs:,} documents in {time.perf_counter() - start:.0f} s")
    finally:
        db.close()


def ensure_corpus(
    docs: int, annotated: float = 0.1, suggested: float = 0.3, long_blocks: int = 300
) -> Path:
    """``benchmarks/out/corpus-<docs>.db``, generated on first use."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"corpus-{docs}.db"
    if path.exists():
        return path
    partial = OUT / f"corpus-{docs}.partial.db"
    for leftover in OUT.glob(f"{partial.name}*"):
        leftover.unlink()
    print(f"generating {path} (once) ...", file=sys.stderr)
    make_corpus(f"sqlite:///{partial}", docs, annotated, suggested, long_blocks, progress=True)
    partial.rename(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--out", type=Path, help="SQLite file (default benchmarks/out/...)")
    parser.add_argument("--annotated", type=float, default=0.1, help=f"share with {ANNOTATOR}")
    parser.add_argument("--suggested", type=float, default=0.3, help="share with suggestions")
    parser.add_argument("--long-blocks", type=int, default=300, help="0: no long article")
    args = parser.parse_args()
    if args.out is None:
        print(ensure_corpus(args.docs, args.annotated, args.suggested, args.long_blocks))
        return
    args.out.parent.mkdir(parents=True, exist_ok=True)
    make_corpus(
        f"sqlite:///{args.out.resolve()}",
        args.docs,
        args.annotated,
        args.suggested,
        args.long_blocks,
        progress=True,
    )


if __name__ == "__main__":
    main()
