"""Numeric features of a document's blocks for the body / boilerplate suggester.

Text features work on any document (plain text too); the HTML importer's per-block
``features`` (tag, path, class/id tokens, landmarks, link density; see
``annotator.io.html_blocks``) add layout features when present; ``RecurrenceIndex`` adds
how often a block's text occurs on the site's other pages. Every feature is a float, the
order is ``FEATURE_NAMES``.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from annotator.core.model import Document
from annotator.nlp.recurrence import RecurrenceIndex, block_keys

_WORD = re.compile(r"\w+")
_PUNCT = re.compile(r"[^\w\s]")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?$")
_BYLINE = re.compile(r"^(by|written by|words by|von|par|por)\s+\w", re.I)
# an author's note after the story: "Jane Doe is a reporter for The Daily Planet."
_BIO = re.compile(
    r"^[A-Z][\w.'’-]+( [A-Z][\w.'’-]+){0,3} (is|was|has been) (an?|the) ([\w-]+ ){0,4}"
    r"(writer|reporter|editor|correspondent|journalist|contributor|columnist)\b"
)
_CAPTION = re.compile(
    r"\((photo|image|credit|pictured)|getty images|photo:|image:|credit:|/ ?(ap|afp|reuters)\b"
    r"|photograph:|\b(ap|afp) photo\b|shutterstock|illustration:",
    re.I,
)
_CHROME = re.compile(
    r"\b(share|tweet|subscribe|sign up|sign in|log in|newsletter|cookies?|advertisement|"
    r"read more|related|follow us|all rights reserved|copyright|click here|javascript|"
    r"comments?|privacy policy|terms of (use|service)|download the app|recommended|"
    r"most popular|trending|sponsored|skip to|menu|watch|listen|podcast|contact us)\b|©",
    re.I,
)
# disclosures and calls to action inside the article container
_PROMO = re.compile(
    r"\baffiliate (links?|partners?|commissions?)\b|\bearn (us )?an? (small )?commission"
    r"|\b(sign up|subscribe|register) (now|today|for free|for our)\b"
    r"|\b(start|begin|get|try) (a |your )?([\w-]+ )?free trial\b"
    r"|\b(try|get) [\w ]{0,30}for free\b|\b(book|request|schedule) a (free )?demo\b"
    r"|\bget started (today|now|for free)\b|\bdownload (our|the) (free )?(app|guide|ebook)\b",
    re.I,
)
_DATE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d|\d{4}-\d\d-\d\d"
    r"|\b\d+ (min|mins|minutes|hours?|days?) ago\b|\bupdated\b|\bpublished\b",
    re.I,
)
_STOPWORD_LIST = """a about above after again against all also am an and any are as at be
    because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your yours said
    says one two new"""
# the most frequent function words of the other languages news corpora are often in, so
# that a French or German article reads as prose too
_OTHER_STOPWORDS = """
    le la les un une des du de et est en que qui dans pour pas sur au aux avec ce cette ces
    il elle ils nous vous sont été être a ont par plus ne se sa son ses leur mais ou où
    der die das den dem des ein eine einer und ist nicht zu mit sich auf für von im dem
    sie er es wir ich auch als bei nach noch wie wird werden hat haben sind war aus oder
    el los las una del y que en por con para es su sus se lo al como más pero fue ha son
    il lo gli della delle di che è per con non una sono nel alla anche da come più
    o os um uma do da dos das em no na para com não é ao mais foi pelo pela
    het een van en de dat is op te zijn voor niet met aan er ook als bij maar naar
"""
STOPWORDS = frozenset(_STOPWORD_LIST.split()) | frozenset(_OTHER_STOPWORDS.split())
_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
CLASS_GROUPS = {
    "boiler": "nav navigation navbar menu footer foot share sharing social related recirc"
    " ad ads advert"
    " advertisement promo newsletter cookie banner sidebar widget subscribe breadcrumb"
    " breadcrumbs tags tag signup login popup modal trending popular recommended more"
    " outbrain taboola sponsored teaser card list toolbar skip copyright legal disclaimer",
    "content": "article body content story text post entry main paragraph prose rich richtext"
    " detail blog copy",
    "byline": "byline author authors writer contributor dateline date time timestamp meta",
    "caption": "caption figcaption credit credits photo image media figure img picture",
    "title": "headline title heading hed h1 kicker",
    "comment": "comment comments commentlist disqus reply replies respond discussion",
}
_CLASS_WORDS = {word: group for group, words in CLASS_GROUPS.items() for word in words.split()}
LANDMARKS = ("article", "main", "header", "nav", "footer", "aside", "form")
TAGS = ("p", "h1", "hx", "li", "td", "div", "figcaption", "blockquote", "pre", "other")
_TAG_GROUP = {
    "h2": "hx",
    "h3": "hx",
    "h4": "hx",
    "h5": "hx",
    "h6": "hx",
    "th": "td",
    "dd": "li",
    "dt": "li",
    "span": "div",
    "section": "div",
    "article": "div",
    "caption": "figcaption",
}

FEATURE_NAMES: tuple[str, ...] = (
    "words_log",
    "stop_density",
    "punct_density",
    "sentence_end",
    "sentences_log",
    "capital_share",
    "digit_share",
    "byline_like",
    "caption_like",
    "chrome_like",
    "date_like",
    "position",
    "mass_before",
    "repeated_in_doc",
    "site_docs_log",
    "site_share",
    "site_seen",
    "has_html",
    "link_density",
    "links_log",
    "depth",
    *(f"tag_{t}" for t in TAGS),
    *(f"in_{m}" for m in LANDMARKS),
    *(f"cls_{g}" for g in CLASS_GROUPS),
    *(f"ctx_{g}" for g in CLASS_GROUPS),
    "group_share",
    "group_top",
    "group_blocks_log",
    "group_stop_density",
    "top_ctx_overlap",
    "in_region",
    "doc_blocks_log",
    "in_box",
    "out_box",
    "box_item",
    "promo_like",
    "bio_like",
)
INDEX = {name: i for i, name in enumerate(FEATURE_NAMES)}


BOX_SHARE = 0.7  # the main box holds at least this share of the page's paragraph words


def main_box(depths: list[int], ups: list[int], mass: list[float]) -> tuple[int, int] | None:
    """The blocks ``(first, last)`` of the deepest element holding ``BOX_SHARE`` of
    ``mass``, from the importer's ``depth`` and ``up`` (None without them or mass)."""
    total = sum(mass)
    if total <= 0:
        return None
    first, last = 0, len(mass) - 1
    for level in range(max(depths) + 1):
        best, best_mass = None, -1.0
        start, run = None, 0.0
        for i in range(first, last + 2):
            inside = i <= last and depths[i] >= level
            if inside and start is not None and ups[i] >= level:
                run += mass[i]
                continue
            if start is not None and run > best_mass:
                best, best_mass = (start, i - 1), run
            start, run = (i, mass[i]) if inside else (None, 0.0)
        if best is None or best_mass < BOX_SHARE * total:
            break
        first, last = best
    return first, last


def _class_hits(tokens: str) -> Counter[str]:
    """Keyword groups among class/id tokens, split at ``-``, ``_``, digits and camelCase."""
    hits: Counter[str] = Counter()
    for word in {w.lower() for w in _TOKEN.findall(tokens)}:
        group = _CLASS_WORDS.get(word) or _CLASS_WORDS.get(word.removesuffix("s"))
        if group:
            hits[group] += 1
    return hits


def _comment(features: dict) -> bool:
    """A block of a comment section (its own or an ancestor's class/id tokens)."""
    tokens = f"{features.get('cls', '')} {features.get('ctx', '')}"
    return "comment" in _class_hits(tokens)


def _text_features(text: str) -> dict[str, float]:
    words = _WORD.findall(text)
    n = len(words)
    lower = [w.lower() for w in words]
    chars = max(1, len(text))
    return {
        "words_log": math.log1p(n),
        "stop_density": sum(w in STOPWORDS for w in lower) / n if n else 0.0,
        "punct_density": len(_PUNCT.findall(text)) / chars,
        "sentence_end": float(bool(_SENTENCE_END.search(text.rstrip()))),
        "sentences_log": math.log1p(len(re.findall(r"[.!?][\"”’]?\s+[A-Z“\"]", text))),
        "capital_share": sum(w[0].isupper() for w in words) / n if n else 0.0,
        "digit_share": sum(w.isdigit() for w in words) / n if n else 0.0,
        "byline_like": float(bool(_BYLINE.match(text)) and n <= 25),
        "bio_like": float(bool(_BIO.match(text)) and n <= 80),
        "caption_like": float(bool(_CAPTION.search(text))),
        "chrome_like": float(bool(_CHROME.search(text))) * (1.0 if n <= 12 else 0.3),
        "date_like": float(bool(_DATE.search(text)) and n <= 15),
        "promo_like": float(bool(_PROMO.search(text))),
    }


def document_features(
    document: Document, index: RecurrenceIndex | None = None
) -> list[list[float]]:
    """One feature vector per block of ``document``."""
    blocks = document.blocks
    n = len(blocks)
    texts = [document.block_text(i) for i in range(n)]
    keys = block_keys(document)
    in_doc = Counter(keys)
    others, recurring = index.recurrence(document, keys) if index else (0, [0] * n)
    sizes = [len(_WORD.findall(t)) for t in texts]
    total = max(1, sum(sizes))
    text_features = [_text_features(t) for t in texts]
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, block in enumerate(blocks):
        f = block.features
        if f:
            groups[(f.get("path", ""), f.get("ctx", ""))].append(i)
    mass = {
        g: sum(sizes[i] for i in members if text_features[i]["stop_density"] > 0.2)
        for g, members in groups.items()
    }
    top = max(mass.values(), default=0)
    top_group = max(mass, key=mass.__getitem__) if top > 0 else None
    top_tokens = set(top_group[1].split()) if top_group else set()
    region = (groups[top_group][0], groups[top_group][-1]) if top_group else (-1, -1)
    box = None
    if n and all("up" in b.features for b in blocks):
        box = main_box(
            [int(b.features.get("depth", 0)) for b in blocks],
            [int(b.features["up"]) for b in blocks],
            [
                float(sizes[i])
                if sizes[i] >= 8
                and text_features[i]["stop_density"] > 0.2
                and float(blocks[i].features.get("ld", 0.0)) < 0.5
                and not _comment(blocks[i].features)
                else 0.0
                for i in range(n)
            ],
        )
    rows, before = [], 0
    for i, block in enumerate(blocks):
        f = block.features
        row = dict.fromkeys(FEATURE_NAMES, 0.0)
        row.update(text_features[i])
        row["position"] = i / max(1, n - 1)
        row["mass_before"] = before / total
        before += sizes[i]
        row["repeated_in_doc"] = float(in_doc[keys[i]] > 1)
        row["site_docs_log"] = math.log1p(others)
        row["site_share"] = recurring[i] / others if others else 0.0
        row["site_seen"] = float(recurring[i] > 0)
        row["doc_blocks_log"] = math.log1p(n)
        if f:
            row["has_html"] = 1.0
            row["link_density"] = float(f.get("ld", 0.0))
            row["links_log"] = math.log1p(f.get("links", 0))
            row["depth"] = min(1.0, f.get("depth", 0) / 20)
            tag = str(f.get("tag", ""))
            tag = _TAG_GROUP.get(tag, tag)
            row[f"tag_{tag if tag in TAGS else 'other'}"] = 1.0
            for landmark in f.get("in", ()):
                if landmark in LANDMARKS:
                    row[f"in_{landmark}"] = 1.0
            for group, hits in _class_hits(f.get("cls", "")).items():
                row[f"cls_{group}"] = min(1.0, hits)
            for group, hits in _class_hits(f.get("ctx", "")).items():
                row[f"ctx_{group}"] = min(1.0, hits)
            g = (f.get("path", ""), f.get("ctx", ""))
            members = groups[g]
            row["group_share"] = mass[g] / total
            row["group_top"] = float(mass[g] == top and top > 0)
            row["group_blocks_log"] = math.log1p(len(members))
            row["group_stop_density"] = sum(
                text_features[j]["stop_density"] for j in members
            ) / len(members)
            if top_tokens:
                own = set(f.get("ctx", "").split()) | set(f.get("cls", "").split())
                row["top_ctx_overlap"] = len(own & top_tokens) / len(top_tokens)
            row["in_region"] = float(region[0] <= i <= region[1])
            if box is not None:
                inside = box[0] <= i <= box[1]
                row["in_box"], row["out_box"] = float(inside), float(not inside)
                # list items, table cells and headings of the main box that are not links
                row["box_item"] = float(
                    inside and tag in ("li", "td") and row["link_density"] < 0.5
                )
        rows.append([row[name] for name in FEATURE_NAMES])
    return rows
