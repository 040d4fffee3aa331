"""MySQL and MariaDB objects beside tables: triggers, views, functions and procedures."""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from sekkei.formats.live.raw import Context

_TRIGGERS = """
select TRIGGER_SCHEMA as db, EVENT_OBJECT_TABLE as table_name, TRIGGER_NAME as name,
       ACTION_TIMING as timing, EVENT_MANIPULATION as event, ACTION_STATEMENT as statement,
       ACTION_ORDER as action_order
from information_schema.TRIGGERS
where TRIGGER_SCHEMA in :ns
"""

_VIEWS = """
select TABLE_SCHEMA as db, TABLE_NAME as name, CHECK_OPTION as check_option
from information_schema.VIEWS
where TABLE_SCHEMA in :ns
order by TABLE_SCHEMA, TABLE_NAME
"""

_ROUTINES = """
select ROUTINE_SCHEMA as db, ROUTINE_NAME as name, ROUTINE_TYPE as kind
from information_schema.ROUTINES
where ROUTINE_SCHEMA in :ns
order by ROUTINE_SCHEMA, ROUTINE_TYPE, ROUTINE_NAME
"""

_VIEW_AS_RE = re.compile(r"\bVIEW\s+(?:`(?:[^`]|``)*`\s*\.\s*)?`(?:[^`]|``)*`\s+AS\s+", re.I | re.S)
_CHECK_OPTION_RE = re.compile(r"\s+WITH\s+(?:CASCADED\s+|LOCAL\s+)?CHECK\s+OPTION\s*$", re.I)
_DEFINER_RE = re.compile(
    r"\s+DEFINER\s*=\s*(?:`(?:[^`]|``)*`|'(?:[^']|'')*'|[^\s@]+)@(?:`(?:[^`]|``)*`|'(?:[^']|'')*'|\S+)",
    re.I)


def _query(sql: str) -> sa.TextClause:
    return sa.text(sql).bindparams(sa.bindparam("ns", expanding=True))


def quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def add_triggers(ctx: Context) -> None:
    """Triggers in the order they were created (information_schema's own order, the
    order a dump has them in), as they were written (SHOW CREATE TRIGGER keeps the statement), without
    the DEFINER, which names an account, not part of the design; rebuilt from
    information_schema when the original is not available."""
    for row in ctx.conn.execute(_query(_TRIGGERS), {"ns": ctx.namespaces}).mappings():
        table = ctx.tables.get((row["db"], row["table_name"]))
        if table is None:
            continue
        sql = _show_create(ctx, "TRIGGER", row["db"], row["name"], column="sql original statement")
        if sql:
            sql = _DEFINER_RE.sub("", sql, count=1)
        else:
            sql = (f"CREATE TRIGGER {quote(row['name'])} {row['timing']} {row['event']} "
                   f"ON {quote(row['table_name'])} FOR EACH ROW {row['statement']}")
        table.triggers.append((row["name"], sql.strip()))


def add_views(ctx: Context) -> None:
    """Views as SHOW CREATE VIEW writes them (names not qualified with the database)."""
    rows = list(ctx.conn.execute(_query(_VIEWS), {"ns": ctx.namespaces}).mappings())
    ctx.progress("views", 0, len(rows))
    for done, row in enumerate(rows, 1):
        text = _show_create(ctx, "VIEW", row["db"], row["name"])
        ctx.progress("views", done, len(rows))
        body = _view_body(text) if text else None
        if body is None:
            ctx.notes.warning("live-skipped", "the view's definition could not be read; left out",
                              subject=f"view {row['name']}",
                              hint="the user needs SHOW VIEW on it")
            continue
        check = str(row["check_option"] or "NONE").lower()
        ctx.builder.add_view(ctx.model_namespace(row["db"]), row["name"], body,
                             check_option=check if check in {"local", "cascaded"} else None)


def _view_body(text: str) -> str | None:
    found = _VIEW_AS_RE.search(text)
    if found is None:
        return None
    return _CHECK_OPTION_RE.sub("", text[found.end():]).strip()


def add_routines(ctx: Context) -> None:
    """Functions and procedures as SHOW CREATE writes them, without the DEFINER."""
    rows = list(ctx.conn.execute(_query(_ROUTINES), {"ns": ctx.namespaces}).mappings())
    ctx.progress("routines", 0, len(rows))
    for done, row in enumerate(rows, 1):
        kind = str(row["kind"]).upper()
        text = _show_create(ctx, kind, row["db"], row["name"])
        ctx.progress("routines", done, len(rows))
        if not text:
            ctx.notes.warning("live-skipped", "the routine's definition could not be read; left out",
                              subject=f"{kind.lower()} {row['name']}",
                              hint="the user needs SHOW_ROUTINE or to own the routine")
            continue
        ctx.builder.add_routine(ctx.model_namespace(row["db"]), row["name"],
                                _DEFINER_RE.sub("", text, count=1),
                                kind="procedure" if kind == "PROCEDURE" else "function")


def _show_create(ctx: Context, kind: str, db: str, name: str, *, column: str = "create ") -> str | None:
    """The CREATE text from SHOW CREATE (None when the user may not see it); `column`
    is the start of the result column's name, in lower case."""
    try:
        row: Any = ctx.conn.execute(sa.text(f"SHOW CREATE {kind} {quote(db)}.{quote(name)}")).first()
    except sa.exc.DBAPIError:
        return None
    if row is None:
        return None
    values = dict(row._mapping)
    for key, value in values.items():
        if str(key).lower().startswith(column) and value:
            return str(value)
    return None
