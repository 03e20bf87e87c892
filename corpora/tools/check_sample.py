"""Check corpora/sample: counts, distinct texts, HTML and encodings, JSONL offsets, WARC.

.venv/bin/python corpora/tools/check_sample.py      (exit 1 on any failure)
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata

import lxml.html
from common import SAMPLE, load_articles
from warcio.archiveiterator import ArchiveIterator

BLOCK_LABELS = {"body", "boilerplate", "title", "byline", "caption", "heading"}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "EVENT", "MISC"}
RECORD_KEYS = ["id", "text", "meta", "annotator", "status", "blocks", "spans", "quotes"]
META_KEYS = ["source", "url", "title", "publisher", "published"]
CP1252_PUBLISHERS = {"midland_courier"}

failures: list[str] = []


def check(ok: bool, message: str) -> None:
    if not ok:
        failures.append(message)


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def html_article_text(data: bytes, encoding: str) -> str:
    root = lxml.html.document_fromstring(data.decode(encoding))
    return "\n\n".join(el.text_content() for el in root.xpath("//article//p | //article//h2"))


def check_html_page(name: str, data: bytes, encoding: str) -> str:
    text = data.decode(encoding)  # strict
    root = lxml.html.document_fromstring(text)
    head = root.head
    title = head.findtext("title") or ""
    check(" | " in title, f"{name}: <title> is not 'Headline | Site'")
    charset = head.xpath("meta[@charset]/@charset")
    check(bool(charset), f"{name}: no meta charset")
    if charset:
        check(
            charset[0].lower().replace("windows-", "cp") == encoding.replace("utf-8", "utf-8"),
            f"{name}: meta charset {charset[0]} but written as {encoding}",
        )
    for prop in ("og:title", "og:site_name", "og:url", "article:published_time"):
        check(bool(head.xpath(f"meta[@property='{prop}']/@content")), f"{name}: no {prop}")
    check(bool(head.xpath("link[@rel='canonical']/@href")), f"{name}: no canonical link")
    ld = head.xpath("script[@type='application/ld+json']")
    check(len(ld) == 1, f"{name}: expected one JSON-LD block")
    if ld:
        data_ld = json.loads(ld[0].text)
        check(data_ld.get("@type") == "NewsArticle", f"{name}: JSON-LD is not a NewsArticle")
        for key in ("headline", "datePublished", "author", "publisher"):
            check(key in data_ld, f"{name}: JSON-LD lacks {key}")
        check(bool(data_ld.get("publisher", {}).get("name")), f"{name}: JSON-LD publisher.name")
    check(bool(root.xpath("//script[not(@type='application/ld+json')]")), f"{name}: no <script>")
    check(bool(root.xpath("//style")), f"{name}: no <style>")
    for xp in (
        "//h1",
        "//time[@datetime]",
        "//figure/figcaption",
        "//article//h2",
        "//footer | //*[@id='footer']",
    ):
        check(bool(root.xpath(xp)), f"{name}: nothing matches {xp}")
    return html_article_text(data, encoding)


def chrome(data: bytes, encoding: str) -> list[str]:
    """The parts of a page that must repeat on every page of its publisher."""
    root = lxml.html.document_fromstring(data.decode(encoding))
    parts = root.xpath(
        "//header[not(ancestor::article)] | //nav | //footer"
        " | //*[@id='footer'] | //*[@id='masthead']"
        " | //*[contains(@class,'ticker') or contains(@class,'breaking')]"
        " | //*[contains(@class,'cookie') or contains(@class,'consent')]"
        " | //*[contains(@class,'newsletter')]"
    )
    return [lxml.html.tostring(p, encoding="unicode") for p in parts]


def main() -> int:
    texts: dict[str, str] = {}

    # 1. scraped text
    text_files = sorted((SAMPLE / "text").glob("wire_*.txt"))
    check(len(text_files) == 8, f"expected 8 text files, found {len(text_files)}")
    for path in text_files:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        check(
            "\r" not in text and "\n\n" in text,
            f"{path.name}: paragraphs are not blank-line separated",
        )
        check(
            re.fullmatch(r"wire_\d{3}_[0-9a-f]{8}\.txt", path.name) is not None,
            f"{path.name}: bad name",
        )
        check("Getting your audio player ready..." in text, f"{path.name}: no audio-player line")
        texts[f"text/{path.name}"] = text

    # 2. HTML
    publishers = sorted(p for p in (SAMPLE / "html").iterdir() if p.is_dir())
    check(len(publishers) == 3, f"expected 3 HTML publishers, found {len(publishers)}")
    for pub in publishers:
        pages = sorted(pub.glob("*.html"))
        check(len(pages) == 4, f"{pub.name}: expected 4 pages, found {len(pages)}")
        encoding = "cp1252" if pub.name in CP1252_PUBLISHERS else "utf-8"
        chromes = []
        for page in pages:
            data = page.read_bytes()
            name = f"html/{pub.name}/{page.name}"
            if encoding == "cp1252":
                check(b"\x92" in data and b"\x93" in data, f"{name}: no cp1252 quote bytes")
                try:
                    data.decode("utf-8")
                    failures.append(f"{name}: cp1252 page also decodes as UTF-8")
                except UnicodeDecodeError:
                    pass
            texts[name] = check_html_page(name, data, encoding)
            chromes.append(chrome(data, encoding))
        check(
            all(c == chromes[0] for c in chromes) and len(chromes[0]) >= 4,
            f"{pub.name}: the site chrome differs between pages",
        )

    # 3. JSONL
    lines = (SAMPLE / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    check(len(lines) == 2, f"expected 2 JSONL records, found {len(lines)}")
    for n, line in enumerate(lines, start=1):
        r = json.loads(line)
        where = f"jsonl line {n}"
        check(list(r) == RECORD_KEYS, f"{where}: keys {list(r)}")
        check(list(r["meta"]) == META_KEYS, f"{where}: meta keys {list(r['meta'])}")
        check(
            json.dumps(r, ensure_ascii=False, separators=(",", ":")) == line,
            f"{where}: not compact json.dumps(ensure_ascii=False)",
        )
        t = r["text"]
        paras, pos = [], 0
        for piece in t.split("\n\n"):
            paras.append((pos, pos + len(piece)))
            pos += len(piece) + 2
        got = [(b["start"], b["end"]) for b in r["blocks"]]
        check(got == paras, f"{where}: blocks are not the paragraphs")
        check(all(b["label"] in BLOCK_LABELS for b in r["blocks"]), f"{where}: bad block label")
        for s in r["spans"]:
            check(s["label"] in ENTITY_LABELS, f"{where}: bad span label {s['label']}")
            chunk = t[s["start"] : s["end"]]
            check(chunk == chunk.strip() and chunk and "\n" not in chunk, f"{where}: span {s}")
        for q in r["quotes"]:
            content = t[q["start"] : q["end"]]
            check(
                t[q["start"] - 1] in '“"' and t[q["end"]] in '”"',
                f"{where}: quote {q} not between marks",
            )
            check("“" not in content and "”" not in content, f"{where}: quote marks inside {q}")
            for role in ("speaker", "cue"):
                rng = q[role]
                chunk = t[rng["start"] : rng["end"]]
                check(chunk.isalpha() or " " in chunk, f"{where}: {role} {chunk!r}")
        texts[f"jsonl/{r['id']}"] = t

    # 4. WARC
    kinds: dict[str, int] = {}
    with open(SAMPLE / "warc" / "crawl.warc.gz", "rb") as stream:
        for rec in ArchiveIterator(stream):
            kinds[rec.rec_type] = kinds.get(rec.rec_type, 0) + 1
            if rec.rec_type != "response":
                continue
            ctype = rec.http_headers.get_header("Content-Type")
            payload = rec.content_stream().read()
            url = rec.rec_headers.get_header("WARC-Target-URI")
            if ctype.startswith("text/html"):
                texts[f"warc/{url}"] = check_html_page(f"warc {url}", payload, "utf-8")
            else:
                kinds["non-html response"] = kinds.get("non-html response", 0) + 1
    check(kinds.get("request") == 1, f"WARC: expected 1 request record, {kinds}")
    check(kinds.get("response") == 3 and kinds.get("non-html response") == 1, f"WARC: {kinds}")

    # distinct texts, article counts and lengths
    check(len(texts) == 24, f"expected 24 articles, found {len(texts)}")
    normalised = [normalise(t) for t in texts.values()]
    check(len(set(normalised)) == len(normalised), "two articles have the same normalised text")
    for a in load_articles():
        check(350 <= a.body_words() <= 900, f"article {a.number}: {a.body_words()} body words")

    # the quote phenomena the corpus promises
    everything = "\n\n".join(texts.values())
    for phrase in ("told reporters", "according to", "he said", "she said", "“", '"'):
        check(phrase in everything, f"nobody writes {phrase!r}")
    two_para = re.search(
        r"\n\n“[^”\n]+\n\n“", "\n\n".join("\n\n".join(a.paragraphs) for a in load_articles())
    )
    check(two_para is not None, "no quote spans two paragraphs")

    size = sum(p.stat().st_size for p in SAMPLE.rglob("*") if p.is_file())
    check(size < 1_500_000, f"sample is {size} bytes")

    print(
        f"articles: {len(texts)}  (text {len(text_files)}, html "
        f"{sum(1 for k in texts if k.startswith('html/'))}, jsonl {len(lines)}, warc "
        f"{sum(1 for k in texts if k.startswith('warc/'))}); WARC records {kinds}; "
        f"sample size {size} bytes"
    )
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
