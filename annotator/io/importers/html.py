"""Saved web pages (``.html``, ``.htm``): one document per page.

The page is decoded (byte-order mark, then the charset the HTTP layer declared, then the
page's own ``<meta charset>`` / ``http-equiv`` declaration, then detection), parsed with
``lxml.html``, cut into DOM blocks by :mod:`annotator.io.html_blocks` and described by
:mod:`annotator.io.html_meta`. The document text is the block texts joined by blank
lines.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

import lxml.html
from lxml import etree

from annotator.core.model import Block, Document, DocumentMeta
from annotator.io.base import (
    ImportedRecord,
    ImportRejected,
    Source,
    normalise_newlines,
    register_importer,
)
from annotator.io.decode import decode_text
from annotator.io.html_blocks import html_blocks
from annotator.io.html_meta import page_meta
from annotator.io.importers.text import document_id_from_name

BLOCK_SEPARATOR = "\n\n"
SNIFF_BYTES = 4096
SNIFF_MAX_BYTES = 65536
# A few bytes the decoder may not know how to decode are tolerated when the page says
# what it is; more than this share and the declaration is taken to be wrong.
MAX_REPLACED_SHARE = 0.001

_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_META_TAG = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HEAD_END = re.compile(rb"</head\s*>|<body[\s>]", re.IGNORECASE)
# What browsers really use for these labels (WHATWG Encoding Standard).
_BROWSER_CODECS = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "utf-16-le": "utf-8",  # a page that decoded far enough to be sniffed is not UTF-16
    "utf-16-be": "utf-8",
    "utf-16": "utf-8",
}


_SINGLE_BYTE = frozenset({f"cp{n}" for n in range(1250, 1259)} | {"iso8859-2", "koi8-r"})


def _codec(label: str | bytes | None) -> str | None:
    if isinstance(label, bytes):
        label = label.decode("ascii", "replace")
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("'\"").lower()).name
    except LookupError:
        return None
    return _BROWSER_CODECS.get(name, name)


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag of its head.

    Looks at the first 4 KB, and on to the end of the head (at most 64 KB) since many
    pages put the declaration after long inline scripts.
    """
    window = data[:SNIFF_MAX_BYTES]
    head_end = _HEAD_END.search(window)
    if head_end is not None:
        window = window[: max(head_end.start(), SNIFF_BYTES)]
    for tag in _META_TAG.finditer(window):
        found = _CHARSET.search(tag.group())
        if found:
            return found.group(1).decode("ascii", "replace")
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_html(data: bytes, name: str, declared: str | None = None) -> str:
    """The text of a page's bytes, newlines normalised to ``\\n``.

    A byte-order mark wins, then ``declared`` (the HTTP charset), then the page's
    ``<meta>`` declaration, then detection. Two corrections browsers and crawlers agree
    on: a legacy single-byte declaration on bytes that are valid UTF-8 with non-ASCII
    characters is a wrong declaration (UTF-8 is taken), and a declared charset that
    leaves a handful of undecodable bytes is still used, with replacement characters.
    """
    if data.startswith(_BOMS):
        return decode_text(data, name)
    candidates = [c for c in (_codec(declared), _codec(sniff_meta_charset(data))) if c]
    if candidates and candidates[0] in _SINGLE_BYTE and not data.isascii() and _is_utf8(data):
        candidates.insert(0, "utf-8")
    for codec in candidates:
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return decode_text(data, name, codec)
    if candidates:
        text = data.decode(candidates[0], errors="replace")
        if text.count("\ufffd") <= MAX_REPLACED_SHARE * len(text):
            return normalise_newlines(text)
    return decode_text(data, name)


def parse_html_page(
    data: bytes,
    name: str,
    doc_id: str,
    declared_charset: str | None = None,
    url: str | None = None,
) -> Document:
    """One page as a document; raises ``ImportRejected`` when it holds no text blocks."""
    text = decode_html(data, name, declared_charset)
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ImportRejected(name, f"not a readable HTML page ({exc})") from exc
    pieces = html_blocks(root)
    if not pieces:
        raise ImportRejected(name, "the page shows no text")
    blocks, parts, offset = [], [], 0
    for piece in pieces:
        blocks.append(Block(offset, offset + len(piece.text), piece.features))
        parts.append(piece.text)
        offset += len(piece.text) + len(BLOCK_SEPARATOR)
    first_h1 = next((p.text for p in pieces if p.features["tag"] == "h1"), None)
    found = page_meta(root, url=url, first_h1=first_h1)
    meta = DocumentMeta(
        source=name,
        url=found.url,
        title=found.title,
        publisher=found.publisher,
        published=found.published,
        extra=found.extra,
    )
    return Document(doc_id, BLOCK_SEPARATOR.join(parts), blocks, meta)


@register_importer
class HtmlImporter:
    id = "import.html.v1"
    suffixes = (".html", ".htm")

    def read(self, source: Source) -> Iterator[ImportedRecord | ImportRejected]:
        document = parse_html_page(source.data, source.name, document_id_from_name(source.name))
        yield ImportedRecord(document, origin=source.name)
