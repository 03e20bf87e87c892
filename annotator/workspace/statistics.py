"""Project statistics for the statistics view: progress per annotator, how often each
label was used, and the active time spent on each document. Plain numbers, no Qt."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from annotator.store import documents as document_repo
from annotator.store.statistics import iter_annotation_facts
from annotator.workspace.timing import ACTIVE_SECONDS


@dataclass(frozen=True, slots=True)
class DocumentTime:
    document_id: str
    title: str | None
    source: str
    seconds: float


@dataclass(slots=True)
class Statistics:
    """``progress``: ``{source: {status: documents}}``; ``block_labels`` and
    ``entity_labels``: ``{source: {label: count}}``; ``quotes``: ``{source: count}``;
    ``time_spent``: one row per annotation that has recorded time, longest first."""

    documents: int
    progress: dict[str, dict[str, int]] = field(default_factory=dict)
    block_labels: dict[str, dict[str, int]] = field(default_factory=dict)
    entity_labels: dict[str, dict[str, int]] = field(default_factory=dict)
    quotes: dict[str, int] = field(default_factory=dict)
    time_spent: list[DocumentTime] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return sorted(self.progress)

    def totals(self, table: dict[str, dict[str, int]]) -> dict[str, int]:
        """A per-source table summed over the sources, most used label first."""
        total: Counter[str] = Counter()
        for counts in table.values():
            total.update(counts)
        return dict(total.most_common())

    def seconds_by_source(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for row in self.time_spent:
            out[row.source] = out.get(row.source, 0.0) + row.seconds
        return out


class StatisticsMixin:
    """Mixed into Workspace; uses ``self.db``."""

    def statistics(self) -> Statistics:
        with self.db.reading() as session:
            stats = Statistics(documents=document_repo.count_documents(session))
            for facts in iter_annotation_facts(session):
                source = facts.source
                status = stats.progress.setdefault(source, {})
                status[facts.status] = status.get(facts.status, 0) + 1
                blocks = stats.block_labels.setdefault(source, {})
                for item in facts.blocks:
                    blocks[item[1]] = blocks.get(item[1], 0) + 1
                entities = stats.entity_labels.setdefault(source, {})
                for item in facts.spans:
                    entities[item[2]] = entities.get(item[2], 0) + 1
                stats.quotes[source] = stats.quotes.get(source, 0) + len(facts.quotes)
                seconds = facts.meta.get(ACTIVE_SECONDS)
                if isinstance(seconds, int | float) and seconds > 0:
                    stats.time_spent.append(
                        DocumentTime(facts.document_id, facts.title, source, float(seconds))
                    )
        stats.time_spent.sort(key=lambda row: (-row.seconds, row.document_id, row.source))
        return stats
