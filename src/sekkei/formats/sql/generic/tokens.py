"""Tokens of one statement with their offsets, and the small scans readers do over them.

sqlglot gives a syntax tree but rewrites what it parses (``TIMESTAMP`` becomes
``TIMESTAMPTZ`` in MySQL, ``now()`` may come back as ``CURRENT_TIMESTAMP``), and
a design keeps what its author wrote.  So the reader uses sqlglot for the
structure and these tokens, which carry exact offsets, for the text: a
column's type as written, a default, a CHECK condition, a view body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlglot.tokenizer_core import Token, TokenType

#: Token types that are literal text, never keywords.
_LITERALS = frozenset({
    TokenType.STRING, TokenType.NATIONAL_STRING, TokenType.RAW_STRING, TokenType.BIT_STRING,
    TokenType.HEX_STRING, TokenType.BYTE_STRING, TokenType.HEREDOC_STRING,
    TokenType.UNICODE_STRING, TokenType.NUMBER, TokenType.IDENTIFIER,
})
_STRINGS = frozenset({
    TokenType.STRING, TokenType.NATIONAL_STRING, TokenType.RAW_STRING, TokenType.HEREDOC_STRING,
    TokenType.UNICODE_STRING,
})


@dataclass(frozen=True, slots=True)
class Span:
    """A range of tokens ``[first, stop)`` of a statement."""

    first: int
    stop: int

    def __bool__(self) -> bool:
        return self.stop > self.first


class Tokens:
    """The tokens of a statement's text, with helpers that know about nesting."""

    def __init__(self, text: str, tokens: Sequence[Token]) -> None:
        self.text = text
        self.items: list[Token] = _split_words(text, tokens)
        self._words: list[str | None] = [
            None if tok.token_type in _LITERALS else tok.text.upper() for tok in self.items]
        self._match: dict[int, int] = {}
        stack: list[int] = []
        for i, tok in enumerate(self.items):
            kind = tok.token_type
            if kind in (TokenType.L_PAREN, TokenType.L_BRACKET):
                stack.append(i)
            elif kind in (TokenType.R_PAREN, TokenType.R_BRACKET) and stack:
                self._match[stack.pop()] = i

    def __len__(self) -> int:
        return len(self.items)

    # single tokens

    def kw(self, i: int) -> str | None:
        """The upper-case word at `i` if it can be a keyword (not quoted, not a literal)."""
        if 0 <= i < len(self._words):
            return self._words[i]
        return None

    def seq(self, i: int, *words: str) -> bool:
        """The keywords `words` follow one another from `i`."""
        return all(self.kw(i + k) == w for k, w in enumerate(words))

    def kind(self, i: int) -> TokenType | None:
        return self.items[i].token_type if 0 <= i < len(self.items) else None

    def is_string(self, i: int) -> bool:
        return self.kind(i) in _STRINGS

    def is_quoted(self, i: int) -> bool:
        return self.kind(i) == TokenType.IDENTIFIER

    def start(self, i: int) -> int:
        """Character offset where token `i` starts (the end of the text past the last)."""
        if i >= len(self.items):
            return len(self.text)
        return self.items[max(i, 0)].start if self.items else 0

    def end(self, i: int) -> int:
        """Character offset just after token `i`."""
        if i >= len(self.items):
            return len(self.text)
        return self.items[max(i, 0)].end + 1 if self.items else 0

    def raw(self, i: int) -> str:
        if not 0 <= i < len(self.items):
            return ""
        return self.text[self.items[i].start:self.items[i].end + 1]

    def value(self, i: int) -> str:
        """The token's text: a string's value, an identifier without its quotes ("" past the end)."""
        if not 0 <= i < len(self.items):
            return ""
        return self.items[i].text

    # groups

    def close(self, i: int) -> int | None:
        """Index of the bracket closing the one at `i`."""
        return self._match.get(i)

    def skip(self, i: int) -> int:
        """The index after token `i`, or after its whole bracketed group."""
        end = self._match.get(i)
        return (end if end is not None else i) + 1

    def group(self, i: int) -> Span | None:
        """The tokens inside the bracket at `i` (without the brackets)."""
        end = self._match.get(i)
        return Span(i + 1, end) if end is not None else None

    def empty_parts(self, span: Span, separator: TokenType = TokenType.COMMA, *,
                    trailing_allowed: bool = False) -> list[int]:
        """Separators in `span` with nothing before them (``a, , b``, ``(, a)``, ``(a, )``).

        Returns the token index of each offending separator; a trailing one is
        left out when the dialect accepts it (SQL Server and BigQuery do).
        """
        found: list[int] = []
        first = i = span.first
        while i < span.stop:
            if self.items[i].token_type == separator:
                if i == first:
                    found.append(i)
                first = i + 1
                i += 1
                continue
            i = self.skip(i)
        if first == span.stop and span.stop > span.first and not trailing_allowed:
            found.append(span.stop - 1)
        return found

    def split(self, span: Span, separator: TokenType = TokenType.COMMA, *,
              angles: bool = False) -> list[Span]:
        """`span` cut at separators outside brackets (empty parts are kept out).

        With `angles`, ``<…>`` counts as brackets too (BigQuery ``STRUCT<a INT64, b STRING>``).
        """
        parts: list[Span] = []
        first = i = span.first
        depth = 0
        while i < span.stop:
            kind = self.items[i].token_type
            if angles and kind == TokenType.LT:
                depth += 1
            elif angles and kind == TokenType.GT and depth:
                depth -= 1
            elif kind == separator and not depth:
                if i > first:
                    parts.append(Span(first, i))
                first = i + 1
                i += 1
                continue
            i = self.skip(i)
        if span.stop > first:
            parts.append(Span(first, span.stop))
        return parts

    def find(self, span: Span, *words: str) -> int | None:
        """First index in `span`, outside brackets, where keyword `words` start."""
        i = span.first
        while i < span.stop:
            if self.seq(i, *words):
                return i
            i = self.skip(i)
        return None

    def until(self, first: int, stop: int, ends: Iterable[str]) -> int:
        """Index of the first keyword of `ends` at or after `first` (outside brackets), or `stop`."""
        wanted = frozenset(ends)
        i = first
        while i < stop:
            if self.kw(i) in wanted:
                return i
            i = self.skip(i)
        return stop

    # text

    def slice(self, first: int, stop: int) -> str:
        """The exact source text of tokens ``[first, stop)`` (comments inside included)."""
        if stop <= first:
            return ""
        return self.text[self.items[first].start:self.items[stop - 1].end + 1]

    def span_text(self, span: Span) -> str:
        return self.slice(span.first, span.stop)


_WORD_RE = re.compile(r"\S+")


def _split_words(text: str, tokens: Sequence[Token]) -> list[Token]:
    """sqlglot reads ``PRIMARY KEY`` or ``DOUBLE PRECISION`` as one token; give each word its own."""
    out: list[Token] = []
    for tok in tokens:
        if tok.token_type in _LITERALS or " " not in tok.text:
            out.append(tok)
            continue
        raw = text[tok.start:tok.end + 1]
        words = list(_WORD_RE.finditer(raw))
        if len(words) < 2:
            out.append(tok)
            continue
        for word in words:
            start = tok.start + word.start()
            out.append(Token(TokenType.VAR, word.group(0), tok.line, tok.col, start,
                             start + len(word.group(0)) - 1, tok.comments))
    return out


def blank(text: str, ranges: Iterable[tuple[int, int]]) -> str:
    """`text` with the character ranges replaced by spaces (newlines kept, so offsets hold)."""
    chars = list(text)
    for start, stop in ranges:
        for k in range(max(start, 0), min(stop, len(chars))):
            if chars[k] not in "\r\n":
                chars[k] = " "
    return "".join(chars)
