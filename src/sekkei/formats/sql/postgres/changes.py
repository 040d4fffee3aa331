"""RENAME, DROP and SET SCHEMA applied to what was read so far (scripts and dumps use them)."""

from __future__ import annotations

from typing import Any

from sekkei.formats.sql.builder import Draft
from sekkei.formats.sql.naming import postgres_default_name
from sekkei.formats.sql.postgres.context import Reader, index_named
from sekkei.formats.sql.postgres.nodes import (
    Node,
    list_items,
    qualified_name,
    relation,
    strings,
)
from sekkei.formats.sql.postgres.parse import Statement
from sekkei.model.schema import qualified

_GROUPS = (("uniques", "unique"), ("foreign_keys", "foreign_key"), ("checks", "check"))


def constraint_named(table: Draft, name: str) -> tuple[str, Draft] | None:
    """(group, draft) of the constraint called `name`, counting the names PostgreSQL would give."""
    owner = table["name"]
    pk = table.get("primary_key")
    if pk is not None and (pk.get("name") or postgres_default_name("primary_key", owner, [])) == name:
        return "primary_key", pk
    for group, kind in _GROUPS:
        for item in table.get(group, []):
            if item.get("name") == name:
                return group, item
            if item.get("name"):
                continue
            columns = item.get("columns") or []
            if kind == "check":
                used = item.get("_columns") or []
                columns = used[:1] if len(used) == 1 else []
            if postgres_default_name(kind, owner, columns) == name:
                return group, item
    return None


def drop_constraint(table: Draft, name: str) -> bool:
    found = constraint_named(table, name)
    if found is None:
        return False
    group, item = found
    if group == "primary_key":
        table.pop("primary_key", None)
    else:
        table[group].remove(item)
    return True


def drop_column(r: Reader, table: Draft, name: str) -> None:
    """Remove a column and the constraints and indexes of this table that use it."""
    table["columns"].pop(name, None)
    pk = table.get("primary_key")
    if pk is not None and name in pk["columns"]:
        table.pop("primary_key")
    for group in ("uniques", "foreign_keys"):
        table[group] = [c for c in table.get(group, []) if name not in c["columns"]]
    table["checks"] = [c for c in table.get("checks", []) if name not in (c.get("_columns") or [])]
    table["indexes"] = [i for i in table.get("indexes", []) if name not in _index_columns(i)]
    for group in ("uniques", "foreign_keys", "checks", "indexes"):
        if not table[group]:
            del table[group]


def _index_columns(index: Draft) -> list[str]:
    names = [p if isinstance(p, str) else p.get("column") or "" for p in index["columns"]]
    return names + list(index.get("include", []))


def pin_names(table: Draft, column: str | None = None) -> None:
    """Give unnamed constraints and indexes the names PostgreSQL gave them.

    A name is given once, when the object is created; renaming a table or a
    column later does not change it.  Left unnamed, the object would be named
    after the new table or column when the schema is built.
    """
    owner = table["name"]
    pk = table.get("primary_key")
    if pk is not None and not pk.get("name") and (column is None or column in pk["columns"]):
        pk["name"] = postgres_default_name("primary_key", owner, [])
    for group, kind in (*_GROUPS, ("indexes", "index")):
        for item in table.get(group, []):
            if item.get("name"):
                continue
            if kind == "check":
                used = item.get("_columns") or []
                columns = used[:1] if len(used) == 1 else []
                involved = column in used
            else:
                columns = item["columns"]
                if kind == "index":
                    columns = [p if isinstance(p, str) else p.get("column") or "" for p in columns]
                involved = column in columns
            if column is None or involved:
                item["name"] = postgres_default_name(kind, owner, [c or "expr" for c in columns])


def rename_column(r: Reader, table: Draft, old: str, new: str) -> None:
    pin_names(table, old)
    table["columns"] = {(new if k == old else k): v for k, v in table["columns"].items()}
    table["columns"][new]["name"] = new

    def swap(names: list[str]) -> list[str]:
        return [new if n == old else n for n in names]

    if table.get("primary_key"):
        table["primary_key"]["columns"] = swap(table["primary_key"]["columns"])
    for group in ("uniques", "foreign_keys"):
        for item in table.get(group, []):
            item["columns"] = swap(item["columns"])
    for index in table.get("indexes", []):
        index["columns"] = [new if p == old else p for p in index["columns"]]
        for part in index["columns"]:
            if isinstance(part, dict) and part.get("column") == old:
                part["column"] = new
        if index.get("include"):
            index["include"] = swap(index["include"])
    key = qualified(table.get("namespace"), table["name"])
    for other in r.builder.tables.values():
        for fk in other.get("foreign_keys", []):
            if fk["references"]["table"] == key:
                fk["references"]["columns"] = swap(fk["references"]["columns"])
    for sequence in r.builder.sequences.values():
        if sequence.get("owned_by") == f"{key}.{old}":
            sequence["owned_by"] = f"{key}.{new}"


def move(r: Reader, mapping: dict[str, Draft], old_key: str, namespace: str | None, name: str) -> str:
    """Give an object a new name and/or namespace, keeping its place and the references to it."""
    ns = r.builder.namespace(namespace)
    new_key = qualified(ns, name)
    items = list(mapping.items())
    mapping.clear()
    for key, draft in items:
        if key == old_key:
            draft["name"] = name
            if ns:
                draft["namespace"] = ns
                r.builder.namespaces.setdefault(ns, {"name": ns})
            else:
                draft.pop("namespace", None)
            key = new_key
        mapping[key] = draft
    if mapping is r.builder.tables:
        _retarget_tables(r, old_key, new_key)
    elif mapping is r.builder.enums or mapping is r.builder.domains:
        _retarget_types(r, old_key, new_key)
    return new_key


def _retarget_tables(r: Reader, old: str, new: str) -> None:
    for table in r.builder.tables.values():
        for fk in table.get("foreign_keys", []):
            if fk["references"]["table"] == old:
                fk["references"]["table"] = new
        part = table.get("partition_of")
        if part and part["parent"] == old:
            part["parent"] = new
        if old in table.get("inherits", []):
            table["inherits"] = [new if p == old else p for p in table["inherits"]]
    for sequence in r.builder.sequences.values():
        owner = sequence.get("owned_by") or ""
        if owner.startswith(old + "."):
            sequence["owned_by"] = new + owner[len(old) :]


def _retarget_types(r: Reader, old: str, new: str) -> None:
    r.builder._type_cache.clear()
    for table in r.builder.tables.values():
        for column in table["columns"].values():
            kind = column["type"]
            if kind == old or kind.startswith(old + "["):
                column["type"] = new + kind[len(old) :]


def rename(r: Reader, node: Node, st: Statement) -> None:
    kind = node.get("renameType", "")
    new = str(node.get("newname", ""))
    missing_ok = bool(node.get("missing_ok"))
    builder = r.builder
    tables = {"OBJECT_TABLE", "OBJECT_FOREIGN_TABLE"}
    if (
        kind in tables
        or kind == "OBJECT_TABCONSTRAINT"
        or (kind == "OBJECT_COLUMN" and node.get("relationType") in tables)
    ):
        table = r.table(node.get("relation"), st.start, what="ALTER TABLE", missing_ok=missing_ok)
        if table is None:
            return
        key = qualified(table.get("namespace"), table["name"])
        if kind == "OBJECT_COLUMN":
            old = str(node.get("subname", ""))
            if old not in table["columns"]:
                r.problem(
                    f"ALTER TABLE {key} RENAME names column {old}, which the table does not have",
                    st.start,
                    code="missing-column",
                )
                return
            rename_column(r, table, old, new)
        elif kind == "OBJECT_TABCONSTRAINT":
            found = constraint_named(table, str(node.get("subname", "")))
            if found is not None:
                found[1]["name"] = new
        else:
            pin_names(table)
            move(r, builder.tables, key, table.get("namespace"), new)
        return
    if kind in {"OBJECT_VIEW", "OBJECT_MATVIEW", "OBJECT_SEQUENCE"}:
        mapping = builder.sequences if kind == "OBJECT_SEQUENCE" else builder.views
        schema, name = relation(node.get("relation"))
        hit = r.find(mapping, schema, name)
        if hit is not None:
            move(r, mapping, hit[0], hit[1].get("namespace"), new)
        return
    if kind == "OBJECT_INDEX":
        schema, name = relation(node.get("relation"))
        found = r.find_index(schema, name)
        index = index_named(found[1], name) if found else None
        if found is not None and index is not None:
            index["name"] = new
            owner = r.index_owner.pop(found[0])
            r.index_owner[builder.key(owner.get("namespace"), new)] = owner
        return
    if kind in {"OBJECT_TYPE", "OBJECT_DOMAIN"}:
        schema, name = qualified_name(strings(list_items(node.get("object"))))
        for mapping in (builder.enums, builder.domains):
            hit = r.find(mapping, schema, name)
            if hit is not None:
                move(r, mapping, hit[0], hit[1].get("namespace"), new)
                return
        return
    r.skip(f"ALTER … RENAME ({kind.removeprefix('OBJECT_').lower().replace('_', ' ')})", st.start)


def set_schema(r: Reader, node: Node, st: Statement) -> None:
    """ALTER … SET SCHEMA: the object moves to another namespace."""
    kind = node.get("objectType", "")
    target = str(node.get("newschema", ""))
    builder = r.builder
    mappings: dict[str, dict[str, Draft]] = {
        "OBJECT_TABLE": builder.tables,
        "OBJECT_VIEW": builder.views,
        "OBJECT_MATVIEW": builder.views,
        "OBJECT_SEQUENCE": builder.sequences,
    }
    if kind in mappings:
        schema, name = relation(node.get("relation"))
        hit = r.find(mappings[kind], schema, name)
    elif kind in {"OBJECT_TYPE", "OBJECT_DOMAIN"}:
        schema, name = qualified_name(strings(list_items(node.get("object"))))
        hit = r.find(builder.enums, schema, name) or r.find(builder.domains, schema, name)
        mappings[kind] = builder.enums if hit and hit[0] in builder.enums else builder.domains
    else:
        r.skip("ALTER … SET SCHEMA", st.start)
        return
    if hit is None:
        r.skip("ALTER … SET SCHEMA", st.start)
        return
    move(r, mappings[kind], hit[0], target, hit[1]["name"])


def drop(r: Reader, node: Node, st: Statement) -> None:
    """DROP of an object read earlier removes it; any other DROP is passed over."""
    kind = node.get("removeType", "")
    applied = False
    for obj in node.get("objects", ()):
        names = (
            strings(list_items(obj))
            if "List" in obj
            else strings(
                (obj.get("TypeName") or {}).get("names") or (obj.get("ObjectWithArgs") or {}).get("objname")
            )
        )
        if "String" in obj:
            names = strings([obj])
        applied = _drop_one(r, kind, names) or applied
    if not applied:
        what = kind.removeprefix("OBJECT_").replace("_", " ")
        r.skip(f"DROP {what} statements (nothing read earlier to drop)", st.start)


def _drop_one(r: Reader, kind: str, names: list[str]) -> bool:
    builder = r.builder
    schema, name = qualified_name(names)
    mapping: dict[str, Any] | None = {
        "OBJECT_TABLE": builder.tables,
        "OBJECT_FOREIGN_TABLE": builder.tables,
        "OBJECT_VIEW": builder.views,
        "OBJECT_MATVIEW": builder.views,
        "OBJECT_SEQUENCE": builder.sequences,
        "OBJECT_DOMAIN": builder.domains,
        "OBJECT_EXTENSION": builder.extensions,
    }.get(kind)
    if kind == "OBJECT_TYPE":
        mapping = builder.enums if r.find(builder.enums, schema, name) else builder.domains
    if mapping is not None:
        hit = r.find(mapping, schema, name)
        if hit is None:
            return False
        del mapping[hit[0]]
        for key in [k for k, owner in r.index_owner.items() if owner is hit[1]]:
            del r.index_owner[key]
        if mapping is builder.tables:
            for table in builder.tables.values():
                if table.get("foreign_keys"):
                    table["foreign_keys"] = [
                        f for f in table["foreign_keys"] if f["references"]["table"] != hit[0]
                    ]
        return True
    if kind == "OBJECT_INDEX":
        found = r.find_index(schema, name)
        index = index_named(found[1], name) if found else None
        if found is None or index is None:
            return False
        found[1]["indexes"].remove(index)
        del r.index_owner[found[0]]
        return True
    if kind in {"OBJECT_FUNCTION", "OBJECT_PROCEDURE", "OBJECT_AGGREGATE", "OBJECT_ROUTINE"}:
        ns = builder.namespace(r.namespace_of(schema))
        before = len(builder.routines)
        builder.routines[:] = [
            d for d in builder.routines if not (d["name"] == name and d.get("namespace") == ns)
        ]
        for routine_key in [k for k in r.routines if k[0] == ns and k[1] == name]:
            del r.routines[routine_key]
        return len(builder.routines) != before
    if kind in {"OBJECT_TRIGGER", "OBJECT_RULE"} and len(names) >= 2:
        schema, table_name = qualified_name(names[:-1])
        owner = r.find(builder.tables, schema, table_name)
        triggers = owner[1].get("triggers", []) if owner else []
        kept = [t for t in triggers if t["name"] != names[-1]]
        if owner is None or len(kept) == len(triggers):
            return False
        owner[1]["triggers"] = kept
        return True
    return False
