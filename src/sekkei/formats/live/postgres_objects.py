"""PostgreSQL objects beside tables: namespaces, extensions, enums, domains, sequences,
views, functions, triggers and rules."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, overload

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql.base import PGInspector

from sekkei.formats.live import postgres_sql as q
from sekkei.formats.live.postgres_others import (
    AGGREGATE,
    FUNCTION,
    RULE,
    TRIGGER,
    KeptRoutine,
    signature_types,
)
from sekkei.formats.live.postgres_routines import ROUTINE_DETAILS, function_sql, quote_ident
from sekkei.formats.live.raw import Context, Draft
from sekkei.formats.sql.defaults import wraps_whole
from sekkei.formats.sql.naming import is_default_name

_PUBLIC_COMMENT = "standard public schema"

#: (min, max) of the types a sequence can have
_RANGES = {
    "smallint": (-32768, 32767),
    "integer": (-2147483648, 2147483647),
    "bigint": (-9223372036854775808, 9223372036854775807),
}

_ROUTINE_KINDS = {"f": "function", "p": "procedure", "w": "function", "a": "aggregate"}


def add_namespaces(ctx: Context) -> None:
    """The namespaces read, with their comments (public's stock comment is not news)."""
    for row in ctx.conn.execute(sa.text(q.NAMESPACES)).mappings():
        name = row["name"]
        if name not in ctx.namespaces:
            continue
        comment = row["comment"]
        if ctx.builder.namespace(name) is None:
            if comment and comment != _PUBLIC_COMMENT:
                ctx.builder.set_comment("schema", (None, name, None), comment)
            continue
        ctx.builder.add_namespace(name, comment=comment)


def add_extensions(ctx: Context) -> None:
    """Installed extensions (plpgsql is always there); their objects are left out elsewhere."""
    for row in ctx.conn.execute(sa.text(q.EXTENSIONS)).mappings():
        ctx.builder.add_extension(row["name"], row["schema"])


def add_types(ctx: Context) -> None:
    """Enums, then domains (a domain may be over an enum or another domain)."""
    rows = list(ctx.conn.execute(sa.text(q.TYPES), {"ns": ctx.namespaces}).mappings())
    ctx.progress("types", 0, len(rows))
    info = {(row["schema"], row["name"]): row for row in rows}
    for schema in ctx.namespaces:
        for enum in _enums(ctx, schema):
            row = info.get((enum["schema"], enum["name"]))
            if row is None or row["from_extension"]:
                continue
            ctx.builder.add_enum(enum["schema"], enum["name"], list(enum["labels"]))
            if row["comment"]:
                ctx.builder.set_comment("type", (enum["schema"], enum["name"], None), row["comment"])
    _add_domains(ctx, ctx.conn.execute(sa.text(q.DOMAINS), {"ns": ctx.namespaces}).mappings())
    ctx.progress("types", len(rows), len(rows))


def _enums(ctx: Context, schema: str) -> list[Any]:
    """The enums of `schema`, values in their declared order."""
    inspector = ctx.inspector
    if not isinstance(inspector, PGInspector):
        return []
    return list(inspector.get_enums(schema=schema))


def _add_domains(ctx: Context, rows: Iterable[Any]) -> None:
    pending = {(row["schema"], row["name"]): row for row in rows}
    while pending:
        names = {name for _, name in pending}
        ready = [key for key, row in pending.items() if _base_name(row["type"]) not in names]
        for key in ready or list(pending):
            _add_domain(ctx, pending.pop(key))


def _base_name(type_text: str) -> str:
    return type_text.split("(", 1)[0].removesuffix("[]").rsplit(".", 1)[-1].strip('"')


def _add_domain(ctx: Context, row: Any) -> None:
    builder = ctx.builder
    type_text = local_name(ctx, row["type"])
    canonical, _ = builder.column_type(type_text, row["schema"])
    checks: list[Draft] = []
    for name, definition in zip(row["check_names"], row["check_definitions"], strict=True):
        check: Draft = {"sql": check_condition(definition)}
        if not is_default_name("check", name, row["name"], [], ctx.dialect):
            check["name"] = name
        checks.append(check)
    builder.add_domain(
        row["schema"],
        row["name"],
        type_text,
        nullable=False if row["not_null"] else None,
        default=builder.default(row["default"], canonical) if row["default"] is not None else None,
        checks=checks or None,
        collation=local_name(ctx, row["collation"]),
        comment=row["comment"],
    )


@overload
def local_name(ctx: Context, name: str) -> str: ...
@overload
def local_name(ctx: Context, name: None) -> None: ...
def local_name(ctx: Context, name: str | None) -> str | None:
    """A type, collation or operator class name without the default namespace.

    With an empty search path the server qualifies everything outside
    pg_catalog (``public.citext``); the model leaves ``public`` out of names,
    as the builder does for table keys.
    """
    if name is None:
        return None
    default = ctx.builder.default_namespace
    if default:
        for prefix in (f"{default}.", f'"{default}".'):
            if name.startswith(prefix):
                return name[len(prefix) :]
    return name


def check_condition(definition: str) -> str:
    """``CHECK ((x > 0)) NOT VALID`` → ``(x > 0)``: what a DDL reader finds between the
    parentheses of CHECK in pg_dump's output (the server's own parentheses stay)."""
    text = definition.strip()
    for suffix in (" NOT VALID", " NO INHERIT"):
        if text.endswith(suffix):
            text = text[: -len(suffix)].rstrip()
    if text.upper().startswith("CHECK"):
        text = text[5:].strip()
    return unwrap_once(text)


def unwrap_once(text: str) -> str:
    """`text` without one pair of parentheses around all of it (if it has one)."""
    text = text.strip()
    return text[1:-1].strip() if wraps_whole(text) else text


def add_sequences(ctx: Context) -> None:
    """Sequences with the options that differ from CREATE SEQUENCE's defaults.

    Identity columns' sequences are part of their column; a sequence OWNED BY a
    column keeps that link so the builder can recognise serial columns.
    """
    rows = list(ctx.conn.execute(sa.text(q.SEQUENCES), {"ns": ctx.namespaces}).mappings())
    ctx.progress("sequences", 0, len(rows))
    for done, row in enumerate(rows, 1):
        ctx.progress("sequences", done, len(rows))
        if row["owner_kind"] == "i":
            continue
        fields = sequence_options(row)
        if row["owner_kind"] == "a":
            owner = (row["owner_schema"], row["owner_table"])
            if owner in ctx.tables:
                fields["owned_by"] = f"{ctx.table_key(*owner)}.{row['owner_column']}"
            else:
                ctx.notes.info(
                    "live-outside-selection",
                    f"owned by {owner[0]}.{owner[1]}, which is outside the namespaces read",
                    subject=f"sequence {ctx.builder.key(row['schema'], row['name'])}",
                )
        ctx.builder.add_sequence(row["schema"], row["name"], comment=row["comment"], **fields)


def sequence_options(row: Any) -> dict[str, Any]:
    kind = row["type"]
    low, high = _RANGES.get(kind, _RANGES["bigint"])
    increment = int(row["increment"])
    ascending = increment > 0
    default_min = 1 if ascending else low
    default_max = high if ascending else -1
    default_start = default_min if ascending else default_max
    fields: dict[str, Any] = {}
    if kind != "bigint":
        fields["type"] = kind
    if row["start"] != default_start:
        fields["start"] = int(row["start"])
    if increment != 1:
        fields["increment"] = increment
    if row["min_value"] != default_min:
        fields["min_value"] = int(row["min_value"])
    if row["max_value"] != default_max:
        fields["max_value"] = int(row["max_value"])
    if row["cache"] != 1:
        fields["cache"] = int(row["cache"])
    if row["cycle"]:
        fields["cycle"] = True
    return fields


def add_views(ctx: Context, indexes: dict[tuple[str, str], list[Draft]]) -> None:
    """Views and materialized views, each after the views it reads from."""
    rows = list(ctx.conn.execute(sa.text(q.VIEWS), {"ns": ctx.namespaces}).mappings())
    total = len(rows)
    ctx.progress("views", 0, total)
    for done, row in enumerate(_dependency_order(rows), 1):
        options = dict(text.partition("=")[::2] for text in row["options"] or ())
        definition = (row["definition"] or "").strip().removesuffix(";").rstrip()
        ctx.builder.add_view(
            row["schema"],
            row["name"],
            definition,
            materialized=row["kind"] == "m",
            check_option=options.get("check_option"),
            indexes=indexes.get((row["schema"], row["name"]), []),
            comment=row["comment"],
        )
        ctx.progress("views", done, total)


def _dependency_order(rows: list[Any]) -> list[Any]:
    """Rows in an order where each view follows those it depends on (then by name)."""
    by_oid = {row["oid"]: row for row in rows}
    placed: set[int] = set()
    ordered: list[Any] = []

    def place(row: Any, path: set[int]) -> None:
        oid = row["oid"]
        if oid in placed or oid in path:
            return
        path.add(oid)
        for dep in sorted(row["depends_on"] or ()):
            if dep in by_oid:
                place(by_oid[dep], path)
        placed.add(oid)
        ordered.append(row)

    for row in rows:
        place(row, set())
    return ordered


def routines(ctx: Context) -> list[KeptRoutine]:
    """Functions and procedures as pg_dump writes them; aggregates rebuilt from pg_aggregate."""
    rows = list(ctx.conn.execute(sa.text(q.ROUTINES), {"ns": ctx.namespaces}).mappings())
    details = _routine_details(ctx, [row["oid"] for row in rows if row["kind"] != "a"])
    total = len(rows)
    ctx.progress("routines", 0, total)
    kept: list[KeptRoutine] = []
    for done, row in enumerate(rows, 1):
        ctx.progress("routines", done, total)
        kind = _ROUTINE_KINDS.get(row["kind"])
        if kind is None:
            continue
        if kind == "aggregate":
            sql = aggregate_sql(ctx, row)
        else:
            sql = function_sql(details[row["oid"]], row["schema"], row["name"])
        signature = signature_types(row["argument_types"], ctx.builder.default_namespace)
        kept.append(
            KeptRoutine(
                AGGREGATE if kind == "aggregate" else FUNCTION,
                row["schema"],
                row["name"],
                sql,
                kind,
                signature,
            )
        )
    return kept


def _routine_details(ctx: Context, oids: list[int]) -> dict[int, Any]:
    if not oids:
        return {}
    version = ctx.conn.dialect.server_version_info or (0,)
    sql_body = "pg_catalog.pg_get_function_sqlbody(p.oid)" if version >= (14,) else "null"
    rows = ctx.conn.execute(sa.text(ROUTINE_DETAILS.format(sql_body=sql_body)), {"oids": oids})
    return {row["oid"]: row for row in rows.mappings()}


_AGGREGATE_OPTIONS = (
    ("sspace", "SSPACE"),
    ("finalfunc", "FINALFUNC"),
    ("combinefunc", "COMBINEFUNC"),
    ("serialfunc", "SERIALFUNC"),
    ("deserialfunc", "DESERIALFUNC"),
    ("msfunc", "MSFUNC"),
    ("minvfunc", "MINVFUNC"),
    ("mstype", "MSTYPE"),
    ("mfinalfunc", "MFINALFUNC"),
)
_PARALLEL = {"s": "safe", "r": "restricted"}


def aggregate_sql(ctx: Context, row: Any) -> str:
    """CREATE AGGREGATE rebuilt from pg_aggregate (PostgreSQL has no function that writes it)."""
    name = f"{quote_ident(row['schema'])}.{quote_ident(row['name'])}"
    parts = [f"SFUNC = {row['sfunc']}", f"STYPE = {row['stype']}"]
    for column, option in _AGGREGATE_OPTIONS:
        value = row[column]
        if value and not (column == "sspace" and int(value) == 0):
            parts.append(f"{option} = {value}")
    if row["finalfunc_extra"]:
        parts.append("FINALFUNC_EXTRA")
    for column, option in (("initcond", "INITCOND"), ("minitcond", "MINITCOND")):
        if row[column] is not None:
            parts.append(f"{option} = " + "'" + str(row[column]).replace("'", "''") + "'")
    if row["sortop"]:
        parts.append(f"SORTOP = {str(row['sortop']).split('(', 1)[0]}")
    if row["parallel"] in _PARALLEL:
        parts.append(f"PARALLEL = {_PARALLEL[row['parallel']]}")
    if row["aggregate_kind"] == "h":
        parts.append("HYPOTHETICAL")
    if row["aggregate_kind"] != "n":
        ctx.notes.info(
            "live-approximate",
            "ordered-set aggregate rebuilt from the catalog; check its definition",
            subject=f"aggregate {name}",
        )
    body = ",\n    ".join(parts)
    return f"CREATE AGGREGATE {name}({row['arguments']}) (\n    {body}\n)"


def add_triggers(ctx: Context) -> list[KeptRoutine]:
    """Triggers as pg_get_triggerdef writes them, on their tables; those on views
    (which carry no triggers in the model) are returned to be kept as routines.

    A partition's copy of its parent's trigger is the parent's trigger.
    """
    version = ctx.conn.dialect.server_version_info or (0,)
    not_cloned = "t.tgparentid = 0" if version >= (13,) else "true"
    rows = ctx.conn.execute(sa.text(q.TRIGGERS.format(not_cloned=not_cloned)), {"ns": ctx.namespaces})
    on_views: list[KeptRoutine] = []
    for row in rows.mappings():
        table = ctx.tables.get((row["schema"], row["table"]))
        if table is not None:
            table.triggers.append((row["name"], row["definition"]))
        elif row["table_kind"] in {"v", "m"}:
            on_views.append(KeptRoutine(TRIGGER, row["schema"], row["name"], row["definition"], "other"))
    return on_views


def add_rules(ctx: Context) -> list[KeptRoutine]:
    """Rewrite rules other than the ones that make a view.

    A rule on a table is kept with the table, as its triggers are (the DDL
    reader does the same); those on views are returned to be kept as routines.
    """
    on_views: list[KeptRoutine] = []
    for row in ctx.conn.execute(sa.text(q.RULES), {"ns": ctx.namespaces}).mappings():
        sql = row["definition"].strip().removesuffix(";").rstrip()
        table = ctx.tables.get((row["schema"], row["table"]))
        if table is not None:
            table.triggers.append((row["name"], sql))
        else:
            on_views.append(KeptRoutine(RULE, row["schema"], row["name"], sql, "other"))
    return on_views
