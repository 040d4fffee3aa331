"""COMMENT ON …: comments land on the objects they describe."""

from __future__ import annotations

from sekkei.formats.sql.postgres.context import Reader, index_named
from sekkei.formats.sql.postgres.nodes import Node, list_items, qualified_name, strings, sval
from sekkei.formats.sql.postgres.parse import Statement

_RELATIONS = {
    "OBJECT_TABLE": "table",
    "OBJECT_VIEW": "view",
    "OBJECT_MATVIEW": "materialized view",
    "OBJECT_FOREIGN_TABLE": "table",
}
_PUBLIC_COMMENT = "standard public schema"
_NOT_KEPT = {
    "OBJECT_FUNCTION": "function",
    "OBJECT_PROCEDURE": "procedure",
    "OBJECT_AGGREGATE": "aggregate",
    "OBJECT_EXTENSION": "extension",
    "OBJECT_TRIGGER": "trigger",
    "OBJECT_RULE": "rule",
    "OBJECT_POLICY": "policy",
    "OBJECT_OPERATOR": "operator",
    "OBJECT_CAST": "cast",
    "OBJECT_DATABASE": "database",
    "OBJECT_ROLE": "role",
    "OBJECT_LANGUAGE": "language",
    "OBJECT_COLLATION": "collation",
}


def comment(r: Reader, node: Node, st: Statement) -> None:
    objtype = node.get("objtype", "")
    text = node.get("comment")
    obj = node.get("object") or {}
    loc = r.loc(st.start)
    builder = r.builder
    if objtype in _RELATIONS:
        schema, name = qualified_name(strings(list_items(obj)))
        hit = r.find(builder.tables, schema, name) or r.find(builder.views, schema, name)
        if hit is None and _ignored(r, schema, name):
            return
        ns = hit[1].get("namespace") if hit else r.namespace_of(schema)
        builder.set_comment(
            "table" if hit and hit[0] in builder.tables else _RELATIONS[objtype], (ns, name, None), text, loc
        )
    elif objtype == "OBJECT_COLUMN":
        parts = strings(list_items(obj))
        schema, name = qualified_name(parts[:-1])
        hit = r.find(builder.tables, schema, name) or r.find(builder.views, schema, name)
        if hit is None and _ignored(r, schema, name):
            return
        ns = hit[1].get("namespace") if hit else r.namespace_of(schema)
        builder.set_comment("column", (ns, name, parts[-1] if parts else ""), text, loc)
    elif objtype == "OBJECT_INDEX":
        schema, name = qualified_name(strings(list_items(obj)))
        found = r.find_index(schema, name)
        index = index_named(found[1], name) if found else None
        if index is None:
            r.notes.info(
                "comment-skipped",
                f"comment on index {name} is not kept (the index is "
                "not in the schema, e.g. it backs a constraint)",
                location=loc,
            )
        elif text:
            index["comment"] = text
        else:
            index.pop("comment", None)
    elif objtype in {"OBJECT_TYPE", "OBJECT_DOMAIN"}:
        schema, name = qualified_name(strings((obj.get("TypeName") or {}).get("names")))
        hit = r.find(builder.enums, schema, name) or r.find(builder.domains, schema, name)
        if hit is None:
            r.notes.info("comment-skipped", f"comment on type {name} is not kept", location=loc)
            return
        _set(hit[1], text)
    elif objtype == "OBJECT_SEQUENCE":
        schema, name = qualified_name(strings(list_items(obj)))
        hit = r.find(builder.sequences, schema, name)
        if hit is None:
            r.notes.info("comment-skipped", f"comment on sequence {name} is not kept", location=loc)
            return
        _set(hit[1], text)
    elif objtype == "OBJECT_SCHEMA":
        name = sval(obj)
        if builder.namespace(name) is None and text == _PUBLIC_COMMENT:
            return  # the comment every database gives its public schema is not design
        builder.set_comment("schema", (None, name, None), text, loc)
    elif objtype == "OBJECT_TABCONSTRAINT":
        parts = strings(list_items(obj))
        schema, name = qualified_name(parts[:-1])
        hit = r.find(builder.tables, schema, name)
        ns = hit[1].get("namespace") if hit else r.namespace_of(schema)
        builder.set_comment("constraint", (ns, name, parts[-1] if parts else ""), text, loc)
    elif objtype == "OBJECT_DOMCONSTRAINT":
        items = list_items(obj)
        type_node = items[0].get("TypeName", {}) if items else {}
        schema, name = qualified_name(strings(type_node.get("names")))
        hit = r.find(builder.domains, schema, name)
        target = sval(items[-1]) if items else ""
        check = next((c for c in (hit[1].get("checks", []) if hit else []) if c.get("name") == target), None)
        if check is None:
            r.notes.info(
                "comment-skipped", f"comment on domain constraint {target} is not kept", location=loc
            )
            return
        _set(check, text)
    else:
        kind = _NOT_KEPT.get(objtype, objtype.removeprefix("OBJECT_").lower().replace("_", " "))
        r.notes.info("comment-skipped", f"comment on {kind} is not kept", location=loc)


def _set(draft: dict[str, object], text: str | None) -> None:
    if text:
        draft["comment"] = text
    else:
        draft.pop("comment", None)


def _ignored(r: Reader, schema: str | None, name: str) -> bool:
    return r.builder.key(r.namespace_of(schema), name) in r.ignored_relations
