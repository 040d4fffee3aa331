"""Views and materialized views, kept with their query as written; CREATE TABLE AS is not a design."""

from __future__ import annotations

from sekkei.formats.sql.postgres import lexer
from sekkei.formats.sql.postgres.context import Reader
from sekkei.formats.sql.postgres.nodes import Node, relation, strings
from sekkei.formats.sql.postgres.parse import Statement

_CHECK_OPTION = {"LOCAL_CHECK_OPTION": "local", "CASCADED_CHECK_OPTION": "cascaded"}
_CHECK_TAILS = {("CHECK", "OPTION"), ("CASCADED", "CHECK", "OPTION"), ("LOCAL", "CHECK", "OPTION")}
_DATA_TAILS = {("DATA",), ("NO", "DATA")}


def create_view(r: Reader, node: Node, st: Statement, namespace: str | None = None) -> None:
    rel = node.get("view") or {}
    schema, name = relation(rel)
    ns = schema or namespace or r.creation_namespace
    body_start = lexer.after_word(r.data, st.base + rel.get("location", 0), st.end, "AS")
    if body_start is None:
        return
    check = _CHECK_OPTION.get(node.get("withCheckOption", ""))
    body_end = _trailing_with(r, body_start, st.end, _CHECK_TAILS) if check else st.end
    if node.get("options"):
        r.notes.info("view-options", f"view {name}: WITH (…) options are not kept", location=r.loc(st.start))
    r.builder.add_view(
        ns,
        name,
        r.text(body_start, body_end),
        r.loc(st.start),
        columns=strings(node.get("aliases")),
        check_option=check,
    )


def create_table_as(r: Reader, node: Node, st: Statement, namespace: str | None = None) -> None:
    into = node.get("into") or {}
    rel = into.get("rel") or {}
    schema, name = relation(rel)
    ns = schema or namespace or r.creation_namespace
    if node.get("objtype") != "OBJECT_MATVIEW":
        created_by_query(r, r.builder.key(ns, name), st.start)
        return
    key = r.builder.key(ns, name)
    if node.get("if_not_exists") and key in r.builder.views:
        return
    body_start = lexer.after_word(r.data, st.base + rel.get("location", 0), st.end, "AS")
    if body_start is None:
        return
    body_end = _trailing_with(r, body_start, st.end, _DATA_TAILS)
    r.builder.add_view(
        ns,
        name,
        r.text(body_start, body_end),
        r.loc(st.start),
        columns=strings(into.get("colNames")),
        materialized=True,
    )


def created_by_query(r: Reader, key: str, offset: int) -> None:
    """CREATE TABLE … AS / SELECT … INTO: the columns come from a query that is not run."""
    r.unsupported("CREATE TABLE … AS / SELECT … INTO (the table's columns come from a query)", offset)
    r.ignored_relations.add(key)


def _trailing_with(r: Reader, start: int, end: int, tails: set[tuple[str, ...]]) -> int:
    """Where a final ``WITH [CASCADED|LOCAL] CHECK OPTION`` or ``WITH [NO] DATA`` begins."""
    tokens = list(lexer.top_level(r.data, start, end))[-4:]
    for i, token in enumerate(tokens):
        if (
            lexer.word(r.data, token) == "WITH"
            and tuple(lexer.word(r.data, t) for t in tokens[i + 1 :]) in tails
        ):
            return token[1]
    return end
