"""Shared helpers for the sample-corpus generators in this folder.

The article texts live in ``articles/NN_name.md``: a few ``key: value`` header lines,
a ``---`` line, then the body, paragraphs separated by blank lines, subheadings
written as ``## Heading``. Every article, publisher, person and event is fictional
and was written for this project.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
CORPORA = TOOLS.parent
SAMPLE = CORPORA / "sample"
ARTICLES = TOOLS / "articles"

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass
class Article:
    number: int
    target: str  # "kind:site", e.g. "html:harbor_ledger"
    slug: str
    headline: str
    author: str
    published: dt.datetime
    section: str
    caption: str
    photo: str
    body: list[tuple[str, str]] = field(default_factory=list)  # ("p" | "h2", text)

    @property
    def kind(self) -> str:
        return self.target.split(":", 1)[0]

    @property
    def site(self) -> str:
        return self.target.split(":", 1)[1]

    @property
    def paragraphs(self) -> list[str]:
        return [text for _, text in self.body]

    def body_words(self) -> int:
        return sum(len(text.split()) for _, text in self.body)


def load_articles() -> list[Article]:
    articles = []
    for path in sorted(ARTICLES.glob("*.md")):
        head, _, rest = path.read_text(encoding="utf-8").partition("\n---\n")
        meta = dict(line.split(": ", 1) for line in head.splitlines() if line.strip())
        body = []
        for para in rest.strip().split("\n\n"):
            para = para.strip()
            if para.startswith("## "):
                body.append(("h2", para[3:].strip()))
            else:
                body.append(("p", " ".join(para.split("\n"))))
        articles.append(
            Article(
                number=int(path.name.split("_", 1)[0]),
                target=meta["target"],
                slug=meta["slug"],
                headline=meta["headline"],
                author=meta["author"],
                published=dt.datetime.fromisoformat(meta["published"]),
                section=meta["section"],
                caption=meta["caption"],
                photo=meta["photo"],
                body=body,
            )
        )
    return articles


def long_date(when: dt.datetime) -> str:
    """``March 5, 2024``"""
    return f"{MONTHS[when.month - 1]} {when.day}, {when.year}"


def clock(when: dt.datetime) -> str:
    """``7:15 a.m.``"""
    hour = when.hour % 12 or 12
    return f"{hour}:{when.minute:02d} {'a.m.' if when.hour < 12 else 'p.m.'}"


def short_hash(text: str, n: int = 8) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def write_bytes_if_changed(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
