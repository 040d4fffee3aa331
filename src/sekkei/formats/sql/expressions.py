"""Normalise SQL expressions so that spellings with the same meaning compare equal.

Databases give expressions back rewritten: PostgreSQL stores ``CHECK (x IN
('a','b'))`` as ``((x)::text = ANY (ARRAY['a'::text, 'b'::text]))``, adds
parentheses and casts to literals (``(0)::numeric``), and ``now()`` is
``CURRENT_TIMESTAMP``.  A diff that compared text would report all of these.
`normalize_expression` parses with sqlglot and removes such differences:
redundant parentheses, casts of literals, casts of columns to text types,
``= ANY (ARRAY[…])`` written as ``IN (…)``, identifier and keyword case, and
function synonyms.  When an expression cannot be parsed, whitespace and case
outside quotes are normalised instead, so comparison still works textually.
"""

from __future__ import annotations

import re
from functools import lru_cache

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from sekkei.formats.sql.defaults import strip_parens
from sekkei.formats.sql.dialect_names import sqlglot_dialect
from sekkei.model.dialects import family

_TEXT_TYPES = {
    exp.DataType.Type.TEXT,
    exp.DataType.Type.VARCHAR,
    exp.DataType.Type.CHAR,
    exp.DataType.Type.NVARCHAR,
    exp.DataType.Type.NCHAR,
}
_NOW = {
    "now",
    "current_timestamp",
    "getdate",
    "sysdate",
    "localtimestamp",
    "systimestamp",
    "current_timestamp()",
    "sysdatetime",
}


_DEFAULT_NAMESPACE = {"postgres": "public", "mssql": "dbo"}
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def _unqualified(name: str, namespace: str | None) -> str:
    if namespace and name.lower().startswith(namespace + "."):
        return name[len(namespace) + 1 :]
    return name


def _strip(node: exp.Expr, read: str | None = None, namespace: str | None = None) -> exp.Expr:
    if isinstance(node, exp.Paren):
        inner: exp.Expr = node.this
        return inner
    if namespace:
        # the database's default namespace is implied: public.film is film
        if isinstance(node, (exp.Table, exp.Column)):
            db = node.args.get("db")
            if isinstance(db, exp.Identifier) and db.this.lower() == namespace:
                node.set("db", None)
        if (
            isinstance(node, exp.Dot)
            and isinstance(node.this, exp.Identifier)
            and node.this.this.lower() == namespace
            and isinstance(node.expression, exp.Func)
        ):
            try:  # re-read unqualified, so public.group_concat(x) is the same node as group_concat(x)
                return sqlglot.parse_one(node.expression.sql(dialect=read), read=read)
            except (SqlglotError, ValueError):
                inner_func: exp.Expr = node.expression
                return inner_func
        if (
            isinstance(node, exp.Literal)
            and node.is_string
            and isinstance(node.parent, (exp.Cast, exp.Anonymous))
        ):
            text = _unqualified(str(node.this), namespace)
            if text != node.this:
                return exp.Literal.string(text)
    if isinstance(node, exp.Between):
        # PostgreSQL stores BETWEEN as two comparisons
        low, high = node.args.get("low"), node.args.get("high")
        if low is not None and high is not None:
            return exp.And(
                this=exp.GTE(this=node.this.copy(), expression=low),
                expression=exp.LTE(this=node.this.copy(), expression=high),
            )
    if isinstance(node, exp.Interval) and isinstance(node.this, exp.Literal):
        # interval '18 YEARS' and '18 years'::interval are one value
        unit = node.args.get("unit")
        text = f"{node.this.this} {unit.name if unit is not None else ''}".strip().lower()
        return exp.Literal.string(text)
    if isinstance(node, (exp.Cast, exp.TryCast)):
        inner = node.this
        while isinstance(inner, exp.Paren):
            inner = inner.this
        assert isinstance(inner, exp.Expr)
        target = node.to
        if (
            isinstance(inner, exp.Literal)
            and inner.is_string
            and isinstance(target, exp.DataType)
            and target.is_type(*exp.DataType.NUMERIC_TYPES)
            and _NUMBER.match(str(inner.this))
        ):
            value = str(inner.this)
            number = exp.Literal.number(value.lstrip("-"))
            return exp.Neg(this=number) if value.startswith("-") else number
        if (
            isinstance(inner, exp.Literal)
            and inner.is_string
            and isinstance(target, exp.DataType)
            and target.is_type(exp.DataType.Type.INTERVAL)
        ):
            return exp.Literal.string(str(inner.this).lower())
        if isinstance(inner, (exp.Literal, exp.Boolean, exp.Null, exp.Neg)):
            return inner
        if isinstance(inner, exp.Array):
            return inner
        if isinstance(target, exp.DataType) and (
            target.this in _TEXT_TYPES or (target.this == exp.DataType.Type.ARRAY)
        ):
            return inner
    if isinstance(node, exp.EQ) and isinstance(node.expression, exp.Any):
        values = node.expression.this
        while isinstance(values, (exp.Paren, exp.Cast)):
            values = values.this
        if isinstance(values, exp.Array):
            return exp.In(
                this=node.this, expressions=[_strip_all(v, read, namespace) for v in values.expressions]
            )
    if isinstance(node, exp.CurrentTimestamp):
        return exp.Anonymous(this="now", expressions=[])
    if isinstance(node, exp.Anonymous) and str(node.this).lower() in _NOW and not node.expressions:
        return exp.Anonymous(this="now", expressions=[])
    if isinstance(node, exp.Identifier):
        return exp.Identifier(this=node.this.lower(), quoted=False)
    return node


def _strip_all(node: exp.Expr, read: str | None = None, namespace: str | None = None) -> exp.Expr:
    return node.transform(_strip, read, namespace)


def _explicit(node: exp.Expr) -> exp.Expr:
    """Parenthesise every operator inside another, so precedence is spelt out the same way."""
    if isinstance(node, (exp.Binary, exp.Not, exp.Neg)):
        for key in ("this", "expression"):
            child = node.args.get(key)
            if isinstance(child, (exp.Binary, exp.Not)) and not isinstance(child, exp.Dot):
                node.set(key, exp.Paren(this=child))
    return node


_SPACE_RE = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\s+|[^'\"\s]+")


def _textual(sql: str) -> str:
    out: list[str] = []
    for token in _SPACE_RE.findall(sql):
        if token.isspace():
            out.append(" ")
        elif token.startswith(("'", '"')):
            out.append(token)
        else:
            out.append(token.lower())
    return strip_parens("".join(out).strip())


@lru_cache(maxsize=16384)
def normalize_expression(sql: str, dialect: str | None) -> str:
    """A canonical text for an SQL expression: equal for spellings with the same meaning."""
    read = sqlglot_dialect(dialect) or None
    try:
        tree = sqlglot.parse_one(sql, read=read)
    except (SqlglotError, ValueError, RecursionError):
        return _textual(sql)
    try:
        # transform until nothing changes (stripping a cast can expose a paren)
        previous = None
        text = tree.sql(dialect=read)
        namespace = _DEFAULT_NAMESPACE.get(family(dialect)) if dialect else None
        for _ in range(5):
            tree = _strip_all(tree, read, namespace)
            text = tree.sql(dialect=read, normalize=True)
            if text == previous:
                break
            previous = text
        text = tree.transform(_explicit).sql(dialect=read, normalize=True)
    except (SqlglotError, ValueError, RecursionError):
        return _textual(sql)
    return _textual(text)


def same_expression(a: str, b: str, dialect: str | None) -> bool:
    """True if two expressions mean the same thing (as far as spelling goes)."""
    return a == b or normalize_expression(a, dialect) == normalize_expression(b, dialect)
