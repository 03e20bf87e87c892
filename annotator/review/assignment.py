"""Planning who annotates what: every document to one annotator, an overlap share of
them to several (for agreement), loads balanced, the same plan for the same seed.

The plan shuffles the documents with ``random.Random(seed)``; the first
``round(overlap * n)`` get ``per_overlap`` annotators each, chosen so that every group of
annotators shares about as many documents (so every pair gets a Cohen's kappa) and loads
stay even; the rest go one each to whoever has the least work. ``load`` (documents
already assigned per annotator) lets a later plan for newly imported documents keep the
balance.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from itertools import combinations

from annotator.core.model import validate_source_name


class AssignmentError(ValueError):
    pass


def check_plan_arguments(annotators: Sequence[str], overlap: float, per_overlap: int) -> list[str]:
    names = [validate_source_name(name) for name in annotators]
    if not names:
        raise AssignmentError("name at least one annotator")
    if len(set(names)) != len(names):
        raise AssignmentError("an annotator is named twice")
    if not 0.0 <= overlap <= 1.0:
        raise AssignmentError(f"overlap must be between 0 and 1, not {overlap}")
    if overlap > 0 and not 2 <= per_overlap <= len(names):
        raise AssignmentError(
            f"an overlap needs {per_overlap} annotators per shared document"
            f" and {len(names)} were named"
        )
    return names


def plan_assignment(
    document_ids: Sequence[str],
    annotators: Sequence[str],
    overlap: float = 0.2,
    seed: int = 0,
    per_overlap: int = 2,
    load: Mapping[str, int] | None = None,
) -> dict[str, tuple[str, ...]]:
    """document id -> the annotators it is assigned to (names in the order given)."""
    names = check_plan_arguments(annotators, overlap, per_overlap)
    rng = random.Random(seed)
    order = list(document_ids)
    rng.shuffle(order)
    shared = round(overlap * len(order)) if len(names) > 1 else 0
    rank = {name: i for i, name in enumerate(rng.sample(names, len(names)))}
    work = {name: int((load or {}).get(name, 0)) for name in names}
    plan: dict[str, tuple[str, ...]] = {}
    if shared:
        groups = list(combinations(names, per_overlap))
        rng.shuffle(groups)
        used = dict.fromkeys(groups, 0)
        for document_id in order[:shared]:
            group = min(
                groups,
                key=lambda g: (used[g], sum(work[n] for n in g), sum(rank[n] for n in g)),
            )
            used[group] += 1
            for name in group:
                work[name] += 1
            plan[document_id] = group
    for document_id in order[shared:]:
        name = min(names, key=lambda n: (work[n], rank[n]))
        work[name] += 1
        plan[document_id] = (name,)
    return plan
