"""Rules of entity spans and quotes, and the tokens a caret moves over.

Pure Python. The GUI asks these functions whether a change is allowed (and why not)
before it builds a command; the commands check again, so a replayed change can never
break the rules:

- entities form one layer: two entity spans never overlap (an entity may sit inside a
  quote);
- quotes form another layer: two quotes never overlap; a quote may cross blocks;
- a quote's speaker and cue are ranges outside the quote's content.

Offsets are ``[start, end)`` code-point indices into the document text; the token
index (``annotator.core.caret``) only decides where selections may start and end
(never inside a token).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from annotator.core.caret import Caret, TokenIndex  # noqa: F401 - re-exported
from annotator.core.model import Quote, Range, Span


class SpanConflict(ValueError):
    """A span or quote change that breaks a rule; the message says which and why."""


# ------------------------------------------------------------------------ finding
QUOTE_MARKS = frozenset("“\"«‘'„")


def excerpt(text: str, start: int, end: int, limit: int = 48) -> str:
    """The text of a range, quoted and shortened for a message."""
    shown = " ".join(text[start:end].split())
    if len(shown) > limit:
        shown = shown[: limit - 1].rstrip() + "…"
    if shown[:1] in QUOTE_MARKS:  # a quote keeps its own marks
        return shown
    return f"“{shown}”"


def overlapping_entity(
    spans: Iterable[Span], start: int, end: int, ignore: Span | None = None
) -> Span | None:
    """The first entity span overlapping ``[start, end)``, other than ``ignore``."""
    for span in spans:
        if span != ignore and span.start < end and start < span.end:
            return span
    return None


def overlapping_quote(
    quotes: Iterable[Quote], start: int, end: int, ignore: Quote | None = None
) -> Quote | None:
    for quote in quotes:
        if quote != ignore and quote.start < end and start < quote.end:
            return quote
    return None


def entity_at(spans: Iterable[Span], start: int, end: int | None = None) -> Span | None:
    """The entity under ``[start, end)`` (or the offset ``start``): the smallest one."""
    end = start + 1 if end is None else max(end, start + 1)
    found = [s for s in spans if s.start < end and start < s.end]
    return min(found, key=lambda s: (s.end - s.start, s.start)) if found else None


def quote_at(quotes: Iterable[Quote], start: int, end: int | None = None) -> Quote | None:
    end = start + 1 if end is None else max(end, start + 1)
    return next((q for q in quotes if q.start < end and start < q.end), None)


def role_at(
    quotes: Iterable[Quote], start: int, end: int | None = None
) -> tuple[Quote, str] | None:
    """The quote whose speaker or cue lies under the range, and which of the two."""
    end = start + 1 if end is None else max(end, start + 1)
    for quote in quotes:
        for role in ("speaker", "cue"):
            linked: Range | None = getattr(quote, role)
            if linked is not None and linked.start < end and start < linked.end:
                return quote, role
    return None


def nearest_quote(quotes: Iterable[Quote], start: int, end: int) -> Quote | None:
    """The quote containing the range, else the one with the smallest gap to it (the
    earlier one on a tie: speakers and cues usually follow the quote)."""
    best, best_key = None, None
    for quote in quotes:
        if quote.start < end and start < quote.end:
            return quote
        gap = start - quote.end if quote.end <= start else quote.start - end
        key = (gap, 0 if quote.end <= start else 1)
        if best_key is None or key < best_key:
            best, best_key = quote, key
    return best


# -------------------------------------------------------------------------- rules
def entity_problem(spans: Sequence[Span], span: Span, text: str | None = None) -> str | None:
    """Why ``span`` cannot join ``spans`` (``None`` when it can)."""
    if span.end <= span.start:
        return "an entity cannot be empty"
    if text is not None and "\n" in text[span.start : span.end]:
        return "an entity cannot run across lines or paragraphs (quotes can)"
    other = overlapping_entity(spans, span.start, span.end)
    if other is None:
        return None
    what = excerpt(text, other.start, other.end) if text is not None else ""
    where = f"[{other.start}, {other.end})"
    return (
        f"it overlaps the {other.label} span {what or where}; entities may not overlap "
        "(delete that one first, or select exactly it to relabel it)"
    )


def quote_problem(quotes: Sequence[Quote], quote: Quote, text: str | None = None) -> str | None:
    """Why ``quote`` cannot join ``quotes`` (``None`` when it can)."""
    if quote.end <= quote.start:
        return "a quote cannot be empty"
    other = overlapping_quote(quotes, quote.start, quote.end)
    if other is not None:
        what = excerpt(text, other.start, other.end) if text is not None else ""
        what = what or f"[{other.start}, {other.end})"
        return f"it overlaps the quote {what}; quotes may not overlap"
    for role in ("speaker", "cue"):
        linked: Range | None = getattr(quote, role)
        if linked is not None and linked.overlaps(quote.range):
            return f"the {role} must lie outside the quote's own words"
    return None
