"""The database-neutral part of a live read: SQLAlchemy's inspector, one query per kind.

`Inspector.get_multi_*` answers for a whole schema at once, about twenty
times faster than asking table by table.  What it reports is turned into
`RawTable`s here; each database's module then corrects what the inspector
cannot say exactly (full type spellings, expression texts, inherited objects).
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Callable, Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine.reflection import ObjectKind, ObjectScope

from sekkei.formats.live.raw import Context, Draft, RawCheck, RawColumn, RawForeignKey, RawKey, RawTable
from sekkei.formats.sql.defaults import strip_parens

#: What can be asked of the inspector, in the order it is asked, with its progress stage.
KINDS: tuple[tuple[str, str], ...] = (
    ("columns", "get_multi_columns"),
    ("primary keys", "get_multi_pk_constraint"),
    ("foreign keys", "get_multi_foreign_keys"),
    ("uniques", "get_multi_unique_constraints"),
    ("indexes", "get_multi_indexes"),
    ("checks", "get_multi_check_constraints"),
    ("comments", "get_multi_table_comment"),
)
ALL_KINDS = frozenset(kind for kind, _ in KINDS)


def inspect_tables(ctx: Context, schema: str | None, names: Iterable[str], *,
                   kinds: frozenset[str] = ALL_KINDS, done: int = 0, total: int = 0) -> dict[str, RawTable]:
    """The tables `names` of `schema` as the inspector reports them, in the given order.

    `done` and `total` place this schema's tables in the whole read, for progress.
    """
    namespace = ctx.model_namespace(schema)
    tables = {name: RawTable(schema, namespace, name) for name in names}
    count = len(tables)
    for kind, method in KINDS:
        if kind not in kinds:
            continue
        ctx.progress(kind, done, total)
        if tables:
            found = _ask(ctx, method, schema)
            if found is not None:
                fill = _FILLERS[kind]
                for (_, name), value in found:
                    table = tables.get(name)
                    if table is not None and value is not None:
                        fill(ctx, table, value)
        ctx.progress(kind, done + count, total)
    for table in tables.values():
        _drop_constraint_indexes(table)
    return tables


def _ask(ctx: Context, method: str, schema: str | None) -> Iterable[tuple[tuple[Any, str], Any]] | None:
    """One `get_multi_*` call; None (with a note) where the database cannot answer it."""
    call: Callable[..., dict[tuple[Any, str], Any]] = getattr(ctx.inspector, method)
    try:
        with warnings.catch_warnings():
            # the inspector warns about types it cannot map to SQLAlchemy types;
            # Sekkei reads type names itself, so these say nothing to the user
            warnings.simplefilter("ignore", sa.exc.SAWarning)
            result = call(schema=schema, kind=ObjectKind.TABLE, scope=ObjectScope.DEFAULT)
    except NotImplementedError:
        ctx.notes.info("live-not-supported",
                       f"the {ctx.dialect} inspector cannot report {method.removeprefix('get_multi_')}")
        return None
    return result.items()


def type_text(ctx: Context, sa_type: Any) -> tuple[str, str | None]:
    """A type's spelling in the connected dialect ('' when SQLAlchemy does not know the
    type), and its collation, which the model keeps apart from the type."""
    collation = getattr(sa_type, "collation", None)
    if collation or getattr(sa_type, "charset", None):
        sa_type = copy.copy(sa_type)
        for attribute in ("collation", "charset"):
            if getattr(sa_type, attribute, None):
                setattr(sa_type, attribute, None)
    try:
        return str(sa_type.compile(dialect=ctx.conn.dialect)), collation
    except (sa.exc.CompileError, TypeError, AttributeError):
        return "", collation


def identity_draft(always: bool, start: int | None, increment: int | None) -> Draft:
    """An identity in model form; start and increment only where they are not the defaults."""
    draft: Draft = {"generated": "always" if always else "by_default"}
    step = increment if increment is not None else 1
    if start is not None and start != (1 if step > 0 else -1):
        draft["start"] = int(start)
    if step != 1:
        draft["increment"] = int(step)
    return draft


def _columns(ctx: Context, table: RawTable, columns: list[dict[str, Any]]) -> None:
    for info in columns:
        column = RawColumn(
            name=info["name"],
            sa_type=info["type"],
            nullable=bool(info.get("nullable", True)),
            default=info.get("default"),
            comment=info.get("comment"),
        )
        identity = info.get("identity")
        if identity:
            column.identity = identity_draft(bool(identity.get("always")), identity.get("start"),
                                             identity.get("increment"))
        computed = info.get("computed")
        if computed:
            persisted = computed.get("persisted")
            column.generated = (strip_parens(str(computed["sqltext"])),
                                True if persisted is None else bool(persisted))
            column.default = None
        table.columns[column.name] = column


def _primary_key(ctx: Context, table: RawTable, info: dict[str, Any]) -> None:
    columns = list(info.get("constrained_columns") or ())
    if columns:
        table.primary_key = RawKey(info.get("name"), columns, info.get("comment"))


def _foreign_keys(ctx: Context, table: RawTable, items: list[dict[str, Any]]) -> None:
    for info in items:
        options = info.get("options") or {}
        table.foreign_keys.append(RawForeignKey(
            name=info.get("name"),
            columns=list(info["constrained_columns"]),
            ref_schema=info.get("referred_schema"),
            ref_table=info["referred_table"],
            ref_columns=list(info.get("referred_columns") or ()),
            on_delete=_action(options.get("ondelete")),
            on_update=_action(options.get("onupdate")),
            deferrable=bool(options.get("deferrable")),
            initially_deferred=str(options.get("initially") or "").upper() == "DEFERRED",
            match=_match(options.get("match")),
            comment=info.get("comment"),
        ))


def _action(value: Any) -> str | None:
    if not value:
        return None
    text = " ".join(str(value).lower().split())
    return None if text == "no action" else text


def _match(value: Any) -> str | None:
    text = str(value or "").lower()
    return text if text in {"full", "partial"} else None


def _uniques(ctx: Context, table: RawTable, items: list[dict[str, Any]]) -> None:
    for info in items:
        options = info.get("dialect_options") or {}
        if _option(options, "include"):
            ctx.notes.warning("live-approximate",
                              "the INCLUDE columns of a unique constraint are not part of the model; "
                              "left out", subject=f"table {ctx.table_key(table.schema, table.name)} "
                                                  f"constraint {info.get('name')}")
        table.uniques.append(RawKey(
            name=info.get("name"),
            columns=list(info["column_names"]),
            comment=info.get("comment"),
            nulls_distinct=not _option(options, "nulls_not_distinct"),
        ))


def _checks(ctx: Context, table: RawTable, items: list[dict[str, Any]]) -> None:
    for info in items:
        text = strip_parens(str(info.get("sqltext") or ""))
        if text:
            table.checks.append(RawCheck(info.get("name"), text, comment=info.get("comment")))


def _comment(ctx: Context, table: RawTable, info: dict[str, Any]) -> None:
    table.comment = info.get("text") or None


def _option(options: dict[str, Any], suffix: str) -> Any:
    """A dialect option by its name without the dialect prefix (``mysql_length`` → ``length``)."""
    for key, value in options.items():
        if key.split("_", 1)[-1] == suffix:
            return value
    return None


def _indexes(ctx: Context, table: RawTable, items: list[dict[str, Any]]) -> None:
    for info in items:
        table.indexes.append(index_draft(info))


def index_draft(info: dict[str, Any]) -> Draft:
    """An inspector index in model form (column names, or element dicts where there is more)."""
    names = list(info.get("column_names") or ())
    expressions = list(info.get("expressions") or ())
    sorting = info.get("column_sorting") or {}
    options = info.get("dialect_options") or {}
    lengths = _option(options, "length") or {}
    opclasses = _option(options, "ops") or {}
    parts: list[str | Draft] = []
    for position, column in enumerate(names):
        if column is None:
            key = expressions[position]
            element: Draft = {"sql": key}
        else:
            key = column
            element = {"column": column}
        flags = sorting.get(key, ())
        if "desc" in flags:
            element["order"] = "desc"
        if "nulls_first" in flags:
            element["nulls"] = "first"
        elif "nulls_last" in flags:
            element["nulls"] = "last"
        if key in opclasses:
            element["opclass"] = opclasses[key]
        length = lengths.get(key) if isinstance(lengths, dict) else lengths
        if length:
            element["length"] = int(length)
        parts.append(element["column"] if set(element) == {"column"} else element)
    draft: Draft = {"name": info.get("name"), "columns": parts}
    if info.get("unique"):
        draft["unique"] = True
    if info.get("duplicates_constraint"):
        draft["_constraint"] = info["duplicates_constraint"]
    using = _option(options, "using")
    if using and str(using).lower() != "btree":
        draft["method"] = str(using).lower()
    prefix = _option(options, "prefix")
    if prefix and str(prefix).lower() in {"fulltext", "spatial"}:
        draft["kind"] = str(prefix).lower()
    where = _option(options, "where")
    if where is not None and str(where).strip():
        draft["where"] = strip_parens(str(where))
    include = _option(options, "include")
    if include:
        draft["include"] = list(include)
    if _option(options, "nulls_not_distinct"):
        draft["nulls_distinct"] = False
    storage = _option(options, "with")
    if storage:
        draft["options"] = {str(k): str(v) for k, v in dict(storage).items()}
    return draft


def _drop_constraint_indexes(table: RawTable) -> None:
    """Indexes that only implement a unique constraint are that constraint, not indexes."""
    names = {unique.name for unique in table.uniques if unique.name}
    if table.primary_key is not None and table.primary_key.name:
        names.add(table.primary_key.name)
    kept = []
    for index in table.indexes:
        backing = index.pop("_constraint", None)
        if backing is not None or index.get("name") in names:
            continue
        kept.append(index)
    table.indexes = kept


_FILLERS: dict[str, Callable[[Context, RawTable, Any], None]] = {
    "columns": _columns,
    "primary keys": _primary_key,
    "foreign keys": _foreign_keys,
    "uniques": _uniques,
    "indexes": _indexes,
    "checks": _checks,
    "comments": _comment,
}
