"""Compare two schemas the way a person would: same design, whatever the spelling.

Used by the round-trip tests (file → DDL → real database → introspection).
Expressions are compared after `normalize_expression`; order carries meaning
only for columns and key columns.  Returns readable differences, not a bool,
so a failing test says exactly what changed.
"""

from __future__ import annotations

from typing import Any

from sekkei.formats.sql.expressions import normalize_expression
from sekkei.model import Schema
from sekkei.model.canonical import canonical_data


def _norm_expr(value: Any, dialect: str | None) -> Any:
    if isinstance(value, str):
        return normalize_expression(value, dialect)
    return value


def normalized(schema: Schema, *, views: bool = True, routines: bool = True) -> dict[str, Any]:
    """Plain data of a schema with every expression in canonical spelling."""
    dialect = schema.dialect
    data: dict[str, Any] = canonical_data(schema)
    data.pop("dialect", None)
    data.pop("name", None)
    for table in data.get("tables", {}).values():
        for column in table.get("columns", {}).values():
            default = column.get("default")
            if isinstance(default, dict) and "sql" in default:
                default["sql"] = _norm_expr(default["sql"], dialect)
            for key in ("generated", "on_update"):
                if isinstance(column.get(key), dict):
                    column[key]["sql"] = _norm_expr(column[key]["sql"], dialect)
        for check in table.get("checks", []):
            check["sql"] = _norm_expr(check["sql"], dialect)
        for index in table.get("indexes", []):
            if "where" in index:
                index["where"] = _norm_expr(index["where"], dialect)
            for part in index.get("columns", []):
                if isinstance(part, dict) and "sql" in part:
                    part["sql"] = _norm_expr(part["sql"], dialect)
        for group in ("checks", "indexes", "uniques", "foreign_keys"):
            if group in table:
                table[group] = sorted(table[group], key=repr)
        if "triggers" in table:
            table["triggers"] = sorted(t["name"] for t in table["triggers"])
        if "partition_of" in table:
            table["partition_of"]["bound"] = _norm_expr(table["partition_of"]["bound"], None)
    for domain in data.get("domains", {}).values():
        for check in domain.get("checks", []):
            check["sql"] = _norm_expr(check["sql"], dialect)
    for view in data.get("views", {}).values():
        if views:
            view["sql"] = _norm_expr(view["sql"], dialect)
        else:
            # databases store view queries rewritten (columns qualified, * expanded); the
            # query is then checked by a fixpoint through a second database instead
            view.pop("sql", None)
        for index in view.get("indexes", []):
            if "where" in index:
                index["where"] = _norm_expr(index["where"], dialect)
    if routines:
        data["routines"] = sorted(f"{r.get('namespace') or ''}.{r['name']}{r.get('signature') or ''}"
                                  for r in data.get("routines", []))
    else:
        data.pop("routines", None)
    return data


def without_database_defaults(schema: Schema, charset: str, collation: str) -> Schema:
    """`schema` with table character sets and collations equal to a MySQL database's left out.

    In that database, a table that states the database's default and one that
    inherits it are the same design.  The live reader leaves the database's
    defaults out (it sees only that they are the same); a DDL file or dump that
    says ``DEFAULT CHARSET=utf8mb4`` keeps it (a DDL reader cannot know which
    database the file is loaded into).  Compare both without them.
    """
    tables = {key: table.model_copy(update={
        "charset": None if table.charset == charset else table.charset,
        "collation": None if table.collation == collation else table.collation})
        for key, table in schema.tables.items()}
    return schema.model_copy(update={"tables": tables})


def differences(expected: Schema, actual: Schema, **options: bool) -> list[str]:
    """Every place where two schemas differ, as ``path: expected != actual`` lines."""
    out: list[str] = []
    _diff(normalized(expected, **options), normalized(actual, **options), "", out)
    return out


def _diff(a: Any, b: Any, path: str, out: list[str]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            child = f"{path}.{key}" if path else str(key)
            if key not in b:
                out.append(f"{child}: {a[key]!r} is missing")
            elif key not in a:
                out.append(f"{child}: unexpected {b[key]!r}")
            else:
                _diff(a[key], b[key], child, out)
        if isinstance(a, dict) and list(a) != list(b) and path.endswith("columns") \
                and set(a) == set(b):
            out.append(f"{path}: order {list(a)} != {list(b)}")
        return
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _diff(x, y, f"{path}[{i}]", out)
        return
    if a != b:
        out.append(f"{path}: {a!r} != {b!r}")
