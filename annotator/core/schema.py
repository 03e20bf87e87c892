"""The label schema: which block and entity labels a project uses, with keys and colours."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field


class SchemaError(ValueError):
    """A label schema that cannot be used, with the field at fault in the message."""


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    key: str
    color: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class LabelSchema:
    block_labels: tuple[Label, ...]
    entity_labels: tuple[Label, ...]
    binary_body: frozenset[str] = field(default_factory=lambda: frozenset({"body", "heading"}))
    quote_key: str = "q"
    speaker_key: str = "s"
    quote_color: str = "#fdd835"

    @classmethod
    def parse(cls, text: str, origin: str = "label schema") -> LabelSchema:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise SchemaError(f"{origin}: not valid TOML: {exc}") from exc
        blocks = data.get("blocks", {})
        entities = data.get("entities", {})
        quotes = data.get("quotes", {})
        schema = cls(
            block_labels=_labels(blocks.get("labels", []), f"{origin}: blocks.labels"),
            entity_labels=_labels(entities.get("labels", []), f"{origin}: entities.labels"),
            binary_body=frozenset(blocks.get("binary_body", ["body", "heading"])),
            quote_key=str(quotes.get("key", "q")),
            speaker_key=str(quotes.get("speaker_key", "s")),
            quote_color=str(quotes.get("color", "#fdd835")),
        )
        schema._check(origin)
        return schema

    def _check(self, origin: str) -> None:
        for kind, labels in (("block", self.block_labels), ("entity", self.entity_labels)):
            names = [label.name for label in labels]
            keys = [label.key for label in labels]
            for name in set(names):
                if names.count(name) > 1:
                    raise SchemaError(f"{origin}: {kind} label {name!r} is declared twice")
            for key in set(keys):
                if keys.count(key) > 1:
                    raise SchemaError(f"{origin}: key {key!r} is used by two {kind} labels")
        unknown = self.binary_body - set(self.block_label_names)
        if unknown:
            raise SchemaError(
                f"{origin}: blocks.binary_body names unknown labels {sorted(unknown)}"
            )

    @property
    def block_label_names(self) -> list[str]:
        return [label.name for label in self.block_labels]

    @property
    def entity_label_names(self) -> list[str]:
        return [label.name for label in self.entity_labels]

    def block_label(self, name: str) -> Label | None:
        return next((label for label in self.block_labels if label.name == name), None)

    def entity_label(self, name: str) -> Label | None:
        return next((label for label in self.entity_labels if label.name == name), None)

    def binary(self, block_label: str) -> str:
        """Map a block label to the binary body/boilerplate view."""
        return "body" if block_label in self.binary_body else "boilerplate"


def _labels(raw: object, where: str) -> tuple[Label, ...]:
    if not isinstance(raw, list):
        raise SchemaError(f"{where}: expected a list of labels")
    labels = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise SchemaError(f"{where}[{i}]: a label needs a 'name'")
        key = item.get("key")
        if not isinstance(key, str) or len(key) != 1:
            raise SchemaError(f"{where}[{i}] ({item['name']}): 'key' must be one character")
        labels.append(
            Label(
                name=item["name"],
                key=key,
                color=str(item.get("color", "#888888")),
                description=str(item.get("description", "")),
            )
        )
    return tuple(labels)
