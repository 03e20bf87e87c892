"""Pre-annotation through the workspace: stored suggestions, learning from confirmed
labels, the gazetteer fallback, training the entity model, cancel and threads."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from annotator.core.model import GOLD, SUGGESTIONS, Annotation, Span, Status
from annotator.nlp.recurrence import normalise
from annotator.workspace import Workspace
from annotator.workspace.suggesting import BLOCK_CONFIDENCE, NothingToTrain, SuggestError

STORY = (
    "Council approves the budget\n\n"
    "The city council voted on Tuesday to approve the new budget, which includes more money "
    "for schools. Ana Ruiz, who chairs the finance committee, said the vote was close.\n\n"
    "“We found the money without raising taxes,” Ruiz said after the meeting.\n\n"
    "Share\n\n"
)


def _fundus(shared, publisher: str, n: int = 5):
    return [shared / "data" / "fundus" / "html" / f"{publisher}_{i}.html.gz" for i in range(n)]


def _stories(tmp_path, texts: list[str]):
    folder = tmp_path / "stories"
    folder.mkdir(exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"story{i}.txt").write_text(text, encoding="utf-8")
    return folder


def test_preannotate_stores_suggestions_on_the_seed_and_fundus_pages(db_url, shared):
    with Workspace.open(db_url, "alice") as ws:
        ws.import_paths([shared / "seeds" / "000_08d65a8e5416cb17.txt", *_fundus(shared, "CNBC")])
        seen = []
        report = ws.preannotate(progress=lambda done, total: seen.append((done, total)), batch=4)
        assert report.documents == report.total == 6 and seen[-1] == (6, 6) and len(seen) == 2
        assert set(report.meta) == {"blocks", "entities", "quotes"}
        assert report.meta["blocks"] == "suggest.blocks.v1"
        for summary in ws.list_documents():
            document = ws.document(summary.id)
            suggestions = ws.suggestions(summary.id)
            made_by = {k: v for k, v in suggestions.meta.items() if k != BLOCK_CONFIDENCE}
            assert suggestions.source == SUGGESTIONS and made_by == report.meta
            lowest = sorted(suggestions.block_scores.values())[:5]
            assert suggestions.meta[BLOCK_CONFIDENCE] == round(sum(lowest) / len(lowest), 4)
            assert set(suggestions.blocks) == set(range(len(document.blocks)))
            assert set(suggestions.block_scores) == set(suggestions.blocks)
            assert all(0.0 <= s <= 1.0 for s in suggestions.block_scores.values())
            assert summary.suggestions > 0
        seed = ws.document("000_08d65a8e5416cb17")
        labels = ws.suggestions(seed.id).blocks
        by_text = {seed.block_text(i): label for i, label in labels.items()}
        assert by_text["Share"] == "boilerplate" and by_text["DON'T MISS"] == "boilerplate"
        quotes = ws.suggestions(seed.id).quotes
        assert any(
            q.speaker and seed.text[q.speaker.start : q.speaker.end] == "Kim Jong Un"
            for q in quotes
        )


def test_rerunning_replaces_suggestions_and_never_touches_annotations(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    with Workspace.open(url, "alice") as ws:
        ws.import_paths([_stories(tmp_path, [STORY])])
        (doc,) = [d.id for d in ws.list_documents()]
        mine = ws.save_annotation(Annotation(doc, "alice", Status.DONE, blocks={0: "title"}))
        gold = ws.save_annotation(Annotation(doc, GOLD, Status.DONE, blocks={0: "heading"}))
        ws.preannotate({"blocks"})
        first = ws.suggestions(doc)
        assert first.blocks and not first.spans and not first.quotes
        assert set(first.meta) == {"blocks", BLOCK_CONFIDENCE}
        ws.preannotate("quotes")
        second = ws.suggestions(doc)
        assert second.blocks == first.blocks and second.version == first.version + 1
        assert len(second.quotes) == 1 and set(second.meta) == {
            "blocks",
            BLOCK_CONFIDENCE,
            "quotes",
        }
        for stored, saved in (
            (ws.annotation(doc, "alice"), mine),
            (ws.annotation(doc, GOLD), gold),
        ):
            assert (stored.version, stored.blocks, stored.status) == (1, saved.blocks, saved.status)
        with pytest.raises(SuggestError):
            ws.preannotate({"blocks", "sentiment"})


def test_gazetteer_fallback_suggests_confirmed_entities_everywhere(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_SPACY_MODEL", "xx_missing_pipeline")
    url = f"sqlite:///{tmp_path / 'p.db'}"
    other = "Ana Ruiz met the mayor in Springfield.\n\nSpringfield is calm; ana ruiz is not."
    with Workspace.open(url, "alice") as ws:
        ws.import_paths([_stories(tmp_path, [STORY, other])])
        first, second = [d.id for d in ws.list_documents()]
        text = ws.document(first).text
        start = text.index("Ana Ruiz")
        spans = [Span(start, start + 8, "PERSON")]
        ws.save_annotation(Annotation(first, "alice", Status.DONE, spans=spans))
        g = Annotation(second, GOLD, Status.DONE, spans=[Span(26, 37, "GPE")])
        ws.save_annotation(g)
        report = ws.preannotate({"entities"})
        assert "'xx_missing_pipeline' is not installed" in report.pipeline_problem
        assert report.meta["entities"] == (
            "suggest.entities.rules.v1+suggest.entities.gazetteer.v1:2 terms"
        )
        found = [(s.start, s.end, s.label) for s in ws.suggestions(second).spans]
        assert found == [(0, 8, "PERSON"), (26, 37, "GPE"), (40, 51, "GPE")]


def _binary(label: str) -> str:
    return "body" if label in ("body", "heading") else "boilerplate"


def _flip(label: str) -> str:
    return "boilerplate" if label in ("body", "heading") else "body"


def test_labelling_a_publishers_pages_changes_the_suggestions_for_its_other_pages(shared, tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    with Workspace.open(url, "alice") as ws:
        ws.import_paths(_fundus(shared, "APNews"))
        ids = [d.id for d in ws.list_documents()]
        ws.preannotate({"blocks"})
        target = ws.document(ids[-1])
        before = ws.suggestions(target.id).blocks
        target_texts = {normalise(target.block_text(i)) for i in range(len(target.blocks))}
        # the annotator confirms four pages, correcting every block the pages share
        # with the fifth: those are the ones the site memory carries over
        labelled = 0
        confirmed_texts = set()
        for doc_id in ids[:-1]:
            document = ws.document(doc_id)
            suggested = ws.suggestions(doc_id).blocks
            labels = {}
            for i, label in suggested.items():
                text = document.block_text(i)
                labels[i] = _flip(label) if normalise(text) in target_texts else label
                confirmed_texts.add(normalise(text))
            ws.save_annotation(Annotation(doc_id, "alice", Status.DONE, blocks=labels))
            labelled += len(labels)
        training = ws.retrain_blocks()
        assert training.labelled_blocks == labelled >= 200
        assert training.documents == 4 and training.learned
        report = ws.preannotate({"blocks"})
        assert report.block_training is None  # the stored model is current: reused
        assert report.meta["blocks"] == training.model_id
        assert f"({labelled} labelled blocks)" in training.model_id
        after = ws.suggestions(target.id).blocks
        changed = [i for i in before if before[i] != after[i]]
        assert len(changed) >= 10, Counter(before.values())
        # the blocks it shares with the confirmed pages now follow the corrections
        corrected = [i for i in range(len(target.blocks)) if normalise(target.block_text(i))]
        corrected = [i for i in corrected if normalise(target.block_text(i)) in confirmed_texts]
        follow = [i for i in corrected if _binary(after[i]) != _binary(before[i])]
        assert len(follow) >= 0.9 * len(corrected) > 0


def test_a_stale_block_model_is_refitted_by_preannotate(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    with Workspace.open(url, "alice") as ws:
        ws.import_paths([_stories(tmp_path, [STORY])])
        (doc,) = [d.id for d in ws.list_documents()]
        assert ws.preannotate({"blocks"}).block_training.documents == 0
        assert ws.preannotate({"blocks"}).block_training is None
        ws.save_annotation(Annotation(doc, "alice", Status.DONE, blocks={3: "body"}))
        report = ws.preannotate({"blocks"})
        assert report.block_training.labelled_blocks == 1
        assert not report.block_training.learned  # too few labels: label memory only
        assert report.meta["blocks"].endswith("(1 labelled blocks)")


def test_retrain_runs_in_another_thread_with_its_own_workspace(shared, tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    with Workspace.open(url, "alice") as ws:
        ws.import_paths(_fundus(shared, "CNBC", 2))
        doc = ws.list_documents()[0].id
        ws.preannotate({"blocks"})
        labels = ws.suggestions(doc).blocks
        ws.save_annotation(Annotation(doc, "alice", Status.DONE, blocks=labels))
        results = []

        def work():
            with Workspace.open(url) as worker:
                results.append(worker.retrain_blocks())

        thread = threading.Thread(target=work)
        thread.start()
        while thread.is_alive():  # the UI thread keeps reading meanwhile
            assert ws.suggestions(doc) is not None
            thread.join(0.01)
        assert results[0].labelled_blocks == len(labels)
        assert ws.block_suggester()[2]  # the stored model is current


def test_cancel_stops_between_batches(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    with Workspace.open(url, "alice") as ws:
        ws.import_paths([_stories(tmp_path, [f"{STORY}Story {i}." for i in range(5)])])
        seen = []
        report = ws.preannotate(
            {"quotes"}, progress=lambda d, t: seen.append(d), cancelled=lambda: bool(seen), batch=2
        )
        assert report.cancelled and report.documents == 2
        assert sum(1 for d in ws.list_documents() if d.suggestions) == 2


def test_train_ner_registers_the_model_that_then_suggests(tmp_path, monkeypatch):
    monkeypatch.delenv("ANNOTATOR_SPACY_MODEL", raising=False)
    from tests.nlp.test_training import corpus

    sentences = corpus()
    url = f"sqlite:///{tmp_path / 'p.db'}"
    with Workspace.open(url, "alice") as ws:
        with pytest.raises(NothingToTrain):
            ws.train_ner(tmp_path / "none")
        with pytest.raises(SuggestError, match="xx_nothing"):
            ws.set_entity_model("xx_nothing")
        texts = ["\n\n".join(text for text, _ in sentences[i : i + 6]) for i in range(0, 30, 6)]
        ws.import_paths([_stories(tmp_path, texts)])
        for summary, start in zip(ws.list_documents(), range(0, 30, 6), strict=True):
            spans, offset = [], 0
            for text, found in sentences[start : start + 6]:
                spans += [Span(offset + s, offset + e, label) for s, e, label in found]
                offset += len(text) + 2
            ws.save_annotation(Annotation(summary.id, "alice", Status.DONE, spans=spans))
        epochs = []
        result = ws.train_ner(
            tmp_path / "model", iterations=8, progress=lambda *a: epochs.append(a)
        )
        assert len(epochs) == 8 and result.registered and result.problems == []
        assert result.examples == 30 and result.entities == 84 and result.base == "blank:en"
        assert ws.entity_model_name() == str((tmp_path / "model").resolve())
        report = ws.preannotate({"entities"})
        assert report.pipeline_problem is None
        assert report.meta["entities"].startswith("suggest.entities.spacy.v1:en_annotator_ner-1.0.")
        doc = ws.list_documents()[0].id
        assert len(ws.suggestions(doc).spans) >= 10
