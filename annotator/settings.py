"""The user's settings: where the default project lives and who is annotating.

Settings are a TOML file in the user config directory (platformdirs); the default
project database is a SQLite file in the user data directory. ``ANNOTATOR_CONFIG_DIR``
and ``ANNOTATOR_DATA_DIR`` move both (tests use them to stay hermetic). Passwords are
never written here: a server URL is stored with its password removed.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

APP = "annotator"


def config_dir() -> Path:
    return Path(os.environ.get("ANNOTATOR_CONFIG_DIR") or platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    return Path(os.environ.get("ANNOTATOR_DATA_DIR") or platformdirs.user_data_dir(APP))


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'annotator.db'}"


def settings_path() -> Path:
    return config_dir() / "settings.toml"


def load() -> dict[str, Any]:
    path = settings_path()
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
        return {}  # a broken settings file must never stop the app; it is rewritten on save


def save(values: dict[str, Any]) -> None:
    """Write atomically: a crash mid-write leaves the old file, never half a file."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(tomli_w.dumps(values), encoding="utf-8")
    os.replace(tmp, path)


def remembered_annotator() -> str | None:
    name = load().get("annotator")
    return name if isinstance(name, str) and name.strip() else None


def remember_annotator(name: str) -> None:
    values = load()
    values["annotator"] = name
    save(values)


RECENT_LIMIT = 8


def without_password(url: str) -> str:
    """``url`` with any password taken out of it (``user:secret@host`` -> ``user@host``)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    userinfo, host = parts.netloc.rsplit("@", 1)
    user = userinfo.split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}" if user else host))


def recent_projects() -> list[str]:
    """The projects opened last, newest first (SQLite URLs and password-free server URLs)."""
    found = load().get("recent_projects", [])
    return [url for url in found if isinstance(url, str) and url][:RECENT_LIMIT]


def remember_project(url: str) -> None:
    url = without_password(url)
    values = load()
    recent = [u for u in recent_projects() if u != url]
    values["recent_projects"] = [url, *recent][:RECENT_LIMIT]
    save(values)


# ``[suggestions]`` of settings.toml: how the window's suggesters learn as I work.
SUGGESTION_DEFAULTS = {
    "retrain_every": 5,  # block model: refit after this many documents marked done (0: off)
    "ner_retrain_every": 10,  # entity model: retrain after this many documents done (0: off)
    "ner_iterations": 20,  # passes over the examples in a background entity training
}


def suggestion_setting(name: str) -> int:
    """``[suggestions] name`` of settings.toml (a whole number >= 0); its default from
    ``SUGGESTION_DEFAULTS`` when it is unset or not such a number."""
    table = load().get("suggestions")
    value = table.get(name) if isinstance(table, dict) else None
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return value if ok else SUGGESTION_DEFAULTS[name]
