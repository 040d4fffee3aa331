"""Read values out of libpg_query's JSON parse tree: names, constants, type names.

The JSON leaves out every field that has its zero value (``{"ival": {}}`` is
the integer 0, a missing ``boolval`` is false), so every accessor here
supplies the default instead of indexing.
"""

from __future__ import annotations

import re
from typing import Any

Node = dict[str, Any]

_SIMPLE = re.compile(r"^[a-z_][a-z0-9_$]*$")

#: Range bits of an INTERVAL type modifier (PostgreSQL's INTERVAL_MASK values).
_INTERVAL_FIELDS = {
    4: "year",
    2: "month",
    8: "day",
    1024: "hour",
    2048: "minute",
    4096: "second",
    6: "year to month",
    1032: "day to hour",
    3080: "day to minute",
    7176: "day to second",
    3072: "hour to minute",
    7168: "hour to second",
    6144: "minute to second",
}
_INTERVAL_FULL_RANGE = 0x7FFF

#: pg_catalog type names as format_type() writes them (for function signatures).
_DISPLAY = {
    "int4": "integer",
    "int8": "bigint",
    "int2": "smallint",
    "float4": "real",
    "float8": "double precision",
    "bool": "boolean",
    "varchar": "character varying",
    "bpchar": "character",
    "timestamptz": "timestamp with time zone",
    "timestamp": "timestamp without time zone",
    "timetz": "time with time zone",
    "time": "time without time zone",
    "varbit": "bit varying",
}

SERIAL_TYPES = frozenset({"serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"})


def sval(node: Node | None) -> str:
    """The text of a ``String`` node (an empty string is left out of the JSON)."""
    if not node:
        return ""
    inner = node.get("String")
    if inner is None:
        return ""
    return str(inner.get("sval", ""))


def strings(items: list[Node] | None) -> list[str]:
    """The texts of a list of ``String`` nodes."""
    if not items:
        return []
    return [sval(item) for item in items]


def list_items(node: Node | None) -> list[Node]:
    """The items of a ``List`` node."""
    if not node:
        return []
    inner = node.get("List")
    if inner is None:
        return []
    return list(inner.get("items", []))


def relation(node: Node | None) -> tuple[str | None, str]:
    """(schema, name) of a ``RangeVar``."""
    if not node:
        return None, ""
    if "RangeVar" in node:
        node = node["RangeVar"]
    return node.get("schemaname"), str(node.get("relname", ""))


def qualified_name(parts: list[str]) -> tuple[str | None, str]:
    """(schema, name) of a dotted name list (a database prefix is ignored)."""
    if not parts:
        return None, ""
    if len(parts) == 1:
        return None, parts[0]
    return parts[-2], parts[-1]


def const(node: Node | None) -> Any:
    """The Python value of an ``A_Const`` (or a bare Integer/Float/String/Boolean) node."""
    if not node:
        return None
    if "A_Const" in node:
        node = node["A_Const"]
        if node.get("isnull"):
            return None
    if "ival" in node:
        inner = node["ival"]
        return int(inner.get("ival", 0)) if isinstance(inner, dict) else int(inner)
    if "Integer" in node:
        return int(node["Integer"].get("ival", 0))
    if "fval" in node or "Float" in node:
        inner = node.get("fval") or node.get("Float") or {}
        return str(inner.get("fval", "0"))
    if "sval" in node:
        inner = node["sval"]
        return str(inner.get("sval", "")) if isinstance(inner, dict) else str(inner)
    if "String" in node:
        return str(node["String"].get("sval", ""))
    if "boolval" in node:
        inner = node["boolval"]
        return bool(inner.get("boolval", False)) if isinstance(inner, dict) else bool(inner)
    if "Boolean" in node:
        return bool(node["Boolean"].get("boolval", False))
    if "bsval" in node:
        return str(node["bsval"].get("bsval", ""))
    return None


def number(node: Node | None) -> int | None:
    """An integer option value (``Integer``, or a ``Float`` holding a big integer)."""
    value = const(node)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return None
    return None


def def_elems(items: list[Node] | None) -> list[tuple[str, Node | None]]:
    """(name, argument) of each ``DefElem`` in an option list."""
    out: list[tuple[str, Node | None]] = []
    for item in items or []:
        elem = item.get("DefElem")
        if elem is not None:
            out.append((str(elem.get("defname", "")), elem.get("arg")))
    return out


def option_text(arg: Node | None) -> str:
    """An option value as text (``WITH (fillfactor = 70)`` gives ``70``)."""
    if arg is None:
        return "true"
    value = const(arg)
    if value is not None:
        return str(value).lower() if isinstance(value, bool) else str(value)
    if "TypeName" in arg:
        return ".".join(strings(arg["TypeName"].get("names")))
    if "List" in arg:
        return ".".join(strings(list_items(arg)))
    return ""


def object_name(items: list[Node] | None, default_namespace: str | None) -> str:
    """A collation or operator class name, without ``pg_catalog`` or the default namespace
    (pg_dump qualifies them; the database shows them bare)."""
    parts = strings(items)
    if len(parts) > 1 and parts[0] in {"pg_catalog", default_namespace}:
        parts = parts[1:]
    return ".".join(parts)


def ident(name: str) -> str:
    """`name` as it must be written in SQL (quoted unless it is a plain lower-case word)."""
    if _SIMPLE.match(name):
        return name
    return '"' + name.replace('"', '""') + '"'


def type_name(node: Node, default_namespace: str | None) -> tuple[str, str, bool]:
    """(type text for the type map, bare base name, True if it is a built-in) of a ``TypeName``.

    Built-in types come out by their internal name (``int4``, ``varchar(20)``,
    ``timestamptz(3)``), which the type map understands; other types keep
    their schema unless it is the default one.  Returns an empty text when a
    type modifier is not a constant (the caller then slices the source).
    """
    names = strings(node.get("names"))
    builtin = len(names) == 2 and names[0] == "pg_catalog"
    if builtin:
        base = names[1]
        text = base
    else:
        base = names[-1] if names else ""
        parts = names[-2:] if len(names) > 1 else names
        if len(parts) == 2 and parts[0] == default_namespace:
            parts = parts[1:]
        text = ".".join(ident(p) for p in parts)
    mods = node.get("typmods")
    if mods:
        values = [const(m) if "A_Const" in m else None for m in mods]
        if any(v is None or isinstance(v, bool) for v in values):
            return "", base, builtin
        if builtin and base == "interval":
            text = _interval(values)
        else:
            text += "(" + ",".join(_modifier(v) for v in values) + ")"
    bounds = node.get("arrayBounds")
    if bounds:
        text += "[]" * len(bounds)
    return text, base, builtin


def _modifier(value: Any) -> str:
    if isinstance(value, str) and not value.lstrip("-").isdigit():
        return "'" + value.replace("'", "''") + "'"
    return str(value)


def _interval(values: list[Any]) -> str:
    mask = values[0] if isinstance(values[0], int) else _INTERVAL_FULL_RANGE
    text = "interval"
    fields = _INTERVAL_FIELDS.get(mask)
    if fields:
        text += " " + fields
    if len(values) > 1:
        text += f"({values[1]})"
    return text


def display_type(node: Node | None, default_namespace: str | None) -> str:
    """A type as format_type() shows it without modifiers, for routine signatures."""
    if not node:
        return ""
    names = strings(node.get("names"))
    if len(names) == 2 and names[0] == "pg_catalog":
        text = _DISPLAY.get(names[1], names[1])
    else:
        parts = names[-2:] if len(names) > 1 else names
        if len(parts) == 2 and parts[0] == default_namespace:
            parts = parts[1:]
        text = ".".join(ident(p) for p in parts)
    if node.get("setof"):
        text = "SETOF " + text
    bounds = node.get("arrayBounds")
    if bounds:
        text += "[]" * len(bounds)
    return text


def column_refs(node: Any) -> list[str]:
    """Distinct column names that an expression tree mentions, in tree order."""
    found: list[str] = []
    stack: list[Any] = [node]
    pop, push = stack.pop, stack.append
    while stack:
        item = pop()
        if type(item) is dict:
            ref = item.get("ColumnRef")
            if ref is not None:
                fields = [f for f in ref.get("fields", ()) if "String" in f]
                if fields:
                    name = sval(fields[-1])
                    if name not in found:
                        found.append(name)
                continue
            for value in reversed(item.values()):
                if type(value) is dict or type(value) is list:
                    push(value)
        elif type(item) is list:
            for value in reversed(item):
                if type(value) is dict or type(value) is list:
                    push(value)
    return found
