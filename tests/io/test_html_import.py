"""The HTML importer: decoding, DOM blocks and their features, page metadata, and the
quality of the segmentation on the shared evaluation pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.model import Document
from annotator.io.base import ImportRejected, Source, importer_for
from annotator.io.importers.html import HtmlImporter, parse_html_page

# --- the body-extraction metric of ../shared/data/README.md ----------------------------
from annotator.nlp.extraction_metric import (
    SHINGLE,
    WORD,
    corpus_f1,
    page_precision_recall,
    shingles,
)


def oracle_body(document: Document, truth: list[str]) -> str:
    """The text of the blocks a perfect labeller would mark as body.

    A block is body when most of its shingles occur in the ground truth (a block of
    fewer than four words: when its words occur in it in that order).
    """
    truth_shingles = set().union(*(shingles(paragraph) for paragraph in truth))
    truth_words = " " + " ".join(" ".join(WORD.findall(p)) for p in truth) + " "
    body = []
    for index in range(len(document.blocks)):
        text = document.block_text(index)
        words = WORD.findall(text)
        if len(words) >= SHINGLE:
            own = shingles(text)
            hits = sum(n for shingle, n in own.items() if shingle in truth_shingles)
            if 2 * hits >= sum(own.values()):
                body.append(text)
        elif words and f" {' '.join(words)} " in truth_words:
            body.append(text)
    return "\n".join(body)


def test_scorer_on_known_cases():
    text = "one two three four five six"
    assert page_precision_recall(text, text) == (1.0, 1.0)
    assert page_precision_recall("", "") == (1.0, 1.0)
    assert page_precision_recall("", text) == (0.0, 0.0)
    precision, recall = page_precision_recall("one two three four", text)
    assert (precision, recall) == (1.0, pytest.approx(1 / 3))
    assert corpus_f1([(text, text), ("", text)]) == (0.5, 0.5, 0.5)


# --- the shared evaluation pages ----------------------------------------------------


def _import(path: Path) -> Document:
    (record,) = HtmlImporter().read(Source.from_path(path))
    return record.document


@pytest.fixture(scope="module")
def fundus(shared) -> dict[str, tuple[Document, dict]]:
    truth = json.loads((shared / "data/fundus/ground_truth.json").read_text("utf-8"))
    pages = sorted((shared / "data/fundus/html").glob("*.html.gz"))
    assert len(pages) == 80
    return {page.name: (_import(page), truth[page.name]) for page in pages}


def _raw_page(shared: Path, name: str) -> bytes:
    return Source.from_path(shared / "data/fundus/html" / name).data


def test_every_fundus_page_imports_into_sound_blocks(fundus):
    for name, (document, _) in fundus.items():
        assert document.blocks, name
        assert document.id == name.removesuffix(".html.gz")
        end = 0
        for index, block in enumerate(document.blocks):
            assert end <= block.start < block.end <= len(document.text), (name, index)
            text = document.block_text(index)
            assert text == text.strip(), (name, index)
            assert block.features["i"] == index
            end = block.end
        assert document.text == "\n\n".join(
            document.block_text(i) for i in range(len(document.blocks))
        )
        json.dumps([block.features for block in document.blocks])  # serialisable


def test_fundus_metadata(shared, fundus):
    with_publisher = 0
    for name, (document, truth) in fundus.items():
        meta = document.meta
        raw = _raw_page(shared, name)
        if b"<title" in raw or b"og:title" in raw:
            assert meta.title, name
        assert meta.source and meta.source.endswith(name)
        # the canonical URL is the crawled one without its tracking parameters
        assert meta.url and truth["url"].startswith(meta.url.rstrip("/")), name
        with_publisher += bool(meta.publisher)
    assert with_publisher >= 0.9 * len(fundus)
    apnews = fundus["APNews_0.html.gz"][0].meta
    assert apnews.publisher == "AP News"
    assert apnews.title and "| AP" not in apnews.title
    assert apnews.published and apnews.published.startswith("2024-")


def test_oracle_labelling_of_fundus_blocks_reaches_published_ceiling(fundus):
    pages = [
        (oracle_body(doc, truth["body"]), "\n".join(truth["body"]))
        for doc, truth in fundus.values()
    ]
    precision, recall, f1 = corpus_f1(pages)
    assert f1 >= 0.95, (precision, recall, f1)


def test_every_wcxb_page_imports(shared):
    pages = sorted((shared / "data/wcxb-dev-articles/html").glob("*.html.gz"))
    assert len(pages) == 178
    rejected = []
    for page in pages:
        try:
            document = _import(page)
        except ImportRejected as exc:
            assert exc.reason and exc.path == str(page)
            rejected.append(page.name)
            continue
        assert document.blocks and document.meta.title, page.name
    assert len(rejected) <= 2, rejected


# --- decoding ------------------------------------------------------------------------

FRENCH = "Café crème, “déjà vu” — naïve façade à l’œuvre"


def _write(tmp_path: Path, name: str, html: str, encoding: str) -> Path:
    path = tmp_path / name
    path.write_bytes(html.encode(encoding))
    return path


def test_windows_1252_page_with_meta_charset(tmp_path):
    html = f'<html><head><meta charset="windows-1252"><title>T</title></head><body><p>{FRENCH}</p>'
    document = _import(_write(tmp_path, "cp1252.html", html, "cp1252"))
    assert FRENCH in document.text


def test_iso_8859_1_page_declared_by_http_equiv_only(tmp_path):
    text = "Über Straße und Flüsse: schön, größer, Ärger"
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
        f"</head><body><p>{text}</p><p>Preis: 5 ¤ ± 1 ½</p></body></html>"
    )
    document = _import(_write(tmp_path, "latin1.htm", html, "latin-1"))
    assert document.block_text(0) == text
    assert document.block_text(1) == "Preis: 5 ¤ ± 1 ½"


def test_undeclared_utf8_page(tmp_path):
    text = "Zürich, Kraków, São Paulo, 東京 and “quotes”"
    document = _import(_write(tmp_path, "plain.html", f"<p>{text}</p>", "utf-8"))
    assert document.text == text


def test_http_charset_wins_over_meta_and_the_meta_is_found_after_long_scripts():
    script = "<script>var x = 1;</script>" * 300  # pushes the meta past 4 KB
    html = f'<html><head>{script}<meta charset="cp1252"></head><body><p>{FRENCH}</p></body>'
    data = html.encode("cp1252")
    assert FRENCH in parse_html_page(data, "page", "p").text
    data = html.replace("cp1252", "koi8-r").encode("cp1252")
    assert FRENCH in parse_html_page(data, "page", "p", declared_charset="windows-1252").text


def test_utf8_bytes_beat_a_legacy_declaration():
    html = f'<meta charset="iso-8859-1"><p>{FRENCH}</p>'.encode()
    assert parse_html_page(html, "page", "p", declared_charset="latin-1").text == FRENCH


def test_a_page_without_text_is_rejected(tmp_path):
    for name, html in (
        ("empty.html", ""),
        ("blank.html", "   \n "),
        ("scripts.html", "<html><body><script>var a;</script></body></html>"),
    ):
        with pytest.raises(ImportRejected) as caught:
            _import(_write(tmp_path, name, html, "utf-8"))
        assert caught.value.path.endswith(name) and caught.value.reason


# --- segmentation --------------------------------------------------------------------


def _blocks(html: str) -> list[str]:
    document = parse_html_page(html.encode("utf-8"), "page", "p")
    return [document.block_text(i) for i in range(len(document.blocks))]


def _features(html: str) -> list[dict]:
    return [block.features for block in parse_html_page(html.encode(), "page", "p").blocks]


def test_scripts_styles_and_hidden_elements_are_dropped():
    html = """<html><head><title>Head text</title><style>p {}</style></head><body>
      <script>var secret = 1;</script><noscript>Enable JS</noscript>
      <template><p>template</p></template><svg><text>svg text</text></svg>
      <iframe>frame text</iframe><!-- a comment -->
      <p>Visible <span hidden>hidden attr</span>one.</p>
      <div aria-hidden="true">aria hidden</div>
      <div style="color: red; DISPLAY : none">display none</div>
      <p style="visibility:hidden">invisible</p>
      <p>Also <b>visible</b><!-- inline comment -->, still.</p>
      <dialog><p>closed glossary popup</p></dialog>
      <dialog open><p>an open dialog is shown</p></dialog>
    </body></html>"""
    assert _blocks(html) == ["Visible one.", "Also visible, still.", "an open dialog is shown"]


def test_nested_blocks_give_each_piece_of_text_once_in_order():
    html = """<body><div class="story">Share this <a href="#">story</a>
        <p>First <em>para</em>graph.</p>
        between
        <blockquote>Quoted <p>inner para</p> tail of quote</blockquote>
        <ul><li>item <ul><li>nested item</li></ul></li></ul>
        <table><tr><th>Head</th><td>Cell<br>two lines</td></tr></table>
        <span>closing words</span></div></body>"""
    assert _blocks(html) == [
        "Share this story",
        "First paragraph.",
        "between",
        "Quoted",
        "inner para",
        "tail of quote",
        "item",
        "nested item",
        "Head",
        "Cell two lines",
        "closing words",
    ]


def test_up_gives_the_deepest_element_shared_with_the_previous_block():
    html = """<body><div><p>a</p><p>b</p></div>
        <div>x<ul><li>c</li><li><a href="#">d</a> <em>more</em></li></ul>y</div>
        <p>e</p></body>"""
    features = _features(html)
    assert [(f["depth"], f["up"]) for f in features] == [
        (2, -1),  # a: body>div>p, first block
        (2, 1),  # b: shares the div with a
        (1, 0),  # x: its own div's text; shares only body with b
        (3, 1),  # c: shares x's div
        (3, 2),  # d: shares the ul with c
        (1, 1),  # y: the div's tail text again
        (1, 0),  # e: shares body
    ]


def test_whitespace_collapses_except_in_pre():
    html = "<p>  spread \n\t out\u00a0text  </p><pre>  line one\n    line two\n</pre>"
    assert _blocks(html) == ["spread out text", "line one\n    line two"]


def test_link_density_and_link_count():
    html = """<body>
      <p>1234567890 <a href="/a">12345</a> <a href="/b"><b>123</b>45</a></p>
      <div><a href="/x">Home</a> <a href="/y">News</a></div>
      <p>No links here</p></body>"""
    features = _features(html)
    assert features[0]["links"] == 2
    assert features[0]["ld"] == 0.5
    assert (features[1]["ld"], features[1]["links"]) == (1.0, 2)
    assert (features[2]["ld"], features[2]["links"]) == (0.0, 0)


def test_path_classes_and_landmarks():
    html = """<body><header id="top"><nav class="menu main-nav"><a href="/">Home</a></nav></header>
      <main><article class="story"><div class="article-body"><section>
        <p class="lede">Body text.</p></section></div></article></main>
      <div role="contentinfo">Footer text</div></body>"""
    nav, lede, footer = _features(html)
    assert nav["tag"] == "nav" and nav["path"] == "body>header>nav"
    assert nav["cls"] == "menu main-nav" and nav["ctx"] == "top"
    assert nav["in"] == ["header", "nav"]
    assert lede["path"] == "body>main>article>div>section>p" and lede["depth"] == 5
    assert lede["cls"] == "lede" and lede["ctx"] == "article-body story"
    assert lede["in"] == ["article", "main"]
    assert footer["in"] == ["footer"]
    deep = "<div>" * 12 + "<p>deep</p>" + "</div>" * 12
    (features,) = _features(deep)
    assert features["path"] == ">".join(["div"] * 7 + ["p"]) and features["depth"] == 13


# --- metadata -------------------------------------------------------------------------


def _meta(html: str, url: str | None = None):
    return parse_html_page(html.encode(), "page.html", "p", url=url).meta


def test_json_ld_graph_gives_headline_date_author_and_publisher():
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Site"},
            {
                "@type": ["NewsArticle"],
                "headline": "Graph headline",
                "datePublished": "2024-03-01T10:00:00Z",
                "author": [{"@type": "Person", "name": "Ann Lee"}, {"@id": "#bo"}],
                "publisher": {"@id": "https://example.com/#org"},
            },
            {"@type": "Organization", "@id": "https://example.com/#org", "name": "Daily Graph"},
            {"@type": "Person", "@id": "#bo", "name": "Bo Chan"},
        ],
    }
    html = f"""<html lang="en-GB"><head><title>Ignored | Daily Graph</title>
      <script type="application/ld+json">{json.dumps(ld)}</script>
      <link rel="canonical" href="https://example.com/story"></head><body><p>Text</p></body></html>"""
    meta = _meta(html)
    assert meta.title == "Graph headline"
    assert meta.published == "2024-03-01T10:00:00Z"
    assert meta.publisher == "Daily Graph"
    assert meta.url == "https://example.com/story"
    assert meta.extra == {
        "canonical_url": "https://example.com/story",
        "author": "Ann Lee, Bo Chan",
        "language": "en-GB",
    }


def test_json_ld_list_and_broken_json_are_handled():
    broken = '<script type="application/ld+json">{"headline": "Broken", </script>'
    listed = json.dumps(
        [{"@type": "BreadcrumbList"}, {"@type": "Article", "headline": "From the list"}]
    )
    html = f"""<head>{broken}<script type="application/ld+json">{listed}</script>
      <meta name="description" content="About it"></head><body><p>Text</p></body>"""
    meta = _meta(html)
    assert meta.title == "From the list"
    assert meta.extra == {"description": "About it"}
    assert meta.publisher is None and meta.published is None and meta.url is None


def test_open_graph_and_meta_tags():
    html = """<head><title>Fallback title</title>
      <meta property="og:title" content="OG title">
      <meta property="og:site_name" content="The Paper">
      <meta property="og:url" content="https://paper.example/a">
      <meta property="article:published_time" content="2024-02-02">
      <meta name="author" content="Jo Writer"></head><body><p>Text</p></body>"""
    meta = _meta(html, url="https://crawl.example/a")
    assert (meta.title, meta.publisher, meta.published) == ("OG title", "The Paper", "2024-02-02")
    assert meta.url == "https://crawl.example/a"
    assert meta.extra == {"author": "Jo Writer"}


def test_title_suffix_is_stripped_only_when_it_names_the_site():
    head = '<head><meta property="og:site_name" content="The Paper"><title>{}</title></head>'
    body = "<body><h1>Headline in h1</h1><p>Text</p></body>"
    assert _meta(head.format("Big news | The Paper") + body).title == "Big news"
    assert _meta(head.format("Big news - The Paper") + body).title == "Big news"
    assert _meta(head.format("Left - Right") + body).title == "Left - Right"
    assert _meta(body).title == "Headline in h1"


def test_published_falls_back_to_time_in_the_article():
    html = """<body><time datetime="2000-01-01">old</time><article><p>Text</p>
      <time datetime="2024-05-06T07:08">May 6</time></article></body>"""
    assert _meta(html).published == "2024-05-06T07:08"


def test_importer_is_registered_for_html_files(tmp_path):
    assert isinstance(importer_for(Path("page.html")), HtmlImporter)
    assert isinstance(importer_for(Path("PAGE.HTM.gz")), HtmlImporter)
    assert HtmlImporter.id == "import.html.v1"
