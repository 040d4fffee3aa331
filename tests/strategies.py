"""Hypothesis strategies that generate valid schemas, for property tests of round trips."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from sekkei.model import Schema

_RESERVEDISH = [
    "on",
    "no",
    "yes",
    "null",
    "true",
    "order",
    "user",
    "select",
    "y",
    "N",
    "1st",
    "a b",
    "日本語",
    "名前",
    "x-y",
    "a:b",
    "# tag",
    "~",
    "-dash",
]

identifiers = st.one_of(
    st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True),
    st.sampled_from(_RESERVEDISH),
).filter(lambda s: "." not in s)

texts = st.one_of(
    st.text(min_size=1, max_size=40).filter(lambda s: s.strip() == s and s != ""),
    st.sampled_from(
        [
            "顧客の氏名",
            "it's",
            'say "hi"',
            "a: b",
            "x # y",
            "line1\nline2",
            "  lead",
            "trail ",
            "yes",
            "null",
            "0.5",
            "1e3",
            "- item",
            "{braces}",
            "[x]",
            "tab\there",
            "multi\n\nblank",
            "ends with newline\n",
        ]
    ),
)

_SCALAR_TYPES = [
    "boolean",
    "smallint",
    "integer",
    "bigint",
    "integer unsigned",
    "numeric(10,2)",
    "numeric",
    "real",
    "double",
    "char(3)",
    "varchar(255)",
    "varchar",
    "text",
    "bytes",
    "date",
    "time",
    "timestamp",
    "timestamptz(3)",
    "interval",
    "uuid",
    "json",
    "jsonb",
    "inet",
    "text[]",
    "integer[][]",
    "enum('a','b c','it''s')",
    "postgres:tsvector",
    "mysql:mediumint unsigned",
]

literal_defaults = st.one_of(
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    texts,
    st.builds(
        lambda s: {"sql": s},
        st.sampled_from(["now()", "CURRENT_TIMESTAMP", "gen_random_uuid()", "'a'::text", "(1 + 2)"]),
    ),
)


@st.composite
def columns(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    names = draw(st.lists(identifiers, min_size=1, max_size=6, unique=True))
    result: dict[str, dict[str, Any]] = {}
    for name in names:
        column: dict[str, Any] = {"type": draw(st.sampled_from(_SCALAR_TYPES))}
        if draw(st.booleans()):
            column["nullable"] = False
        if draw(st.integers(0, 4)) == 0:
            column["default"] = draw(literal_defaults)
        if draw(st.integers(0, 4)) == 0:
            column["comment"] = draw(texts)
        if draw(st.integers(0, 6)) == 0:
            column["native"] = {"mysql": "mediumint(8) unsigned"}
        if draw(st.integers(0, 8)) == 0:
            column["privacy"] = {
                "classification": draw(st.sampled_from(["personal", "sensitive"])),
                "category": "email",
            }
        result[name] = column
    return result


@st.composite
def schemas(draw: st.DrawFn) -> Schema:
    """A valid schema: tables with keys, FKs to existing tables, indexes, enums, views."""
    table_names = draw(st.lists(identifiers, min_size=1, max_size=5, unique=True))
    data: dict[str, Any] = {"tables": {}}
    if draw(st.booleans()):
        data["name"] = draw(identifiers)
    if draw(st.booleans()):
        data["dialect"] = draw(st.sampled_from(["postgres", "mysql", "sqlite"]))
    if draw(st.booleans()):
        data["comment"] = draw(texts)
    if draw(st.booleans()):
        data["enums"] = {"status": {"values": draw(st.lists(texts, min_size=1, max_size=4, unique=True))}}
    for table_name in table_names:
        cols = draw(columns())
        table: dict[str, Any] = {"columns": cols}
        col_names = list(cols)
        if "enums" in data and draw(st.booleans()):
            cols[col_names[0]]["type"] = "status"
        if draw(st.booleans()):
            pk = draw(st.lists(st.sampled_from(col_names), min_size=1, max_size=2, unique=True))
            if draw(st.booleans()):
                table["primary_key"] = {"name": f"pk_{table_name}", "columns": pk}
            else:
                table["primary_key"] = {"columns": pk}
        if draw(st.booleans()):
            table["uniques"] = [{"columns": [draw(st.sampled_from(col_names))]}]
        if draw(st.booleans()):
            table["checks"] = [
                {
                    "sql": f"length({col_names[0]}) > 0",
                    **({"name": "ck_" + table_name} if draw(st.booleans()) else {}),
                }
            ]
        if draw(st.booleans()):
            parts: list[Any] = [draw(st.sampled_from(col_names))]
            if draw(st.booleans()):
                parts.append({"sql": f"lower({col_names[0]})"})
            if draw(st.booleans()):
                parts.append({"column": col_names[-1], "order": "desc", "nulls": "last"})
            index: dict[str, Any] = {"columns": parts}
            if draw(st.booleans()):
                index["name"] = f"ix_{table_name}"
                index["unique"] = draw(st.booleans())
            if draw(st.booleans()):
                index["where"] = f"{col_names[0]} IS NOT NULL"
            table["indexes"] = [index]
        if draw(st.booleans()):
            table["comment"] = draw(texts)
        if draw(st.booleans()):
            table["tags"] = draw(st.lists(identifiers, max_size=3, unique=True))
        data["tables"][table_name] = table
    # foreign keys to tables that exist, with matching column counts
    for table_name in table_names:
        if draw(st.booleans()):
            target = draw(st.sampled_from(table_names))
            target_cols = list(data["tables"][target]["columns"])
            own_cols = list(data["tables"][table_name]["columns"])
            fk: dict[str, Any] = {
                "columns": [draw(st.sampled_from(own_cols))],
                "references": {"table": target, "columns": [draw(st.sampled_from(target_cols))]},
            }
            if draw(st.booleans()):
                fk["on_delete"] = draw(st.sampled_from(["cascade", "set null", "restrict"]))
            if draw(st.booleans()):
                fk["deferrable"] = True
            data["tables"][table_name]["foreign_keys"] = [fk]
    if draw(st.booleans()):
        data["views"] = {
            "v_" + table_names[0]: {"sql": f"SELECT * FROM {table_names[0]}", "comment": draw(texts)}
        }
    if draw(st.booleans()):
        data["diagram"] = {
            "tables": {table_names[0]: {"x": 10.5, "y": -3, "color": "#ff0000"}},
            "areas": {"main": {"tables": table_names[:2], "note": draw(texts)}},
        }
    return Schema.model_validate(data)
