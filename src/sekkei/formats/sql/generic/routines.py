"""Triggers, functions, procedures, packages and user types: kept as the text that created them.

Sekkei does not model procedural code, so these statements are not parsed
beyond their head: the name (and, for a trigger, its table) is found with a
pattern over the text with comments removed, because bodies in PL/SQL,
T-SQL or SQL/PSM are exactly what a general SQL tokenizer stumbles over.
"""

from __future__ import annotations

import re

from sekkei.formats.sql.builder import Draft, SchemaBuilder
from sekkei.formats.sql.generic.columns import read_column
from sekkei.formats.sql.generic.context import Statement, StatementError
from sekkei.formats.sql.generic.prepare import strip_executable_comments
from sekkei.formats.sql.generic.tokens import Span

_IDENT = r'(?:"(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[\w$#@]+)'
_DOTTED = rf"{_IDENT}(?:\s*\.\s*{_IDENT})*"
_MODIFIERS = (r"(?:(?:OR\s+(?:REPLACE|ALTER)|DEFINER\s*=\s*\S+|EDITIONABLE|NONEDITIONABLE|SECURE"
              r"|TEMP|TEMPORARY|AGGREGATE|CONSTRAINT|SQL\s+SECURITY\s+\w+|EXTERNAL|DISTINCT)\s+)*")
_ROUTINE_RE = re.compile(
    rf"(?:CREATE|ALTER)\s+{_MODIFIERS}(?P<kind>FUNCTION|PROCEDURE|PROC|PACKAGE(?:\s+BODY)?"
    rf"|TYPE(?:\s+BODY)?|LIBRARY|TRIGGER)\s+(?:IF\s+NOT\s+EXISTS\s+)?(?P<name>{_DOTTED})",
    re.I)
_ON_RE = re.compile(rf"\bON\s+(?P<table>{_DOTTED})", re.I)
_PART_RE = re.compile(_IDENT)
_COMMENTS = re.compile(r"/\*.*?(?:\*/|\Z)|--[^\n]*", re.S)
_HASH_COMMENTS = re.compile(r"/\*.*?(?:\*/|\Z)|--[^\n]*|#[^\n]*", re.S)

#: Dialects where routines can be overloaded, so the argument types tell them apart.
_OVERLOADING = frozenset({"snowflake", "db2", "bigquery", "generic"})


_DEFINER_RE = re.compile(
    r"^CREATE\s+(?:DEFINER\s*=\s*(?:`[^`]*`|'[^']*'|\"[^\"]*\"|[^\s@]+)"
    r"(?:\s*@\s*(?:`[^`]*`|'[^']*'|\"[^\"]*\"|\S+))?\s+)?", re.I)


def statement_sql(stmt: Statement) -> str:
    """The statement as written; for MySQL without executable-comment markers and DEFINER.

    The definer is the account that happened to run the script (mysqldump writes
    it), not part of the design; the catalog's own text leaves it out too.
    """
    if stmt.rules.is_mysql:
        return _DEFINER_RE.sub("CREATE ", strip_executable_comments(stmt.original))
    return stmt.original.strip()


def _head(stmt: Statement) -> str:
    window = stmt.prepared[:4000]
    pattern = _HASH_COMMENTS if stmt.rules.family in {"mysql", "bigquery"} else _COMMENTS
    return pattern.sub(lambda m: " " * len(m.group(0)), window)


def _name(stmt: Statement, text: str) -> tuple[str | None, str]:
    parts = []
    for raw in _PART_RE.findall(text):
        quoted = raw[0] in "\"`["
        value = raw[1:-1] if quoted else raw
        if raw[0] == '"':
            value = value.replace('""', '"')
        parts.append(stmt.rules.fold(value, quoted))
    if not parts:
        raise StatementError("expected a name", 0)
    return (parts[-2] if len(parts) >= 2 else None), parts[-1]


def create_trigger(stmt: Statement) -> None:
    """A trigger belongs to its table; kept as its CREATE statement."""
    head = _head(stmt)
    match = _ROUTINE_RE.match(head.lstrip())
    if match is None:
        raise StatementError("expected CREATE TRIGGER name", 0)
    if head.lstrip()[:5].upper() == "ALTER" and stmt.rules.family != "mssql":
        stmt.reader.skip("ALTER TRIGGER", "changes no definition", stmt.loc())
        return
    offset = len(head) - len(head.lstrip())
    _, name = _name(stmt, match.group("name"))
    on = _ON_RE.search(head, offset + match.end())
    if on is None:
        raise StatementError(f"trigger {name}: expected ON and its table", 0)
    namespace, table = _name(stmt, on.group("table"))
    builder = stmt.builder
    if table.upper() in {"DATABASE", "SCHEMA", "ALL"} or builder.key(namespace, table) in builder.views:
        builder.add_routine(namespace, name, statement_sql(stmt), kind="other", loc=stmt.loc())
        return
    draft = builder.table(namespace, table, stmt.loc(on.start("table")), what=f"trigger {name}")
    if draft is None:
        return
    triggers = draft.setdefault("triggers", [])
    triggers[:] = [t for t in triggers if t["name"] != name]  # CREATE OR REPLACE / ALTER
    builder.add_trigger(draft, name, statement_sql(stmt), stmt.loc())


def create_routine(stmt: Statement) -> None:
    """FUNCTION, PROCEDURE, PACKAGE [BODY], Oracle object TYPE [BODY], LIBRARY."""
    head = _head(stmt)
    match = _ROUTINE_RE.match(head.lstrip())
    if match is None:
        raise StatementError("expected the name of the function or procedure", 0)
    kind_word = " ".join(match.group("kind").upper().split())
    if head.lstrip()[:5].upper() == "ALTER" and stmt.rules.family != "mssql":
        stmt.reader.skip(f"ALTER {kind_word}", "changes no definition", stmt.loc())
        return
    namespace, name = _name(stmt, match.group("name"))
    kind = {"FUNCTION": "function", "PROCEDURE": "procedure", "PROC": "procedure"}.get(kind_word, "other")
    if "AGGREGATE" in head[:match.start("kind") + len(head) - len(head.lstrip())].upper():
        kind = "aggregate"
    signature = None
    if stmt.rules.name in _OVERLOADING and kind in {"function", "procedure", "aggregate"}:
        after = len(head) - len(head.lstrip()) + match.end()
        signature = _signature(head, after)
    sql = statement_sql(stmt)
    builder = stmt.builder
    key_ns = builder.namespace(namespace)
    if kind_word.endswith("BODY"):
        for routine in builder.routines:
            if routine["name"] == name and routine.get("namespace") == key_ns and routine["kind"] == "other":
                routine["sql"] = routine["sql"].rstrip() + "\n/\n" + sql
                return
    builder.routines[:] = [r for r in builder.routines
                           if not (r["name"] == name and r.get("namespace") == key_ns
                                   and r.get("signature") == signature and r["kind"] == kind)]
    builder.add_routine(namespace, name, sql, kind=kind, signature=signature, loc=stmt.loc())


def _signature(head: str, start: int) -> str | None:
    """``(type, type)`` from the parameter list that follows the name."""
    rest = head[start:].lstrip()
    if not rest.startswith("("):
        return None
    depth = 0
    for index, char in enumerate(rest):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                inner = rest[1:index]
                break
    else:
        return None
    params: list[str] = []
    depth = 0
    current = ""
    for char in inner + ",":
        if char == "," and depth == 0:
            words = current.split()
            if words and words[0].upper() in {"IN", "OUT", "INOUT"}:
                words = words[1:]
            if len(words) >= 2:
                params.append(" ".join(words[1:]))
            elif words:
                params.append(words[0])
            current = ""
            continue
        depth += char == "("
        depth -= char == ")"
        current += char
    return "(" + ", ".join(params) + ")"


def create_type(stmt: Statement) -> None:
    """A user type: an alias of a base type is a domain; object and table types are code."""
    toks = stmt.tokens
    i = 1
    while i < len(toks) and toks.kw(i) != "TYPE":
        i += 1
    if toks.kw(i + 1) == "BODY":
        create_routine(stmt)
        return
    namespace, name, j = stmt.qualified(i + 1)
    word = toks.kw(j)
    follow = toks.kw(j + 1)
    if word == "FROM" or (word == "AS" and follow not in {"OBJECT", "TABLE", "VARRAY", "VARYING",
                                                           "REF", "ENUM", "RANGE"} and
                          stmt.rules.family != "oracle"):
        _domain(stmt, namespace, name, j + 1)
        return
    if stmt.rules.family == "mssql" and follow == "TABLE":
        stmt.reader.skip("CREATE TYPE … AS TABLE", "table types are not modelled", stmt.loc())
        return
    create_routine(stmt)


def create_domain(stmt: Statement) -> None:
    """``CREATE DOMAIN name [AS] type [DEFAULT …] [NOT NULL] [CHECK (…)]``."""
    toks = stmt.tokens
    namespace, name, j = stmt.qualified(2)
    if toks.kw(j) == "AS":
        j += 1
    _domain(stmt, namespace, name, j)


def _domain(stmt: Statement, namespace: str | None, name: str, type_first: int) -> None:
    toks = stmt.tokens
    spec = read_column(stmt, Span(type_first - 1, len(toks)), named=False)
    if not spec.type_text:
        raise StatementError(f"type {name}: expected its base type", toks.start(type_first))
    builder = stmt.builder
    fields: dict[str, object] = {}
    if spec.nullable is False:
        fields["nullable"] = False
    if spec.checks:
        fields["checks"] = [{"sql": sql.strip(), **({"name": n} if n else {})} for n, sql, _ in spec.checks]
    draft = builder.add_domain(namespace, name, spec.type_text, stmt.loc(), **fields)
    if spec.default is not None:
        value = builder.default(spec.default, draft["type"])
        if value is not None:
            draft["default"] = value


def drop_routine(builder: SchemaBuilder, namespace: str | None, name: str) -> bool:
    ns = builder.namespace(namespace)
    kept = [r for r in builder.routines
            if not (r["name"] == name and (namespace is None or r.get("namespace") == ns))]
    dropped = len(kept) != len(builder.routines)
    builder.routines[:] = kept
    return dropped


def drop_trigger(builder: SchemaBuilder, namespace: str | None, name: str) -> bool:
    for draft in builder.tables.values():
        triggers: list[Draft] = draft.get("triggers", [])
        kept = [t for t in triggers if t["name"] != name]
        if len(kept) != len(triggers):
            draft["triggers"] = kept
            return True
    return False
