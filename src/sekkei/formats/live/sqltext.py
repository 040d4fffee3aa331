"""Just enough SQL scanning to take apart stored CREATE statements.

SQLite keeps each object's CREATE text as written; the parts the pragmas do
not report (expression indexes, partial index conditions, generated column
expressions, collations, AUTOINCREMENT) are cut from it here, respecting
quotes, comments and parentheses.  The PostgreSQL reader uses the same to
find a COLLATE in pg_get_indexdef's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

_QUOTES = {"'": "'", '"': '"', "`": "`", "[": "]"}

# quoted text, comments, parentheses and commas, runs of anything else; a lone
# "-" or "/" that starts no comment is a token of its own
_TOKEN_RE = re.compile(
    r"""'(?:[^']|'')*'?|"(?:[^"]|"")*"?|`(?:[^`]|``)*`?|\[[^\]]*\]?|--[^\n]*|/\*.*?(?:\*/|$)"""
    r"""|[(),]|[^'"`\[(),\-/]+|.""",
    re.S,
)


@lru_cache(maxsize=256)
def _tokens(sql: str) -> tuple[tuple[int, str, int], ...]:
    """(start, text, parenthesis depth) of each token; comments are left out."""
    found: list[tuple[int, str, int]] = []
    depth = 0
    for match in _TOKEN_RE.finditer(sql):
        text = match.group()
        if text.startswith("--") or text.startswith("/*"):
            continue
        if text == ")":
            depth -= 1
        found.append((match.start(), text, depth))
        if text == "(":
            depth += 1
    return tuple(found)


def _plain(sql: str) -> Iterator[tuple[int, str, int]]:
    """Tokens that are SQL text (not quoted)."""
    for start, text, depth in _tokens(sql):
        if text[0] not in _QUOTES:
            yield start, text, depth


@lru_cache(maxsize=64)
def _word_re(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w$]){re.escape(word)}(?![\w$])", re.I)


def find_keyword(sql: str, word: str, *, start: int = 0, depth: int = 0) -> int:
    """Position of `word` as a whole word at parenthesis `depth` (-1 if absent)."""
    pattern = _word_re(word)
    for position, text, level in _plain(sql):
        if level != depth or position + len(text) <= start:
            continue
        found = pattern.search(text, max(0, start - position))
        if found:
            return position + found.start()
    return -1


def matching_paren(sql: str, open_at: int) -> int:
    """Position of the ``)`` that closes the ``(`` at `open_at` (-1 if unbalanced)."""
    target = None
    for position, text, level in _tokens(sql):
        if position == open_at and text == "(":
            target = level
        elif target is not None and text == ")" and level == target:
            return position
    return -1


def first_paren(sql: str, start: int = 0) -> int:
    """Position of the first ``(`` at depth 0 from `start` (-1 if none)."""
    for position, text, level in _tokens(sql):
        if position >= start and text == "(" and level == 0:
            return position
    return -1


def split_top_level(sql: str) -> list[str]:
    """`sql` split at the commas outside parentheses and quotes, each part stripped."""
    parts: list[str] = []
    last = 0
    for position, text, level in _tokens(sql):
        if text == "," and level == 0:
            parts.append(sql[last:position].strip())
            last = position + 1
    tail = sql[last:].strip()
    if tail or parts:
        parts.append(tail)
    return parts


def unquote(name: str) -> str:
    """An identifier without its quotes ("a""b", `a`, [a])."""
    text = name.strip()
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] == _QUOTES[text[0]]:
        inner = text[1:-1]
        close = _QUOTES[text[0]]
        return inner if close == "]" else inner.replace(close * 2, close)
    return text


def leading_identifier(sql: str) -> tuple[str, int]:
    """The identifier `sql` starts with (unquoted) and where it ends."""
    text = sql.lstrip()
    offset = len(sql) - len(text)
    if not text:
        return "", len(sql)
    if text[0] in _QUOTES:
        first = _TOKEN_RE.match(text)
        size = len(first.group()) if first else len(text)
        return unquote(text[:size]), offset + size
    found = re.match(r"[\w$]+", text)
    size = found.end() if found else 0
    return text[:size], offset + size
