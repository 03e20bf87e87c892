"""Agreement charts as PNG files: agreement per label, and the block-label confusion
matrix of two annotators. Pure: figures are drawn from report data with matplotlib's
Agg canvas (no pyplot, no global backend, no display), written to a temporary file and
renamed into place. Colours are Okabe-Ito and cividis, readable with colour blindness.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from annotator.review.report import AgreementReport, ConfusionMatrix

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def _new_figure(**kwargs) -> Figure:
    """matplotlib is imported on the first chart: it costs seconds, and every CLI
    command would otherwise pay for it."""
    from matplotlib.figure import Figure

    return Figure(**kwargs)


DPI = 120
BLUE, ORANGE, GREEN = "#0072B2", "#E69F00", "#009E73"  # Okabe-Ito


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar group: a name, its values (None: undefined) and how many items it rests on."""

    name: str
    values: tuple[float | None, ...]
    count: int


@dataclass(frozen=True, slots=True)
class LabelChart:
    """What the per-label chart shows: Krippendorff's alpha per block label; exact and
    overlap F1 per entity label; quote content F1 (exact, overlap) and speaker agreement.
    Labels nobody used are left out; ``overall`` comes last in blocks and entities."""

    documents: int
    annotators: list[str]
    blocks: list[Bar]
    entities: list[Bar]
    quotes: list[Bar]


def label_chart(report: AgreementReport) -> LabelChart:
    data = report.as_dict()
    blocks = [
        Bar(name, (row["krippendorff_alpha"],), row["given"])
        for name, row in data["blocks"]["per_label"].items()
        if row["given"]
    ]
    overall = data["blocks"]["overall"]
    blocks.append(Bar("overall", (overall["krippendorff_alpha"],), overall["labels"]))
    entities = [
        Bar(name, (row["exact_f1"], row["overlap_f1"]), row["spans_a"] + row["spans_b"])
        for name, row in [*data["entities"]["per_label"].items()]
        if row["spans_a"] + row["spans_b"]
    ]
    e = data["entities"]["overall"]
    entities.append(Bar("overall", (e["exact_f1"], e["overlap_f1"]), e["spans_a"] + e["spans_b"]))
    q = data["quotes"]["overall"]
    quotes = [
        Bar("content", (q["exact_f1"], q["overlap_f1"]), q["quotes_a"] + q["quotes_b"]),
        Bar("speaker", (q["speaker_agreement"],), q["overlap_matches"]),
    ]
    return LabelChart(report.documents, report.annotators, blocks, entities, quotes)


def chart_pair(report: AgreementReport, pair: tuple[str, str] | None) -> tuple[str, str]:
    """The annotators of the confusion matrix: ``pair`` checked, or the two with most
    documents finished in common (ties: name order)."""
    if not report.documents:
        raise ValueError("no document has been finished by two or more annotators yet")
    shared: dict[tuple[str, str], int] = {}
    for names in report.doc_annotators:
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                shared[(a, b)] = shared.get((a, b), 0) + 1
    if pair is None:
        return max(sorted(shared), key=lambda p: shared[p])
    a, b = pair
    known = ", ".join(report.annotators)
    for name in (a, b):
        if name not in report.annotators:
            raise ValueError(
                f"unknown annotator {name!r}: no finished work on shared documents"
                f" (annotators: {known})"
            )
    if a == b:
        raise ValueError(f"a confusion matrix needs two different annotators, got {a!r} twice")
    if (min(a, b), max(a, b)) not in shared:
        raise ValueError(f"{a!r} and {b!r} finished no document in common")
    return a, b


def safe_file_name(name: str) -> str:
    """An annotator name as a file name part (letters, digits, ``._-``)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "annotator"


def _write(figure: Figure, path: Path) -> Path:
    """Render and save as PNG, atomically (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    try:
        figure.savefig(partial, format="png", dpi=DPI)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _bars(axes, bars: list[Bar], series: list[tuple[str, str]], title: str, note: str) -> None:
    """Horizontal bars, one group per ``bars`` item, one bar per series (name, colour)."""
    height = 0.8 / len(series)
    rows = np.arange(len(bars))[::-1]  # first item on top
    low = min([0.0] + [v for bar in bars for v in bar.values if v is not None])
    for s, (name, colour) in enumerate(series):
        offset = (len(series) - 1) / 2 * height - s * height
        present = [k for k, bar in enumerate(bars) if s < len(bar.values)]
        ys = rows[present] + offset
        values = [bars[k].values[s] for k in present]
        shown = [0.0 if v is None else v for v in values]
        axes.barh(ys, shown, height=height * 0.92, color=colour, label=name)
        for y, value in zip(ys, values, strict=True):
            text = "n/a" if value is None else f"{value:.2f}"
            axes.text(max(value or 0.0, 0.0) + 0.01, y, text, va="center", fontsize=8)
    axes.set_yticks(rows, [f"{bar.name}  (n={bar.count:,})" for bar in bars])
    for tick, bar in zip(axes.get_yticklabels(), bars, strict=True):
        if bar.name == "overall":
            tick.set_fontweight("bold")
    axes.set_xlim(min(low - 0.05, 0.0), 1.12)
    axes.axvline(0, color="#444444", linewidth=0.8)
    axes.set_title(title, loc="left", fontsize=11, fontweight="bold")
    axes.set_xlabel(note, fontsize=9)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    if len(series) > 1:
        axes.legend(
            loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=len(series), fontsize=8,
            frameon=False,
        )  # fmt: skip


def save_label_chart(chart: LabelChart, path: Path) -> Path:
    """Three panels: block labels, entity labels, quotes."""
    sizes = [len(chart.blocks), len(chart.entities) * 1.4, len(chart.quotes) * 1.4]
    figure = _new_figure(figsize=(9, 2.2 + 0.42 * sum(sizes)), layout="constrained")
    top, middle, bottom = figure.subplots(3, 1, height_ratios=[s + 1.2 for s in sizes])
    figure.suptitle(
        f"Agreement per label: {chart.documents:,}"
        f" document{'' if chart.documents == 1 else 's'} finished by two or more of"
        f" {', '.join(chart.annotators)}",
        fontsize=12,
    )
    _bars(
        top,
        chart.blocks,
        [("Krippendorff's alpha", BLUE)],
        "Block labels",
        "Krippendorff's alpha, each label against the rest (1 = perfect, 0 = chance);"
        " n = labels given",
    )
    _bars(
        middle,
        chart.entities,
        [("exact F1", BLUE), ("overlap F1", ORANGE)],
        "Entities",
        "F1 between annotators (exact: same start, end and label; overlap: same label,"
        " overlapping); n = spans",
    )
    _bars(
        bottom,
        chart.quotes,
        [("exact F1 / speaker agreement", BLUE), ("overlap F1", ORANGE)],
        "Quotes",
        "Content: F1 of quote ranges; speaker: share of matched quotes whose speakers agree;"
        " n = quotes, matches",
    )
    return _write(figure, path)


def save_confusion_chart(matrix: ConfusionMatrix, path: Path, kappa: float | None) -> Path:
    """The block-label confusion matrix, counts in the cells (labels neither annotator
    used are left out), coloured by the share of each row."""
    counts = np.array(matrix.counts, dtype=np.int64).reshape(len(matrix.labels), -1)
    used = (counts.sum(axis=0) + counts.sum(axis=1)) > 0
    if not used.any():
        used[:] = True
    counts = counts[np.ix_(used, used)]
    labels = [name for name, keep in zip(matrix.labels, used, strict=True) if keep]
    a, b = matrix.annotators
    rows = counts.sum(axis=1, keepdims=True)
    share = np.divide(counts, rows, out=np.zeros(counts.shape), where=rows > 0)
    side = 1.1 + 0.85 * len(labels)
    figure = _new_figure(figsize=(side + 2.6, side + 1.6), layout="constrained")
    axes = figure.subplots()
    image = axes.imshow(share, cmap="cividis", vmin=0.0, vmax=1.0)
    for i in range(len(labels)):
        for j in range(len(labels)):
            colour = "black" if share[i, j] > 0.6 else "white"
            weight = "bold" if i == j else "normal"
            axes.text(
                j, i, f"{counts[i, j]:,}", ha="center", va="center", color=colour,
                fontsize=10, fontweight=weight,
            )  # fmt: skip
    axes.set_xticks(range(len(labels)), labels, rotation=35, ha="right")
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlabel(f"{b}'s label")
    axes.set_ylabel(f"{a}'s label")
    shown = "n/a" if kappa is None else f"{kappa:.3f}"
    axes.set_title(
        f"Block labels: {a} (rows) vs {b} (columns)\n{int(counts.sum()):,} blocks both"
        f" labelled, Cohen's kappa {shown}",
        fontsize=11,
    )
    bar = figure.colorbar(image, ax=axes, shrink=0.8)
    bar.set_label(f"share of {a}'s row")
    return _write(figure, path)
