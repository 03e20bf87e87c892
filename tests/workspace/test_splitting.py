"""Splits: deterministic for a seed, whole groups (sites, near-duplicates) per split."""

import random

import pytest

from annotator.workspace.splitting import (
    Grouper,
    SplitError,
    deal,
    minhash_of,
    parse_fractions,
    site_of,
)
from tests.workspace.export_corpus import SITES, article


def _corpus(documents=200, sited=60, duplicates=15, seed=0):
    """(key, text, site) rows like write_corpus makes, near-copies keyed dupNNN."""
    rng = random.Random(seed)
    rows = []
    for n in range(documents):
        text = article(n, rng)[0]
        rows.append((f"doc{n:03d}", text, SITES[n % len(SITES)] if n < sited else None))
    for n in range(duplicates):
        key, text, _ = rows[documents - 1 - n]
        rows.append((key.replace("doc", "dup"), text.replace(" the ", " a ", 1), None))
    return rows


@pytest.fixture(scope="module")
def grouped():
    grouper = Grouper()
    rows = _corpus()
    for key, text, site in rows:
        grouper.add(key, text, site)
    return rows, grouper.groups()


def test_fractions_are_parsed_and_checked():
    assert parse_fractions("0.8,0.1,0.1") == (0.8, 0.1, 0.1)
    assert parse_fractions("0.9,0.1") == (0.9, 0.1)
    for bad in ("0.8,0.3", "a,b", "1", "0.5,0.5,0,0", "-0.1,0.6,0.5"):
        with pytest.raises(SplitError):
            parse_fractions(bad)


def test_site_is_the_url_host_else_the_publisher():
    assert site_of("https://www.APNews.com/article/x", "AP") == "apnews.com"
    assert site_of(None, " Reuters ") == "reuters"
    assert site_of("not a url", None) is None


def test_near_duplicates_are_similar_and_others_are_not():
    rng = random.Random(3)
    a, b = article(1, rng)[0], article(2, rng)[0]
    near = a.replace(" the ", " a ", 1)
    assert minhash_of(a).jaccard(minhash_of(near)) > 0.85
    assert minhash_of(a).jaccard(minhash_of(b)) < 0.2
    assert minhash_of("") is None


def test_groups_join_sites_and_near_duplicates(grouped):
    rows, groups = grouped
    group_of = {key: i for i, group in enumerate(groups) for key in group}
    by_site: dict[str, set[int]] = {}
    for key, _, site in rows:
        if site:
            by_site.setdefault(site, set()).add(group_of[key])
    assert all(len(found) == 1 for found in by_site.values())
    duplicates = [key for key, _, _ in rows if key.startswith("dup")]
    assert duplicates
    for key in duplicates:
        assert group_of[key] == group_of[key.replace("dup", "doc")]
    # unrelated unsited articles stay apart: sites + 15 pairs + singles
    assert len(groups) == len(SITES) + 15 + (200 - 60 - 15)


def test_split_is_deterministic_for_a_seed_and_changes_with_it(grouped):
    _, groups = grouped
    first = deal(groups, (0.8, 0.1, 0.1), 13)
    again = deal([list(g) for g in groups], (0.8, 0.1, 0.1), 13)
    other = deal(groups, (0.8, 0.1, 0.1), 14)
    assert first.assignment == again.assignment
    assert first.assignment != other.assignment


def test_groups_never_straddle_splits_and_fractions_hold(grouped):
    rows, groups = grouped
    for seed in (1, 13, 99):
        plan = deal(groups, (0.8, 0.1, 0.1), seed)
        for group in groups:
            assert len({plan.assignment[key] for key in group}) == 1
        counts = plan.counts()
        total = len(rows)
        assert sum(counts.values()) == total
        for name, fraction in zip(plan.names, plan.fractions, strict=True):
            assert abs(counts[name] - fraction * total) <= 0.02 * total, (seed, counts)


def test_a_zero_fraction_split_stays_empty(grouped):
    _, groups = grouped
    plan = deal(groups, (0.9, 0.1, 0.0), 5)
    assert plan.counts()["test"] == 0
