"""Write corpora/sample/text/wire_NNN_<hash>.txt: scraped-text articles with site chrome.

Three fictional sites, each with its own chrome (banner, share buttons, audio-player
line, newsletter prompts, a list of related headlines printed twice, copyright footer).
The chrome of one site is the same on each of its pages, as on a real scraped site.

    .venv/bin/python corpora/tools/make_text.py
"""

from __future__ import annotations

import datetime as dt

from common import (
    SAMPLE,
    Article,
    clock,
    load_articles,
    long_date,
    short_hash,
    write_bytes_if_changed,
)

OUT = SAMPLE / "text"

WIRESTONE_HEADLINES = [
    "City Libraries Extend Weekend Hours as Study Rooms Fill Up",
    "Regional Airline Adds Nonstop Flights to Three Midwest Cities",
    "Farmers Market Vendors Brace for Higher Stall Fees",
    "How to Keep Your Pipes From Freezing This Winter",
    "Volunteer Firefighters Rescue Dog From Frozen Pond",
    "Minor League Team Unveils Retro Uniforms for 40th Season",
    "Bridge Repairs to Close Two Lanes Through Spring",
    "Meet the 96-Year-Old Who Still Teaches Piano Every Day",
    "Grocery Prices Ease Slightly in October, Survey Shows",
    "State Park Reopens Hiking Trail Washed Out by Spring Floods",
]
WIRESTONE_AGES = [
    "2 hours ago",
    "3 hours ago",
    "3 hours ago",
    "5 hours ago",
    "6 hours ago",
    "8 hours ago",
    "9 hours ago",
    "11 hours ago",
    "14 hours ago",
    "20 hours ago",
]
WIRESTONE_PUBLISHED = ["2 days ago", "1 week ago", "3 weeks ago"]

COASTLINE_HEADLINES = [
    "Boardwalk Repairs Finished Ahead of Memorial Day Crowds",
    "Sea Turtle Nesting Season Off to an Early Start",
    "New Seafood Market Opens in Former Bank Building",
    "Harbor Patrol Warns Boaters About Shifting Sandbars",
    "High School Sailing Team Heads to Nationals",
    "Town Weighs Paid Parking at Two Public Beaches",
    "Lifeguard Shortage Eases After Pay Raise",
    "Historic Inn on Front Street Sold to Hotel Group",
]

VALLEY_HEADLINES = [
    "Orchard Growers Expect an Early Cherry Harvest",
    "County Fair Adds a Second Rodeo Night",
    "Wildfire Smoke Prompts Air Quality Alert for the Valley",
    "Irrigation Canal Cleanup Set for Saturday",
    "Library Launches Seed-Sharing Program",
    "New Urgent Care Clinic Opens on Main Street",
    "Valley Teen Wins State Spelling Bee",
]


def wirestone(a: Article, index: int) -> str:
    head = "\n".join(
        [
            "JavaScript must be turned on to use the accessibility tools on this site",
            a.headline,
            "wsd_wire_desk",
            f"By {a.author}, Wirestone Daily",
            f"Published {WIRESTONE_PUBLISHED[index % len(WIRESTONE_PUBLISHED)]} on",
            long_date(a.published),
        ]
    )
    parts = [
        head,
        f"{a.caption} (Wirestone Daily/{a.photo})",
        "Share",
        "Getting your audio player ready...",
        *a.paragraphs,
        "FILED UNDER:",
    ]
    for h in WIRESTONE_HEADLINES[:8]:
        parts += ["TRENDING", h]
    for h in WIRESTONE_HEADLINES[1:]:
        parts += ["MORE STORIES", h]
    for h, age in zip(WIRESTONE_HEADLINES, WIRESTONE_AGES, strict=True):
        parts += [h, age]
    parts += [
        WIRESTONE_HEADLINES[7],
        "She started teaching in a church basement in 1951 and has not missed a week since. "
        "Her youngest student is five...",
        "1 hour ago",
    ]
    for h, age in zip(WIRESTONE_HEADLINES, WIRESTONE_AGES, strict=True):
        parts += [age, h]
    parts += [
        "Independent reporting costs money. Chip in to keep Wirestone Daily free for everyone.",
        "Search",
        "Send this story to a friend",
        f"© {a.published.year} Wirestone Daily. All rights reserved.",
    ]
    return "\n\n".join(parts) + "\n"


def coastline(a: Article, index: int) -> str:
    updated = a.published + dt.timedelta(minutes=17)
    head = "\n".join(
        [
            "Skip to content",
            "COASTLINE GAZETTE",
            "Menu",
            "Search",
            "Subscribe | Log In",
            a.section.upper(),
            a.headline,
            f"By {a.author} | Coastline Gazette",
            f"Published {long_date(a.published)} at {clock(a.published)}",
            f"Updated {long_date(updated)} at {clock(updated)}",
        ]
    )
    body = list(a.paragraphs)
    body.insert(4, "ADVERTISEMENT")
    body.insert(
        9,
        "Sign up for The Tide Line, the Coastline Gazette's free morning newsletter. Sign up here.",
    )
    parts = [
        head,
        "Listen to this article",
        "Getting your audio player ready...",
        "Share on Facebook",
        "Share on X",
        "Email this story",
        "Print",
        f"{a.caption} Photo: {a.photo} / Coastline Gazette",
        "ADVERTISEMENT",
        *body,
        "Have a news tip? Email newsroom@coastlinegazette.example or call 910-555-0142.",
        "RELATED",
        *COASTLINE_HEADLINES,
        "MORE FROM THE COASTLINE GAZETTE",
        *COASTLINE_HEADLINES,
        f"Copyright {a.published.year} Coastline Media Group. All rights reserved. "
        "Reproduction without written permission is prohibited.",
        "Terms of Use | Privacy Policy | Do Not Sell My Personal Information | Contact Us",
    ]
    return "\n\n".join(parts) + "\n"


def valley(a: Article, index: int) -> str:
    minutes = max(1, round(a.body_words() / 230))
    head = "\n".join(
        [
            "Valley Report",
            "Your valley. Your news.",
            "Menu",
            "News | Business | Schools | Outdoors | Opinion",
            a.headline,
            a.author,
            "Valley Report",
            long_date(a.published),
            f"{minutes} min read",
        ]
    )
    parts = [
        head,
        "Share this:",
        "Facebook",
        "X",
        "Email",
        "Print",
        "Getting your audio player ready...",
        f"{a.caption} ({a.photo})",
        *a.paragraphs,
        "Support local journalism. Become a Valley Report member for $5 a month and "
        "read every story without ads.",
    ]
    parts.append("READ NEXT")
    for h in VALLEY_HEADLINES:
        parts += [h, "Valley Report"]
    parts.append("LATEST FROM THE VALLEY")
    for h in VALLEY_HEADLINES:
        parts += [h, "Valley Report"]
    parts += [
        "Follow us on Facebook, Instagram and YouTube",
        f"Copyright © {a.published.year} Valley Report Inc. | All Rights Reserved | "
        "Privacy | Terms",
    ]
    return "\n\n".join(parts) + "\n"


SITES = {"wirestone": wirestone, "coastline": coastline, "valley": valley}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("wire_*.txt"):
        old.unlink()
    articles = [a for a in load_articles() if a.kind == "text"]
    per_site: dict[str, int] = {}
    for n, a in enumerate(articles, start=1):
        index = per_site.get(a.site, 0)
        per_site[a.site] = index + 1
        text = SITES[a.site](a, index)
        path = OUT / f"wire_{n:03d}_{short_hash(text)}.txt"
        write_bytes_if_changed(path, text.encode("utf-8"))
        print(path.relative_to(SAMPLE), len(text))


if __name__ == "__main__":
    main()
