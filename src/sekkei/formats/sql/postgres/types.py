"""Enums, domains and sequences: CREATE and ALTER."""

from __future__ import annotations

from sekkei.formats.sql.builder import Draft
from sekkei.formats.sql.naming import is_default_name
from sekkei.formats.sql.postgres import lexer
from sekkei.formats.sql.postgres.columns import default_text, type_text
from sekkei.formats.sql.postgres.context import Reader
from sekkei.formats.sql.postgres.nodes import (
    Node,
    const,
    def_elems,
    list_items,
    number,
    object_name,
    qualified_name,
    relation,
    strings,
)
from sekkei.formats.sql.postgres.parse import Statement


def create_enum(r: Reader, node: Node, st: Statement, namespace: str | None = None) -> None:
    schema, name = qualified_name(strings(node.get("typeName")))
    r.builder.add_enum(
        schema or namespace or r.creation_namespace, name, strings(node.get("vals")), r.loc(st.start)
    )


def alter_enum(r: Reader, node: Node, st: Statement) -> None:
    schema, name = qualified_name(strings(node.get("typeName")))
    hit = r.find(r.builder.enums, schema, name)
    if hit is None:
        r.problem(
            f"ALTER TYPE names enum {name}, which was not created before", st.start, code="missing-reference"
        )
        return
    values: list[str] = list(hit[1]["values"])
    new = str(node.get("newVal", ""))
    old = node.get("oldVal")
    if old is not None:
        if old in values:
            values[values.index(old)] = new
    elif new in values:
        if not node.get("skipIfNewValExists"):
            r.problem(f"enum {hit[0]} already has the value {new!r}", st.start, code="duplicate")
        return
    else:
        neighbor = node.get("newValNeighbor")
        if neighbor in values:
            values.insert(values.index(neighbor) + (1 if node.get("newValIsAfter") else 0), new)
        else:
            values.append(new)
    hit[1]["values"] = values


def create_domain(r: Reader, node: Node, st: Statement, namespace: str | None = None) -> None:
    schema, name = qualified_name(strings(node.get("domainname")))
    written, _ = type_text(r, node.get("typeName") or {}, st.base)
    ns = schema or namespace or r.creation_namespace
    draft = r.builder.add_domain(ns, name, written, r.loc(st.start))
    collation = node.get("collClause")
    if collation:
        draft["collation"] = object_name(collation.get("collname"), r.default_namespace)
    constraints = [c["Constraint"] for c in node.get("constraints", ()) if "Constraint" in c]
    bounds = sorted(st.base + c.get("location", 0) for c in constraints)
    if collation and collation.get("location", -1) >= 0:
        bounds = sorted([*bounds, st.base + collation["location"]])
    for c in constraints:
        domain_constraint(r, draft, c, st.base + c.get("location", 0), st.end, bounds)


def domain_constraint(r: Reader, draft: Draft, c: Node, start: int, limit: int, bounds: list[int]) -> None:
    kind = c.get("contype", "")
    if kind == "CONSTR_NOTNULL":
        draft["nullable"] = False
    elif kind == "CONSTR_NULL":
        draft.pop("nullable", None)
    elif kind == "CONSTR_DEFAULT":
        text = default_text(r, start, limit, bounds)
        value = r.default(text, draft["type"]) if text else None
        if value is None:
            draft.pop("default", None)
        else:
            draft["default"] = value
    elif kind == "CONSTR_CHECK":
        group = lexer.first_group(r.data, start, limit)
        if group is None:
            return
        check: Draft = {"sql": lexer.text(r.data, *group), "loc": r.loc(start)}
        name = c.get("conname")
        # PostgreSQL names an unnamed domain check <domain>_check
        if name and not is_default_name("check", name, draft["name"], [], r.dialect):
            check["name"] = name
        draft.setdefault("checks", []).append(check)
    else:
        r.unsupported(f"domain constraint {kind.removeprefix('CONSTR_')}", start)


def alter_domain(r: Reader, node: Node, st: Statement) -> None:
    schema, name = qualified_name(strings(node.get("typeName")))
    hit = r.find(r.builder.domains, schema, name)
    if hit is None:
        if not node.get("missing_ok"):
            r.problem(
                f"ALTER DOMAIN names domain {name}, which was not created before",
                st.start,
                code="missing-reference",
            )
        return
    draft = hit[1]
    subtype = node.get("subtype", "")
    if subtype == "T":
        if node.get("def") is None:
            draft.pop("default", None)
        else:
            begin = lexer.after_word(r.data, st.start, st.end, "DEFAULT")
            value = r.default(r.text(begin, st.end), draft["type"]) if begin else None
            if value is not None:
                draft["default"] = value
    elif subtype == "N":
        draft.pop("nullable", None)
    elif subtype == "O":
        draft["nullable"] = False
    elif subtype == "C" and node.get("def") and "Constraint" in node["def"]:
        c = node["def"]["Constraint"]
        domain_constraint(r, draft, c, st.base + c.get("location", 0), st.end, [])
    elif subtype == "X":
        target = node.get("name")
        draft["checks"] = [c for c in draft.get("checks", []) if c.get("name") != target]
    else:
        r.skip("ALTER DOMAIN", st.start)


#: (min, max) of the types a sequence can have.
_RANGES = {
    "smallint": (-32768, 32767),
    "integer": (-2147483648, 2147483647),
    "bigint": (-9223372036854775808, 9223372036854775807),
}

_SEQUENCE_FIELDS = {
    "start": "start",
    "increment": "increment",
    "minvalue": "min_value",
    "maxvalue": "max_value",
    "cache": "cache",
}


def create_sequence(r: Reader, node: Node, st: Statement, namespace: str | None = None) -> None:
    schema, name = relation(node.get("sequence"))
    ns = schema or namespace or r.creation_namespace
    key = r.builder.key(ns, name)
    if node.get("if_not_exists") and key in r.builder.sequences:
        return
    draft = r.builder.add_sequence(ns, name, r.loc(st.start))
    sequence_options(r, draft, node.get("options"), st)
    _without_defaults(draft)


def _without_defaults(draft: Draft) -> None:
    """Leave out options that say what PostgreSQL would choose anyway (as a live read does)."""
    kind = draft.get("type") or "bigint"
    low, high = _RANGES.get(kind, _RANGES["bigint"])
    increment = draft.get("increment") or 1
    ascending = increment > 0
    defaults = {
        "type": "bigint",
        "increment": 1,
        "cache": 1,
        "min_value": 1 if ascending else low,
        "max_value": high if ascending else -1,
    }
    defaults["start"] = defaults["min_value"] if ascending else defaults["max_value"]
    for field, value in defaults.items():
        if draft.get(field) == value:
            del draft[field]


def sequence_options(r: Reader, draft: Draft, options: list[Node] | None, st: Statement) -> None:
    for option, arg in def_elems(options):
        if option in _SEQUENCE_FIELDS:
            value = number(arg) if arg is not None else None
            if value is None:
                draft.pop(_SEQUENCE_FIELDS[option], None)
            else:
                draft[_SEQUENCE_FIELDS[option]] = value
        elif option == "cycle":
            if arg is None or const(arg):
                draft["cycle"] = True
            else:
                draft.pop("cycle", None)
        elif option == "as" and arg and "TypeName" in arg:
            written, _ = type_text(r, arg["TypeName"], st.base)
            draft["type"] = r.builder.column_type(written)[0]
        elif option == "owned_by":
            parts = strings(list_items(arg))
            if len(parts) < 2:
                draft.pop("owned_by", None)
                continue
            schema, table = qualified_name(parts[:-1])
            draft["owned_by"] = f"{r.reference(r.builder.tables, schema, table)}.{parts[-1]}"
        elif option == "restart":
            continue
        else:
            r.unsupported(f"sequence option {option.upper()}", st.start)


def alter_sequence(r: Reader, node: Node, st: Statement) -> None:
    schema, name = relation(node.get("sequence"))
    hit = r.find(r.builder.sequences, schema, name)
    if hit is None:
        # the implicit sequence of a serial or identity column, or one created elsewhere
        r.skip("ALTER SEQUENCE (of a sequence not created in this file)", st.start)
        return
    sequence_options(r, hit[1], node.get("options"), st)
    _without_defaults(hit[1])
