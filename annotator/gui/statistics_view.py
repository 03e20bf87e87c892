"""The statistics view (F8): progress per annotator, label distribution and the active
time spent per document, as matplotlib charts in tabs. The numbers come from
``Workspace.statistics``; this module only draws them, in the window's colours."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.schema import LabelSchema
from annotator.workspace import Statistics

STATUS_COLORS = {  # bar colour, label colour; "not started" takes the palette's
    "done": ("#2e7d32", "#ffffff"),
    "in_progress": ("#f9a825", "#1f2933"),
    "skipped": ("#757575", "#ffffff"),
    "not started": (None, None),
}
TOP_DOCUMENTS = 20


def _minutes(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {secs:02d} s"


def _short(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


class _Colors:
    """The chart colours taken from the widget palette (so dark mode stays readable)."""

    def __init__(self, palette: QPalette) -> None:
        self.paper = palette.color(QPalette.ColorRole.Base).name()
        self.ink = palette.color(QPalette.ColorRole.Text).name()
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        self.grid = "#4b5563" if dark else "#cbd2d9"


def _figure(colors: _Colors, rows: int = 1, cols: int = 1):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7, 4.5), layout="constrained", facecolor=colors.paper)
    axes = figure.subplots(rows, cols, squeeze=False).ravel()
    for ax in axes:
        ax.set_facecolor(colors.paper)
        ax.tick_params(colors=colors.ink, labelcolor=colors.ink)
        for spine in ax.spines.values():
            spine.set_color(colors.grid)
        ax.title.set_color(colors.ink)
        ax.xaxis.label.set_color(colors.ink)
        ax.yaxis.label.set_color(colors.ink)
    return figure, axes


def progress_figure(stats: Statistics, colors: _Colors):
    figure, (ax,) = _figure(colors)
    sources = stats.sources
    if not sources:
        ax.text(0.5, 0.5, "Nobody has annotated yet", ha="center", color=colors.ink)
        ax.set_axis_off()
        return figure
    left = [0] * len(sources)
    for status, (color, ink) in STATUS_COLORS.items():
        if status == "not started":
            color, ink = colors.grid, colors.ink
            values = [max(0, stats.documents - sum(stats.progress[s].values())) for s in sources]
        else:
            values = [stats.progress[s].get(status, 0) for s in sources]
        if not any(values):
            continue
        bars = ax.barh(sources, values, left=left, color=color, label=status.replace("_", " "))
        ax.bar_label(
            bars, labels=[str(v) if v else "" for v in values], label_type="center", color=ink
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.invert_yaxis()
    ax.set_xlabel(f"documents (of {stats.documents})")
    ax.set_title("Progress per annotator")
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncols=4,
        frameon=False,
        labelcolor=colors.ink,
    )
    return figure


def labels_figure(stats: Statistics, schema: LabelSchema, colors: _Colors):
    figure, axes = _figure(colors, 1, 2)
    tables = (
        ("Block labels", stats.block_labels, schema.block_labels),
        ("Entity labels", stats.entity_labels, schema.entity_labels),
    )
    for ax, (title, table, labels) in zip(axes, tables, strict=True):
        totals = stats.totals(table)
        known = {label.name: label.color for label in labels}
        names = [n for n in known if n in totals] + [n for n in totals if n not in known]
        if not names:
            ax.text(0.5, 0.5, f"No {title.lower()} yet", ha="center", color=colors.ink)
            ax.set_axis_off()
            continue
        values = [totals[n] for n in names]
        bars = ax.barh(names, values, color=[known.get(n, "#757575") for n in names])
        ax.bar_label(bars, color=colors.ink, padding=2)
        ax.invert_yaxis()
        ax.set_title(f"{title} (all annotators and gold)")
        ax.set_xlabel("count")
    return figure


def time_figure(stats: Statistics, colors: _Colors):
    figure, (ax,) = _figure(colors)
    rows = stats.time_spent[:TOP_DOCUMENTS]
    if not rows:
        ax.text(0.5, 0.5, "No annotation time recorded yet", ha="center", color=colors.ink)
        ax.set_axis_off()
        return figure
    names = [f"{_short(row.title or row.document_id)} ({row.source})" for row in rows]
    minutes = [row.seconds / 60 for row in rows]
    bars = ax.barh(range(len(rows)), minutes, color="#2563eb")
    ax.set_yticks(range(len(rows)), names, fontsize=8)
    ax.bar_label(bars, labels=[_minutes(r.seconds) for r in rows], color=colors.ink, padding=2)
    ax.invert_yaxis()
    ax.set_xlabel("active minutes (pauses over 2 min not counted)")
    ax.set_title(f"Time spent per document (longest {len(rows)})")
    return figure


def summary_text(stats: Statistics) -> str:
    per_source = stats.seconds_by_source()
    parts = [f"{stats.documents} documents"]
    for source in stats.sources:
        done = stats.progress[source].get("done", 0)
        spent = per_source.get(source)
        time = f", {_minutes(spent)} active" if spent else ""
        parts.append(f"{source}: {done} done{time}")
    return " · ".join(parts)


class StatisticsDialog(QDialog):
    """Tabs of charts: Alt+P, Alt+L, Alt+T (or Ctrl+Tab) pick one, Alt+R refreshes,
    Esc closes."""

    def __init__(self, workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("statisticsDialog")
        self.setWindowTitle("Statistics")
        self.resize(900, 620)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("statisticsSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        refresh = buttons.addButton("&Refresh", QDialogButtonBox.ButtonRole.ActionRole)
        refresh.clicked.connect(self.refresh)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.stats: Statistics | None = None
        self.refresh()

    def refresh(self) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        current = self.tabs.currentIndex()
        self.stats = stats = self.workspace.statistics()
        colors = _Colors(self.palette())
        self.summary.setText(summary_text(stats))
        self.tabs.clear()
        figures = (
            ("&Progress", progress_figure(stats, colors)),
            ("&Labels", labels_figure(stats, self.workspace.schema, colors)),
            ("&Time", time_figure(stats, colors)),
        )
        for title, figure in figures:
            self.tabs.addTab(FigureCanvasQTAgg(figure), title)
        self.tabs.setCurrentIndex(max(0, current))


def open_statistics(window) -> StatisticsDialog:
    window.workspace.flush_active_time()  # the time so far counts in the chart
    dialog = StatisticsDialog(window.workspace, window)
    dialog.open()
    return dialog
