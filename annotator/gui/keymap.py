"""Keys of the actions: shipped defaults (resources/keymap.toml) plus the user's overrides.

A keymap maps ``mode -> action id -> [key, ...]``. Modes are ``global`` (active in every
mode), ``block``, ``span`` and ``review``. The user's overrides live in ``keymap.toml`` in the
config folder and hold only what differs from the defaults.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import tomli_w
from PySide6.QtGui import QKeySequence

from annotator.paths import resource_path
from annotator.settings import config_dir

GLOBAL = "global"
MODES = ("block", "span", "review")
ALL_MODES = (GLOBAL, *MODES)

Bindings = dict[str, dict[str, list[str]]]


def normalise(key: str) -> str:
    """One spelling per key: ``"j"`` and ``"J"`` are the same; ``"ctrl+z"`` is ``Ctrl+Z``."""
    text = QKeySequence(key.strip()).toString(QKeySequence.SequenceFormat.PortableText)
    return text or key.strip()


def user_keymap_path() -> Path:
    return config_dir() / "keymap.toml"


def _read(path: Path) -> Bindings:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
        return {}  # a broken user keymap must not stop the app; defaults apply
    bindings: Bindings = {}
    for mode in ALL_MODES:
        table = data.get(mode, {})
        if isinstance(table, dict):
            bindings[mode] = {
                str(action): [normalise(k) for k in keys if isinstance(k, str)]
                for action, keys in table.items()
                if isinstance(keys, list)
            }
    return bindings


class Keymap:
    def __init__(self, defaults: Bindings, overrides: Bindings | None = None) -> None:
        self.defaults = {mode: dict(defaults.get(mode, {})) for mode in ALL_MODES}
        self.overrides = {mode: dict((overrides or {}).get(mode, {})) for mode in ALL_MODES}

    @classmethod
    def load(cls, extra_defaults: Bindings | None = None) -> Keymap:
        """Shipped defaults, ``extra_defaults`` (label keys from the schema), user overrides."""
        defaults = _read(resource_path("keymap.toml"))
        for mode, table in (extra_defaults or {}).items():
            for action, keys in table.items():
                defaults.setdefault(mode, {}).setdefault(action, [normalise(k) for k in keys])
        return cls(defaults, _read(user_keymap_path()))

    def keys(self, action_id: str, mode: str) -> list[str]:
        if action_id in self.overrides[mode]:
            return list(self.overrides[mode][action_id])
        return list(self.defaults[mode].get(action_id, []))

    def modes_of(self, action_id: str) -> list[str]:
        return [m for m in ALL_MODES if self.keys(action_id, m)]

    def with_keys(self, action_id: str, mode: str, keys: list[str]) -> Keymap:
        """A copy with new keys for one action in one mode."""
        changed = Keymap(self.defaults, self.overrides)
        keys = [normalise(k) for k in keys if k.strip()]
        if keys == self.defaults[mode].get(action_id, []):
            changed.overrides[mode].pop(action_id, None)
        else:
            changed.overrides[mode][action_id] = keys
        return changed

    def conflicts(self, action_ids: list[str]) -> list[str]:
        """Keys bound twice within a mode (global keys count in every mode), as sentences."""
        problems = []
        for mode in MODES:
            owner: dict[str, str] = {}
            for scope in (GLOBAL, mode):
                for action_id in action_ids:
                    for key in self.keys(action_id, scope):
                        other = owner.get(key)
                        if other and other != action_id:
                            problems.append(
                                f"{key} is used by both {other} and {action_id} in {mode} mode"
                            )
                        owner[key] = action_id
        return sorted(set(problems))

    def save(self) -> Path:
        """Write the overrides atomically to the user's config folder."""
        path = user_keymap_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {mode: table for mode, table in self.overrides.items() if table}
        tmp = path.with_suffix(".toml.tmp")
        tmp.write_text(tomli_w.dumps(data), encoding="utf-8")
        os.replace(tmp, path)
        return path
