"""ALTER TABLE / ALTER INDEX: the commands that change a design are applied, the rest counted."""

from __future__ import annotations

import re

from sekkei.formats.sql.builder import Draft
from sekkei.formats.sql.postgres import lexer
from sekkei.formats.sql.postgres.changes import drop_column, drop_constraint
from sekkei.formats.sql.postgres.columns import add_column, identity, table_constraint, type_text
from sekkei.formats.sql.postgres.context import Reader
from sekkei.formats.sql.postgres.indexes import attach_index, cascade_to_partitions
from sekkei.formats.sql.postgres.nodes import Node, def_elems, number, object_name, relation
from sekkei.formats.sql.postgres.parse import Statement
from sekkei.formats.sql.postgres.tables import inherit_keys, partition_bound
from sekkei.model.schema import qualified

#: Commands that change the design; everything else is counted and passed over.
_APPLIED = {
    "AT_AddColumn",
    "AT_AddConstraint",
    "AT_ColumnDefault",
    "AT_SetNotNull",
    "AT_DropNotNull",
    "AT_AlterColumnType",
    "AT_AddIdentity",
    "AT_SetIdentity",
    "AT_DropIdentity",
    "AT_DropColumn",
    "AT_DropConstraint",
    "AT_AttachPartition",
    "AT_DetachPartition",
    "AT_AddInherit",
    "AT_DropInherit",
    "AT_SetLogged",
    "AT_SetUnLogged",
    "AT_DropExpression",
}
_ROW_SECURITY = {
    "AT_EnableRowSecurity",
    "AT_ForceRowSecurity",
    "AT_DisableRowSecurity",
    "AT_NoForceRowSecurity",
}
_LABELS = {
    "AT_ChangeOwner": "ALTER … OWNER TO statements (ownership)",
    "AT_SetRelOptions": "ALTER TABLE … SET (storage parameters) commands",
    "AT_ResetRelOptions": "ALTER TABLE … RESET (storage parameters) commands",
    "AT_ClusterOn": "ALTER TABLE … CLUSTER ON commands (maintenance)",
}


def _label(subtype: str) -> str:
    if subtype in _LABELS:
        return _LABELS[subtype]
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", subtype.removeprefix("AT_")).upper()
    return f"ALTER TABLE … {words} commands"


def alter_table(r: Reader, node: Node, st: Statement) -> None:
    objtype = node.get("objtype", "OBJECT_TABLE")
    cmds = [c["AlterTableCmd"] for c in node.get("cmds", ()) if "AlterTableCmd" in c]
    rel = node.get("relation") or {}
    if objtype == "OBJECT_INDEX":
        for cmd in cmds:
            if cmd.get("subtype") == "AT_AttachPartition":
                child = (cmd.get("def") or {}).get("PartitionCmd", {}).get("name")
                attach_index(r, rel, child or {}, st.start)
            else:
                r.skip(_label(cmd.get("subtype", "")).replace("ALTER TABLE", "ALTER INDEX"), st.start)
        return
    applied = [c for c in cmds if c.get("subtype") in _APPLIED or c.get("subtype") in _ROW_SECURITY]
    chosen = {id(c) for c in applied}
    for cmd in cmds:
        if id(cmd) not in chosen:
            r.skip(_label(cmd.get("subtype", "")), st.start)
    if not applied:
        return
    schema, name = relation(rel)
    if not r.find(r.builder.tables, schema, name) and (
        objtype not in {"OBJECT_TABLE", "OBJECT_FOREIGN_TABLE"} or r.find(r.builder.views, schema, name)
    ):
        # ALTER VIEW/SEQUENCE/…, or pg_dump's ALTER TABLE on a view (column defaults of views)
        for cmd in applied:
            r.skip(_label(cmd.get("subtype", "")).replace("ALTER TABLE", "ALTER VIEW"), st.start)
        return
    table = r.table(
        rel, st.base + rel.get("location", 0), what="ALTER TABLE", missing_ok=bool(node.get("missing_ok"))
    )
    if table is None:
        return
    spans = _command_spans(r, st.base + rel.get("location", 0), st.end, len(cmds))
    for i, cmd in enumerate(cmds):
        if id(cmd) in chosen:
            start, end = spans[i] if spans else (st.start, st.end)
            _command(r, table, cmd, st, start, end)
    if (
        table.get("partition_by")
        and rel.get("inh")
        and any(c.get("subtype") == "AT_AddConstraint" for c in applied)
    ):
        # without ONLY, a new key of a partitioned table reaches every partition
        key = qualified(table.get("namespace"), table["name"])
        for child in r.builder.tables.values():
            if (child.get("partition_of") or {}).get("parent") == key:
                inherit_keys(table, child)


def _command_spans(r: Reader, rel_at: int, end: int, count: int) -> list[tuple[int, int]] | None:
    """Spans of the comma-separated commands after the table name (None if they do not line up)."""
    tokens = lexer.scan(r.data, rel_at, end)
    next(tokens, None)  # the name
    begin = end
    for kind, s, e in tokens:
        if kind == "op" and r.data[s:e] == b".":
            next(tokens, None)
            continue
        if kind == "op" and r.data[s:e] == b"*":
            continue
        begin = s
        break
    parts = lexer.split_top_level(r.data, begin, end)
    return parts if len(parts) == count else None


def _column(r: Reader, table: Draft, name: str, offset: int) -> Draft | None:
    column = table["columns"].get(name)
    if column is None:
        key = qualified(table.get("namespace"), table["name"])
        r.problem(
            f"ALTER TABLE {key} names column {name}, which the table does not have",
            offset,
            code="missing-column",
        )
    return column  # type: ignore[no-any-return]


def _command(r: Reader, table: Draft, cmd: Node, st: Statement, start: int, end: int) -> None:
    subtype = cmd.get("subtype", "")
    definition = cmd.get("def") or {}
    name = str(cmd.get("name", ""))
    key = qualified(table.get("namespace"), table["name"])
    if subtype == "AT_AddColumn":
        column = definition.get("ColumnDef", {})
        if cmd.get("missing_ok") and column.get("colname") in table["columns"]:
            return
        add_column(r, table, column, st.base, end)
    elif subtype == "AT_AddConstraint":
        table_constraint(r, table, definition.get("Constraint", {}), st.base, end)
    elif subtype in _ROW_SECURITY:
        r.unsupported("row level security (ALTER TABLE … ROW LEVEL SECURITY)", start)
    elif subtype == "AT_DropConstraint":
        if not drop_constraint(table, name) and not cmd.get("missing_ok"):
            r.notes.info(
                "drop-unknown",
                f"ALTER TABLE {key} DROP CONSTRAINT {name}: no such constraint was read; nothing to drop",
                location=r.loc(start),
            )
    elif subtype in {"AT_SetLogged", "AT_SetUnLogged"}:
        options = table.setdefault("options", {}).setdefault(r.builder.family, {})
        if subtype == "AT_SetUnLogged":
            options["unlogged"] = "true"
        else:
            options.pop("unlogged", None)
    elif subtype in {"AT_AttachPartition", "AT_DetachPartition"}:
        _partition(r, table, definition.get("PartitionCmd", {}), st, subtype)
    elif subtype in {"AT_AddInherit", "AT_DropInherit"}:
        schema, parent_name = relation(definition)
        parent = r.reference(r.builder.tables, schema, parent_name)
        inherits = [p for p in table.get("inherits", []) if p != parent]
        if subtype == "AT_AddInherit":
            inherits.append(parent)
        table["inherits"] = inherits
    elif subtype == "AT_DropColumn":
        if name in table["columns"]:
            drop_column(r, table, name)
        elif not cmd.get("missing_ok"):
            _column(r, table, name, start)
    else:
        column = _column(r, table, name, start)
        if column is not None:
            _alter_column(r, table, column, cmd, st, start, end)


def _alter_column(
    r: Reader, table: Draft, column: Draft, cmd: Node, st: Statement, start: int, end: int
) -> None:
    subtype = cmd.get("subtype", "")
    definition = cmd.get("def") or {}
    if subtype == "AT_ColumnDefault":
        value = None
        if definition:
            begin = lexer.after_word(r.data, start, end, "DEFAULT")
            value = r.default(r.text(begin, end), column["type"]) if begin else None
        if value is None:
            column.pop("default", None)
        else:
            column["default"] = value
    elif subtype == "AT_SetNotNull":
        column["nullable"] = False
    elif subtype == "AT_DropNotNull":
        column.pop("nullable", None)
    elif subtype == "AT_AlterColumnType":
        coldef = definition.get("ColumnDef", {})
        written, _ = type_text(r, coldef.get("typeName") or {}, st.base)
        canonical, native = r.builder.column_type(written, table.get("namespace"))
        column["type"] = canonical
        column.pop("native", None)
        if native:
            column["native"] = {r.builder.family: native}
        if coldef.get("collClause"):
            column["collation"] = object_name(coldef["collClause"].get("collname"), r.default_namespace)
    elif subtype == "AT_AddIdentity":
        key = qualified(table.get("namespace"), table["name"])
        column["identity"] = identity(r, definition.get("Constraint", {}), start, f"{key}.{column['name']}")
        column["nullable"] = False
    elif subtype == "AT_SetIdentity":
        current = column.setdefault("identity", {"generated": "by_default"})
        for option, arg in def_elems(definition.get("List", {}).get("items")):
            value = number(arg)
            if option == "generated":
                current["generated"] = "always" if value == ord("a") else "by_default"
            elif option in {"start", "increment"} and value is not None:
                if value == 1:
                    current.pop(option, None)
                else:
                    current[option] = value
    elif subtype == "AT_DropIdentity":
        column.pop("identity", None)
    elif subtype == "AT_DropExpression":
        column.pop("generated", None)


def _partition(r: Reader, table: Draft, cmd: Node, st: Statement, subtype: str) -> None:
    rel = cmd.get("name") or {}
    child = r.table(rel, st.base + rel.get("location", 0), what="ATTACH PARTITION")
    if child is None:
        return
    if subtype == "AT_DetachPartition":
        child.pop("partition_of", None)
        return
    bound = cmd.get("bound") or {}
    child["partition_of"] = {
        "parent": qualified(table.get("namespace"), table["name"]),
        "bound": partition_bound(r, st.base + bound.get("location", 0), st.end),
    }
    inherit_keys(table, child)
    for index in list(table.get("indexes", [])):
        cascade_to_partitions(r, table, index)
