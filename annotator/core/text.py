"""Text helpers every layer agrees on."""

from __future__ import annotations

import hashlib
import re

_SPACE = re.compile(r"\s+")


def text_fingerprint(text: str) -> str:
    """Hash of the text with case and whitespace differences removed, for de-duplication."""
    folded = _SPACE.sub(" ", text).strip().casefold()
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=16).hexdigest()
