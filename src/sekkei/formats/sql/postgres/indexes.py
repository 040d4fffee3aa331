"""CREATE INDEX, and ALTER INDEX … ATTACH PARTITION (an attached partition index is not a design object)."""

from __future__ import annotations

from typing import Any

from sekkei.formats.sql.builder import Draft
from sekkei.formats.sql.postgres import lexer
from sekkei.formats.sql.postgres.context import Reader, index_named
from sekkei.formats.sql.postgres.nodes import Node, def_elems, object_name, option_text, relation
from sekkei.formats.sql.postgres.parse import Statement

_PLAIN_ORDER = {None, "SORTBY_DEFAULT", "SORTBY_ASC"}
_PLAIN_NULLS = {None, "SORTBY_NULLS_DEFAULT", "SORTBY_NULLS_LAST"}

#: Access methods a database uses when none is named: left out of the model.
_DEFAULT_METHODS = {"postgres": "btree", "cockroachdb": "btree", "yugabytedb": "lsm"}


def create_index(r: Reader, node: Node, st: Statement, namespace: str | None = None) -> None:
    rel = node.get("relation") or {}
    schema, name = relation(rel)
    schema = schema or namespace
    rel_at = st.base + rel.get("location", 0)
    hit = r.find(r.builder.tables, schema, name) or r.find(r.builder.views, schema, name)
    if hit is None:
        key = r.builder.key(r.namespace_of(schema), name)
        if key not in r.ignored_relations:
            r.problem(
                f"CREATE INDEX names table {key}, which was not created before", rel_at, code="missing-table"
            )
        return
    owner = hit[1]
    index_name = node.get("idxname")
    index_key = r.builder.key(owner.get("namespace"), index_name) if index_name else None
    if index_key and node.get("if_not_exists") and index_key in r.index_owner:
        return
    params = [p["IndexElem"] for p in node.get("indexParams", ()) if "IndexElem" in p]
    needs_text = node.get("whereClause") is not None or any("expr" in p for p in params)
    parts: list[tuple[int, int]] = []
    list_end = st.end
    if needs_text:
        parts, list_end = _element_spans(r, rel_at, st.end)
    columns: list[Any] = []
    for i, param in enumerate(params):
        span = parts[i] if i < len(parts) else None
        if span is None and "expr" in param:
            at = st.base + _location(param["expr"])
            span = (at, lexer.element_end(r.data, at, st.end))
        columns.append(_element(r, param, span))
    draft: Draft = {"columns": columns, "loc": r.loc(st.start)}
    if index_name:
        draft["name"] = index_name
    if node.get("unique"):
        draft["unique"] = True
    method = node.get("accessMethod")
    if method and method != _DEFAULT_METHODS.get(r.dialect, "btree"):
        draft["method"] = method
    include = [
        p["IndexElem"].get("name", "") for p in node.get("indexIncludingParams", ()) if "IndexElem" in p
    ]
    if include:
        draft["include"] = include
    if node.get("nulls_not_distinct"):
        draft["nulls_distinct"] = False
    options = {key: option_text(arg) for key, arg in def_elems(node.get("options"))}
    if node.get("tableSpace"):
        options["tablespace"] = str(node["tableSpace"])
    if options:
        draft["options"] = options
    if node.get("whereClause") is not None:
        begin = lexer.after_word(r.data, list_end, st.end, "WHERE")
        if begin is not None:
            draft["where"] = r.text(begin, st.end)
    r.builder.add_index(owner, draft)
    if index_key:
        r.index_owner[index_key] = owner
    if owner.get("partition_by") and rel.get("inh"):
        cascade_to_partitions(r, owner, draft)


_NOT_COMPARED = {"name", "loc", "comment", "options"}


def _same_index(a: Draft, b: Draft) -> bool:
    return {k: v for k, v in a.items() if k not in _NOT_COMPARED} == {
        k: v for k, v in b.items() if k not in _NOT_COMPARED
    }


def cascade_to_partitions(r: Reader, parent: Draft, index: Draft, seen: set[int] | None = None) -> None:
    """An index on a partitioned table takes in each partition's equal index.

    PostgreSQL attaches an existing equal index of a partition instead of
    creating a new one; the attached index is then part of the parent's and
    not a design object of its own (a partition without one gets an implicit
    index, which no DDL shows).
    """
    seen = seen if seen is not None else set()
    seen.add(id(parent))
    parent_key = r.builder.key(parent.get("namespace"), parent["name"])
    for table in r.builder.tables.values():
        part = table.get("partition_of")
        if not part or part["parent"] != parent_key:
            continue
        for candidate in table.get("indexes", []):
            if _same_index(candidate, index):
                table["indexes"].remove(candidate)
                if candidate.get("name"):
                    r.index_owner.pop(r.builder.key(table.get("namespace"), candidate["name"]), None)
                break
        if table.get("partition_by") and id(table) not in seen:
            cascade_to_partitions(r, table, index, seen)


def _element_spans(r: Reader, start: int, end: int) -> tuple[list[tuple[int, int]], int]:
    """Spans of the elements of the index's column list, and where the list ends."""
    for kind, s, _ in lexer.scan(r.data, start, end):
        if kind == "open":
            close = lexer.group_end(r.data, s, end)
            return lexer.split_top_level(r.data, s + 1, max(s + 1, close - 1)), close
    return [], end


def _element(r: Reader, param: Node, span: tuple[int, int] | None) -> Any:
    """One index element: a column name, or a dict with an expression and/or ordering."""
    if (
        "expr" not in param
        and not param.get("opclass")
        and not param.get("collation")
        and param.get("ordering") in _PLAIN_ORDER
        and param.get("nulls_ordering") in _PLAIN_NULLS
    ):
        return param.get("name", "")
    element: dict[str, Any] = {}
    if "expr" in param and span is not None:
        element["sql"] = _expression(r, span)
    else:
        element["column"] = param.get("name", "")
    ordering = param.get("ordering", "SORTBY_DEFAULT")
    nulls = param.get("nulls_ordering", "SORTBY_NULLS_DEFAULT")
    descending = ordering == "SORTBY_DESC"
    if descending:
        element["order"] = "desc"
    # NULLS LAST is the default for ASC, NULLS FIRST for DESC
    if nulls == "SORTBY_NULLS_FIRST" and not descending:
        element["nulls"] = "first"
    elif nulls == "SORTBY_NULLS_LAST" and descending:
        element["nulls"] = "last"
    opclass = object_name(param.get("opclass"), r.default_namespace)
    if opclass:
        element["opclass"] = opclass
    collation = object_name(param.get("collation"), r.default_namespace)
    if collation:
        element["collation"] = collation
    if list(element) == ["column"]:
        return element["column"]
    return element


def _expression(r: Reader, span: tuple[int, int]) -> str:
    """``(expr)`` gives ``expr``; a bare function call is kept whole, without opclass or ordering."""
    start, end = span
    for kind, s, _ in lexer.scan(r.data, start, end):
        if kind == "open":
            close = lexer.group_end(r.data, s, end)
            if s == start:
                return r.text(s + 1, close - 1)
            return r.text(start, close)
    return r.text(start, end)


def _location(node: Node) -> int:
    """The location of an expression node (its first field that has one)."""
    for value in node.values():
        if isinstance(value, dict) and isinstance(value.get("location"), int):
            return int(value["location"])
    return 0


def attach_index(r: Reader, parent: Node, child: Node, offset: int) -> None:
    """``ALTER INDEX parent ATTACH PARTITION child``: the child index is part of the parent's."""
    schema, name = relation(child)
    hit = r.find_index(schema, name)
    if hit is None:
        return  # the index backs a constraint, or is unknown: nothing to remove
    key, owner = hit
    index = index_named(owner, name)
    if index is not None:
        owner["indexes"].remove(index)
        del r.index_owner[key]
