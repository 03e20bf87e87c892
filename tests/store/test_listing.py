"""The document list query: paging, search over titles and text, status filters, counts."""

from datetime import UTC, datetime

import pytest

from annotator.core.model import Annotation, Block, Document, DocumentMeta, Span, Status
from annotator.core.text import text_fingerprint
from annotator.store import listing
from annotator.store.annotations import save_annotation
from annotator.store.database import Database
from annotator.store.documents import NewDocument, add_documents
from annotator.store.listing import ListingFilter as F

FILLERS = 240


def _doc(doc_id: str, text: str, **meta) -> NewDocument:
    blocks = [Block(0, len(text))]
    doc = Document(doc_id, text, blocks, DocumentMeta(**meta))
    return NewDocument(doc, text_fingerprint(text), [], doc_id)


def _documents() -> list[NewDocument]:
    docs = [
        _doc(
            "harbor",
            "The council voted on Tuesday.\n\nShare",
            title="Harbor Plan Approved",
            publisher="Harbor City Ledger",
        ),
        _doc(
            "flood",
            "\n  Flood   warning issued for the valley, where a pelican colony nests.\n\nMore",
            url="https://www.valley-news.example/flood",
        ),
        _doc("storm", "Storm reaches the coast; PELICANS flee.", source="scraped/a/storm.txt"),
        _doc("long", "x" * 300, title=""),
    ]
    docs += [
        _doc(f"filler-{i:03d}", f"Nothing to see here, story number {i}.", title=f"Filler {i}")
        for i in range(FILLERS)
    ]
    return docs


IDS = ["harbor", "flood", "storm", "long"] + [f"filler-{i:03d}" for i in range(FILLERS)]


@pytest.fixture
def db(db_url):
    database = Database(db_url)
    with database.writing() as session:
        add_documents(session, _documents())
    with database.writing() as session:
        save_annotation(session, Annotation("harbor", "alice", Status.DONE, blocks={0: "body"}))
        save_annotation(session, Annotation("storm", "alice", Status.IN_PROGRESS))
        save_annotation(session, Annotation("filler-001", "alice", Status.SKIPPED))
        save_annotation(session, Annotation("flood", "bob", Status.DONE))
        save_annotation(
            session,
            Annotation(
                "harbor",
                "suggestions",
                blocks={0: "body"},
                block_scores={0: 0.9},
                spans=[Span(4, 11, "ORG", 0.8), Span(18, 25, "DATE")],
            ),
        )
    yield database
    database.close()


def ids(db, annotator, where, offset=0, limit=1000, method="auto"):
    with db.reading() as session:
        return [row.id for row in listing.page(session, annotator, where, offset, limit, method)]


def count(db, annotator, where, method="auto"):
    with db.reading() as session:
        return listing.count(session, annotator, where, method)


def test_pages_cover_the_list_in_import_order(db):
    assert count(db, "alice", F()) == len(IDS)
    pages = [ids(db, "alice", F(), offset, 100) for offset in range(0, len(IDS), 100)]
    assert [len(p) for p in pages] == [100, 100, 44]
    assert sum(pages, []) == IDS
    assert ids(db, "alice", F(), len(IDS), 100) == []
    assert ids(db, "alice", F(), 2, 3) == IDS[2:5]


def test_pages_after_a_document_follow_on(db):
    with db.reading() as session:
        for where in (F(), F(status="new"), F("filler"), F("story", "new")):
            whole = [r.id for r in listing.page(session, "alice", where, 0, 1000)]
            after = [r.id for r in listing.page(session, "alice", where, 0, 7, after_id=whole[99])]
            assert after == whole[100:107]


def test_rows_carry_fallbacks_my_status_suggestions_and_last_change(db):
    with db.reading() as session:
        rows = {r.id: r for r in listing.page(session, "alice", F(), 0, 5)}
    harbor, flood, storm, long = (rows[k] for k in ("harbor", "flood", "storm", "long"))
    assert (harbor.title, harbor.publisher) == ("Harbor Plan Approved", "Harbor City Ledger")
    assert harbor.status == "done" and harbor.suggestions == 3
    assert isinstance(harbor.updated_at, datetime)
    age = datetime.now(UTC) - harbor.updated_at.replace(tzinfo=harbor.updated_at.tzinfo or UTC)
    assert abs(age.total_seconds()) < 600
    # no title: the first line of the text; no publisher: the URL host, else the file name
    assert flood.title == "Flood warning issued for the valley, where a pelican colony nests."
    assert flood.publisher == "valley-news.example"
    assert flood.status == "new" and flood.suggestions == 0 and flood.updated_at is None
    assert storm.title == "Storm reaches the coast; PELICANS flee."
    assert storm.publisher == "storm.txt" and storm.status == "in_progress"
    assert long.title == "x" * 79 + "…" and long.publisher == ""


@pytest.mark.parametrize("method", ["auto", "like"])
def test_search_finds_words_in_titles_and_text(db, method):
    assert ids(db, "alice", F("harbor"), method=method) == ["harbor"]  # title only
    assert ids(db, "alice", F("council"), method=method) == ["harbor"]  # text only
    assert ids(db, "alice", F("pelicans"), method=method) == ["storm"]
    assert ids(db, "alice", F("PELIC"), method=method) == ["flood", "storm"]  # prefix, any case
    assert ids(db, "alice", F("flood valley"), method=method) == ["flood"]  # every word
    assert ids(db, "alice", F("flood coast"), method=method) == []
    assert ids(db, "alice", F("number 170"), method=method) == ["filler-170"]
    assert ids(db, "alice", F("zebra"), method=method) == []
    assert count(db, "alice", F("filler"), method=method) == FILLERS
    assert ids(db, "alice", F("filler"), 100, 2, method=method) == ["filler-100", "filler-101"]


def test_search_matches_word_prefixes(db):
    # the LIKE fallback (SQLite without FTS5) matches substrings instead
    assert ids(db, "alice", F("number 17")) == ["filler-017"] + [
        f"filler-{i}" for i in range(170, 180)
    ]
    assert ids(db, "alice", F("elican")) == []
    # a one-letter word matches whole words only (as a prefix it would match everything)
    assert ids(db, "alice", F("a")) == ["flood"]


def test_search_without_words_lists_everything(db):
    assert count(db, "alice", F("  ,;'\" * -")) == len(IDS)
    assert count(db, "alice", F('"harbor')) == 1  # quotes are not FTS syntax
    assert count(db, "alice", F("harbor OR council NEAR(x)")) == 0


def test_sqlite_search_ignores_diacritics(tmp_path):
    database = Database(str(tmp_path / "p.db"))
    with database.writing() as session:
        add_documents(session, [_doc("cafe", "Le café de la gare.", title="Crème brûlée")])
    assert ids(database, "alice", F("CAFE creme")) == ["cafe"]
    assert ids(database, "alice", F("brûl")) == ["cafe"]
    database.close()


def test_search_finds_documents_added_later(db):
    with db.writing() as session:
        add_documents(session, [_doc("late", "A zebra escaped.", title="Zoo news")])
    assert ids(db, "alice", F("zebra")) == ["late"]
    assert ids(db, "alice", F("zoo")) == ["late"]


def test_status_filter_is_per_annotator(db):
    assert ids(db, "alice", F(status="done")) == ["harbor"]
    assert ids(db, "alice", F(status="in_progress")) == ["storm"]
    assert ids(db, "alice", F(status="skipped")) == ["filler-001"]
    assert ids(db, "bob", F(status="done")) == ["flood"]
    assert ids(db, "carol", F(status="done")) == []
    new = ids(db, "alice", F(status="new"))
    assert new == [i for i in IDS if i not in ("harbor", "storm", "filler-001")]
    assert count(db, "alice", F(status="new")) == len(IDS) - 3
    assert count(db, "alice", F(status="done")) == 1
    assert ids(db, "alice", F("pelican", "in_progress")) == ["storm"]
    assert ids(db, "alice", F("pelican", "new")) == ["flood"]
    assert ids(db, "bob", F("pelican", "new")) == ["storm"]
    assert count(db, "alice", F("filler", "new")) == FILLERS - 1
    # nobody: everything is new
    assert count(db, None, F(status="new")) == len(IDS)
    assert count(db, None, F(status="done")) == 0
    assert ids(db, None, F(), 0, 1) == ["harbor"]


def test_row_of_a_document_in_the_filtered_list(db):
    with db.reading() as session:
        assert listing.row_of(session, "alice", F(), "harbor") == 0
        assert listing.row_of(session, "alice", F(), "filler-100") == 104
        assert listing.row_of(session, "alice", F(status="new"), "filler-100") == 101
        assert listing.row_of(session, "alice", F(status="new"), "harbor") is None
        assert listing.row_of(session, "alice", F("filler"), "filler-010") == 10
        assert listing.row_of(session, "alice", F("pelican"), "harbor") is None
        assert listing.row_of(session, "alice", F("pelican"), "storm") == 1
        assert listing.row_of(session, "alice", F(), "no-such-document") is None


def test_status_counts_are_my_progress(db):
    with db.reading() as session:
        alice = listing.status_counts(session, "alice")
        bob = listing.status_counts(session, "bob")
        searched = listing.status_counts(session, "alice", "pelican")
        nobody = listing.status_counts(session, None)
    total = len(IDS)
    assert alice == {"all": total, "new": total - 3, "in_progress": 1, "done": 1, "skipped": 1}
    assert bob == {"all": total, "new": total - 1, "in_progress": 0, "done": 1, "skipped": 0}
    assert searched == {"all": 2, "new": 1, "in_progress": 1, "done": 0, "skipped": 0}
    assert listing.search_terms("pelican") == ["pelican"]
    assert nobody == {"all": total, "new": total, "in_progress": 0, "done": 0, "skipped": 0}


def test_unknown_status_filter_is_refused():
    with pytest.raises(ValueError, match="unknown status filter"):
        F(status="finished")


def test_search_terms_split_like_the_index():
    assert listing.search_terms("  Kim's  ‘nuclear’ push_back, 2024! ") == [
        "kim",
        "s",
        "nuclear",
        "push",
        "back",
        "2024",
    ]
