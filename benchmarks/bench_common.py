"""Helpers the benchmarks share: timing medians, peak memory of a child process, machine
facts, and a generator of seed-like scraped news articles.

The articles imitate ``../shared/seeds/*.txt``: a scraped story with its site chrome (an
accessibility banner, headline, site tag, byline, date, caption, "Share", an audio-player
line, "RELATED TOPICS:", "DON'T MISS" / "UP NEXT" lists and a "hours ago" list of related
headlines, footer lines) around a body of news paragraphs. Every article is drawn from its
own ``random.Random`` seeded with its index, so article ``i`` is the same whichever file it
lands in, and the body text makes every article distinct. Each article carries three entity
spans at real offsets: the PERSON, the ORG and the GPE named in its dateline paragraph.
"""

from __future__ import annotations

import json
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

# ------------------------------------------------------------------------------- timing


def median_seconds(
    run: Callable[[], object], repeat: int = 3, setup: Callable[[], object] | None = None
) -> dict[str, float | list[float]]:
    """Median wall and CPU time of ``run`` over ``repeat`` calls; ``setup`` runs untimed
    before each. CPU time (this process, all threads) is what to compare when other work
    shares the machine: waiting for a core counts in wall time only."""
    walls, cpus = [], []
    for _ in range(repeat):
        if setup:
            setup()
        cpu = time.process_time()
        start = time.perf_counter()
        run()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return {
        "median_s": statistics.median(walls),
        "median_cpu_s": statistics.median(cpus),
        "runs_s": walls,
        "runs_cpu_s": cpus,
    }


def run_child(args: list[str], timeout: float = 1800) -> dict:
    """Run ``python args...`` in a fresh interpreter; it prints one JSON object last."""
    done = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def peak_rss_mib() -> float:
    """Peak resident set size of this process image so far, in MiB.

    On Linux this is ``VmHWM`` of ``/proc/self/status``: unlike ``ru_maxrss``, which Linux
    carries over from the parent across fork and exec, it belongs to this program alone.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib / 1024 if sys.platform != "darwin" else kib / 1024 / 1024


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            mem_kib = int(f.readline().split()[1])
        memory = f"{mem_kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        memory = "?"
    return {
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }


# --------------------------------------------------------------------- article generator


def _words(line: str) -> tuple[str, ...]:
    return tuple(line.split())


_FIRST = _words(
    "Maria James Aiko Olusegun Priya Tomasz Elena David Fatima Lucas Min-jun Sofia Ahmed "
    "Grace Mateo Ingrid Kwame Yusuf Hannah Diego Leila Viktor Chen Amara Rafael Nadia "
    "Samuel Ines Oskar Mei Tariq Beatriz Kofi Anya Luis Zainab Henrik Rosa Emeka Clara"
)
_LAST = _words(
    "Okafor Lindqvist Tanaka Haddad Kowalski Moreau Alvarez Nakamura Petrov Mensah "
    "Fischer Rahman O'Brien Castillo Novak Delgado Abiodun Svensson Kim Baptiste Rossi "
    "Hoffman Suleiman Varga Ibrahim Duarte Lefebvre Oyelaran Bauer Quispe Sato Reyes"
)
_ORGS = (
    "the Ministry of Finance",
    "the International Monetary Fund",
    "the World Health Organization",
    "the National Transportation Safety Board",
    "the European Commission",
    "the Federal Reserve",
    "the United Nations Security Council",
    "the African Union",
    "Northwind Energy",
    "the Pacific Fisheries Council",
    "the Central Bank",
    "Helix Pharmaceuticals",
    "the Port Authority",
    "the Supreme Court",
    "the Red Cross",
    "Atlas Mining Corp.",
    "the Department of Education",
    "the Coastal Guard Service",
)
_GPES = (
    "SEOUL, South Korea",
    "NAIROBI, Kenya",
    "LIMA, Peru",
    "WARSAW, Poland",
    "JAKARTA, Indonesia",
    "BRUSSELS, Belgium",
    "OTTAWA, Canada",
    "ACCRA, Ghana",
    "HANOI, Vietnam",
    "LISBON, Portugal",
    "MANILA, Philippines",
    "CAIRO, Egypt",
    "DENVER, Colorado",
    "OSAKA, Japan",
    "BOGOTA, Colombia",
    "TBILISI, Georgia",
)
_WORDS = _words(
    "officials said the government would review plans for new funding after weeks of "
    "talks with regional leaders who warned that rising costs could delay the project "
    "by several months while analysts expect the decision to shape policy across the "
    "country and beyond as voters weigh economic pressure public health security trade "
    "energy prices housing schools hospitals roads workers families farmers companies "
    "investors markets lawmakers courts police residents neighbors experts scientists "
    "reported announced confirmed rejected approved questioned expanded reduced raised "
    "cut launched blocked signed urged criticized defended described estimated noted "
    "record quarterly annual local national foreign military civil historic sudden "
    "gradual modest sharp significant controversial emergency temporary permanent "
    "agreement proposal budget report investigation election campaign ceasefire storm "
    "drought flood outbreak vaccine strike protest summit deal rate inflation deficit "
    "surplus contract lawsuit ruling hearing vote survey study data figures statement "
    "since during before after despite amid under against toward across among through "
    "on Monday Tuesday Wednesday Thursday Friday Saturday Sunday last week this year "
    "earlier later about nearly more than fewer than at least up to roughly"
)
_HEAD_WORDS = _words(
    "Leaders Warn Storm Markets Rally Court Blocks Plan Talks Stall Over Budget Record "
    "Heat Strains Grid New Vaccine Shows Promise Voters Back Measure Strike Ends After "
    "Deal Floods Displace Thousands Prices Climb Again Rescue Crews Reach Village Bank "
    "Holds Rates Steady Farmers Struggle With Drought Lawmakers Debate Spending Bill City "
    "Opens Shelter Scientists Track Rare Comet Rail Workers Win Raise Ceasefire Holds For Now"
)
_SUBHEADS = (
    "What Comes Next",
    "Reaction From the Region",
    "A Long Road to Agreement",
    "Questions Over Costs",
    "Background to the Dispute",
    "Calls for an Investigation",
    "Impact on Families",
)
_MONTHS = _words(
    "January February March April May June July August September October November December"
)


def _related_pool(size: int = 40) -> list[str]:
    """Site-wide related headlines: the same few recur across pages, as on real sites."""
    rng = random.Random(424242)
    return [_headline(rng) for _ in range(size)]


def _headline(rng: random.Random) -> str:
    words = rng.sample(_HEAD_WORDS, rng.randint(6, 11))
    line = " ".join(words)
    if rng.random() < 0.3:
        line += f" in {rng.choice(_GPES).split(', ')[1]}"
    return line


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(12, 26))]
    if rng.random() < 0.4:
        words.insert(rng.randint(1, len(words) - 1), f"{rng.randint(2, 980)}")
    if rng.random() < 0.3:
        words[rng.randint(2, len(words) - 2)] += ","
    if rng.random() < 0.2:
        i = rng.randint(1, len(words) - 3)
        words[i] = "“" + words[i]
        words[i + 2] += "”"
    first = words[0]
    words[0] = first[:1].upper() + first[1:]
    return " ".join(words) + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 5)))


@dataclass(slots=True)
class Article:
    index: int
    text: str
    title: str
    published: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)


class _Text:
    """Builds a text part by part, remembering where named parts start (code points)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, part: str) -> int:
        start = self.length
        self.parts.append(part)
        self.length += len(part)
        return start

    def block(self, part: str) -> int:
        if self.parts:
            self.add("\n\n")
        return self.add(part)


_RELATED = _related_pool()


def make_article(index: int, target_chars: int = 8000, seed: int = 7) -> Article:
    """One seed-like scraped article of about ``target_chars`` characters."""
    rng = random.Random(seed * 1_000_003 + index)
    out = _Text()
    title = _headline(rng)
    month = rng.choice(_MONTHS)
    published = f"{month} {rng.randint(1, 28)}, {rng.randint(2019, 2025)}"
    reporter = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"

    out.block("Please ensure Javascript is enabled for purposes of website accessibility")
    out.block(title)
    out.block("gvw_ap_news")
    out.block(f"By {reporter if rng.random() < 0.5 else 'Associated Press'}")
    out.block(f"Published {rng.randint(1, 23)} hours ago on\n{published}")
    out.block(f"{_sentence(rng)} (AP Photo/{reporter})")
    out.block("Share")
    out.block("Getting your Trinity Audio player ready...")

    # The dateline paragraph names the three entities the annotation marks.
    person = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    org = rng.choice(_ORGS)
    place = rng.choice(_GPES)
    spans: list[tuple[int, int, str]] = []
    gpe_start = out.block(place)
    spans.append((gpe_start, gpe_start + len(place), "GPE"))
    out.add(" — ")
    person_start = out.add(person)
    spans.append((person_start, person_start + len(person), "PERSON"))
    out.add(", a senior adviser to ")
    org_text = org.removeprefix("the ")
    if org_text != org:
        out.add("the ")
    org_start = out.add(org_text)
    spans.append((org_start, org_start + len(org_text), "ORG"))
    lead = _paragraph(rng)
    out.add(", said " + lead[0].lower() + lead[1:])

    related = rng.sample(_RELATED, 10)
    chrome = 40 + sum(len(h) for h in related) + 10 * 24 + 200
    body_end = target_chars + rng.randint(-600, 600) - chrome
    subheads = rng.sample(_SUBHEADS, 3)
    n = 0
    while out.length < body_end:
        n += 1
        if n % 4 == 0 and subheads:
            out.block(subheads.pop())
        out.block(_paragraph(rng))

    out.block("RELATED TOPICS:")
    for headline in related[:3]:
        out.block("DON'T MISS")
        out.block(headline)
    for headline in related[3:6]:
        out.block("UP NEXT")
        out.block(headline)
    for headline in related[6:]:
        out.block(headline)
        out.block(f"{rng.randint(1, 23)} hours ago")
    out.block("Help continue the work that gets you the news that matters most.")
    out.block("Search")
    out.block("Send this to a friend")
    text = "".join(out.parts)
    for start, end, _label in spans:
        assert text[start:end].strip() == text[start:end] and end > start
    return Article(index, text, title, published, spans)
