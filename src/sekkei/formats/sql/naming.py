"""Names a database gives to constraints and indexes nobody named.

A design that says ``email text UNIQUE`` and the same table read back from
PostgreSQL (``users_email_key``) are the same design.  Readers drop names that
equal what the database would have chosen anyway, so round trips and diffs do
not report noise, and writers can leave such names out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sekkei.model.dialects import family

_PG_MAX = 63


def _pg_truncate(name1: str, name2: str, label: str) -> str:
    """PostgreSQL's makeObjectName: shorten the longer part until it fits 63 bytes."""
    overhead = len(label.encode()) + 1 if label else 0
    if name2:
        overhead += 1
    available = _PG_MAX - overhead
    n1 = name1.encode()
    n2 = name2.encode()
    while len(n1) + len(n2) > available:
        if len(n1) > len(n2):
            n1 = n1[:-1]
        else:
            n2 = n2[:-1]
    # never cut a multi-byte character in half
    part1 = n1.decode("utf-8", errors="ignore")
    part2 = n2.decode("utf-8", errors="ignore")
    name = part1
    if part2:
        name += "_" + part2
    if label:
        name += "_" + label
    return name


def postgres_default_name(kind: str, table: str, columns: Sequence[str]) -> str:
    """The name PostgreSQL gives an unnamed constraint or index (before de-duplication)."""
    label = {
        "primary_key": "pkey",
        "unique": "key",
        "foreign_key": "fkey",
        "check": "check",
        "index": "idx",
        "exclude": "excl",
    }[kind]
    if kind == "primary_key":
        return _pg_truncate(table, "", label)
    cols = "_".join(columns) if columns else ""
    return _pg_truncate(table, cols, label)


def postgres_sequence_name(table: str, column: str) -> str:
    """The sequence PostgreSQL creates for a serial column."""
    return _pg_truncate(table, column, "seq")


def is_default_name(
    kind: str,
    name: str | None,
    table: str,
    columns: Sequence[str],
    dialect: str,
    *,
    expression_columns: Sequence[str] = (),
) -> bool:
    """True if `name` is what `dialect` would have called this unnamed object.

    `kind` is one of primary_key, unique, foreign_key, check, index.  For
    checks, `expression_columns` are the columns the condition mentions, in
    order of appearance (PostgreSQL names a check after the first one).
    """
    if name is None:
        return True
    fam = family(dialect)
    if fam == "postgres":
        return _pg_default(kind, name, table, columns, expression_columns)
    if fam == "mysql":
        return _mysql_default(kind, name, table, columns)
    if fam == "sqlite":
        return name.startswith("sqlite_autoindex_")
    if fam == "mssql":
        prefix = {
            "primary_key": "PK__",
            "unique": "UQ__",
            "foreign_key": "FK__",
            "check": "CK__",
            "index": None,
        }.get(kind)
        return bool(prefix) and name.startswith(prefix)  # type: ignore[arg-type]
    if fam in {"oracle", "db2"}:
        return re.fullmatch(r"SYS_C\d+|SQL\d+", name) is not None
    return False


def _pg_default(
    kind: str, name: str, table: str, columns: Sequence[str], expression_columns: Sequence[str]
) -> bool:
    candidates: list[str] = []
    if kind == "check":
        if expression_columns:
            candidates.append(postgres_default_name("check", table, [expression_columns[0]]))
        candidates.append(postgres_default_name("check", table, []))
        for col in columns:
            candidates.append(postgres_default_name("check", table, [col]))
    elif kind == "index":
        names = [c if c else "expr" for c in columns]
        candidates.append(postgres_default_name("index", table, names))
        if not names:
            candidates.append(postgres_default_name("index", table, ["expr"]))
    else:
        candidates.append(postgres_default_name(kind, table, columns))
        if kind == "unique":
            # a unique index created as CREATE UNIQUE INDEX without name ends in _idx
            candidates.append(postgres_default_name("index", table, columns))
    for candidate in candidates:
        if name == candidate:
            return True
        if name.startswith(candidate) and name[len(candidate) :].isdigit():
            return True
    return False


def _mysql_default(kind: str, name: str, table: str, columns: Sequence[str]) -> bool:
    if kind == "primary_key":
        # MySQL and MariaDB cannot store a primary key's name (the key is always PRIMARY):
        # whatever a script calls it, the database's own name is what it gets
        return True
    if kind in {"unique", "index"}:
        if not columns:
            return False
        first = columns[0]
        return name == first or re.fullmatch(re.escape(first) + r"_\d+", name) is not None
    if kind == "foreign_key":
        return re.fullmatch(re.escape(table) + r"_ibfk_\d+", name) is not None
    if kind == "check":
        return (
            re.fullmatch(re.escape(table) + r"_chk_\d+", name) is not None
            or re.fullmatch(r"CONSTRAINT_\d+", name) is not None
            or (len(columns) == 1 and name == columns[0])
        )
    return False
