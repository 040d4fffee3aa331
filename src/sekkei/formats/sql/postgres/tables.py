"""CREATE TABLE: columns, constraints, partitions, inheritance, LIKE and storage options."""

from __future__ import annotations

import copy

from sekkei.formats.sql.builder import Draft
from sekkei.formats.sql.postgres import lexer
from sekkei.formats.sql.postgres.columns import add_column, table_constraint
from sekkei.formats.sql.postgres.context import Reader
from sekkei.formats.sql.postgres.nodes import Node, def_elems, option_text, relation
from sekkei.formats.sql.postgres.parse import Statement

_PERSISTENCE = {"u": ("unlogged", "true"), "t": ("temporary", "true")}
_ON_COMMIT = {
    "ONCOMMIT_DROP": "drop",
    "ONCOMMIT_DELETE_ROWS": "delete rows",
    "ONCOMMIT_PRESERVE_ROWS": "preserve rows",
}
_STRATEGY = {
    "PARTITION_STRATEGY_RANGE": "RANGE",
    "PARTITION_STRATEGY_LIST": "LIST",
    "PARTITION_STRATEGY_HASH": "HASH",
}

# TableLikeOption bits (PostgreSQL's CREATE_TABLE_LIKE_*)
_LIKE_COMMENTS, _LIKE_CONSTRAINTS, _LIKE_DEFAULTS = 1, 4, 8
_LIKE_GENERATED, _LIKE_IDENTITY, _LIKE_INDEXES = 16, 32, 64


def create_table(r: Reader, node: Node, st: Statement, namespace: str | None = None) -> None:
    rel = node.get("relation") or {}
    schema, name = relation(rel)
    ns = schema or namespace or r.creation_namespace
    key = r.builder.key(ns, name)
    if node.get("if_not_exists") and key in r.builder.tables:
        r.notes.info(
            "exists",
            f"CREATE TABLE IF NOT EXISTS {key}: the table exists already; the second definition is ignored",
            location=r.loc(st.start),
        )
        return
    table = r.builder.add_table(ns, name, r.loc(st.start))
    base, limit = st.base, st.end
    _options(r, table, node, rel)
    parents = [p for p in node.get("inhRelations", ()) if "RangeVar" in p]
    bound = node.get("partbound")
    if bound is not None and parents:
        parent = r.table(parents[0], base + parents[0]["RangeVar"].get("location", 0), what="PARTITION OF")
        if parent is not None:
            _inherit_columns(r, table, parent)
            table["partition_of"] = {
                "parent": r.builder.key(parent.get("namespace"), parent["name"]),
                "bound": partition_bound(r, base + bound.get("location", 0), limit),
            }
            inherit_keys(parent, table)
    elif parents:
        keys = []
        for item in parents:
            parent = r.table(item, base + item["RangeVar"].get("location", 0), what="INHERITS")
            if parent is not None:
                _inherit_columns(r, table, parent)
                keys.append(r.builder.key(parent.get("namespace"), parent["name"]))
        if keys:
            table["inherits"] = keys
    if node.get("ofTypename"):
        r.unsupported("typed table (CREATE TABLE … OF type)", st.start)
    for element in node.get("tableElts", ()):
        column = element.get("ColumnDef")
        if column is not None:
            add_column(r, table, column, base, limit)
        elif "Constraint" in element:
            table_constraint(r, table, element["Constraint"], base, limit)
        elif "TableLikeClause" in element:
            _like(r, table, element["TableLikeClause"], base)
    spec = node.get("partspec")
    if spec:
        table["partition_by"] = partition_by(r, spec, base, limit)


def _options(r: Reader, table: Draft, node: Node, rel: Node) -> None:
    options: dict[str, str] = {}
    persistence = _PERSISTENCE.get(rel.get("relpersistence", "p"))
    if persistence:
        options[persistence[0]] = persistence[1]
    on_commit = _ON_COMMIT.get(node.get("oncommit", ""))
    if on_commit:
        options["on_commit"] = on_commit
    for name, arg in def_elems(node.get("options")):
        options[name] = option_text(arg)
    if node.get("tablespacename"):
        options["tablespace"] = str(node["tablespacename"])
    if node.get("accessMethod"):
        options["using"] = str(node["accessMethod"])
    if options:
        table.setdefault("options", {}).setdefault(r.builder.family, {}).update(options)


def _inherit_columns(r: Reader, table: Draft, parent: Draft) -> None:
    """Copy a parent's columns (a partition or child table has them all)."""
    for name, column in parent["columns"].items():
        if name in table["columns"]:
            continue
        copied = {k: copy.deepcopy(v) for k, v in column.items() if k not in {"identity", "comment", "loc"}}
        copied["loc"] = table.get("loc")
        table["columns"][name] = copied
        r.inherited_columns.add(id(copied))


def inherit_keys(parent: Draft, partition: Draft) -> None:
    """A partition has its parent's primary key and unique constraints (PostgreSQL creates them).

    They are named after the partition, which is the name PostgreSQL would
    give anyway, so they are added unnamed.
    """
    if parent.get("primary_key") and not partition.get("primary_key"):
        partition["primary_key"] = {
            "columns": list(parent["primary_key"]["columns"]),
            "loc": partition.get("loc"),
        }
    have = [u["columns"] for u in partition.get("uniques", [])]
    for unique in parent.get("uniques", []):
        if unique["columns"] not in have:
            copied = {k: copy.deepcopy(v) for k, v in unique.items() if k not in {"name", "loc", "comment"}}
            partition.setdefault("uniques", []).append({**copied, "loc": partition.get("loc")})


def partition_bound(r: Reader, start: int, limit: int) -> str:
    """``FOR VALUES IN (…)``, ``FOR VALUES FROM (…) TO (…)``, ``… WITH (…)`` or ``DEFAULT``.

    libpg_query places the bound at the word after ``FOR VALUES``; the values
    are kept as written.
    """
    data = r.data
    tokens = lexer.scan(data, start, limit)
    first = next(tokens, None)
    if first is None:
        return ""
    keyword = lexer.word(data, first)
    if keyword == "DEFAULT":
        return "DEFAULT"
    end = first[2]
    groups = 2 if keyword == "FROM" else 1
    for token in tokens:
        kind, s, _ = token
        if s < end:
            continue  # inside a group already taken whole
        if kind == "open":
            end = lexer.group_end(data, s, limit)
            groups -= 1
            if groups == 0:
                break
        elif lexer.word(data, token) != "TO":
            break
    return "FOR VALUES " + r.text(start, end)


def partition_by(r: Reader, spec: Node, base: int, limit: int) -> str:
    """``RANGE (payment_date)``: the strategy and the key list as written."""
    start = base + spec.get("location", 0)
    strategy = _STRATEGY.get(spec.get("strategy", ""), "")
    for kind, s, _ in lexer.scan(r.data, start, limit):
        if kind == "open":
            return f"{strategy} {r.text(s, lexer.group_end(r.data, s, limit))}".strip()
    return strategy


def _like(r: Reader, table: Draft, like: Node, base: int) -> None:
    rel = like.get("relation") or {}
    source = r.table(rel, base + rel.get("location", 0), what="LIKE")
    if source is None:
        return
    options = int(like.get("options", 0))
    for name, column in source.get("columns", {}).items():
        if name in table["columns"]:
            r.problem(
                f"table {table['name']}: column {name} is defined twice",
                base + rel.get("location", 0),
                code="duplicate",
            )
            continue
        copied: Draft = {"name": name, "type": column["type"], "loc": table.get("loc")}
        for field in ("native", "nullable", "collation"):
            if field in column:
                copied[field] = copy.deepcopy(column[field])
        if options & _LIKE_DEFAULTS and "default" in column:
            copied["default"] = column["default"]
        if options & _LIKE_GENERATED and "generated" in column:
            copied["generated"] = dict(column["generated"])
        if options & _LIKE_IDENTITY and "identity" in column:
            copied["identity"] = dict(column["identity"])
        if options & _LIKE_COMMENTS and "comment" in column:
            copied["comment"] = column["comment"]
        table["columns"][name] = copied
    if options & _LIKE_CONSTRAINTS:
        for check in source.get("checks", ()):
            # PostgreSQL copies check constraints with their names
            table.setdefault("checks", []).append(
                {k: copy.deepcopy(v) for k, v in check.items() if k != "loc"}
            )
    if options & _LIKE_INDEXES:
        if source.get("primary_key") and not table.get("primary_key"):
            table["primary_key"] = {"columns": list(source["primary_key"]["columns"])}
        for unique in source.get("uniques", ()):
            table.setdefault("uniques", []).append(
                {k: copy.deepcopy(v) for k, v in unique.items() if k not in {"name", "loc"}}
            )
        for index in source.get("indexes", ()):
            table.setdefault("indexes", []).append(
                {k: copy.deepcopy(v) for k, v in index.items() if k not in {"name", "loc"}}
            )
