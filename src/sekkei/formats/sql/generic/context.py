"""What every statement handler shares: the dialect's rules, the builder, names and positions."""

from __future__ import annotations

import contextvars
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import ErrorLevel, ParseError, TokenError
from sqlglot.tokenizer_core import Token, TokenType

from sekkei.formats.sql.builder import SchemaBuilder
from sekkei.formats.sql.dialect_names import SQLGLOT_DIALECTS
from sekkei.formats.sql.generic.tokens import Span, Tokens
from sekkei.formats.sql.typemap import normalize_spelling, read_type
from sekkei.model.diagnostics import Notes
from sekkei.model.dialects import READ_ONLY_DIALECTS, family
from sekkei.model.location import Location, SourceText

_QUIET: contextvars.ContextVar[bool] = contextvars.ContextVar("sekkei_reading_sql", default=False)


class _QuietWhileReading(logging.Filter):
    """sqlglot logs a warning for each statement it parses as a plain command; the reader
    reports what it could not read itself, so those records are dropped while it parses."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not _QUIET.get()


logging.getLogger("sqlglot").addFilter(_QuietWhileReading())

#: Dialects that store unquoted identifiers in upper case.
UPPER_CASE_DIALECTS = frozenset({"oracle", "snowflake", "db2"})


@dataclass(frozen=True)
class DialectRules:
    """The facts about a dialect that reading its DDL depends on."""

    name: str
    family: str
    sqlglot: str
    upper: bool

    @classmethod
    def of(cls, dialect: str) -> DialectRules:
        fam = family(dialect)
        return cls(dialect, fam, SQLGLOT_DIALECTS.get(dialect, ""), dialect in UPPER_CASE_DIALECTS)

    @property
    def is_mysql(self) -> bool:
        return self.family == "mysql"

    def fold(self, name: str, quoted: bool) -> str:
        """The name as the database stores it."""
        return name.upper() if self.upper and not quoted else name


class ReaderBuilder(SchemaBuilder):
    """The shared builder, able to read types of dialects Sekkei reads but does not write.

    `typemap.read_type` compares a spelling with how the type would be written
    back, and there is no writer for Db2 or ANSI SQL; for those the spelling is
    read with PostgreSQL's rules (the same standard names) and kept as written.
    """

    def column_type(self, native: str, namespace: str | None = None) -> tuple[str, str | None]:
        try:
            return super().column_type(native, namespace)
        except ValueError:
            if self.dialect not in READ_ONLY_DIALECTS:
                raise
        read = read_type(native, "postgres")
        text = native.strip()
        if read.type.startswith("postgres:"):
            return f"{self.dialect}:{read.type.split(':', 1)[1]}", None
        same = normalize_spelling(text, "postgres") == normalize_spelling(read.type, "postgres")
        return read.type, None if same else text


class StatementError(Exception):
    """A statement (or part of one) that cannot be read; `offset` is within the statement."""

    def __init__(self, message: str, offset: int = 0, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


@dataclass
class Reader:
    """State shared by all statement handlers while one file is read."""

    source: SourceText
    builder: SchemaBuilder
    notes: Notes
    rules: DialectRules
    skipped: Counter[tuple[str, str]] = field(default_factory=Counter)
    first_skipped: dict[tuple[str, str], Location] = field(default_factory=dict)
    #: SQL Server names of default constraints: (table key, name) -> column
    default_constraints: dict[tuple[str, str], str] = field(default_factory=dict)

    def skip(self, label: str, reason: str, loc: Location) -> None:
        """Count a statement that is not read; one note per kind is given at the end."""
        key = (label, reason)
        self.skipped[key] += 1
        self.first_skipped.setdefault(key, loc)


class Statement:
    """One statement: original text, the text handed to sqlglot, tokens, and where it is."""

    def __init__(self, reader: Reader, original: str, prepared: str, offset: int) -> None:
        self.reader = reader
        self.original = original
        self.prepared = prepared
        self.offset = offset
        self._tokens: Tokens | None = None

    @property
    def rules(self) -> DialectRules:
        return self.reader.rules

    @property
    def builder(self) -> SchemaBuilder:
        return self.reader.builder

    @property
    def tokens(self) -> Tokens:
        """Tokens of the prepared text; their offsets are those of the original text too."""
        if self._tokens is None:
            try:
                tokens = tokenize(self.prepared, self.rules.sqlglot)
            except TokenError as exc:
                raise _token_error(exc) from None
            self._tokens = Tokens(self.original, tokens)
        return self._tokens

    def loc(self, offset: int = 0) -> Location:
        return self.reader.source.at(self.offset + offset)

    def loc_of(self, index: int) -> Location:
        """Location of token `index`."""
        return self.loc(self.tokens.start(index))

    def problem(self, message: str, offset: int = 0, *, hint: str | None = None,
                code: str = "invalid") -> None:
        """A mistake in this statement: an error in strict mode, a warning otherwise."""
        self.builder.problem(message, self.loc(offset), code=code, hint=hint)

    def info(self, code: str, message: str, offset: int = 0, subject: str | None = None) -> None:
        self.reader.notes.info(code, message, location=self.loc(offset), subject=subject)

    def warn(self, code: str, message: str, offset: int = 0, subject: str | None = None) -> None:
        self.reader.notes.warning(code, message, location=self.loc(offset), subject=subject)

    # names

    def name_parts(self, first: int) -> tuple[list[str], int]:
        """A dotted name starting at token `first`: its parts as stored, and the index after it."""
        toks = self.tokens
        parts: list[str] = []
        i = first
        while i < len(toks):
            kind = toks.kind(i)
            if kind is None or kind in _NOT_NAMES:
                break
            value = toks.value(i)
            quoted = toks.is_quoted(i)
            if quoted and self.rules.name == "bigquery" and "." in value:
                parts.extend(value.split("."))
            else:
                parts.append(self.rules.fold(value, quoted))
            i += 1
            if toks.kind(i) != _DOT:
                break
            i += 1
            while toks.kind(i) == _DOT:  # T-SQL db..table: the empty part is dbo
                parts.append("")
                i += 1
        return parts, i

    def qualified(self, first: int) -> tuple[str | None, str, int]:
        """(namespace, name, index after) of the object name at `first`."""
        parts, after = self.name_parts(first)
        if not parts:
            raise StatementError("expected a name here", self.tokens.start(first))
        name = parts[-1]
        namespace = parts[-2] if len(parts) >= 2 and parts[-2] else None
        return namespace, name, after

    def ident(self, index: int) -> str:
        """A single identifier token as stored."""
        toks = self.tokens
        if toks.kind(index) is None or toks.kind(index) in _NOT_NAMES:
            raise StatementError("expected a name here", toks.start(min(index, len(toks) - 1)))
        return self.rules.fold(toks.value(index), toks.is_quoted(index))

    def column_list(self, span: Span) -> list[str]:
        """Plain column names of a parenthesised list (``(a, "b")``)."""
        out: list[str] = []
        for part in self.tokens.split(span):
            out.append(self.ident(part.first))
        return out

    # sqlglot

    def parse(self, text: str | None = None, *, shift: int = 0) -> exp.Expr:
        """`text` (the prepared statement by default) parsed by sqlglot.

        `shift` is subtracted from offsets in `text` to turn them into
        offsets of this statement (for synthetic texts built around a part).
        """
        sql = self.prepared if text is None else text
        quiet = _QUIET.set(True)
        try:
            tokens = tokenize(sql, self.rules.sqlglot)
            parser = Dialect.get_or_raise(self.rules.sqlglot).parser(error_level=ErrorLevel.RAISE)
            trees = [tree for tree in parser.parse(tokens, sql) if tree is not None]
        except ParseError as exc:
            raise self._parse_error(exc, sql, shift) from None
        except TokenError as exc:
            raise _token_error(exc) from None
        except (TypeError, ValueError, AttributeError, IndexError, KeyError) as exc:
            # sqlglot's own checks, tripped by malformed input it did not reject itself
            raise StatementError(f"syntax error: sqlglot cannot read this ({exc})", 0) from None
        finally:
            _QUIET.reset(quiet)
        if len(trees) != 1:
            raise StatementError("expected one statement here", 0)
        return trees[0]

    def check_expression(self, span: Span) -> None:
        """Let sqlglot check that tokens `span` form an expression (offsets kept)."""
        toks = self.tokens
        if not span:
            raise StatementError("expected an expression here", toks.start(span.first))
        start = toks.start(span.first)
        end = toks.end(span.stop - 1)
        synthetic = "SELECT".ljust(start) + self.prepared[start:end]
        if start < len("SELECT "):
            synthetic = "SELECT " + self.prepared[start:end]
            shift = len("SELECT ") - start
            self.parse(synthetic, shift=shift)
            return
        self.parse(synthetic)

    def _parse_error(self, exc: ParseError, sql: str, shift: int) -> StatementError:
        errors = getattr(exc, "errors", None) or [{}]
        first = errors[0]
        description = _describe(str(first.get("description") or exc).split("\n")[0])
        line = int(first.get("line") or 1)
        col = int(first.get("col") or 1)
        offset = _offset_of(sql, line, col)
        # sqlglot points at the last character of the token it stopped at
        offset = _token_start(sql, offset, self.rules.sqlglot)
        return StatementError(description, max(0, offset - shift))


_DOT = TokenType.DOT
_NOT_NAMES = frozenset({
    TokenType.L_PAREN, TokenType.R_PAREN, TokenType.COMMA, TokenType.DOT, TokenType.SEMICOLON,
    TokenType.EQ, TokenType.STRING, TokenType.NUMBER, TokenType.NATIONAL_STRING,
    TokenType.L_BRACKET, TokenType.R_BRACKET, TokenType.PARAMETER, TokenType.STAR, TokenType.COLON,
    TokenType.LT, TokenType.GT, TokenType.HASH, TokenType.DCOLON,
})


_NODE_WORDS = {
    **dict.fromkeys(("GT", "GTE", "LT", "LTE", "EQ", "NEQ", "Is", "Like", "In", "Between"), "comparison"),
    **dict.fromkeys(("Add", "Sub", "Mul", "Div", "Mod", "DPipe"), "arithmetic"),
    **dict.fromkeys(("And", "Or", "Not"), "condition"),
}
_REQUIRED_RE = re.compile(r"Required keyword: '(\w+)' missing for <class '[\w.]*?(\w+)'>")


def _describe(message: str) -> str:
    """sqlglot's message, in words a schema author knows."""
    match = _REQUIRED_RE.search(message)
    if match:
        name = match.group(2)
        node = _NODE_WORDS.get(name) or re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()
        node = node.replace(" column constraint", " clause")
        return f"syntax error: incomplete {node}"
    return f"syntax error: {message[0].lower() + message[1:] if message else 'cannot read this'}"


_MISSING_RE = re.compile(r"Missing (.+?) from (\d+):(\d+)")


def _token_error(exc: TokenError) -> StatementError:
    """A statement that cannot even be cut into words (an unclosed quote, most often)."""
    text = f"{exc} {exc.__context__ or ''}"
    missing = _MISSING_RE.search(text)
    if missing:
        return StatementError(f"syntax error: {missing.group(1)} is not closed", 0)
    return StatementError("syntax error: cannot read the words of this statement", 0)


def tokenize(text: str, sqlglot_dialect: str) -> list[Token]:
    """sqlglot's tokens of `text` (TokenError if the text cannot be tokenized).

    sqlglot keeps the rest of a "command" (``RENAME …``, ``EXECUTE …``) as one
    string token; those are tokenized again after their first word.
    """
    dialect = Dialect.get_or_raise(sqlglot_dialect)
    tokens = list(dialect.tokenize(text))
    if (len(tokens) >= 2 and tokens[1].token_type == TokenType.STRING
            and tokens[0].token_type in dialect.tokenizer_class.COMMANDS):
        after = tokens[0].end + 1
        tokens = [tokens[0], *dialect.tokenize(" " * after + text[after:])]
    return tokens


def _offset_of(text: str, line: int, col: int) -> int:
    offset = 0
    for _ in range(line - 1):
        nl = text.find("\n", offset)
        if nl == -1:
            break
        offset = nl + 1
    return min(len(text), offset + max(col - 1, 0))


def _token_start(text: str, offset: int, sqlglot_dialect: str) -> int:
    """The start of the token whose last character is at `offset` (or `offset`)."""
    try:
        tokens = tokenize(text, sqlglot_dialect)
    except TokenError:
        return offset
    for tok in tokens:
        if tok.start <= offset <= tok.end:
            return int(tok.start)
    return offset
