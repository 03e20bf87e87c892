"""What every importer and exporter shares: records, rejections, the registry."""

from __future__ import annotations

import gzip
import hashlib
import io
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

from annotator.core.model import Annotation, Document


class ImportRejected(Exception):
    """Input that cannot be imported, with where it is and why, in plain words."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class ImportedRecord:
    """A document as read from a file, with any annotations the file carried."""

    document: Document
    annotations: list[Annotation] = field(default_factory=list)
    origin: str = ""  # "path" or "path:line", for reports


class Source:
    """One input to an importer: its name for messages and a way to read its bytes.

    ``data`` reads everything (fine for a page); ``open()`` streams, which is what the
    JSONL importer uses so a 200 MB file imports in bounded memory.
    """

    def __init__(self, name: str, opener: Callable[[], BinaryIO]) -> None:
        self.name = name
        self._opener = opener

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> Source:
        return cls(name, lambda: io.BytesIO(data))

    @classmethod
    def from_path(cls, path: Path) -> Source:
        if path.suffix.lower() == ".gz":
            return cls(str(path), lambda: gzip.open(path, "rb"))  # type: ignore[return-value]
        return cls(str(path), lambda: open(path, "rb"))

    def open(self) -> BinaryIO:
        return self._opener()

    @property
    def data(self) -> bytes:
        try:
            with self.open() as stream:
                return stream.read()
        except (OSError, EOFError, zlib.error) as exc:
            raise ImportRejected(self.name, f"cannot read the file ({exc})") from exc


class Importer(Protocol):
    id: str
    suffixes: tuple[str, ...]

    def read(self, source: Source) -> Iterator[ImportedRecord | ImportRejected]:
        """Yield documents, or a rejection for each part that cannot be imported.

        A rejection of the whole input is raised as ``ImportRejected``; any other
        exception is a bug.
        """
        ...


IMPORTERS: dict[str, Callable[[], Importer]] = {}


def register_importer(factory: Callable[[], Importer]) -> Callable[[], Importer]:
    importer = factory()
    if importer.id in IMPORTERS:
        raise ValueError(f"importer id {importer.id!r} registered twice")
    IMPORTERS[importer.id] = factory
    return factory


def importer_for(path: Path) -> Importer | None:
    """The importer for a file name, looking through a trailing ``.gz``."""
    name = path.name.lower()
    if name.endswith(".gz") and not name.endswith(".warc.gz"):
        name = name[:-3]
    for factory in IMPORTERS.values():
        importer = factory()
        if any(name.endswith(suffix) for suffix in importer.suffixes):
            return importer
    return None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def short_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()
