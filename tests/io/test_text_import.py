import gzip

import pytest

from annotator.io.base import ImportRejected, Source
from annotator.io.importers.text import TextImporter


def read(name: str, data: bytes):
    return list(TextImporter().read(Source.from_bytes(name, data)))


def test_seed_article(shared):
    [path] = sorted((shared / "seeds").glob("*.txt"))
    [record] = TextImporter().read(Source.from_path(path))
    doc = record.document
    assert doc.id == "000_08d65a8e5416cb17"
    assert doc.meta.title == "North Korean Leader Says Past Diplomacy Only Confirmed US Hostility"
    assert doc.text == path.read_text(encoding="utf-8").replace("\r\n", "\n")
    texts = [doc.text[b.start : b.end] for b in doc.blocks]
    # the header lines of scraped pages are separate blocks, so each can get its own label
    assert texts[:6] == [
        "Please ensure Javascript is enabled for purposes of website accessibility",
        "North Korean Leader Says Past Diplomacy Only Confirmed US Hostility",
        "gvw_ap_news",
        "By Associated Press",
        "Published 1 month ago on",
        "November 21, 2024",
    ]
    assert "Share" in texts
    previous_end = 0
    for block, text in zip(doc.blocks, texts, strict=True):
        assert previous_end <= block.start < block.end <= len(doc.text)
        assert text == text.strip() and text
        previous_end = block.end


def test_paragraphs_separated_by_blank_lines_are_blocks():
    text = "First paragraph is here.\n\nSecond one\ncontinues here.\n\n\nThird."
    [record] = read("a.txt", text.encode())
    blocks = [text[b.start : b.end] for b in record.document.blocks]
    assert blocks == ["First paragraph is here.", "Second one", "continues here.", "Third."]


def test_hard_wrapped_prose_stays_one_paragraph():
    line = "word " * 14
    text = f"{line}\n{line}\n{line}\nend.\n\nNext paragraph."
    [record] = read("a.txt", text.encode())
    assert len(record.document.blocks) == 2


def test_file_without_blank_lines_gives_a_block_per_line():
    [record] = read("a.txt", b"one\ntwo\r\nthree\n")
    doc = record.document
    assert doc.text == "one\ntwo\nthree\n"
    assert [doc.text[b.start : b.end] for b in doc.blocks] == ["one", "two", "three"]


def test_encodings_are_detected():
    text = "Café owners in Zürich said the “déjà vu” was real. " * 5
    for encoding in ("utf-8", "utf-16", "cp1252"):
        [record] = read("x.txt", text.encode(encoding))
        assert record.document.text == text


def test_gzip_file(tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(b"Headline Here Today\n\nBody text."))
    [record] = TextImporter().read(Source.from_path(path))
    assert record.document.id == "story"


@pytest.mark.parametrize("data", [b"", b"   \n\n  ", b"\x00\x01\x02\x03" * 50])
def test_empty_or_binary_files_are_rejected_plainly(data):
    with pytest.raises(ImportRejected) as info:
        read("bad.txt", data)
    assert str(info.value).startswith("bad.txt: ")
