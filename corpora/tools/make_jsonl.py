"""Write corpora/sample/jsonl/articles.jsonl: two articles as native JSONL records.

Each record carries a finished annotation by the annotator "sample": a label for every
block (the blocks are the paragraphs, separated by blank lines), entity spans and quotes.
All offsets are found here by searching the text for the strings below, then checked:
spans and quotes are ``[start, end)`` in code points (Python ``str`` indices). Lines are
compact JSON (``json.dumps(..., ensure_ascii=False, separators=(",", ":"))``), the bytes
the project's ``export.jsonl.v1`` writes, so import then export reproduces the file.

A quote's ``start``/``end`` cover exactly what stands between its quote marks (so a
comma or full stop inside the marks is included, the marks themselves are not); its
speaker is the name or pronoun of the attribution, its cue the reporting verb.

    .venv/bin/python corpora/tools/make_jsonl.py
"""

from __future__ import annotations

import json
import re

from common import SAMPLE, Article, clock, load_articles, long_date, write_bytes_if_changed

OUT = SAMPLE / "jsonl" / "articles.jsonl"
PUBLISHER = "Lakeshore Wire Service"
HOST = "https://www.lakeshorewire.example"
NEWSLETTER = (
    "Sign up for the Lakeshore Wire morning briefing. Get the day’s top stories in your inbox."
)
COPYRIGHT = "© 2025 Lakeshore Wire Service. All rights reserved."

# entity strings per article: every whole-word occurrence is labelled, longest first,
# and an occurrence inside an already labelled one is skipped
ENTITIES = {
    "warblers-arriving-earlier-lake-merrow": {
        "PERSON": [
            "Teodora Vance",
            "Jonas Ekberg",
            "Helena Koskinen",
            "Koskinen",
            "Walter Brandauer",
            "Brandauer",
            "Marcus Oyelowo",
        ],
        "ORG": [
            "Merrow Point Bird Observatory",
            "Avian Ecology Letters",
            "Great Lakes Polytechnic University",
            "Canadian Institute for Bird Studies",
            "Lakeshore Wire Service",
            "Lakeshore Wire",
        ],
        "GPE": [
            "MERROW POINT",
            "Merrow Point",
            "Mich.",
            "United States",
            "Mexico",
            "Ontario",
            "Quebec",
        ],
        "LOC": ["Lake Merrow", "South America", "Andes"],
        "DATE": [
            "the 1980s",
            "April 16, 2025",
            "May 2, 2024",
            "four decades ago",
            "1984",
            "Tuesday",
            "1983",
            "1998",
            "14 years",
            "Forty years",
            "April 15",
            "June 5",
            "2025",
        ],
    },
    "harbor-point-northshore-teachers-credit-unions-merge": {
        "PERSON": [
            "Farid Nasser",
            "Jonas Ekberg",
            "Diane Rutherford",
            "Rutherford",
            "Gordon Mellish",
            "Mellish",
            "Eleanor Prentiss",
            "Prentiss",
            "Paul Harkins",
            "Harkins",
        ],
        "ORG": [
            "Harbor Point Credit Union",
            "Northshore Teachers Credit Union",
            "Harbor Point",
            "Northshore Teachers",
            "Northshore",
            "Great Lakes Financial Institute",
            "Lakeshore Wire Service",
            "Lakeshore Wire",
        ],
        "GPE": ["KESSLING", "Kessling", "Mich.", "Alder Bay", "United States"],
        "LOC": ["Lake Merrow"],
        "DATE": [
            "June 3, 2025",
            "Monday, June 2, 2025",
            "Monday",
            "September",
            "1954",
            "seven decades",
            "1971",
            "June 19",
            "the past two decades",
            "early 2026",
            "2025",
        ],
    },
}

# quotes per article: (a unique piece of the quoted words, speaker, cue, "before"|"after"):
# the quote is the whole text between the marks around the piece; speaker and cue are the
# nearest whole-word occurrences in the same paragraph on the given side of the quote
QUOTES = {
    "warblers-arriving-earlier-lake-merrow": [
        ("The short-distance migrants", "Helena Koskinen", "said", "after"),
        ("People thought we were a little crazy", "Brandauer", "said", "after"),
        ("Now those numbers", "Brandauer", "said", "before"),
        ("a mismatch between the birds", "She", "described", "before"),
        ("What makes Merrow Point special", "he", "said", "after"),
        ("Forty years of consistent effort", "he", "said", "before"),
        ("We’ll teach you everything", "he", "told", "after"),
        ("All you need is an alarm clock", "he", "told", "before"),
    ],
    "harbor-point-northshore-teachers-credit-unions-merge": [
        ("Together we can offer", "Diane Rutherford", "said", "after"),
        ("Our members are loyal", "Mellish", "told", "after"),
        ("We could not build that alone", "Mellish", "told", "before"),
        ("I want to know whether", "Prentiss", "said", "after"),
        ("Harbor Point brings the technology budget", "Harkins", "said", "after"),
        ("It is a sensible match", "Harkins", "said", "before"),
    ],
}


def build_text(a: Article) -> tuple[str, list[str]]:
    """The document text and one block label per paragraph."""
    parts = [
        (a.headline, "title"),
        (f"By {a.author}, Lakeshore Wire", "byline"),
        (f"Published {long_date(a.published)} at {clock(a.published)} EDT", "byline"),
        (f"{a.caption} (Lakeshore Wire/{a.photo})", "caption"),
        *[(text, "heading" if kind == "h2" else "body") for kind, text in a.body],
        (NEWSLETTER, "boilerplate"),
        (COPYRIGHT, "boilerplate"),
    ]
    return "\n\n".join(t for t, _ in parts), [label for _, label in parts]


def paragraphs(text: str) -> list[tuple[int, int]]:
    ranges, start = [], 0
    for piece in text.split("\n\n"):
        ranges.append((start, start + len(piece)))
        start += len(piece) + 2
    return ranges


def whole_words(text: str, needle: str, lo: int = 0, hi: int | None = None) -> list[int]:
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    return [m.start() for m in pattern.finditer(text, lo, len(text) if hi is None else hi)]


def find_spans(text: str, entities: dict[str, list[str]]) -> list[dict]:
    wanted = sorted(
        ((s, label) for label, strings in entities.items() for s in strings),
        key=lambda item: -len(item[0]),
    )
    taken: list[tuple[int, int]] = []
    spans = []
    for needle, label in wanted:
        hits = whole_words(text, needle)
        assert hits, f"entity {needle!r} not in the text"
        for start in hits:
            end = start + len(needle)
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            spans.append({"start": start, "end": end, "label": label})
    return sorted(spans, key=lambda s: (s["start"], s["end"]))


def find_quote(text: str, piece: str, speaker: str, cue: str, side: str) -> dict:
    at = text.index(piece)
    assert text.count(piece) == 1, piece
    open_mark = max(text.rfind("“", 0, at + 1), text.rfind('"', 0, at + 1))
    close_mark = text.index("”", at)
    start, end = open_mark + 1, close_mark
    para = next((s, e) for s, e in paragraphs(text) if s <= start < e)
    assert end <= para[1], "quotes here stay inside one paragraph"

    def nearest(needle: str) -> dict:
        if side == "after":
            hits = whole_words(text, needle, end + 1, para[1])
            pos = hits[0]
        else:
            hits = whole_words(text, needle, para[0], start - 1)
            pos = hits[-1]
        return {"start": pos, "end": pos + len(needle)}

    return {"start": start, "end": end, "speaker": nearest(speaker), "cue": nearest(cue)}


def record(a: Article) -> dict:
    text, labels = build_text(a)
    blocks = [
        {"start": s, "end": e, "label": label}
        for (s, e), label in zip(paragraphs(text), labels, strict=True)
    ]
    p = a.published
    return {
        "id": f"lakeshore-wire-{a.slug}",
        "text": text,
        "meta": {
            "source": "articles.jsonl",
            "url": f"{HOST}/{a.section.lower()}/{p.year}/{p.month:02d}/{p.day:02d}/{a.slug}",
            "title": a.headline,
            "publisher": PUBLISHER,
            "published": p.isoformat(),
        },
        "annotator": "sample",
        "status": "done",
        "blocks": blocks,
        "spans": find_spans(text, ENTITIES[a.slug]),
        "quotes": [find_quote(text, *q) for q in QUOTES[a.slug]],
    }


def main() -> None:
    records = [record(a) for a in load_articles() if a.kind == "jsonl"]
    for r in records:
        text = r["text"]
        for b in r["blocks"]:
            chunk = text[b["start"] : b["end"]]
            assert chunk == chunk.strip() and "\n\n" not in chunk
        for q in r["quotes"]:
            print(
                f"  {text[q['speaker']['start'] : q['speaker']['end']]!r:20} "
                f"{text[q['cue']['start'] : q['cue']['end']]!r:12} "
                f"“{text[q['start'] : q['end']][:60]}…”"
            )
        print(
            f"{r['id']}: {len(r['blocks'])} blocks, {len(r['spans'])} spans, "
            f"{len(r['quotes'])} quotes"
        )
    data = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)
    write_bytes_if_changed(OUT, data.encode("utf-8"))


if __name__ == "__main__":
    main()
