"""Annotating: applying undoable commands to one annotator's annotation of a document.

Every ``apply``/``revert`` is one short transaction that commits the change at once.
The workspace remembers the version of each annotation it last saw, so a change made
elsewhere in the meantime (the same annotator on a second machine) raises
``VersionConflict`` instead of being overwritten; the caller reloads with
``my_annotation(..., reload=True)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.commands import ChangeSet, Command
from annotator.core.model import SUGGESTIONS, Annotation, Quote, Span, Status
from annotator.core.spans import TokenIndex
from annotator.nlp import tokens as tokenizing
from annotator.store import annotations as annotation_repo
from annotator.store import navigation
from annotator.store.annotations import VersionConflict
from annotator.store.documents import count_documents


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int


class Annotating:
    """Mixed into Workspace; uses ``self.db``, ``self.annotator``, ``self.schema``."""

    def _known(self) -> dict[str, Annotation]:
        cache = self.__dict__.get("_known_annotations")
        if cache is None:
            cache = self.__dict__["_known_annotations"] = {}
        return cache

    def my_annotation(self, document_id: str, reload: bool = False) -> Annotation:
        """My annotation of the document; an empty one (version 0) if I have none yet."""
        known = self._known()
        if reload or document_id not in known:
            with self.db.reading() as session:
                found = annotation_repo.get_annotation(session, document_id, self._me())
            known[document_id] = found or Annotation(document_id, self._me())
        return known[document_id]

    def suggestions(self, document_id: str) -> Annotation | None:
        with self.db.reading() as session:
            return annotation_repo.get_annotation(session, document_id, SUGGESTIONS)

    def tokens(self, document_id: str, text: str | None = None) -> TokenIndex:
        """The token boundaries of a document (spaCy's tokenizer, cached per document);
        pass ``text`` when the caller already holds the document."""
        if text is None:
            document = self.document(document_id)
            text = document.text if document else ""
        return TokenIndex(tokenizing.token_offsets(text, key=document_id))

    def quote_around(self, text: str, offset: int, entities: Sequence[Span] = ()) -> Quote | None:
        """The quoted passage whose marks hold ``offset``, with the speaker and cue the quote
        rules give it (``annotator.nlp.quotes.quote_around``); pure Python, so the window
        may call it on a key press."""
        from annotator.nlp.quotes import quote_around

        return quote_around(text, offset, entities)

    def tokenize_in_subprocess(self) -> None:
        """Keep spaCy out of this process (the app calls this: see nlp.tokens)."""
        tokenizing.use_subprocess(True)

    def warm_up_tokenizer(self) -> None:
        """Load the tokenizer now (slow the first time: it imports spaCy)."""
        tokenizing.warm_up()

    def apply(self, document_id: str, command: Command) -> ChangeSet:
        return self._commit(document_id, command.apply(self.my_annotation(document_id)), command)

    def revert(self, document_id: str, command: Command) -> ChangeSet:
        return self._commit(document_id, command.revert(self.my_annotation(document_id)), command)

    def _commit(self, document_id: str, changed: Annotation, command: Command) -> ChangeSet:
        changed = self._with_active_time(document_id, changed)  # see workspace.timing
        try:
            with self.db.writing() as session:
                saved = annotation_repo.save_annotation(session, changed, self.changed_by)
        except VersionConflict as conflict:
            self._known()[document_id] = conflict.current
            raise
        self._known()[document_id] = saved
        return command.changes

    def forget(self, document_id: str) -> None:
        """Drop the remembered state of a document (it is read again when next asked)."""
        self._known().pop(document_id, None)

    def is_done(self, document_id: str) -> bool:
        return self.my_annotation(document_id).status == Status.DONE

    def next_unfinished(self, after_id: str | None = None) -> str | None:
        with self.db.reading() as session:
            return navigation.next_unfinished(session, self._me(), after_id)

    def neighbour(self, document_id: str, step: int) -> str | None:
        with self.db.reading() as session:
            return navigation.neighbour(session, document_id, step)

    def first_document(self) -> str | None:
        with self.db.reading() as session:
            return navigation.first_document(session)

    def progress(self) -> Progress:
        with self.db.reading() as session:
            return Progress(navigation.done_count(session, self._me()), count_documents(session))
