"""Loading the project's spaCy pipeline, and saying clearly when there is none.

The pipeline is named by the project setting (``Workspace.set_entity_model``), overridden
by the environment variable ``ANNOTATOR_SPACY_MODEL``, else ``en_core_web_sm``. A name is
an installed pipeline package or a folder (``annotator train ner`` writes one). ``none``
means no pipeline: entity suggestions then come from the rules and the project's confirmed spans.

The official spaCy pipelines are not on the package registries this project installs from,
so the default is usually missing: ``load_pipeline`` raises ``PipelineUnavailable`` whose
message names the pipeline and the ways to get one (``annotator train ner`` from the
project's own annotations, or installing a pipeline package and pointing the setting at it).
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

DEFAULT_PIPELINE = "en_core_web_sm"
ENV_VAR = "ANNOTATOR_SPACY_MODEL"
NO_PIPELINE = "none"

log = logging.getLogger("annotator.nlp")
_warned: set[str] = set()
_warned_lock = threading.Lock()


class PipelineUnavailable(RuntimeError):
    """The configured pipeline cannot be loaded; the message says why and what to do."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(install_hint(name, reason))


def install_hint(name: str, reason: str = "not installed") -> str:
    return (
        f"spaCy pipeline {name!r} is {reason}: entity suggestions come from rules and name "
        f"lists and the project's confirmed entity spans, quote speakers from rules. To get "
        f"a trained pipeline, run `annotator train ner` (trains one from this project's done "
        f"and gold annotations and uses it), or install a pipeline package and name it with "
        f"{ENV_VAR}=NAME_OR_PATH or `annotator preannotate --entity-model NAME_OR_PATH` "
        f"(see the README, 'Entity model')."
    )


def configured_name(setting: str | None) -> str:
    """The pipeline to use: the environment variable, else the project setting, else
    the default."""
    return os.environ.get(ENV_VAR) or setting or DEFAULT_PIPELINE


@dataclass
class LoadedPipeline:
    nlp: Language
    name: str  # as configured (package name or path)

    @property
    def label(self) -> str:
        """``name-version`` from the pipeline's meta: what suggestions record."""
        meta = self.nlp.meta
        return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"

    @property
    def has_ner(self) -> bool:
        return "ner" in self.nlp.pipe_names

    @property
    def has_parser(self) -> bool:
        return "parser" in self.nlp.pipe_names

    def needed(self, entities: bool, parse: bool) -> list[str]:
        """Components to run for entities and/or a parse, with the tok2vec/transformer
        components they listen to."""
        wanted = set()
        if entities and self.has_ner:
            wanted.add("ner")
        if parse and self.has_parser:
            wanted.add("parser")
        for name, component in self.nlp.pipeline:
            listeners: Any = getattr(component, "listening_components", None)
            if listeners and wanted & set(listeners):
                wanted.add(name)
        return [name for name in self.nlp.pipe_names if name in wanted]

    def disabled(self, entities: bool, parse: bool) -> list[str]:
        keep = set(self.needed(entities, parse))
        return [name for name in self.nlp.pipe_names if name not in keep]


def load_pipeline(name: str) -> LoadedPipeline:
    """Load a pipeline package or folder; ``PipelineUnavailable`` when it cannot be."""
    if name == NO_PIPELINE:
        raise PipelineUnavailable(name, "switched off")
    path = Path(name).expanduser()
    target: str | Path = path if path.is_dir() else name
    try:
        nlp = spacy.load(target)
    except OSError as exc:
        reason = "not installed" if not path.is_dir() else f"not loadable ({exc})"
        raise PipelineUnavailable(name, reason) from None
    except Exception as exc:  # a broken or incompatible package: say so, don't crash
        raise PipelineUnavailable(name, f"not loadable ({type(exc).__name__}: {exc})") from None
    return LoadedPipeline(nlp, name)


def warn_once(error: PipelineUnavailable) -> bool:
    """Log the message once per process and pipeline; True the first time."""
    with _warned_lock:
        if error.name in _warned:
            return False
        _warned.add(error.name)
    if error.name != NO_PIPELINE:
        log.warning("%s", error)
    return True
