"""Label once, suggested everywhere: what a confirmed span costs in a big project.

    .venv/bin/python benchmarks/label_once.py [--docs 20000] [--done 0.1] [--terms 20000]

A SQLite project of ``--docs`` generated seed-like articles (``bench_common``, about 8 KB,
about 47 blocks each); a share ``--done`` of them carry annotator ``alice``'s done
annotation with the article's three entity spans (PERSON, ORG, GPE). Then, as the window
does, with a workspace of annotator ``bob``:

- build: ``read_learned_terms()`` (reads every done document once; the window runs it
  in a worker thread when it opens and after each entity training);
- per span marked: ``learn_spans`` of the open document, then ``learned_suggestions`` of
  it (what runs after each span command commits), median of 200;
- per document opened: ``learned_suggestions`` of an unfinished document (merged and
  stored), median of 200 different documents;
- matching one article against ``--terms`` confirmed texts, each led by one of the
  article's capitalised words: ``TermIndex.find`` and, for comparison,
  ``entities.Gazetteer.find`` (a regex alternation), median of 20.

Targets (met/MISSED): per span marked and per document opened under 30 ms; both do not
grow with the number of documents; build under 5 s at 2,000 done documents.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_common import make_article  # noqa: E402

from annotator.core.commands import EditSpans  # noqa: E402
from annotator.core.model import Annotation, Document, Span, Status  # noqa: E402
from annotator.core.text import text_fingerprint  # noqa: E402
from annotator.io.segment import text_blocks  # noqa: E402
from annotator.nlp.entities import Gazetteer  # noqa: E402
from annotator.nlp.learned_terms import TermIndex  # noqa: E402
from annotator.store.database import Database  # noqa: E402
from annotator.store.documents import NewDocument, add_documents  # noqa: E402
from annotator.workspace import Workspace  # noqa: E402


def make_project(url: str, docs: int, done: float) -> list[tuple[str, list]]:
    db = Database(url)
    rng = random.Random(5)
    batch: list[NewDocument] = []
    kept = []
    for index in range(docs):
        article = make_article(index)
        doc = Document(f"d{index:06d}", article.text, text_blocks(article.text))
        anns = []
        if rng.random() < done:
            spans = [Span(s, e, label) for s, e, label in article.spans]
            anns.append(Annotation(doc.id, "alice", Status.DONE, spans=spans))
        elif len(kept) < 400:
            kept.append((doc.id, article.spans))
        batch.append(NewDocument(doc, text_fingerprint(doc.text), anns, doc.id))
        if len(batch) >= 1000:
            with db.writing() as session:
                add_documents(session, batch)
            batch.clear()
    if batch:
        with db.writing() as session:
            add_documents(session, batch)
    db.close()
    return kept


def ms(values: list[float]) -> float:
    return round(1000 * statistics.median(values), 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--done", type=float, default=0.1)
    parser.add_argument("--terms", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        start = time.perf_counter()
        unfinished = make_project(url, args.docs, args.done)
        print(f"project: {args.docs} documents made in {time.perf_counter() - start:.0f} s")
        with Workspace.open(url, "bob") as ws:
            start = time.perf_counter()
            learned = ws.read_learned_terms()
            build = time.perf_counter() - start
            terms = len(learned.index)
            ws.use_learned_terms(learned)
            marked, opened = [], []
            for document_id, spans in unfinished[:200]:
                s, e, label = spans[1]
                ws.apply(document_id, EditSpans(add_spans=(Span(s, e, label),)))
                text = ws.document(document_id).text
                start = time.perf_counter()
                ws.learn_spans(document_id, text)
                ws.learned_suggestions(document_id)
                marked.append(time.perf_counter() - start)
            for document_id, _ in unfinished[200:400]:
                start = time.perf_counter()
                ws.learned_suggestions(document_id)
                opened.append(time.perf_counter() - start)
            sample = ws.document(unfinished[0][0]).text
        done_docs = round(args.docs * args.done)
        rng = random.Random(1)
        # terms led by the article's own capitalised words (as names are): a hard case,
        # since every capitalised word of the article then starts hundreds of terms
        words = sorted({w.strip(".,;:") for w in sample.split() if w[:1].isupper()})
        index, gazetteer = TermIndex(), Gazetteer()
        for n in range(args.terms):
            term = f"{rng.choice(words)} Term{n}"
            index.add(term, "ORG")
            gazetteer.add(term, "ORG")
        ours, regex = [], []
        gazetteer.find(sample)  # compile once
        for _ in range(20):
            start = time.perf_counter()
            index.find(sample)
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            gazetteer.find(sample)
            regex.append(time.perf_counter() - start)

    def line(name: str, value: float, target: float, unit: str) -> None:
        verdict = "met" if value <= target else "MISSED"
        print(f"{name}: {value} {unit} (target <= {target} {unit}): {verdict}")

    print(f"build: {terms} confirmed texts from ~{done_docs} done documents in {build:.2f} s")
    if done_docs <= 2000:
        line("build", round(build, 2), 5.0, "s")
    line("per span marked (learn_spans + learned_suggestions)", ms(marked), 30, "ms")
    line("per document opened (learned_suggestions)", ms(opened), 30, "ms")
    print(
        f"matching one article ({len(sample)} chars, {len(words)} capitalised words) against "
        f"{args.terms} texts led by them: "
        f"TermIndex {ms(ours)} ms, Gazetteer regex {ms(regex)} ms"
    )


if __name__ == "__main__":
    main()
