"""Quote speakers and cues on the hand-written set (issue 15): quotes found, speaker and cue
accuracy of the found quotes, with no entities and with the PERSON spans given.

Run it by hand: ``.venv/bin/python benchmarks/quotes.py [--list]``

The set is ``tests/nlp/quote_cases.py``, reported by batch: development (``d..``, the
rules were written on it), then three held-out batches each written after the rules of
its time: ``h..`` and ``n..`` were tuned on after their first run (their first-run figures
are in benchmarks/README.md), ``m..`` never was. A quote is found when a suggested quote
has exactly the expected content range; its speaker (its cue) is right when its range is
exactly the expected one (both ``None`` counts as right). Extra quotes are suggestions
with no expected quote (on the negatives: scare quotes and titles). ``--list`` prints every
miss.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.nlp.quotes import suggest_quotes  # noqa: E402
from tests.nlp.quote_cases import CASES, expected, person_spans  # noqa: E402

TARGET = 0.85
HALVES = {
    "development (tuned on)": "d",
    "held out 1 (tuned on after its first run)": "h",
    "held out 2 (tuned on after its first run)": "n",
    "held out 3 (never tuned on)": "m",
}


def score(cases: list[dict], with_persons: bool, misses: list[str]) -> dict[str, int]:
    """Counts over ``cases``: expected, found, right speakers, right cues, extra quotes."""
    counts = dict.fromkeys(("expected", "found", "speaker", "cue", "extra"), 0)
    for case in cases:
        text = case["text"]
        entities = person_spans(text, case["persons"]) if with_persons else []
        got = {(q.start, q.end): q for q in suggest_quotes(text, entities)}
        wanted = expected(case)
        counts["expected"] += len(wanted)
        for e in wanted:
            quote = got.pop((e.content.start, e.content.end), None)
            if quote is None:
                misses.append(f"{case['id']}: not found: {_show(text, e.content)}")
                continue
            counts["found"] += 1
            for key, want, have in (
                ("speaker", e.speaker, quote.speaker),
                ("cue", e.cue, quote.cue),
            ):
                if want == have:
                    counts[key] += 1
                else:
                    misses.append(
                        f"{case['id']}: {key} {_show(text, have)} (expected {_show(text, want)})"
                    )
        for quote in got.values():
            counts["extra"] += 1
            misses.append(f"{case['id']}: extra quote {_show(text, quote.range)}")
    return counts


def _show(text: str, r) -> str:
    return "none" if r is None else repr(text[r.start : r.end][:50])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every miss")
    args = parser.parse_args()
    print(f"{len(CASES)} hand-written cases")
    lines = []
    for with_persons in (False, True):
        given = "PERSON spans given" if with_persons else "no entities"
        for half, prefix in HALVES.items():
            cases = [c for c in CASES if c["id"].startswith(prefix)]
            misses: list[str] = []
            c = score(cases, with_persons, misses)
            found = max(c["found"], 1)
            speaker, cue = c["speaker"] / found, c["cue"] / found
            print(
                f"{given:19} {half:42} {len(cases):2} cases: quotes found "
                f"{c['found']}/{c['expected']}, extra {c['extra']}, "
                f"speaker accuracy {speaker:.3f}, cue accuracy {cue:.3f}"
            )
            if args.list:
                for miss in misses:
                    print(f"    {miss}")
            state = "met" if speaker >= TARGET else "MISSED"
            lines.append(
                f"{state}: speaker accuracy {speaker:.3f} >= {TARGET} of found quotes "
                f"({half}, {given})"
            )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
