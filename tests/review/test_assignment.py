"""Assignment plans: coverage, overlap, balance, determinism."""

from collections import Counter
from itertools import combinations

import pytest

from annotator.review.assignment import AssignmentError, plan_assignment

DOCS = [f"d{i:04d}" for i in range(1000)]


def test_every_document_once_and_the_overlap_share_twice():
    plan = plan_assignment(DOCS, ["a", "b", "c"], overlap=0.2, seed=1)
    assert set(plan) == set(DOCS)
    sizes = Counter(len(v) for v in plan.values())
    assert sizes == {1: 800, 2: 200}
    load = Counter(name for names in plan.values() for name in names)
    assert max(load.values()) - min(load.values()) <= 1
    pairs = Counter(names for names in plan.values() if len(names) == 2)
    assert set(pairs) == set(combinations(["a", "b", "c"], 2))
    assert max(pairs.values()) - min(pairs.values()) <= 1


def test_same_seed_same_plan_other_seed_other_plan():
    one = plan_assignment(DOCS, ["a", "b", "c", "d"], overlap=0.3, seed=7)
    assert one == plan_assignment(DOCS, ["a", "b", "c", "d"], overlap=0.3, seed=7)
    assert one != plan_assignment(DOCS, ["a", "b", "c", "d"], overlap=0.3, seed=8)


def test_three_per_shared_document_and_existing_load():
    plan = plan_assignment(DOCS[:100], ["a", "b", "c"], overlap=0.5, seed=2, per_overlap=3)
    assert Counter(len(v) for v in plan.values()) == {3: 50, 1: 50}
    plan = plan_assignment(DOCS[:30], ["a", "b"], overlap=0.0, load={"a": 10})
    load = Counter(n for names in plan.values() for n in names)
    assert load == {"b": 20, "a": 10}


@pytest.mark.parametrize(
    ("annotators", "overlap", "per"),
    [
        ([], 0.2, 2),
        (["a", "a"], 0.2, 2),
        (["a"], 0.2, 2),
        (["a", "b"], 1.5, 2),
        (["a", "b"], 0.2, 3),
        (["gold"], 0.0, 2),
    ],
)
def test_bad_arguments(annotators, overlap, per):
    with pytest.raises(ValueError):
        plan_assignment(DOCS, annotators, overlap=overlap, per_overlap=per)
    assert issubclass(AssignmentError, ValueError)


def test_one_annotator_without_overlap():
    assert set(plan_assignment(DOCS[:5], ["a"], overlap=0.0).values()) == {("a",)}
