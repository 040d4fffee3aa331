"""Safe automatic changes to a design, for `sekkei lint --fix`.

A fix is a pure function from one `Schema` to another.  Renames carry every
reference along (keys, indexes, foreign keys of other tables, checks,
generated columns, sequence ownership, diagram layout); what cannot be
rewritten safely (view queries, routine bodies) is named in the fix's
description so the user knows to look.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sekkei.lint.rule import Finding, Fix
from sekkei.model.schema import (
    Column,
    ForeignKey,
    Generated,
    Index,
    IndexElement,
    Reference,
    Schema,
    Sequence,
    Table,
    qualified,
)

_WORD = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`[^`]*`|\[[^\]]*\]|[A-Za-z_][\w$]*")


class FixConflict(Exception):
    """The object a fix changes is gone or changed (an earlier fix touched it)."""


def replace_identifier(sql: str, old: str, new: str) -> str:
    """`sql` with the bare or quoted identifier `old` renamed (literals left alone)."""

    def swap(match: re.Match[str]) -> str:
        text = match.group(0)
        if text[0] == "'":
            return text
        bare = text[1:-1] if text[0] in '"`[' else text
        if bare == old or (text[0] not in '"`[' and bare.lower() == old.lower()):
            return text.replace(bare, new) if text[0] in '"`[' else new
        return text

    return _WORD.sub(swap, sql)


def _table(schema: Schema, key: str) -> Table:
    table = schema.tables.get(key)
    if table is None:
        raise FixConflict(f"table {key} is no longer in the schema")
    return table


def _with_table(schema: Schema, key: str, table: Table) -> Schema:
    tables = dict(schema.tables)
    tables[key] = table
    return schema.model_copy(update={"tables": tables})


def add_index(
    table_key: str, columns: tuple[str, ...], name: str | None = None
) -> Callable[[Schema], Schema]:
    """A fix that adds a plain index on `columns`."""

    def apply(schema: Schema) -> Schema:
        table = _table(schema, table_key)
        if any(tuple(ix.column_names()) == columns and not ix.where for ix in table.indexes):
            return schema  # added by an earlier fix already
        index = Index(name=name, columns=columns)
        return _with_table(schema, table_key, table.model_copy(update={"indexes": (*table.indexes, index)}))

    return apply


def drop_item(table_key: str, group: str, item: Any) -> Callable[[Schema], Schema]:
    """A fix that removes one constraint or index (found by equality, not position)."""

    def apply(schema: Schema) -> Schema:
        table = _table(schema, table_key)
        items: tuple[Any, ...] = getattr(table, group)
        for position, candidate in enumerate(items):
            if candidate == item:
                kept = items[:position] + items[position + 1 :]
                return _with_table(schema, table_key, table.model_copy(update={group: kept}))
        raise FixConflict(f"table {table_key}: the {group[:-1].replace('_', ' ')} to remove is gone")

    return apply


def set_column(table_key: str, name: str, **changes: Any) -> Callable[[Schema], Schema]:
    """A fix that changes fields of one column."""

    def apply(schema: Schema) -> Schema:
        table = _table(schema, table_key)
        column = table.columns.get(name)
        if column is None:
            raise FixConflict(f"table {table_key} has no column {name} any more")
        columns = dict(table.columns)
        columns[name] = Column.model_validate({**column.model_dump(exclude={"loc"}), **changes})
        return _with_table(schema, table_key, table.model_copy(update={"columns": columns}))

    return apply


# -- renames -----------------------------------------------------------------------------


def _rename_parts(parts: Iterable[Any], old: str, new: str) -> tuple[Any, ...]:
    renamed: list[Any] = []
    for part in parts:
        if isinstance(part, str):
            renamed.append(new if part == old else part)
        elif isinstance(part, IndexElement):
            update: dict[str, Any] = {}
            if part.column == old:
                update["column"] = new
            if part.sql:
                update["sql"] = replace_identifier(part.sql, old, new)
            renamed.append(part.model_copy(update=update) if update else part)
        else:
            renamed.append(part)
    return tuple(renamed)


def _names(names: tuple[str, ...], old: str, new: str) -> tuple[str, ...]:
    return tuple(new if n == old else n for n in names)


def rename_column(table_key: str, old: str, new: str) -> Callable[[Schema], Schema]:
    """A fix that renames a column and every reference to it."""

    def apply(schema: Schema) -> Schema:
        table = _table(schema, table_key)
        if old not in table.columns:
            raise FixConflict(f"table {table_key} has no column {old} any more")
        if new in table.columns:
            raise FixConflict(f"table {table_key} already has a column {new}")
        columns: dict[str, Column] = {}
        for name, column in table.columns.items():
            if name == old:
                column = column.model_copy(update={"name": new})
            if column.generated is not None:
                column = column.model_copy(
                    update={
                        "generated": Generated(
                            sql=replace_identifier(column.generated.sql, old, new),
                            stored=column.generated.stored,
                        )
                    }
                )
            columns[new if name == old else name] = column
        update: dict[str, Any] = {"columns": columns}
        if table.primary_key is not None:
            update["primary_key"] = table.primary_key.model_copy(
                update={"columns": _names(table.primary_key.columns, old, new)}
            )
        update["uniques"] = tuple(
            u.model_copy(update={"columns": _names(u.columns, old, new)}) for u in table.uniques
        )
        update["checks"] = tuple(
            c.model_copy(update={"sql": replace_identifier(c.sql, old, new)}) for c in table.checks
        )
        update["indexes"] = tuple(
            ix.model_copy(
                update={
                    "columns": _rename_parts(ix.columns, old, new),
                    "include": _names(ix.include, old, new),
                    "where": replace_identifier(ix.where, old, new) if ix.where else None,
                }
            )
            for ix in table.indexes
        )
        update["foreign_keys"] = tuple(
            fk.model_copy(update={"columns": _names(fk.columns, old, new)}) for fk in table.foreign_keys
        )
        result = _with_table(schema, table_key, table.model_copy(update=update))
        # foreign keys of other tables that point at the renamed column
        tables = dict(result.tables)
        for key, other in result.tables.items():
            changed = False
            fks: list[ForeignKey] = []
            for fk in other.foreign_keys:
                target = result.table(fk.references.table)
                if target is not None and target.key == table_key and old in fk.references.columns:
                    fk = fk.model_copy(
                        update={
                            "references": Reference(
                                table=fk.references.table, columns=_names(fk.references.columns, old, new)
                            )
                        }
                    )
                    changed = True
                fks.append(fk)
            if changed:
                tables[key] = other.model_copy(update={"foreign_keys": tuple(fks)})
        sequences = {
            k: s.model_copy(update={"owned_by": f"{table_key}.{new}"})
            if s.owned_by == f"{table_key}.{old}"
            else s
            for k, s in result.sequences.items()
        }
        return result.model_copy(update={"tables": tables, "sequences": sequences})

    return apply


def rename_table(old_key: str, new_name: str) -> Callable[[Schema], Schema]:
    """A fix that renames a table and every reference to it (keys keep their namespace)."""

    def apply(schema: Schema) -> Schema:
        table = _table(schema, old_key)
        new_key = qualified(table.namespace, new_name)
        if new_key in schema.tables:
            raise FixConflict(f"a table {new_key} exists already")
        tables: dict[str, Table] = {}
        for key, other in schema.tables.items():
            if key == old_key:
                other = other.model_copy(update={"name": new_name})
            fks = tuple(
                fk.model_copy(update={"references": Reference(table=new_key, columns=fk.references.columns)})
                if schema.table(fk.references.table) is table
                else fk
                for fk in other.foreign_keys
            )
            update: dict[str, Any] = {"foreign_keys": fks}
            if other.partition_of is not None and schema.table(other.partition_of.parent) is table:
                update["partition_of"] = other.partition_of.model_copy(update={"parent": new_key})
            if other.inherits:
                update["inherits"] = tuple(new_key if schema.table(p) is table else p for p in other.inherits)
            tables[new_key if key == old_key else key] = other.model_copy(update=update)
        sequences: dict[str, Sequence] = {}
        for key, sequence in schema.sequences.items():
            if sequence.owned_by and sequence.owned_by.rpartition(".")[0] == old_key:
                sequence = sequence.model_copy(
                    update={"owned_by": f"{new_key}.{sequence.owned_by.rpartition('.')[2]}"}
                )
            sequences[key] = sequence
        update_schema: dict[str, Any] = {"tables": tables, "sequences": sequences}
        if schema.diagram is not None:
            diagram = schema.diagram
            layouts = {new_key if k == old_key else k: v for k, v in diagram.tables.items()}
            areas = {
                k: a.model_copy(update={"tables": tuple(new_key if t == old_key else t for t in a.tables)})
                for k, a in diagram.areas.items()
            }
            update_schema["diagram"] = diagram.model_copy(update={"tables": layouts, "areas": areas})
        return schema.model_copy(update=update_schema)

    return apply


def replace_item(table_key: str, group: str, old: Any, new: Any) -> Callable[[Schema], Schema]:
    """A fix that swaps one constraint or index for a corrected copy (found by equality).

    `group` is ``primary_key`` or a tuple field such as ``indexes`` or ``uniques``.
    """

    def apply(schema: Schema) -> Schema:
        table = _table(schema, table_key)
        if group == "primary_key":
            if table.primary_key != old:
                raise FixConflict(f"table {table_key}: the primary key changed")
            return _with_table(schema, table_key, table.model_copy(update={"primary_key": new}))
        items: tuple[Any, ...] = getattr(table, group)
        for position, candidate in enumerate(items):
            if candidate == old:
                kept = (*items[:position], new, *items[position + 1 :])
                return _with_table(schema, table_key, table.model_copy(update={group: kept}))
        raise FixConflict(f"table {table_key}: the {group[:-1].replace('_', ' ')} to change is gone")

    return apply


def change_column_type(
    table_key: str, name: str, old: str, new: str, drop_native: Iterable[str] = ()
) -> Callable[[Schema], Schema]:
    """A fix that changes a column's type from `old` to `new`.

    The column must still have type `old` (an earlier fix or edit may have
    changed it: then the fix conflicts instead of overwriting).  Native spellings
    of the dialects in `drop_native` (compared by family, ``mariadb`` is
    ``mysql``) are removed, since they spell the old type and would keep it in
    the DDL.
    """
    from sekkei.model.dialects import family

    families = {family(d) for d in drop_native}

    def apply(schema: Schema) -> Schema:
        table = _table(schema, table_key)
        column = table.columns.get(name)
        if column is None:
            raise FixConflict(f"table {table_key} has no column {name} any more")
        if column.type != old:
            raise FixConflict(f"table {table_key} column {name} is no longer of type {old}")
        native = {d: text for d, text in column.native.items() if family(d) not in families}
        columns = dict(table.columns)
        columns[name] = Column.model_validate(
            {**column.model_dump(exclude={"loc"}), "type": new, "native": native}
        )
        return _with_table(schema, table_key, table.model_copy(update={"columns": columns}))

    return apply


def set_table(table_key: str, **changes: Any) -> Callable[[Schema], Schema]:
    """A fix that changes plain fields of one table (``charset``, ``collation`` …)."""

    def apply(schema: Schema) -> Schema:
        table = _table(schema, table_key)
        return _with_table(schema, table_key, table.model_copy(update=changes))

    return apply


def rename_item(owner_key: str, group: str, item: Any, new_name: str) -> Callable[[Schema], Schema]:
    """A fix that names or renames one key, constraint or index (found by equality).

    `group` is ``primary_key``, ``foreign_keys``, ``uniques``, ``checks`` or
    ``indexes``; the owner is a table, or a materialized view for ``indexes``.
    Nothing refers to a constraint or index by name inside the design, so only
    the object itself changes.  Another constraint or index of the owner that
    already has the new name makes it a conflict, not a silent duplicate.
    """

    def apply(schema: Schema) -> Schema:
        in_view = owner_key not in schema.tables and group == "indexes" and owner_key in schema.views
        owner: Any = schema.views[owner_key] if in_view else _table(schema, owner_key)
        taken = {
            (getattr(other, "name", None) or "").lower()
            for field_name in ("foreign_keys", "uniques", "checks", "indexes")
            for other in getattr(owner, field_name, ())
            if other != item
        }
        primary = getattr(owner, "primary_key", None)
        if primary is not None and primary != item and primary.name:
            taken.add(primary.name.lower())
        if new_name.lower() in taken:
            raise FixConflict(f"{owner_key} already has a constraint or index named {new_name}")
        renamed = item.model_copy(update={"name": new_name})
        if group == "primary_key":
            if primary != item:
                raise FixConflict(f"table {owner_key}: the primary key to rename has changed")
            update: dict[str, Any] = {"primary_key": renamed}
        else:
            items: tuple[Any, ...] = getattr(owner, group)
            position = next((n for n, candidate in enumerate(items) if candidate == item), None)
            if position is None:
                raise FixConflict(f"{owner_key}: the {group[:-1].replace('_', ' ')} to rename is gone")
            update = {group: items[:position] + (renamed,) + items[position + 1 :]}
        changed = owner.model_copy(update=update)
        if in_view:
            views = dict(schema.views)
            views[owner_key] = changed
            return schema.model_copy(update={"views": views})
        return _with_table(schema, owner_key, changed)

    return apply


# -- applying ----------------------------------------------------------------------------


@dataclass
class FixResult:
    """The design after fixes, and what was done or could not be done."""

    schema: Schema
    applied: list[Finding] = field(default_factory=list)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)


def apply_fixes(schema: Schema, findings: Iterable[Finding]) -> FixResult:
    """Apply the fix of every finding that has one, in order; conflicting ones are skipped."""
    result = FixResult(schema)
    current = schema
    for finding in findings:
        fix: Fix | None = finding.fix
        if fix is None:
            continue
        try:
            current = fix.apply(current)
        except FixConflict as exc:
            result.skipped.append((finding, str(exc)))
            continue
        result.applied.append(finding)
    if result.applied:
        # the fixed design must still be a valid one (checked once, not per fix)
        current = Schema.model_validate(current.model_dump(mode="json", exclude_defaults=True))
    result.schema = current
    return result


def fix_until_stable(
    schema: Schema,
    lint: Callable[[Schema], Iterable[Finding]],
    max_passes: int = 10,
) -> FixResult:
    """Lint and fix repeatedly until nothing fixable is left (or `max_passes` is reached).

    One pass can make another fix stale (a table rename invalidates a column
    rename addressed by the old table name); the next pass finds it again on
    the renamed table.  Like ruff, stop when a pass changes nothing.
    """
    total = FixResult(schema)
    current = schema
    for _ in range(max_passes):
        fixable = [f for f in lint(current) if f.fix is not None]
        if not fixable:
            break
        step = apply_fixes(current, fixable)
        total.applied.extend(step.applied)
        if not step.applied:
            total.skipped.extend(step.skipped)
            break
        current = step.schema
    total.schema = current
    return total


__all__ = [
    "FixConflict",
    "FixResult",
    "add_index",
    "apply_fixes",
    "drop_item",
    "fix_until_stable",
    "rename_column",
    "rename_table",
    "replace_identifier",
    "set_column",
]
