"""Page metadata from the ``<head>`` of a parsed HTML page and its JSON-LD.

Reads Open Graph and Twitter cards, ``<meta name=...>``, ``<link rel=canonical>``,
``<html lang>`` and schema.org JSON-LD (lists, ``@graph`` and nested objects; broken
JSON is ignored). Only values actually found are reported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import orjson

_ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report|Posting)$")
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—·•]|::)\s+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_SPACE = re.compile(r"\s+")
DATE_META_NAMES = (
    "article:published_time",
    "og:article:published_time",
    "date",
    "pubdate",
    "parsely-pub-date",
    "publish-date",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
)


@dataclass(slots=True)
class PageMeta:
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = _SPACE.sub(" ", value).strip()
    return value or None


def _meta_tags(root: Any) -> dict[str, str]:
    """``<meta>`` contents by lower-cased property, name or itemprop; the first one wins."""
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        value = _clean(el.get("content"))
        if value is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (el.get(attr) or "").strip().lower()
            if key:
                found.setdefault(key, value)
    return found


def _json_ld_objects(root: Any) -> list[dict[str, Any]]:
    """Every object in the page's JSON-LD, flattened out of lists and ``@graph``."""
    objects: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            try:
                data = json.loads(raw, strict=False)  # allows raw newlines in strings
            except ValueError:
                continue
        todo = [data]
        while todo:
            item = todo.pop()
            if isinstance(item, list):
                todo.extend(reversed(item))
            elif isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list | dict):
                    todo.append(graph)
    return objects


def _types(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [k for k in kinds if isinstance(k, str)]


def _article(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The object describing the article: an Article type, else anything with a headline."""
    for obj in objects:
        if any(_ARTICLE_TYPES.search(kind) for kind in _types(obj)):
            return obj
    for obj in objects:
        if _clean(obj.get("headline")):
            return obj
    return {}


def _names(value: Any, by_id: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """Names out of a schema.org Person/Organization, a list of them, or a plain string.

    ``{"@id": ...}`` references (as in ``@graph``) are looked up in ``by_id``.
    """
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict) and "name" not in item and by_id:
            item = by_id.get(str(item.get("@id")), item)
        name = _clean(item.get("name")) if isinstance(item, dict) else _clean(item)
        if name and not name.startswith(("http://", "https://")) and name not in names:
            names.append(name)
    return names


def _same_site(part: str, site_names: list[str], exact: bool = False) -> bool:
    key = _NOT_ALNUM.sub("", part).casefold()
    for site in site_names:
        site_key = _NOT_ALNUM.sub("", site).casefold()
        if not key or not site_key:
            continue
        shorter, longer = sorted((key, site_key), key=len)
        if key == site_key or (not exact and len(shorter) >= 5 and shorter in longer):
            return True
    return False


def strip_site_suffix(title: str, site_names: list[str]) -> str:
    """``"Headline | Site"`` gives ``"Headline"`` when ``Site`` is one of ``site_names``.

    A leading ``"Site | "`` goes too, but only on an exact match.
    """
    while True:
        separators = list(_TITLE_SEPARATORS.finditer(title))
        if not separators:
            return title
        if _same_site(title[separators[-1].end() :], site_names):
            title = title[: separators[-1].start()]
        elif _same_site(title[: separators[0].start()], site_names, exact=True):
            title = title[separators[0].end() :]
        else:
            return title


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu"})


def _host_names(url: str | None) -> list[str]:
    """``https://www.example.co.uk/x`` gives ``["example.co.uk", "example"]``."""
    if not url:
        return []
    labels = (urlsplit(url).hostname or "").split(".")
    while labels and labels[0] in ("www", "m", "amp"):
        labels.pop(0)
    if len(labels) < 2:
        return []
    main = labels[-3] if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else labels[-2]
    return [".".join(labels), main]


def _first(*values: Any) -> str | None:
    for value in values:
        cleaned = _clean(value)
        if cleaned:
            return cleaned
    return None


def _html_title(root: Any) -> str | None:
    for title in root.iter("title"):
        if not any(ancestor.tag == "svg" for ancestor in title.iterancestors()):
            return _clean(title.text_content())
    return None


def _article_time(root: Any) -> str | None:
    for scope in ("article", "main"):
        for container in root.iter(scope):
            for time in container.iter("time"):
                value = _clean(time.get("datetime"))
                if value:
                    return value
    return None


def page_meta(root: Any, url: str | None = None, first_h1: str | None = None) -> PageMeta:
    """Title, URL, publisher, publication date and extras of a parsed page."""
    meta = _meta_tags(root)
    objects = _json_ld_objects(root)
    article = _article(objects)
    by_id = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}
    page = PageMeta()

    canonical = None
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            canonical = _clean(link.get("href"))
            break
    og_url = meta.get("og:url")
    if canonical and not urlsplit(canonical).scheme and (url or og_url):
        canonical = urljoin(url or og_url or "", canonical)
    page.url = _first(url, canonical, og_url)

    ld_publisher = _names(article.get("publisher"), by_id)
    page.publisher = _first(
        meta.get("og:site_name"), *ld_publisher[:1], meta.get("application-name")
    )
    page.published = _first(
        meta.get("article:published_time"),
        article.get("datePublished"),
        *(meta.get(name) for name in DATE_META_NAMES[1:]),
        _article_time(root),
    )

    authors = _names(article.get("author"), by_id) or _names(meta.get("author"))
    # "Headline | Site" and "Headline | Site | by Author" both lose their tail
    site_names = [name for name in (page.publisher, *ld_publisher, *authors) if name]
    site_names += _host_names(page.url)
    html_title = _html_title(root)
    title = _first(
        meta.get("og:title"), meta.get("twitter:title"), article.get("headline"), html_title
    )
    if title:
        page.title = strip_site_suffix(title, site_names)
    elif first_h1:
        page.title = first_h1

    if canonical:
        page.extra["canonical_url"] = canonical
    if authors:
        page.extra["author"] = ", ".join(authors)
    language = _first(root.get("lang"), root.get("xml:lang"), meta.get("content-language"))
    if language:
        page.extra["language"] = language
    description = _first(
        meta.get("description"), meta.get("og:description"), article.get("description")
    )
    if description:
        page.extra["description"] = description
    return page
