"""A small generated corpus for export tests: native JSONL records with gold annotations,
documents of a few sites, and near-duplicate pairs (the same article, a few words changed)."""

from __future__ import annotations

import random
from pathlib import Path

import orjson

WORDS = [
    "council",
    "harbor",
    "budget",
    "river",
    "school",
    "market",
    "bridge",
    "station",
    "museum",
    "garden",
    "vote",
    "plan",
    "tax",
    "road",
    "water",
    "energy",
    "court",
    "police",
    "hospital",
    "park",
    "festival",
    "library",
    "airport",
    "rail",
    "storm",
    "flood",
    "fire",
    "farm",
    "factory",
    "worker",
    "teacher",
    "student",
    "nurse",
    "driver",
    "mayor",
    "governor",
    "minister",
    "judge",
    "doctor",
    "reporter",
    "owner",
    "manager",
    "pilot",
    "artist",
    "coach",
    "player",
    "fan",
    "crowd",
    "morning",
    "evening",
    "week",
    "month",
    "year",
    "season",
    "summer",
    "winter",
    "spring",
    "autumn",
    "night",
    "day",
    "hour",
    "new",
    "old",
    "big",
    "small",
    "local",
    "public",
    "private",
    "national",
    "regional",
    "early",
    "late",
    "quick",
    "slow",
    "opened",
    "closed",
    "raised",
    "cut",
    "built",
    "moved",
    "signed",
    "passed",
    "rejected",
    "approved",
    "delayed",
    "won",
    "lost",
]
SITES = ("apnews.com", "example-daily.org", "harbor-times.net", "metro-news.co.uk")


def article(number: int, rng: random.Random) -> tuple[str, list[dict], list[dict], list[dict]]:
    """Text, blocks, entity spans and quotes of one article."""
    title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
    body = " ".join(rng.choice(WORDS) for _ in range(70)) + "."
    lead = f"Mayor Maria Lopez{number} of Lisbon said the {body}"
    quote_text = " ".join(rng.choice(WORDS) for _ in range(12))
    quoted = f"\u201c{quote_text},\u201d Lopez{number} said on Tuesday."
    paragraphs = [title, lead, quoted, "Share this story"]
    text = "\n\n".join(paragraphs)
    starts = []
    at = 0
    for paragraph in paragraphs:
        starts.append(at)
        at += len(paragraph) + 2
    labels = ["title", "body", "body", "boilerplate"]
    blocks = [
        {"start": s, "end": s + len(p), "label": label}
        for s, p, label in zip(starts, paragraphs, labels, strict=True)
    ]
    person = text.index("Maria Lopez")
    city = text.index("Lisbon")
    spans = [
        {"start": person, "end": person + len(f"Maria Lopez{number}"), "label": "PERSON"},
        {"start": city, "end": city + len("Lisbon"), "label": "GPE"},
    ]
    q_start = starts[2] + 1
    speaker = text.index(f"Lopez{number} said", starts[2])
    cue = speaker + len(f"Lopez{number} ")
    quotes = [
        {
            "start": q_start,
            "end": q_start + len(quote_text) + 1,
            "speaker": {"start": speaker, "end": speaker + len(f"Lopez{number}")},
            "cue": {"start": cue, "end": cue + len("said")},
        }
    ]
    return text, blocks, spans, quotes


def record(doc_id: str, text: str, blocks, spans, quotes, site: str | None, status="done"):
    return {
        "id": doc_id,
        "text": text,
        "meta": {
            "source": "generated",
            "url": f"https://www.{site}/story/{doc_id}" if site else None,
            "title": None,
            "publisher": None,
            "published": None,
        },
        "annotator": "gold",
        "status": status,
        "blocks": blocks,
        "spans": spans,
        "quotes": quotes,
    }


def write_corpus(
    path: Path,
    documents: int,
    *,
    seed: int = 0,
    sited: int = 0,
    duplicate_pairs: int = 0,
) -> list[dict]:
    """``documents`` articles; the first ``sited`` spread over :data:`SITES`, the rest with
    no site; the last ``duplicate_pairs`` articles are near-copies of the ones before them
    (ids ``dupNNN`` of ``docNNN``). Returns the records written."""
    rng = random.Random(seed)
    records = []
    for n in range(documents):
        site = SITES[n % len(SITES)] if n < sited else None
        text, blocks, spans, quotes = article(n, rng)
        records.append(record(f"doc{n:03d}", text, blocks, spans, quotes, site))
    for n in range(duplicate_pairs):
        original = records[documents - 1 - n]
        # a near-copy: one word of the body changed (Jaccard of 5-word shingles ~0.93)
        text = original["text"].replace(" the ", " a ", 1)
        shift = len(text) - len(original["text"])
        cut = original["text"].index(" the ")

        def moved(item, cut=cut, shift=shift):
            out = dict(item)
            for key in ("start", "end"):
                if out[key] > cut:
                    out[key] += shift
            for key in ("speaker", "cue"):
                if out.get(key):
                    out[key] = moved(out[key])
            return out

        records.append(
            record(
                original["id"].replace("doc", "dup"),
                text,
                [moved(b) for b in original["blocks"]],
                [moved(s) for s in original["spans"]],
                [moved(q) for q in original["quotes"]],
                None,
            )
        )
    with path.open("wb") as stream:
        for item in records:
            stream.write(orjson.dumps(item, option=orjson.OPT_APPEND_NEWLINE))
    return records
