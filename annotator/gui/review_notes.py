"""The differences of a selection in words, for the review comparison: who marked
which entity (grouped where boundaries or labels differ), which quotes some left out, and
whose speakers or cues differ."""

from __future__ import annotations

from html import escape

from annotator.workspace.reviewing import DocumentDisagreement


def differences_html(text: str, start: int, end: int, found: DocumentDisagreement) -> list[str]:
    """One line of HTML per difference inside ``[start, end)``: entities grouped where
    they overlap (boundaries, labels), quotes someone left out, speakers and cues."""

    def words(a: int, b: int) -> str:
        snippet = " ".join(text[a:b].split()).strip('"“”„«»')
        return escape(snippet if len(snippet) <= 60 else snippet[:57] + "…")

    def names(values) -> str:
        return escape(", ".join(values)) if values else "nobody"

    notes = []
    for cluster in _clusters([s for s in found.spans if s.start < end and start < s.end]):
        ranges = {(s.start, s.end) for s in cluster}
        answers: dict[str, list[str]] = {name: [] for name in found.annotators}
        for s in cluster:
            shown = escape(s.label)
            if len(ranges) > 1:
                shown += f" “{words(s.start, s.end)}”"
            for name in s.marked_by:
                answers[name].append(shown)
        grouped: dict[str, list[str]] = {}
        for name, given in answers.items():
            grouped.setdefault(" + ".join(given) or "none", []).append(name)
        first = min(cluster, key=lambda s: (s.start, -s.end))
        parts = [f"{names(who)} {answer}" for answer, who in grouped.items()]
        notes.append(
            f"<span style='color:#c62828'>◆</span> <b>entity</b> at "
            f"“{words(first.start, max(s.end for s in cluster))}”: " + "; ".join(parts)
        )
    for q in found.quotes:
        if not (q.start < end and start < q.end):
            continue
        if q.missing:
            notes.append(
                f"<span style='color:#c62828'>◆</span> <b>quote</b> “{words(q.start, q.end)}”: "
                f"marked by {names(q.marked_by)}; not by {names(q.missing)}"
            )
            continue
        for role, given in (("speaker", q.speakers), ("cue", q.cues)):
            if len(set(given.values())) > 1:
                by_answer: dict[tuple[int, int] | None, list[str]] = {}
                for n, r in given.items():
                    by_answer.setdefault(r, []).append(n)
                parts = [
                    f"{names(who)} “{words(*r)}”" if r else f"{names(who)} none"
                    for r, who in by_answer.items()
                ]
                notes.append(
                    f"<span style='color:#c62828'>◆</span> <b>{role}</b> of the quote "
                    f"“{words(q.start, q.end)}”: " + "; ".join(parts)
                )
    return notes


def _clusters(spans: list) -> list[list]:
    """Span differences grouped where they overlap (different boundaries or labels of
    one mention end up together)."""
    groups: list[list] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if groups and span.start < max(s.end for s in groups[-1]):
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups
