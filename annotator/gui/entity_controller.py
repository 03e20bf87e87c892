"""Entities that learn in the window: background retraining of the entity model, and a
span marked once suggested at its other occurrences at once.

Retraining: after every ``ner_retrain_every`` documents I mark done (settings.toml,
``[suggestions] ner_retrain_every``, default 10; 0 switches it off) a child process
(``annotator train ner --events``) trains the entity model on the done and gold
annotations, makes it the project's, and suggests with it the entities of the open
document and the next unfinished ones; the status bar names the new version. One
training at a time, and never while the block child writes the same suggestions.

Label once, suggested everywhere: after each change of my annotation of the open
document, the workspace counts its spans among the confirmed texts (``learn_spans``);
when those changed, the open document's suggestions are merged with them again
(``learned_suggestions``) and repainted. Any document is merged the same way when it is
opened, so every unfinished document shows them at once, with no pre-annotation run.
The project's confirmed texts are read in a worker thread (with a Workspace of its own)
when the window opens and again after each entity training (others confirmed more
meanwhile); until they arrive, the spans I mark are suggested already.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, Signal

from annotator import settings
from annotator.gui.suggest_runner import SuggestRunner
from annotator.workspace import Workspace

LONG_MESSAGE_MS = 20_000


class _Loaded(QObject):
    """Carries the confirmed texts read in a worker thread to the window's thread."""

    done = Signal(object)  # LearnedTerms, or None when they could not be read


class EntityLearning(QObject):
    trainingFinished = Signal(dict)  # noqa: N815  the child's report (or {"error": ...})
    learnedShown = Signal(str)  # noqa: N815  the open document shows merged confirmed texts
    termsLoaded = Signal()  # noqa: N815  the project's confirmed texts are in use

    def __init__(self, owner) -> None:
        super().__init__(owner)
        self.owner = owner  # the SuggestionsController: the block child, the reload
        self.window = owner.window
        self.workspace = owner.workspace
        self.session = owner.session
        self.retrain_every = settings.suggestion_setting("ner_retrain_every")
        self.iterations = max(1, settings.suggestion_setting("ner_iterations"))
        self.done_since_training: set[str] = set()
        self.runner: SuggestRunner | None = None
        self.pending = False  # asked while the block child was running
        self._documents: list[str] = []
        self.session.saved.connect(self._saved)
        self.session.statusChanged.connect(self._status_changed)
        self.session.documentOpened.connect(self._opened)
        self.loading = False
        self.workspace.defer_learned_terms()
        self.load_terms()

    # -------------------------------------------------------- the confirmed texts
    def load_terms(self) -> None:
        """Read the project's confirmed texts in a worker thread, then use them."""
        if self.loading:
            return
        self.loading = True
        carrier = _Loaded()
        carrier.done.connect(self._terms_loaded)
        url, annotator = self.workspace.db.url, self.workspace.annotator

        def read() -> None:
            try:
                with Workspace.open(url, annotator) as workspace:
                    learned = workspace.read_learned_terms()
            except Exception:  # noqa: BLE001 - the project went away: keep what we have
                learned = None
            carrier.done.emit(learned)

        self._carrier = carrier  # alive until it has delivered
        QThreadPool.globalInstance().start(read)

    def _terms_loaded(self, learned) -> None:
        self.loading = False
        if learned is not None:
            self.workspace.use_learned_terms(learned)
            self.show_learned()
        self.termsLoaded.emit()

    # -------------------------------------------------------- label once, everywhere
    def _saved(self, document_id: str) -> None:
        document = self.session.document
        if document is None or document.id != document_id:
            return
        if self.workspace.learn_spans(document_id, document.text):
            self.show_learned()

    def _opened(self, document_id: str | None) -> None:
        if document_id is not None and not self.workspace.is_done(document_id):
            self.show_learned()

    def show_learned(self) -> bool:
        """Merge the confirmed texts into the open document's suggestions (stored) and
        show them; True when what it shows changed."""
        document_id = self.session.document_id
        if document_id is None:
            return False
        shown = self.session.model.suggestion_annotation()
        merged = self.workspace.learned_suggestions(document_id)
        # each stored change has a new version (what is shown may hide my rejections)
        if merged is None or (shown is not None and merged.version == shown.version):
            return False
        self.owner.show_suggestions(merged)
        self.learnedShown.emit(document_id)
        return True

    # -------------------------------------------------------------- retraining
    def _status_changed(self, document_id: str) -> None:
        if not self.workspace.is_done(document_id):
            self.done_since_training.discard(document_id)
            return
        self.done_since_training.add(document_id)
        if self.retrain_every and len(self.done_since_training) >= self.retrain_every:
            if not self.loading and not len(self.workspace.learned_terms()):
                return  # nobody marked an entity yet: nothing to train on, no message
            self.retrain()

    def retrain(self) -> bool:
        """Retrain the entity model now, in a child process, then suggest the entities
        of the open document and the next unfinished ones with it. False when a training
        is running already."""
        if self.runner is not None:
            return False
        if self.owner.background is not None:  # the block child writes suggestions now
            self.pending = True
            return True
        self.pending = False
        count = len(self.done_since_training)
        self.done_since_training.clear()
        self._documents = self.owner.upcoming()
        runner = SuggestRunner(self.workspace.db.url, self.workspace.annotator, self)
        runner.finished.connect(self._trained)
        self.runner = runner
        self.window.status.say(
            f"Retraining the entity model in the background ({count} documents done since "
            "the last training)…"
        )
        runner.train_ner(self.iterations, self._documents)
        return True

    def start_pending(self) -> None:
        """The block child finished: start the training asked for meanwhile."""
        if self.pending:
            self.retrain()

    def _trained(self, report: dict) -> None:
        self.runner = None
        if "error" in report:
            self.window.status.showMessage(
                f"Entity model not retrained: {report['error']}", LONG_MESSAGE_MS
            )
        else:
            n = report.get("documents") or 0
            parts = [
                str(report.get("entity_model") or "Entity model retrained"),
                f"{n} document{'s' if n != 1 else ''} re-suggested",
            ]
            skipped = report.get("skipped_spans") or 0
            if skipped:
                parts.append(f"{skipped} span{'s' if skipped != 1 else ''} skipped")
            self.window.status.showMessage(" · ".join(parts), LONG_MESSAGE_MS)
            if self.session.document_id in self._documents:
                self.owner.reload_open_document()
            self.window.document_list.refresh()
            self.load_terms()
        self.trainingFinished.emit(report)
        self.owner.entity_training_ended()

    def stop(self) -> None:
        if self.runner is not None:
            self.runner.stop_and_wait()
