"""Annotator: keyboard-first curation of news-article training corpora."""

__version__ = "0.1.0"
