"""Column defaults: tell literal values from SQL expressions, per dialect.

``DEFAULT 'G'::mpaa_rating`` (pg_dump), ``DEFAULT 'G'`` (hand-written) and
``('G')`` (SQL Server's catalog) are all the literal ``G``; ``now()`` and
``CURRENT_TIMESTAMP`` are expressions.  Keeping literals as values makes the
YAML readable and lets a default move between dialects without transpiling.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from sekkei.model.dialects import family
from sekkei.model.schema import DefaultValue, SqlExpr

_INT_RE = re.compile(r"^[+-]?\d+$")
_NUM_RE = re.compile(r"^[+-]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?$")
_PG_CAST_RE = re.compile(r"^(.*?)(?:::\s*[A-Za-z_\"][\w\s.\"]*(?:\([\d\s,]*\))?(?:\[\])*)+$", re.S)


def strip_parens(text: str) -> str:
    """Remove parentheses that wrap the whole expression: ``((0))`` -> ``0``."""
    text = text.strip()
    while wraps_whole(text):
        text = text[1:-1].strip()
    return text


def wraps_whole(text: str) -> bool:
    """True if `text` is one parenthesised group: ``(a + b)`` yes, ``(a) + (b)`` no."""
    if not (text.startswith("(") and text.endswith(")")):
        return False
    depth = 0
    quote: str | None = None
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
            continue
        if ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0 and i != len(text) - 1:
                return False
    return depth == 0


def _string_literal(text: str, dialect: str) -> str | None:
    """The value of a single SQL string literal, or None if `text` is not one."""
    fam = family(dialect)
    body = text
    if body[:1] in {"N", "n", "E", "e"} and body[1:2] == "'":
        body = body[1:]
    if fam == "mysql" and body[:1] == "_" and "'" in body:  # _utf8mb4'abc'
        prefix, _, rest = body.partition("'")
        if re.fullmatch(r"_\w+", prefix):
            body = "'" + rest
    if len(body) < 2 or body[0] != "'" or body[-1] != "'":
        return None
    inner = body[1:-1]
    backslash = fam == "mysql" or text[:1] in {"E", "e"}
    out: list[str] = []
    i = 0
    while i < len(inner):
        ch = inner[i]
        if ch == "'":
            if i + 1 < len(inner) and inner[i + 1] == "'":
                out.append("'")
                i += 2
                continue
            return None  # two literals, or an expression such as 'a' || 'b'
        if ch == "\\" and backslash and i + 1 < len(inner):
            nxt = inner[i + 1]
            out.append({"n": "\n", "t": "\t", "r": "\r", "0": "\0", "Z": "\x1a"}.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def parse_default(text: str | None, dialect: str, type_family: str | None = None) -> DefaultValue | None:
    """A default as a literal value when it is one, else as an `SqlExpr`.

    `type_family` (from `TypeSpec.family`) lets ``'5'`` on an integer column
    become ``5`` and ``1`` on a boolean column become ``true``.
    """
    if text is None:
        return None
    raw = text.strip()
    if not raw:
        return None
    fam = family(dialect)
    body = strip_parens(raw)
    if body.upper() == "NULL" or re.fullmatch(r"NULL\s*::\s*[\w\s.\"()\[\],]+", body, re.I):
        return None
    if fam in {"postgres"}:
        cast = _PG_CAST_RE.match(body)
        if cast and cast.group(1).strip():
            inner = strip_parens(cast.group(1).strip())
            literal = _literal(inner, dialect, type_family)
            if literal is not None:
                return literal
            return SqlExpr(sql=raw)
    literal = _literal(body, dialect, type_family)
    if literal is not None:
        return literal
    return SqlExpr(sql=_expr_text(raw, fam))


def _expr_text(raw: str, fam: str) -> str:
    if fam == "mssql":
        # SQL Server's catalog wraps defaults in parentheses: ((0)), (getdate())
        return strip_parens(raw) or raw.strip()
    return raw.strip()


def _literal(body: str, dialect: str, type_family: str | None) -> DefaultValue | None:
    upper = body.upper()
    if upper in {"TRUE", "FALSE"}:
        return upper == "TRUE"
    if type_family == "boolean":
        if body in {"1", "'1'", "b'1'"}:
            return True
        if body in {"0", "'0'", "b'0'"}:
            return False
    string = _string_literal(body, dialect)
    if string is not None:
        if type_family in {"integer", "decimal", "float"} and _NUM_RE.match(string.strip()):
            return _number(string.strip())
        if type_family == "boolean" and string.lower() in {"t", "true", "f", "false"}:
            return string.lower() in {"t", "true"}
        return string
    if _NUM_RE.match(body):
        return _number(body)
    return None


def _number(text: str) -> DefaultValue:
    if _INT_RE.match(text):
        return int(text)
    value = float(text)
    try:
        exact = Decimal(text) == Decimal(repr(value))
    except InvalidOperation:
        exact = False
    if exact:
        return value
    # keep the exact digits (numeric(20,10) defaults must not round)
    return SqlExpr(sql=text)


def render_default(value: DefaultValue, dialect: str, type_family: str | None = None) -> str:
    """The SQL text of a default for `dialect` (expressions are returned as written)."""
    if isinstance(value, SqlExpr):
        return value.sql
    fam = family(dialect)
    if isinstance(value, bool):
        if fam in {"postgres", "snowflake", "bigquery"} or (fam == "mysql" and type_family != "boolean"):
            return "true" if value else "false"
        if fam == "mysql":
            return "1" if value else "0"
        if fam == "sqlite":
            return "1" if value else "0"
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    escaped = value.replace("'", "''")
    if fam == "mysql":
        escaped = escaped.replace("\\", "\\\\")
    if fam == "mssql" and not value.isascii():
        return f"N'{escaped}'"
    if fam == "bigquery":
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return f"'{escaped}'"
