"""spaCy for the bundle, leaner than the stock hook: the app needs spaCy's blank English
tokenizer (and trained pipelines loaded from a folder), not the 70 other languages or
spaCy's test suite. Replaces pyinstaller-hooks-contrib's hook-spacy."""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

KEEP_LANG = {
    "en",
    "lex_attrs",
    "punctuation",
    "char_classes",
    "tokenizer_exceptions",
    "norm_exceptions",
}


def _wanted(name: str) -> bool:
    parts = name.split(".")
    if len(parts) > 1 and parts[1] == "tests":
        return False
    if len(parts) > 2 and parts[1] == "lang":
        return parts[2] in KEEP_LANG
    return True


hiddenimports = collect_submodules("spacy", filter=_wanted)
datas = [
    (src, dest)
    for src, dest in collect_data_files("spacy")
    if "/tests" not in dest and ("/lang/" not in dest + "/" or "/lang/en" in dest)
]
