"""Recognising personal data from column names and comments (English, Japanese, Chinese, Korean).

The vocabulary lives in ``data/personal_data.yaml``.  Recognition must be right
more often than clever: a privacy rule that flags ``products.name`` or
``ip_address`` as a postal address teaches people to ignore it.  So

- the longest term wins (``ip_address`` is an IP address, ``email_address`` an email);
- words after a term that make the column *about* the data turn it off
  (``email_verified``, ``phone_type``, ``メール送信日時``);
- weak terms (``name``, ``名前``, ``latitude``) count only for people: as the
  whole name of a column of a table of people, or after a word for a person
  (``contact_name``, ``顧客の名前``);
- CJK terms owned by a thing are not personal (``商品名``, ``会社住所``).

Everything is cached by (name, comment, table is about people), so a schema of
100,000 columns with a few thousand distinct names costs a few thousand lookups.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

# snake_case, camelCase, IPAddress, address1: word boundaries; everything else separates
_SPLIT = re.compile(
    r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])|[^A-Za-z0-9]+"
)
# what may sit between an owner and a CJK term: 商品の名前, 公司的地址, 회사의 주소
_PARTICLES = ("の", "的", "의", "之")
# what may follow a weak CJK name term and keep it a name: 姓カナ, 名（漢字）
_NAME_FORMS = ("", "カナ", "かな", "フリガナ", "ふりがな", "漢字", "ローマ字", "英字", "拼音")
_STOPWORDS = frozenset({"the", "a", "an", "s", "his", "her", "their"})
_PUNCTUATION = frozenset("、。,.:;：；()（）[]［］「」 \t\n/・")


@dataclass(frozen=True)
class Category:
    """A kind of personal data (email, phone, health …) and the terms that mark it."""

    name: str
    words: frozenset[str]
    """English terms, lower case, words joined with ``_``."""
    weak: frozenset[str]
    """English terms that count only for a person (``name`` in ``customers``)."""
    terms: tuple[str, ...]
    """Japanese, Chinese and Korean terms, found as substrings."""
    weak_terms: tuple[str, ...]
    sensitive: bool


@dataclass(frozen=True)
class _Entry:
    category: Category | None  # None: a known term that is not personal data
    weak: bool


@dataclass(frozen=True)
class _Vocabulary:
    categories: tuple[Category, ...]
    english: dict[str, _Entry]
    glued: dict[str, _Entry]
    cjk: dict[str, _Entry]
    cjk_pattern: re.Pattern[str] | None
    person_words: frozenset[str]
    person_cjk: tuple[str, ...]
    table_suffixes: tuple[str, ...]
    qualifiers: frozenset[str]
    cjk_qualifiers: tuple[str, ...]
    flag_words: frozenset[str]
    modifiers: tuple[str, ...]
    owners: tuple[str, ...]


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _strings(data: dict[str, Any], key: str) -> list[str]:
    return [_nfkc(str(item)) for item in data.get(key) or ()]


@cache
def _vocabulary() -> _Vocabulary:
    text = resources.files("sekkei.lint.data").joinpath("personal_data.yaml").read_text(encoding="utf-8")
    # the C loader when PyYAML has it: this file is read on the first lint of every run
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    found: list[Category] = []
    english: dict[str, _Entry] = {}
    cjk: dict[str, _Entry] = {}
    for name, spec in data["categories"].items():
        category = Category(
            name,
            frozenset(w.lower() for w in _strings(spec, "en")),
            frozenset(w.lower() for w in _strings(spec, "weak")),
            tuple(_strings(spec, "cjk")),
            tuple(_strings(spec, "cjk_weak")),
            bool(spec.get("sensitive")),
        )
        found.append(category)
        # the first category to claim a term keeps it (the data file's order is the priority)
        for word in category.words:
            english.setdefault(word, _Entry(category, False))
        for word in category.weak:
            english.setdefault(word, _Entry(category, True))
        for term in category.terms:
            cjk.setdefault(term, _Entry(category, False))
        for term in category.weak_terms:
            cjk.setdefault(term, _Entry(category, True))
    not_personal = data.get("not_personal") or {}
    for word in _strings(not_personal, "en"):
        english[word.lower()] = _Entry(None, False)
    for term in _strings(not_personal, "cjk"):
        cjk[term] = _Entry(None, False)
    # glued forms of multi-word terms, as PostgreSQL folds FirstName to firstname
    glued = {run.replace("_", ""): entry for run, entry in english.items() if "_" in run}
    terms = sorted(cjk, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(t) for t in terms)) if terms else None
    people = data.get("person_words") or {}
    qualifiers = data.get("qualifiers") or {}
    return _Vocabulary(
        categories=tuple(found),
        english=english,
        glued=glued,
        cjk=cjk,
        cjk_pattern=pattern,
        person_words=frozenset(w.lower() for w in _strings(people, "en")),
        person_cjk=tuple(_strings(people, "cjk")),
        table_suffixes=tuple(_strings(data, "cjk_table_suffixes")),
        qualifiers=frozenset(w.lower() for w in _strings(qualifiers, "en")),
        cjk_qualifiers=tuple(_strings(qualifiers, "cjk")),
        flag_words=frozenset(w.lower() for w in _strings(data, "flag_words")),
        modifiers=tuple(sorted((w.lower() for w in _strings(data, "glued_modifiers")), key=len)[::-1]),
        owners=tuple(_strings(data, "cjk_owners")),
    )


def categories() -> tuple[Category, ...]:
    """The categories of personal data and the words that mark them (from the data file)."""
    return _vocabulary().categories


def category_named(name: str) -> Category | None:
    """The category called `name` (``email``, ``health`` …), if there is one."""
    return next((c for c in categories() if c.name == name), None)


def words_of(name: str) -> list[str]:
    """A name's words, lower case, digits left out: ``customerFirstName2`` → customer, first, name."""
    return list(_words(name))


@lru_cache(maxsize=65_536)
def _words(name: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _SPLIT.split(name) if w and not w.isdigit())


@cache
def is_person_table(table: str | None) -> bool:
    """True if a table name says it holds people: ``users``, ``m_customer``, ``会員マスタ``."""
    if not table:
        return False
    vocab = _vocabulary()
    words = words_of(table)
    if words:
        last = words[-1]
        forms = {last, last[:-1], last[:-2], last[:-3] + "y"} if last.endswith("s") else {last}
        if forms & vocab.person_words:
            return True
    text = _nfkc(table)
    if text.isascii():
        return False
    for suffix in vocab.table_suffixes:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    return text.endswith(vocab.person_cjk)


# -- English -------------------------------------------------------------------------------

_NOT = object()  # a term was found and ruled out: stop looking (the name is the stronger signal)


def _lookup(vocab: _Vocabulary, words: list[str], start: int, size: int) -> _Entry | None:
    run = "_".join(words[start : start + size])
    entry = vocab.english.get(run)
    if entry is not None or size != 1:
        return entry
    word = words[start]
    entry = vocab.glued.get(word)
    if entry is not None:
        return entry
    # homephone, contactemail: a known modifier glued in front of a term
    for modifier in vocab.modifiers:
        if word.startswith(modifier) and len(word) > len(modifier):
            rest = word[len(modifier) :]
            entry = vocab.english.get(rest) or vocab.glued.get(rest)
            if entry is not None and entry.category is not None:
                if entry.weak and modifier not in vocab.person_words:
                    return None
                return _Entry(entry.category, False)
    return None


def _english(words: list[str], person_table: bool, whole_name: bool) -> Category | object | None:
    """The category the words name, `_NOT` if a term is there but is not personal data, else None."""
    vocab = _vocabulary()
    count = len(words)
    for size in range(min(4, count), 0, -1):
        for start in range(count - size, -1, -1):  # rightmost first: the head noun is last
            entry = _lookup(vocab, words, start, size)
            if entry is None:
                continue
            category = entry.category
            if category is None:
                return _NOT
            after = words[start + size :]
            if any(w in vocab.qualifiers for w in after):
                return _NOT
            if words[0] in vocab.flag_words and start > 0 and not category.sensitive:
                return _NOT
            if entry.weak:
                by_person = start > 0 and words[start - 1] in vocab.person_words
                alone = whole_name and size == count and person_table
                if not (by_person or alone):
                    continue
            return category
    return None


# -- Japanese, Chinese, Korean ------------------------------------------------------------------


def _owned_by(text: str, start: int, words: tuple[str, ...]) -> bool:
    """True if one of `words` ends right before position `start` (a particle may sit between)."""
    before = text[:start]
    for particle in _PARTICLES:
        if before.endswith(particle):
            before = before[: -len(particle)]
            break
    return bool(before) and before.endswith(words)


def _cjk(text: str, person_table: bool, is_name: bool) -> Category | object | None:
    vocab = _vocabulary()
    pattern = vocab.cjk_pattern
    if pattern is None:
        return None
    found: object | None = None
    for match in pattern.finditer(text):
        entry = vocab.cjk[match.group(0)]
        category = entry.category
        if category is None:
            found = found or _NOT
            continue
        if _owned_by(text, match.start(), vocab.owners):
            found = found or _NOT
            continue
        if text[match.end() :].startswith(vocab.cjk_qualifiers):
            found = found or _NOT
            continue
        if entry.weak and not _weak_cjk_counts(text, match, person_table, is_name, vocab):
            continue
        return category
    return found


def _weak_cjk_counts(
    text: str, match: re.Match[str], person_table: bool, is_name: bool, vocab: _Vocabulary
) -> bool:
    if _owned_by(text, match.start(), vocab.person_cjk):
        return True
    if not person_table or match.start() != 0:
        return False
    rest = text[match.end() :]
    if is_name:
        return rest in _NAME_FORMS
    return not rest or rest[0] in _PUNCTUATION or rest.startswith(_NAME_FORMS[1:])


# -- entry point ------------------------------------------------------------------------------------


def category_of(name: str, comment: str | None = None, table: str | None = None) -> Category | None:
    """The personal-data category a column name (or its comment) suggests, if any.

    `table` is the name of the column's table: ``name`` is a person's name in
    ``customers`` and not in ``products``.  Without it, weak terms never count.
    """
    if table is None:
        return _category(name, comment, False, None)
    owner = _table_category(table) if _words(name) in _GENERIC_NAMES else None
    return _category(name, comment, is_person_table(table), owner)


# a column with one of these names holds what its table is about: email_addresses.address
_GENERIC_NAMES = frozenset({("address",), ("addr",), ("number",), ("value",)})


@cache
def _table_category(table: str) -> Category | None:
    words = words_of(table)
    if words:
        last = words[-1]
        words[-1] = last[:-2] if last.endswith("sses") else last[:-1] if last.endswith("s") else last
    found = _english(words, False, whole_name=True)
    return found if isinstance(found, Category) else None


@cache
def _category(name: str, comment: str | None, person_table: bool, owner: Category | None) -> Category | None:
    if owner is not None:
        return owner
    name = _nfkc(name)
    result = _english(words_of(name), person_table, whole_name=True)
    if result is None and not name.isascii():
        result = _cjk(name, person_table, is_name=True)
    if result is None and comment:
        text = _nfkc(comment).strip()
        # an English comment counts only when it is a logical name ("Phone number"), not a sentence
        words = words_of(text)
        result = _prose(words)
        if result is None and not text.isascii():
            result = _cjk(text, person_table, is_name=False)
    return result if isinstance(result, Category) else None


def _prose(words: list[str]) -> Category | None:
    """A comment that is a logical name ("Phone number", "Customer e-mail address"), not a sentence.

    English comments are usually sentences that mention other things ("0 = does
    not wish to receive e-mail promotions"), so only a comment that *is* a term,
    perhaps after words for a person, counts.
    """
    vocab = _vocabulary()
    words = " ".join(w for w in words if w not in _STOPWORDS).replace("e mail", "email").split()
    for start in range(len(words)):
        if start and words[start - 1] not in vocab.person_words:
            return None
        entry = vocab.english.get("_".join(words[start:])) or vocab.glued.get("".join(words[start:]))
        if entry is not None:
            if entry.category is None or (entry.weak and start == 0):
                return None
            return entry.category
    return None
