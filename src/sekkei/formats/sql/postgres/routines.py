"""Functions, procedures, aggregates, operators, casts, other types, triggers and rules, kept as text.

Sekkei does not model procedural code; it keeps each CREATE statement as
written so that a schema written back for PostgreSQL is complete (defaults,
checks, views and triggers call these functions).
"""

from __future__ import annotations

from sekkei.formats.sql.builder import Draft
from sekkei.formats.sql.postgres.context import Reader
from sekkei.formats.sql.postgres.nodes import (
    Node,
    def_elems,
    display_type,
    list_items,
    qualified_name,
    relation,
    strings,
)
from sekkei.formats.sql.postgres.parse import Statement

_INPUT_MODES = {"FUNC_PARAM_IN", "FUNC_PARAM_INOUT", "FUNC_PARAM_VARIADIC", "FUNC_PARAM_DEFAULT"}


def add_routine(
    r: Reader, namespace: str | None, name: str, st: Statement, *, kind: str, signature: str | None = None
) -> None:
    """Keep a routine; a later definition with the same name and signature replaces it."""
    key = (r.builder.namespace(namespace), name, signature, kind)
    previous = r.routines.get(key)
    if previous is not None:
        r.builder.routines.remove(previous)
    r.builder.add_routine(
        namespace, name, r.text(st.start, st.end), kind=kind, signature=signature, loc=r.loc(st.start)
    )
    r.routines[key] = r.builder.routines[-1]


def _signature(r: Reader, parameters: list[Node]) -> str:
    types = []
    for item in parameters:
        param = item.get("FunctionParameter")
        if param is None:
            continue
        if param.get("mode", "FUNC_PARAM_DEFAULT") in _INPUT_MODES:
            types.append(display_type(param.get("argType"), r.default_namespace))
    return "(" + ", ".join(types) + ")"


def create_function(r: Reader, node: Node, st: Statement, namespace: str | None = None) -> None:
    schema, name = qualified_name(strings(node.get("funcname")))
    add_routine(
        r,
        schema or namespace or r.creation_namespace,
        name,
        st,
        kind="procedure" if node.get("is_procedure") else "function",
        signature=_signature(r, node.get("parameters") or []),
    )


def define(r: Reader, node: Node, st: Statement, namespace: str | None = None) -> None:
    """CREATE AGGREGATE / OPERATOR / TYPE (base) / COLLATION / TEXT SEARCH …"""
    kind = node.get("kind", "")
    schema, name = qualified_name(strings(node.get("defnames")))
    ns = schema or namespace or r.creation_namespace
    if kind == "OBJECT_AGGREGATE":
        args = node.get("args") or []
        signature = None
        if args:
            first = args[0]
            signature = _signature(r, list_items(first)) if first else "(*)"
        add_routine(r, ns, name, st, kind="aggregate", signature=signature)
    elif kind == "OBJECT_OPERATOR":
        sides = {"leftarg": "NONE", "rightarg": "NONE"}
        for option, arg in def_elems(node.get("definition")):
            if option in sides and arg and "TypeName" in arg:
                sides[option] = display_type(arg["TypeName"], r.default_namespace)
        add_routine(r, ns, name, st, kind="operator", signature=f"({sides['leftarg']}, {sides['rightarg']})")
    else:
        add_routine(r, ns, name, st, kind="other")


def create_cast(r: Reader, node: Node, st: Statement, namespace: str | None = None) -> None:
    source = display_type(node.get("sourcetype"), r.default_namespace)
    target = display_type(node.get("targettype"), r.default_namespace)
    add_routine(r, None, "cast", st, kind="cast", signature=f"({source} AS {target})")


def create_other_type(r: Reader, node: Node, st: Statement, namespace: str | None = None) -> None:
    """Composite and range types: kept as text, like routines (kind ``other``)."""
    if "typevar" in node:
        schema, name = relation(node["typevar"])
    else:
        schema, name = qualified_name(strings(node.get("typeName")))
    add_routine(r, schema or namespace or r.creation_namespace, name, st, kind="other")


def create_named_other(r: Reader, node: Node, st: Statement, namespace: str | None = None) -> None:
    """Operator classes and families, conversions, statistics: kept as text (kind ``other``)."""
    names = strings(
        node.get("opclassname")
        or node.get("opfamilyname")
        or node.get("conversion_name")
        or node.get("defnames")
    )
    schema, name = qualified_name(names)
    add_routine(r, schema or namespace or r.creation_namespace, name or "object", st, kind="other")


def create_trigger(r: Reader, node: Node, st: Statement, namespace: str | None = None) -> None:
    _on_relation(r, node.get("relation"), str(node.get("trigname", "")), st, namespace, "CREATE TRIGGER")


def create_rule(r: Reader, node: Node, st: Statement, namespace: str | None = None) -> None:
    _on_relation(r, node.get("relation"), str(node.get("rulename", "")), st, namespace, "CREATE RULE")


def _on_relation(
    r: Reader, rel: Node | None, name: str, st: Statement, namespace: str | None, what: str
) -> None:
    schema, table_name = relation(rel)
    schema = schema or namespace
    hit = r.find(r.builder.tables, schema, table_name)
    if hit is not None:
        table: Draft = hit[1]
        existing = [t for t in table.get("triggers", []) if t.get("name") == name]
        for old in existing:
            table["triggers"].remove(old)
        r.builder.add_trigger(table, name, r.text(st.start, st.end), r.loc(st.start))
        return
    view = r.find(r.builder.views, schema, table_name)
    if view is not None:
        # views carry no triggers in the model: keep the statement as an "other" routine
        add_routine(r, view[1].get("namespace"), name, st, kind="other")
        return
    key = r.builder.key(r.namespace_of(schema), table_name)
    if key in r.ignored_relations:
        return
    offset = st.base + (rel or {}).get("location", 0)
    r.problem(f"{what} names table {key}, which was not created before", offset, code="missing-table")
