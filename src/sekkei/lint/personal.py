"""Recognising personal data from column names and comments, in English and Japanese."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

_SPLIT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+")


@dataclass(frozen=True)
class Category:
    name: str
    words: frozenset[str]  # English words, lower case, as joined snake_case terms
    japanese: tuple[str, ...]
    sensitive: bool


@cache
def categories() -> tuple[Category, ...]:
    """The categories of personal data and the words that mark them (from the data file)."""
    text = resources.files("sekkei.lint.data").joinpath("personal_data.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)["categories"]
    return tuple(
        Category(
            name,
            frozenset(w.lower() for w in spec.get("en", [])),
            tuple(spec.get("ja", [])),
            bool(spec.get("sensitive")),
        )
        for name, spec in data.items()
    )


def _words(name: str) -> list[str]:
    return [w.lower() for w in _SPLIT.split(name) if w]


@cache
def category_of(name: str, comment: str | None = None) -> Category | None:
    """The personal-data category a column name (or its comment) suggests, if any."""
    words = _words(name)
    joined = "_".join(words)
    candidates = {joined, *words}
    # two- and three-word runs: first_name inside customer_first_name
    for size in (2, 3):
        candidates.update("_".join(words[i : i + size]) for i in range(len(words) - size + 1))
    for category in categories():
        if candidates & category.words:
            return category
    texts = [name] + ([comment] if comment else [])
    for category in categories():
        if any(term in text for term in category.japanese for text in texts):
            return category
    return None
