"""Block suggestions: the rule prior on text and HTML, learning from confirmed labels,
recurrence across a site's pages, and the model's serialisation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.model import Block, Document, DocumentMeta
from annotator.io.base import Source
from annotator.io.importers.html import parse_html_page
from annotator.io.importers.text import TextImporter
from annotator.nlp.block_features import INDEX, document_features, main_box
from annotator.nlp.block_suggester import BlockSuggester, SuggestionContext
from annotator.nlp.extraction_metric import corpus_f1, extracted_text, oracle_labels

PARAGRAPHS = [
    "The city council voted on Tuesday to approve the new budget, which includes more "
    "money for schools and a plan to repair the roads that were damaged in the winter.",
    "Officials said the vote was the result of months of talks between the mayor and the "
    "members of the council, who had been divided over how to pay for the repairs.",
    "Residents who spoke at the meeting said they were glad that the work would start in "
    "the spring, but some of them asked why it had taken so long to reach an agreement.",
]


def _document(doc_id: str, texts: list[str], url: str | None = None) -> Document:
    blocks, offset = [], 0
    for text in texts:
        blocks.append(Block(offset, offset + len(text)))
        offset += len(text) + 2
    return Document(doc_id, "\n\n".join(texts), blocks, DocumentMeta(url=url))


def _seed_documents(shared: Path) -> list[Document]:
    documents = []
    for path in sorted((shared / "seeds").glob("*.txt")):
        (record,) = TextImporter().read(Source.from_path(path))
        documents.append(record.document)
    assert documents
    return documents


def test_seed_chrome_is_boilerplate_and_the_story_is_body(shared):
    for document in _seed_documents(shared):
        labels, scores = BlockSuggester().suggest(document)
        assert set(labels) == set(scores) == set(range(len(document.blocks)))
        assert all(0.0 <= s <= 1.0 for s in scores.values())
        by_text = {document.block_text(i): labels[i] for i in labels}
        for chrome in (
            "Share",
            "Getting your Trinity Audio player ready...",
            "Please ensure Javascript is enabled for purposes of website accessibility",
            "RELATED TOPICS:",
            "DON'T MISS",
            "UP NEXT",
        ):
            if chrome in by_text:
                assert by_text[chrome] == "boilerplate", chrome
        paragraphs = [i for i in labels if len(document.block_text(i).split()) >= 30]
        assert paragraphs
        body = [i for i in paragraphs if labels[i] == "body"]
        assert len(body) >= 0.8 * len(paragraphs), [document.block_text(i)[:60] for i in paragraphs]


def test_html_layout_gives_title_byline_caption_and_heading():
    html = f"""<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
      <article><h1>Council approves the budget</h1><p class="byline">By Jane Doe</p>
      <div class="article-body"><p>{PARAGRAPHS[0]}</p>
      <figure><img src="x.jpg"><figcaption>The council chamber on Tuesday. (Photo: Jo Lee)
      </figcaption></figure><p>{PARAGRAPHS[1]}</p><h2>What happens next</h2>
      <p>{PARAGRAPHS[2]}</p></div></article>
      <footer><p>Copyright 2024 The Paper. All rights reserved.</p></footer></body></html>"""
    document = parse_html_page(html.encode(), "page.html", "page")
    labels, _ = BlockSuggester().suggest(document)
    by_text = {document.block_text(i): labels[i] for i in labels}
    assert by_text["Council approves the budget"] == "title"
    assert by_text["By Jane Doe"] == "byline"
    assert by_text["The council chamber on Tuesday. (Photo: Jo Lee)"] == "caption"
    assert by_text["What happens next"] == "heading"
    assert all(by_text[p] == "body" for p in PARAGRAPHS)
    assert by_text["Home News"] == "boilerplate"
    assert by_text["Copyright 2024 The Paper. All rights reserved."] == "boilerplate"


def test_main_box_is_the_deepest_element_holding_most_paragraph_words():
    #   block:  0 nav   1-3 article paragraphs   4-5 a table inside the article   6 footer
    depths = [2, 3, 3, 3, 5, 5, 1]
    ups = [-1, 0, 2, 2, 2, 4, 0]
    mass = [0.0, 40.0, 40.0, 40.0, 0.0, 0.0, 10.0]
    assert main_box(depths, ups, mass) == (1, 5)
    assert main_box(depths, ups, [0.0] * 7) is None
    # no element below body holds the share: the box is the whole page
    assert main_box([1, 1], [-1, 0], [50.0, 50.0]) == (0, 1)


def test_tables_and_lists_inside_the_article_are_body_comments_are_not():
    rows = "".join(
        f"<tr><td>Week {n}</td><td>Rest</td><td>Easy run of {n + 2} miles</td></tr>"
        for n in range(1, 9)
    )
    replies = [
        "Great plan, I followed it last year and finished my first race in under five hours.",
        "Is it fine to swap the Tuesday and Thursday runs when work gets in the way?",
        "Thanks for writing this, it is the clearest guide I have found for a beginner.",
    ]
    comments = "".join(
        f"<li class='comment'><article class='comment-body'><footer>Reader {n} says:</footer>"
        f"<div class='comment-content'><p>{text}</p></div></article></li>"
        for n, text in enumerate(replies)
    )
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    more = "".join(f"<p>{p} That was the view of most people there.</p>" for p in PARAGRAPHS)
    html = f"""<html><body><header><nav><ul><li><a href="/">Home</a></li>
      <li><a href="/plans">Training plans</a></li><li><a href="/gear">Gear</a></li></ul></nav>
      </header><main><article><h1>A plan for your first marathon</h1>{story}
      <table><thead><tr><td>Week</td><td>Monday</td><td>Tuesday</td></tr></thead>
      <tbody>{rows}</tbody></table>{more}
      <ul><li>Comfortable shoes</li><li>A water bottle</li>
      <li>A watch that counts the minutes</li></ul>
      <section class="comments-area"><ol class="comment-list">{comments}</ol></section>
      </article></main><footer><p>All rights reserved.</p></footer></body></html>"""
    document = parse_html_page(html.encode(), "plan.html", "plan")
    labels, _ = BlockSuggester().suggest(document)
    by_text = {document.block_text(i): labels[i] for i in labels}
    cells = [t for t in by_text if t.startswith(("Week ", "Easy run"))]
    assert len(cells) == 16
    assert all(by_text[t] == "body" for t in cells), {t: by_text[t] for t in cells}
    assert by_text["A water bottle"] == "body"
    assert by_text["Training plans"] == "boilerplate"
    assert all(by_text[t] == "boilerplate" for t in replies), {t: by_text[t] for t in replies}


def test_long_comments_in_the_posts_own_container_are_boilerplate():
    # a blog post with more words in its comments than in the post itself: the main box
    # is the post's text, not the element holding both
    replies = [
        "I read the book as a teenager and saw the film the week it came out, and I still "
        "think the two of them are telling very different stories about the same war.",
        "The director said in an interview that he never finished the novel, which explains "
        "a lot about the way the second half of the film turns away from it.",
        "What I liked most was that the film trusts the audience to see the satire without "
        "explaining it, even if that meant many people missed it at the time.",
        "My father took me to see it and we argued about it for the whole drive home, which "
        "is probably the best thing you can say about any film of that kind.",
    ] * 2
    comments = "".join(
        f"<li class='comment depth-1'><article id='div-comment-{n}'><footer>Reader {n}</footer>"
        f"<div class='comment-content'><p>{text}</p></div></article></li>"
        for n, text in enumerate(replies)
    )
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = f"""<html><body><nav><a href="/">Home</a> <a href="/films">Films</a></nav>
      <div id="page"><div class="post"><h1>Watching it again</h1><div class="entry">{story}
      </div><h3>8 responses</h3><ol class="commentlist">{comments}</ol></div></div>
      </body></html>"""
    document = parse_html_page(html.encode(), "post.html", "post")
    in_box = {
        document.block_text(i): row[INDEX["in_box"]]
        for i, row in enumerate(document_features(document))
    }
    assert [in_box[p] for p in PARAGRAPHS] == [1.0] * 3
    assert {in_box[t] for t in replies} == {0.0}
    labels, _ = BlockSuggester().suggest(document)
    by_text = {document.block_text(i): labels[i] for i in labels}
    assert all(by_text[p] == "body" for p in PARAGRAPHS), by_text
    assert all(by_text[t] == "boilerplate" for t in replies), {t: by_text[t] for t in replies}


def test_disclosures_and_author_notes_are_boilerplate_a_wire_credit_line_is_not():
    disclosure = (
        "This article contains affiliate links, which means we may earn a small commission "
        "if you buy something through them."
    )
    bio = (
        "Jane Doe is a reporter for The Daily Planet covering city hall. You can reach her "
        "at jane@example.com."
    )
    credit = "Reporting by Jane Doe; Editing by John Smith"
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = f"""<html><body><nav><a href="/">Home</a> <a href="/city">City</a></nav>
      <article><h1>Council approves the budget</h1><div class="note">{disclosure}</div>
      <div class="story">{story}<p>{credit}</p></div>
      <div class="author-bio"><p>{bio}</p></div></article></body></html>"""
    document = parse_html_page(html.encode(), "page.html", "page")
    labels, _ = BlockSuggester().suggest(document)
    by_text = {document.block_text(i): labels[i] for i in labels}
    assert all(by_text[p] == "body" for p in PARAGRAPHS), by_text
    assert by_text[credit] == "body"
    assert by_text[disclosure] == "boilerplate"
    assert by_text[bio] in ("byline", "boilerplate")


def test_a_french_or_german_article_reads_as_prose():
    french = [
        "Le conseil municipal a voté mardi le nouveau budget, qui prévoit plus d'argent pour "
        "les écoles et un plan pour réparer les routes qui ont été abîmées pendant l'hiver.",
        "Les habitants qui ont pris la parole pendant la séance se sont dits satisfaits que "
        "les travaux commencent au printemps, mais certains ont demandé pourquoi il a fallu "
        "autant de temps pour parvenir à un accord.",
    ]
    german = [
        "Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen, der mehr Geld für die "
        "Schulen und einen Plan für die Reparatur der Straßen vorsieht, die im Winter "
        "beschädigt wurden.",
        "Die Bürger, die bei der Sitzung gesprochen haben, sagten, dass sie froh seien, dass "
        "die Arbeiten im Frühjahr beginnen, aber einige fragten, warum es so lange gedauert "
        "hat, bis man sich geeinigt hat.",
    ]
    for paragraphs in (french, german):
        story = "".join(f"<p>{p}</p>" for p in paragraphs)
        html = f"""<html><body><nav><a href="/">Accueil</a> <a href="/a">Politik</a></nav>
          <div class="wrap"><h1>Budget</h1>{story}</div>
          <div class="links"><a href="/x">Mentions légales</a> <a href="/y">Impressum</a></div>
          </body></html>"""
        document = parse_html_page(html.encode(), "page.html", "page")
        labels, _ = BlockSuggester().suggest(document)
        by_text = {document.block_text(i): labels[i] for i in labels}
        assert all(by_text[p] == "body" for p in paragraphs), by_text


def test_a_page_where_no_block_reaches_even_odds_still_gets_its_likeliest_body():
    html = """<html><body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
      <div class="teaser-list"><div>Scores: Eagles 21, Hawks 14</div>
      <p>Final: Tigers 3, Lions 2 in overtime</p></div>
      <footer><a href="/privacy">Privacy policy</a></footer></body></html>"""
    document = parse_html_page(html.encode(), "scores.html", "scores")
    labels, confidence = BlockSuggester().suggest(document)
    body = [document.block_text(i) for i in labels if labels[i] == "body"]
    assert body, labels
    assert "Home Sport" not in body and "Privacy policy" not in body
    assert all(confidence[i] <= 0.6 for i in labels if labels[i] == "body")


def test_text_recurring_on_the_site_is_boilerplate_only_with_the_context():
    promo = "Our reporters work hard to bring you the news that matters in this city."
    towns = ("Springfield", "Riverton", "Lakeside", "Hillcrest")
    pages = [
        _document(
            f"p{i}",
            [
                f"News from {town}",
                promo,
                *(f"In {town}, {p[0].lower()}{p[1:]}" for p in PARAGRAPHS),
            ],
            f"https://a.example/{i}",
        )
        for i, town in enumerate(towns)
    ]
    alone, _ = BlockSuggester().suggest(pages[0])
    assert alone[1] == "body"  # reads like prose
    context = SuggestionContext.from_documents(pages)
    with_site, _ = BlockSuggester().suggest(pages[0], context)
    assert with_site[1] == "boilerplate"
    assert with_site[2] == "body"


def test_labels_on_some_pages_of_a_site_change_the_suggestions_on_the_others():
    note = "Editor's note: this story has been updated with comments from the mayor."
    pages = [
        _document(f"p{i}", [f"Story number {i}", note, *PARAGRAPHS], f"https://b.example/{i}")
        for i in range(5)
    ]
    context = SuggestionContext.from_documents(pages)
    before, _ = BlockSuggester().suggest(pages[4], context)
    assert before[1] == "boilerplate"  # recurs on every page of the site
    labelled = [
        (page, {0: "title", 1: "body", 2: "body", 3: "body", 4: "body"}) for page in pages[:2]
    ]
    learned = BlockSuggester.fit(labelled, context)
    for page in pages[2:]:
        after, scores = learned.suggest(page, context)
        assert after[1] == "body"
        assert scores[1] > 0.5
    other_site = _document("q", ["Headline", note, *PARAGRAPHS], "https://c.example/1")
    assert learned.memory and "c.example" not in learned.memory
    assert BlockSuggester.fit([], context).model is None
    assert learned.suggest(other_site)[0][2] == "body"


def test_the_learned_model_round_trips_through_bytes(shared):
    documents = _load_fundus(shared, ("APNews", "CNBC"), per_publisher=3)
    context = SuggestionContext.from_documents(d for d, _ in documents)
    examples = [(d, oracle_labels(d, truth)) for d, truth in documents[:4]]
    learned = BlockSuggester.fit(examples, context)
    assert learned.model is not None and learned.trained_on == 4
    data = learned.to_bytes()
    assert json.loads(data)["format"] == "annotator.block-suggester.v1"
    restored = BlockSuggester.from_bytes(data)
    assert restored.to_bytes() == data
    for document, _ in documents[4:]:
        labels, scores = learned.suggest(document, context)
        again, again_scores = restored.suggest(document, context)
        assert again == labels
        assert again_scores == pytest.approx(scores, abs=1e-3)
    with pytest.raises(ValueError):
        BlockSuggester.from_bytes(b'{"format": "something else"}')


def _load_fundus(shared: Path, publishers: tuple[str, ...], per_publisher: int):
    truth = json.loads((shared / "data/fundus/ground_truth.json").read_text("utf-8"))
    documents = []
    for publisher in publishers:
        for n in range(per_publisher):
            name = f"{publisher}_{n}.html.gz"
            raw = Source.from_path(shared / "data/fundus/html" / name).data
            entry = truth[name]
            document = parse_html_page(raw, name, name, url=entry["url"])
            documents.append((document, entry["body"]))
    return documents


def test_fundus_pages_without_labels_score_above_a_floor(shared):
    publishers = ("APNews", "FoxNews", "TheGuardian", "Reuters")
    documents = _load_fundus(shared, publishers, per_publisher=5)
    context = SuggestionContext.from_documents(d for d, _ in documents)
    suggester = BlockSuggester()
    pages = []
    for document, truth in documents:
        labels, _ = suggester.suggest(document, context)
        pages.append((extracted_text(document, labels), "\n".join(truth)))
    precision, recall, f1 = corpus_f1(pages)
    assert f1 >= 0.90, (precision, recall, f1)


def _promo_page(n: int, promo: str) -> bytes:
    story = " ".join(f"{p[:-1]} in part {n}." for p in PARAGRAPHS)
    return (
        f"<html><body><article><h1>Story {n}</h1><div class='story-body'><p>{story}</p>"
        f"<p>{PARAGRAPHS[n % 3]} Day {n}.</p></div>"
        f"<div class='extra-box-{n}'><p>{promo}</p></div></article></body></html>"
    ).encode()


def test_labelled_layout_carries_to_the_sites_other_pages():
    promos = [
        f"Readers who enjoyed this report on the {topic} will find that our weekly "
        "letter explains what the council did and why it matters for the city."
        for topic in ("budget", "roads", "schools", "parks")
    ]
    pages = [
        parse_html_page(_promo_page(n, promo), f"p{n}.html", f"p{n}", url=f"https://d.example/{n}")
        for n, promo in enumerate(promos)
    ]
    promo_block = [
        next(i for i in range(len(d.blocks)) if d.block_text(i) == promos[n])
        for n, d in enumerate(pages)
    ]
    context = SuggestionContext.from_documents(pages)
    before, _ = BlockSuggester().suggest(pages[3], context)
    assert before[promo_block[3]] == "body"  # prose, different on every page
    examples = []
    for n, document in enumerate(pages[:2]):
        labels = {i: "body" for i in range(len(document.blocks))}
        labels[0], labels[promo_block[n]] = "title", "boilerplate"
        examples.append((document, labels))
    learned = BlockSuggester.fit(examples, context)
    for n in (2, 3):
        after, scores = learned.suggest(pages[n], context)
        assert after[promo_block[n]] == "boilerplate"  # same place in the template
        assert scores[promo_block[n]] > 0.8
        assert after[2] == "body"
    elsewhere = parse_html_page(_promo_page(3, promos[3]), "q.html", "q", url="https://e.example/")
    # the layout memory alone: it leans the site's block, not another site's
    memory_only, prior = BlockSuggester(memory=learned.memory), BlockSuggester()
    for page, moved in ((pages[3], True), (elsewhere, False)):
        confidence = memory_only.suggest(page)[1][promo_block[3]]
        assert (confidence < prior.suggest(page)[1][promo_block[3]]) == moved


def test_labelling_two_pages_of_a_publisher_improves_its_other_pages(shared):
    before, after = [], []
    for publisher in ("CNBC", "TheGuardian", "APNews"):
        documents = _load_fundus(shared, (publisher,), per_publisher=4)
        context = SuggestionContext.from_documents(d for d, _ in documents)
        examples = [(d, oracle_labels(d, truth)) for d, truth in documents[:2]]
        learned = BlockSuggester.fit(examples, context)
        for document, truth in documents[2:]:
            for suggester, pages in ((BlockSuggester(), before), (learned, after)):
                labels, _ = suggester.suggest(document, context)
                pages.append((extracted_text(document, labels), "\n".join(truth)))
    f1_before, f1_after = corpus_f1(before)[2], corpus_f1(after)[2]
    assert f1_after >= f1_before + 0.01, (f1_before, f1_after)
