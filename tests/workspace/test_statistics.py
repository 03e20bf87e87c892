"""Statistics on a known small corpus, and the active time the app records."""

from annotator.core.commands import SetBlockLabels, SetStatus
from annotator.core.model import GOLD, SUGGESTIONS, Annotation, Quote, Span, Status
from annotator.workspace import Workspace
from annotator.workspace.timing import ACTIVE_SECONDS, IDLE_CAP


def _corpus(tmp_path, url):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(
            f"Title {i}\n\nBy Ann Lee in Paris.\n\nShare this story\n", encoding="utf-8"
        )
    with Workspace.open(url, "curator") as ws:
        assert ws.import_paths([folder]).added == 3
        return [ws.first_document(), *_rest(ws)]


def _rest(ws):
    first = ws.first_document()
    second = ws.neighbour(first, +1)
    return [second, ws.neighbour(second, +1)]


def test_statistics_of_a_known_corpus(tmp_path, db_url):
    a, b, c = _corpus(tmp_path, db_url)
    with Workspace.open(db_url, "alice") as ws:
        ws.save_annotation(
            Annotation(
                a,
                "alice",
                Status.DONE,
                blocks={0: "title", 1: "byline", 2: "boilerplate"},
                spans=[Span(13, 20, "PERSON"), Span(24, 29, "GPE")],
                meta={ACTIVE_SECONDS: 95.5},
            )
        )
        ws.save_annotation(Annotation(b, "alice", blocks={0: "title"}, meta={ACTIVE_SECONDS: 12}))
        ws.save_annotation(
            Annotation(a, "bob", Status.DONE, blocks={0: "title", 1: "body", 2: "boilerplate"})
        )
        ws.save_annotation(Annotation(a, GOLD, Status.DONE, quotes=[Quote(0, 7)]))
        ws.save_annotation(Annotation(c, SUGGESTIONS, blocks={0: "title", 1: "body"}))
        stats = ws.statistics()
    assert stats.documents == 3
    assert stats.progress == {
        "alice": {"done": 1, "in_progress": 1},
        "bob": {"done": 1},
        "gold": {"done": 1},
    }  # the suggestions are nobody's progress
    assert stats.block_labels["alice"] == {"title": 2, "byline": 1, "boilerplate": 1}
    assert stats.totals(stats.block_labels) == {
        "title": 3,
        "boilerplate": 2,
        "byline": 1,
        "body": 1,
    }
    assert stats.entity_labels["alice"] == {"PERSON": 1, "GPE": 1}
    assert stats.quotes == {"alice": 0, "bob": 0, "gold": 1}
    assert [(t.document_id, t.source, t.seconds) for t in stats.time_spent] == [
        (a, "alice", 95.5),
        (b, "alice", 12.0),
    ]
    assert stats.seconds_by_source() == {"alice": 107.5}


def test_active_time_caps_idle_gaps_and_rides_with_the_next_change(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    a, b, _c = _corpus(tmp_path, url)
    with Workspace.open(url, "alice") as ws:
        ws.record_activity(a, 100.0)
        ws.record_activity(a, 130.0)  # 30 s
        ws.record_activity(a, 130.0 + IDLE_CAP + 1)  # away: not counted
        ws.record_activity(a, 130.0 + IDLE_CAP + 11)  # 10 s
        ws.record_activity(b, 400.0)  # another document: no gap counted across
        ws.record_activity(a, 405.0)
        assert ws.pending_active_time(a) == 40.0
        ws.apply(a, SetBlockLabels.same([0], "title"))
        assert ws.my_annotation(a).meta[ACTIVE_SECONDS] == 40.0
        assert ws.pending_active_time(a) == 0.0
        ws.record_activity(a, 420.0)  # 15 s, written when leaving the document
        ws.flush_active_time(a)
        ws.record_activity(b, 500.0)
        ws.record_activity(b, 520.0)
        ws.flush_active_time()  # b was never labelled: no annotation just for reading
        ws.apply(b, SetStatus(Status.SKIPPED))
    with Workspace.open(url, "alice") as ws:
        assert ws.my_annotation(a).meta[ACTIVE_SECONDS] == 55.0
        assert ACTIVE_SECONDS not in ws.my_annotation(b).meta
        assert ws.my_annotation(a).blocks == {0: "title"}
