"""Suggestions in the window: pre-annotation in a child process with a progress dialog,
background retraining of the block model as documents are marked done, lazy refresh of
stale block suggestions, and least-confident-first navigation.

Retraining: after every ``retrain_every`` documents I mark done (settings.toml,
``[suggestions] retrain_every``, default 5; 0 switches it off) a child process refits the
block model on the confirmed labels and re-suggests the blocks of the open document and
the next unfinished ones. Any other document whose block suggestions were made by an
older model is refreshed in the background when it is opened, and so is one whose entity
suggestions were made before the project's newest entity model. Entities learn the same
way (``entity_controller``); the two children never write suggestions at the same time
(the one asked for second starts when the first ends).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Signal

from annotator import settings
from annotator.gui.confidence import ConfidenceLabel, describe, next_uncertain
from annotator.gui.entity_controller import EntityLearning
from annotator.gui.suggest_dialogs import PreannotateDialog, SuggestProgress
from annotator.gui.suggest_runner import SuggestRunner
from annotator.workspace.suggesting import BlockModelInfo, EntityModelInfo

DEFAULT_RETRAIN_EVERY = settings.SUGGESTION_DEFAULTS["retrain_every"]
REFRESH_AHEAD = 10  # unfinished documents after the open one refreshed with it
MODEL_CHECK_SECONDS = 30.0  # how long the known block model id is trusted
LONG_MESSAGE_MS = 20_000  # results of background work stay this long in the status bar


def retrain_every() -> int:
    """``[suggestions] retrain_every`` of settings.toml; the default when unset or bad."""
    return settings.suggestion_setting("retrain_every")


class SuggestionsController(QObject):
    preannotationFinished = Signal(dict)  # noqa: N815  the child's report
    backgroundFinished = Signal(dict)  # noqa: N815  a retrain or refresh ended
    suggestionsReloaded = Signal(str)  # noqa: N815  the open document shows new ones

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.session = window.session
        self.retrain_every = retrain_every()
        self.batch = 20  # documents per transaction: what a cancel may still finish
        self.done_since_fit: set[str] = set()
        self.foreground: SuggestRunner | None = None
        self.background: SuggestRunner | None = None
        self.dialog: SuggestProgress | None = None
        self._background_documents: list[str] = []
        self._pending_refresh = False
        self._pending_blocks = False  # a block retrain asked for while entities trained
        self._model: tuple[float, BlockModelInfo | None] | None = None
        self._entity_model: tuple[float, EntityModelInfo | None] | None = None
        self._background_what: list[str] = ["blocks"]
        self._walk: tuple[str | None, int] | None = None  # where the last U jump went
        self.confidence = ConfidenceLabel(self.session.model)
        window.status.insertPermanentWidget(0, self.confidence)
        self.session.currentBlockChanged.connect(self.confidence.show_block)
        self.session.statusChanged.connect(self._status_changed)
        self.session.documentOpened.connect(self._opened)
        self.entities = EntityLearning(self)
        window.installEventFilter(self)

    # ------------------------------------------------------------ pre-annotation
    def open_dialog(self) -> PreannotateDialog | None:
        if self.foreground is not None:
            self.window.status.say("Pre-annotation is already running")
            return None
        document = self.session.document
        title = (document.meta.title or document.id) if document else None
        dialog = PreannotateDialog(title, self.workspace.progress().total, self.window)
        if document is not None and self.workspace.progress().total > 200:
            dialog.this_document.setChecked(True)  # a big project: the quick choice first
        dialog.accepted.connect(
            lambda: self.preannotate(
                dialog.chosen(),
                [document.id] if dialog.current_document_only() and document else None,
            )
        )
        dialog.open()
        return dialog

    def preannotate(self, what: list[str], documents: list[str] | None = None) -> None:
        """Run pre-annotation of ``what`` for ``documents`` (None: the whole project)."""
        if self.foreground is not None or not what:
            return
        runner = SuggestRunner(self.workspace.db.url, self.workspace.annotator, self)
        scope = "this document" if documents else "the whole project"
        dialog = SuggestProgress(f"Suggesting {', '.join(what)} for {scope}", self.window)
        runner.progressed.connect(dialog.show_progress)
        runner.finished.connect(lambda report: self._preannotated(report, what))
        dialog.cancelRequested.connect(runner.cancel)
        self.foreground, self.dialog = runner, dialog
        dialog.open()
        runner.start(what, documents, batch=self.batch)

    def cancel(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()

    def _preannotated(self, report: dict, what: list[str]) -> None:
        self.foreground = None
        if self.dialog is not None:
            self.dialog.done(0)
            self.dialog.deleteLater()
            self.dialog = None
            self.window.activateWindow()
            self.window.focus_article()
        self._model = None
        if "error" in report:
            self.window.status.say(f"Pre-annotation failed: {report['error']}")
        else:
            self.window.status.showMessage(_summary(report, what), LONG_MESSAGE_MS)
            self.reload_open_document()
            self.window.document_list.refresh()
        self.preannotationFinished.emit(report)

    # -------------------------------------------------------------- retraining
    def _status_changed(self, document_id: str) -> None:
        if not self.workspace.is_done(document_id):
            self.done_since_fit.discard(document_id)
            return
        self.done_since_fit.add(document_id)
        if self.retrain_every and len(self.done_since_fit) >= self.retrain_every:
            self.retrain()

    def retrain_all(self) -> bool:
        """Retrain the block model and the entity model now (``Ctrl+Shift+R``), one
        child after the other; False when both are running already."""
        blocks = self.retrain()
        entities = self.entities.retrain()
        if blocks and entities:
            self.window.status.say(
                "Retraining block and entity suggestions in the background, one after the other…"
            )
        return blocks or entities

    def retrain(self) -> bool:
        """Refit the block model now and re-suggest the blocks of the open document
        and the next unfinished ones, in the background. False when one is running."""
        if self.background is not None:
            return False
        if self.entities.runner is not None:  # it writes suggestions: after it
            self._pending_blocks = True
            return True
        self._pending_blocks = False
        documents = self.upcoming()
        count = len(self.done_since_fit)
        self.done_since_fit.clear()
        self.window.status.say(
            f"Retraining block suggestions in the background ({count} documents done since "
            "the last fit)…"
        )
        self._run_background(documents, retrain=True)
        return True

    def upcoming(self) -> list[str]:
        """The open document unless I finished it, and the next unfinished ones."""
        found: list[str] = []
        current = self.session.document_id
        if current and not self.workspace.is_done(current):
            found.append(current)
        after = current
        for _ in range(REFRESH_AHEAD):
            after = self.workspace.next_unfinished(after_id=after)
            if after is None or after in found:
                break
            found.append(after)
        return found

    def _run_background(
        self, documents: list[str], retrain: bool, what: list[str] | None = None
    ) -> None:
        what = what or ["blocks"]
        runner = SuggestRunner(self.workspace.db.url, self.workspace.annotator, self)
        runner.finished.connect(lambda report: self._background_done(report, retrain))
        self.background, self._background_documents = runner, documents
        self._background_what = what
        runner.start(what, documents, retrain=retrain, batch=5)

    def _background_done(self, report: dict, retrained: bool) -> None:
        self.background = None
        self._model = None
        refreshed, what = self._background_documents, self._background_what
        if "error" in report:
            self.window.status.say(
                f"Background {_kinds(what)} suggestions failed: {report['error']}"
            )
        else:
            n = report.get("documents") or 0
            if "blocks" in what:
                model = report.get("block_model") or "the rule prior"
                how = "retrained" if retrained and report.get("retrained") else "applied"
            else:
                model = self._entity_description()
                how = "applied"
            self.window.status.showMessage(
                f"{model[0].upper()}{model[1:]} {how} · {n} document{'s' if n != 1 else ''} "
                "re-suggested",
                LONG_MESSAGE_MS,
            )
            if "blocks" in what:
                self.confidence.setToolTip(f"Block suggestions: {model}")
            if self.session.document_id in refreshed:
                self.reload_open_document()
            self.window.document_list.refresh()
        self.backgroundFinished.emit(report)
        if self.entities.pending:
            self.entities.start_pending()
        elif self._pending_refresh:
            self._pending_refresh = False
            self._opened(self.session.document_id)

    def entity_training_ended(self) -> None:
        """The entity child finished: run what waited for it."""
        self._entity_model = None
        if self._pending_blocks:
            self.retrain()
        elif self._pending_refresh:
            self._pending_refresh = False
            self._opened(self.session.document_id)

    # ---------------------------------------------------------------- laziness
    def model_info(self) -> BlockModelInfo | None:
        now = time.monotonic()
        if self._model is None or now - self._model[0] > MODEL_CHECK_SECONDS:
            self._model = (now, self.workspace.block_model_info())
        return self._model[1]

    def entity_model_info(self) -> EntityModelInfo | None:
        now = time.monotonic()
        if self._entity_model is None or now - self._entity_model[0] > MODEL_CHECK_SECONDS:
            self._entity_model = (now, self.workspace.entity_model_info())
        return self._entity_model[1]

    def _entity_description(self) -> str:
        info = self.entity_model_info()
        return info.describe() if info else "the entity suggester"

    def stale(self, document_id: str) -> list[str]:
        """What of its suggestions is older than the project's models: ``blocks`` (made by
        another block model than the stored one), ``entities`` (made before the newest
        entity model was trained)."""
        suggested = self.workspace.suggestions(document_id)
        if suggested is None:
            return []
        kinds = []
        info, made_by = self.model_info(), suggested.meta.get("blocks")
        if info is not None and made_by is not None and made_by != info.model_id:
            kinds.append("blocks")
        entity, made_by = self.entity_model_info(), suggested.meta.get("entities")
        if entity is not None and made_by is not None and not entity.made(made_by):
            kinds.append("entities")
        return kinds

    def is_stale(self, document_id: str) -> bool:
        """Its block suggestions were made by another block model than the stored one."""
        return "blocks" in self.stale(document_id)

    def _opened(self, document_id: str | None) -> None:
        self.confidence.show_block(self.session.model.current)
        if document_id is None or self.workspace.is_done(document_id):
            return
        kinds = self.stale(document_id)
        if not kinds:
            return
        if self.background is not None or self.entities.runner is not None:
            self._pending_refresh = True
            return
        names = " and ".join({"blocks": "block", "entities": "entity"}[k] for k in kinds)
        self.window.status.say(
            f"Refreshing this document's {names} suggestions with the new model…"
        )
        self._run_background(self.upcoming(), retrain=False, what=kinds)

    def reload_open_document(self) -> None:
        """Show the stored suggestions of the open document (made elsewhere)."""
        document_id = self.session.document_id
        if document_id is None:
            return
        if self.workspace.is_done(document_id):
            suggested = self.workspace.suggestions(document_id)
        else:  # with the confirmed texts merged in, as when it is opened
            suggested = self.workspace.learned_suggestions(document_id)
        self.show_suggestions(suggested)
        self.confidence.show_block(self.session.model.current)
        self.suggestionsReloaded.emit(document_id)

    def show_suggestions(self, suggested) -> None:
        """Show these suggestions of the open document (read anew) in the window, less
        what I rejected (the session's ``refresh_suggestions``)."""
        self.session.refresh_suggestions(suggested)

    # --------------------------------------------------------- least confident
    def jump_uncertain(self, step: int = +1) -> None:
        """To the next (or previous) unconfirmed block, least confident first: from the
        block the last jump reached, else from the least confident one."""
        model = self.session.model
        walking = self._walk == (self.session.document_id, model.current)
        row = next_uncertain(model, step, walking)
        if row is None:
            self.window.status.say("No open suggestions in this document")
            return
        self.session.move_to(row)
        self._walk = (self.session.document_id, row)
        self.window.status.say(f"Block {row + 1}: {describe(model, row)}")

    def toggle_list_order(self) -> None:
        order = self.window.document_list.toggle_order()
        self.window.document_list.view.scrollToTop()
        self.window.status.say(
            "Documents: least confident suggestions first"
            if order == "uncertain"
            else "Documents: in import order"
        )

    # ------------------------------------------------------------------ closing
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window and event.type() == QEvent.Type.Close:
            for runner in (self.foreground, self.background, self.entities.runner):
                if runner is not None:
                    runner.stop_and_wait()
        return super().eventFilter(watched, event)


def _kinds(what: list[str]) -> str:
    """``["blocks", "entities"]`` -> ``block and entity``."""
    return " and ".join({"blocks": "block", "entities": "entity"}.get(k, k) for k in what)


def _summary(report: dict, what: list[str]) -> str:
    done, total = report.get("documents"), report.get("total")
    if report.get("cancelled"):
        head = "Pre-annotation cancelled"
        head += f" after {done} of {total} documents (those are saved)" if done is not None else ""
    else:
        head = f"Suggested {', '.join(what)} for {done} of {total} documents"
    meta = dict(report.get("meta") or {})
    if report.get("block_model") and "blocks" in meta:
        meta["blocks"] = report["block_model"]  # "block model v3 (classifier, ...)"
    made_by = ", ".join(
        f"{kind} by {model.removeprefix(f'suggest.{kind}.')}" for kind, model in meta.items()
    )
    parts = [head]
    if made_by:
        parts.append(made_by)
    if report.get("retrained"):
        parts.append("block model refitted first")
    if report.get("pipeline_problem"):
        parts.append("no spaCy pipeline installed (see the README, 'Entity model')")
    return " · ".join(parts)
