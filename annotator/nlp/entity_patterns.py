"""Grammar for the rule entity suggester (:mod:`annotator.nlp.entity_rules`): the spaCy
``Matcher`` patterns of dates, and the few words that end an event's name.

Not data lists: month and day names come from the stdlib ``calendar``; the words here are
English grammar (periods of time, seasons, prepositions before a month, event head nouns).
"""

from __future__ import annotations

import calendar


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split(" "))


# Head nouns that end an event's name (OntoNotes EVENT): "Cold War", "Super Bowl",
# "World Cup", "Winter Olympics", "Commonwealth Games", "Australian Open", "G20 Summit".
EVENT_HEADS = _words(
    "War Wars Cup Bowl Olympics Olympiad Games Championship Championships Series Open "
    "Tournament Marathon Festival Summit Revolution Prix Derby Expo"
)

# Words that make a single event name on their own.
EVENT_WORDS = frozenset({"Olympics", "Olympiad", "Paralympics"})
# Roman numerals after an event name: "World War II".
ROMAN = _words("I II III IV V VI")
# Prepositions before a bare month name, the month alone being the date: "in May".
MONTH_PREPOSITIONS = _words("in since until till by during through from of before after early late")

# Match names whose first token is context, not part of the date.
TRIM_FIRST = frozenset({"month_after_preposition"})

_PERIODS = ["day", "week", "weekend", "month", "year", "season", "decade", "century"]
_SEASONS = ["spring", "summer", "fall", "autumn", "winter"]


def date_patterns() -> dict[str, list[list[dict]]]:
    """Matcher patterns by name: absolute dates, weekdays, years, and relative dates in
    OntoNotes style ("last week", "recent months", "two weeks ago", "this past spring")."""
    months = list(calendar.month_name[1:])
    abbreviations = [m for m in calendar.month_abbr[1:] if m != "May"]
    month = {"ORTH": {"IN": months + abbreviations + [f"{a}." for a in abbreviations]}}
    month_word = {"ORTH": {"IN": [m for m in months if m != "May"]}}
    day = {"TEXT": {"REGEX": r"^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$"}}
    year = {"TEXT": {"REGEX": r"^(?:19|20)\d\d$"}}
    weekdays = list(calendar.day_name)
    weekday = {"ORTH": {"IN": weekdays + [w.upper() for w in weekdays]}}
    relative = {"LOWER": {"IN": ["last", "next", "this", "past", "coming", "previous"]}}
    period = {"LOWER": {"IN": _PERIODS}}
    periods = {"LOWER": {"IN": [p + "s" for p in _PERIODS] + ["centuries"]}}
    season = {"LOWER": {"IN": _SEASONS}}
    recent = {"LOWER": {"IN": ["recent", "past", "last", "coming", "next", "previous"]}}
    number = {"LIKE_NUM": True}
    some = {"LOWER": {"IN": ["a", "an", "several", "few", "many", "some"]}}
    ago = {"LOWER": "ago"}
    comma = {"ORTH": ",", "OP": "?"}
    return {
        "month_day_year": [[month, day, comma, year], [month, day], [day, month, year]],
        "day_month": [[day, month]],
        "month_year": [[month, year], [month_word]],
        "month_after_preposition": [[{"LOWER": {"IN": sorted(MONTH_PREPOSITIONS)}}, month]],
        "relative_month": [[relative, {"ORTH": "May"}]],
        "weekday": [[weekday]],
        "relative": [
            [relative, period],
            [relative, {"LOWER": "past"}, period],
            [{"LOWER": {"IN": ["yesterday", "today", "tomorrow"]}}],
        ],
        "recent_periods": [[recent, periods], [recent, number, periods], [recent, some, periods]],
        "ago": [
            [number, period, ago],
            [number, periods, ago],
            [some, period, ago],
            [some, periods, ago],
            [{"LOWER": "a"}, {"LOWER": "few"}, periods, ago],
        ],
        "season": [[relative, season], [relative, {"LOWER": "past"}, season]],
        "year": [[year], [{"TEXT": {"REGEX": r"^(?:19|20)\d0s$"}}]],
    }
