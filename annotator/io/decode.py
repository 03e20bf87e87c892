"""Turning the bytes of a file into text: BOM, declared charset, else detection."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from annotator.io.base import ImportRejected, normalise_newlines

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:20000]
    if not sample:
        return False
    return len(_CONTROL.findall(sample)) / len(sample) > 0.05


_WESTERN = frozenset(
    {
        "English",
        "German",
        "French",
        "Spanish",
        "Portuguese",
        "Italian",
        "Dutch",
        "Danish",
        "Swedish",
        "Norwegian",
        "Finnish",
        "Unknown",
    }
)


def _detected(data: bytes, name: str) -> str:
    """charset-normalizer's guess, except that Western European text that is valid
    windows-1252 is read as windows-1252: on short texts the detector often picks a
    Baltic or Central European code page that turns "à" into "ą"."""
    best = from_bytes(data).best()
    if best is None:
        raise ImportRejected(name, "not text in any encoding we can detect")
    if best.encoding not in ("cp1252", "latin_1", "ascii", "utf_8") and best.language in _WESTERN:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


def decode_text(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode ``data``; newlines come back normalised to ``\\n``.

    Order: a byte-order mark, then the ``declared`` charset (HTTP header or meta tag),
    then strict UTF-8, then charset-normalizer's best guess. Binary data is rejected.
    """
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ImportRejected(name, f"broken {encoding} text ({exc.reason})") from exc
            break
    if text is None and declared:
        try:
            codec = codecs.lookup(declared.strip().strip("'\"")).name
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            text = None  # a wrong declaration is common; fall through to detection
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detected(data, name)
    if _looks_binary(text):
        raise ImportRejected(name, "looks like binary data, not text")
    return normalise_newlines(text)
