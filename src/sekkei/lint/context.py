"""What rules look at: the schema plus indexes over it, computed once per lint run.

Rules must stay linear in the size of the schema (10,000 tables lint in under
two seconds), so anything a rule would otherwise recompute per table or per
pair of tables — resolved column types, foreign keys pointing at a table,
indexed column prefixes, columns by name across tables — is computed here once.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import Any, NamedTuple

from sekkei.formats.sql.keywords import IDENTIFIER_LIMITS, reserved_words
from sekkei.lint.rule import Target
from sekkei.model.dialects import family as family_of
from sekkei.model.integrity import ResolvedType, resolve_type
from sekkei.model.location import Location
from sekkei.model.schema import Column, ForeignKey, Lintable, Schema, Table
from sekkei.model.types import TypeSpec


class ColumnInfo(NamedTuple):
    """A column with what rules ask about it most, worked out once.

    A named tuple, built with `tuple.__new__` in `LintContext.columns`: there is
    one per column of the schema (150,000 in the benchmark), so it must be cheap.
    """

    key: str  # table key
    table: Table
    column: Column
    lname: str  # lower-case name
    spec: TypeSpec | None  # canonical spec (a domain's base type; None if unresolvable)
    kind: str  # canonical | enum | domain | native | unknown
    target: Target  # Target("column", key, name), made once for every rule that reports the column


def column_info(
    key: str, table: Table, column: Column, spec: TypeSpec | None, kind: str
) -> ColumnInfo:
    """A `ColumnInfo` (and its target) without the named-tuple constructors' overhead."""
    name = column.name
    target = _new(Target, ("column", key, name, None, ()))
    return _new(ColumnInfo, (key, table, column, name.lower(), spec, kind, target))


_new = tuple.__new__


class LintContext:
    """The schema under lint and precomputed views of it."""

    def __init__(self, schema: Schema, dialect: str | None = None) -> None:
        self.schema = schema
        self.dialect = dialect or schema.dialect
        self.family = family_of(self.dialect) if self.dialect else None
        self._types: dict[tuple[str, str | None], ResolvedType | None] = {}

    # -- types ---------------------------------------------------------------------

    def resolved(self, type_text: str, namespace: str | None) -> ResolvedType | None:
        """What a type string stands for in this schema (None if it names nothing)."""
        key = (type_text, namespace)
        if key not in self._types:
            try:
                self._types[key] = resolve_type(self.schema, type_text, namespace)
            except ValueError:
                self._types[key] = None
        return self._types[key]

    def base_spec(self, type_text: str, namespace: str | None) -> tuple[TypeSpec | None, str]:
        """(canonical spec, kind): domains are followed to their base type."""
        resolved = self.resolved(type_text, namespace)
        if resolved is None:
            return None, "unknown"
        if resolved.kind == "domain" and resolved.domain is not None:
            inner, _ = self.base_spec(resolved.domain.type, resolved.domain.namespace)
            return inner, "domain"
        return resolved.spec, resolved.kind

    @cached_property
    def columns(self) -> list[ColumnInfo]:
        """Every column of every table, with its resolved type."""
        return self._column_index[0]

    @cached_property
    def _column_index(
        self,
    ) -> tuple[
        list[ColumnInfo],
        dict[str, list[ColumnInfo]],
        dict[str, list[ColumnInfo]],
        dict[str, list[ColumnInfo]],
        dict[tuple[str, str], ColumnInfo],
    ]:
        """The column list and its groupings, built in one pass (it is the hottest loop there is)."""
        found: list[ColumnInfo] = []
        by_table: dict[str, list[ColumnInfo]] = defaultdict(list)
        by_name: dict[str, list[ColumnInfo]] = defaultdict(list)
        by_type: dict[str, list[ColumnInfo]] = defaultdict(list)
        by_key: dict[tuple[str, str], ColumnInfo] = {}
        specs: dict[tuple[str, str | None], tuple[TypeSpec | None, str]] = {}
        new = _new
        append = found.append
        for key, table in self.schema.tables.items():
            namespace = table.namespace
            in_table = by_table[key]
            for column in table.columns.values():
                type_text = column.type
                resolved = specs.get((type_text, namespace))
                if resolved is None:
                    resolved = specs[(type_text, namespace)] = self.base_spec(type_text, namespace)
                name = column.name
                lname = name.lower()
                target = new(Target, ("column", key, name, None, ()))
                info = new(ColumnInfo, (key, table, column, lname, resolved[0], resolved[1], target))
                append(info)
                in_table.append(info)
                by_name[lname].append(info)
                by_type[type_text].append(info)
                by_key[(key, name)] = info
        return found, by_table, by_name, by_type, by_key

    @cached_property
    def columns_by_type(self) -> dict[str, list[ColumnInfo]]:
        """Columns grouped by their type string: judge each distinct type once, not each column."""
        return self._column_index[3]

    @cached_property
    def columns_by_table(self) -> dict[str, list[ColumnInfo]]:
        """Columns grouped by table key, in table order (every table has an entry)."""
        return self._column_index[1]

    def column_info(self, table_key: str, name: str) -> ColumnInfo | None:
        """The column `name` of table `table_key` (a dict lookup)."""
        return self._column_index[4].get((table_key, name))

    @cached_property
    def columns_by_name(self) -> dict[str, list[ColumnInfo]]:
        """Columns grouped by lower-case name across all tables."""
        return self._column_index[2]

    # -- keys ------------------------------------------------------------------------

    @cached_property
    def incoming(self) -> dict[str, list[tuple[str, ForeignKey]]]:
        """For each table key, the (table key, foreign key) pairs that reference it."""
        found: dict[str, list[tuple[str, ForeignKey]]] = defaultdict(list)
        for key, table in self.schema.tables.items():
            for fk in table.foreign_keys:
                target = self.schema.table(fk.references.table)
                if target is not None:
                    found[target.key].append((key, fk))
        return found

    def referenced_table(self, fk: ForeignKey) -> Table | None:
        return self.schema.table(fk.references.table)

    def referenced_columns(self, fk: ForeignKey) -> tuple[str, ...]:
        """The referenced columns (the target's primary key when the FK names none)."""
        if fk.references.columns:
            return fk.references.columns
        target = self.referenced_table(fk)
        if target is not None and target.primary_key is not None:
            return target.primary_key.columns
        return ()

    def key_column_sets(self, table: Table) -> list[tuple[str, ...]]:
        """Column lists of the primary key, unique constraints and unique plain indexes."""
        found: list[tuple[str, ...]] = []
        if table.primary_key is not None:
            found.append(table.primary_key.columns)
        found.extend(u.columns for u in table.uniques)
        found.extend(
            tuple(ix.column_names())
            for ix in table.indexes
            if ix.unique and ix.where is None and len(ix.column_names()) == len(ix.columns)
        )
        return found

    def indexed_prefixes(self, table: Table) -> list[tuple[str, ...]]:
        """Leading-column lists of every B-tree-usable access path (PK, uniques, indexes).

        A partition counts its parent's too: PostgreSQL creates them on every partition.
        """
        found: list[tuple[str, ...]] = []
        if table.primary_key is not None:
            found.append(table.primary_key.columns)
        found.extend(u.columns for u in table.uniques)
        for index in table.indexes:
            if index.where is not None or index.kind is not None:
                continue
            names: list[str] = []
            for part in index.columns:
                if isinstance(part, str):
                    names.append(part)
                elif part.column is not None:
                    names.append(part.column)
                else:
                    break
            if names:
                found.append(tuple(names))
        parent = self.schema.table(table.partition_of.parent) if table.partition_of else None
        if parent is not None and parent is not table:
            # a partition has every index of its partitioned parent (PostgreSQL creates them)
            found.extend(self.indexed_prefixes(parent))
        return found

    def is_covered(self, table: Table, columns: tuple[str, ...]) -> bool:
        """True if some index (or key) starts with `columns`, in any order of those columns."""
        wanted = set(columns)
        for prefix in self.indexed_prefixes(table):
            if len(prefix) >= len(columns) and set(prefix[: len(columns)]) == wanted:
                return True
        return False

    # -- the target dialect ---------------------------------------------------------------

    @cached_property
    def reserved(self) -> frozenset[str]:
        """Reserved words of the target dialect family (empty when no dialect is known)."""
        return reserved_words(self.family) if self.family else frozenset()

    @property
    def identifier_limit(self) -> tuple[int, bool] | None:
        return IDENTIFIER_LIMITS.get(self.family or "")

    # -- objects by target ------------------------------------------------------------------

    def owner(self, target: Target) -> Lintable | None:
        """The table, view, enum … a target belongs to (or is)."""
        schema = self.schema
        if target.kind == "schema" or target.table is None:
            return schema
        for mapping in (schema.tables, schema.views, schema.enums, schema.domains, schema.sequences):
            found: Any = mapping.get(target.table)
            if found is not None:
                return found  # type: ignore[no-any-return]
        return schema.table(target.table)

    def objects(self, target: Target) -> list[Any]:
        """The objects a finding sits in, outermost first: schema, owner, the object itself."""
        chain: list[Any] = [self.schema]
        owner = self.owner(target)
        if owner is None or owner is self.schema:
            return chain
        chain.append(owner)
        child = self.child(owner, target)
        if child is not None:
            chain.append(child)
        return chain

    @staticmethod
    def child(owner: Any, target: Target) -> Any:
        """The column, key, constraint or index a target names inside its owner."""
        kind = target.kind
        if kind == "column":
            columns = getattr(owner, "columns", None)
            return columns.get(target.name) if isinstance(columns, dict) else None
        if kind == "primary_key":
            return getattr(owner, "primary_key", None)
        group = {
            "foreign_key": "foreign_keys",
            "unique": "uniques",
            "check": "checks",
            "index": "indexes",
            "view_index": "indexes",
            "trigger": "triggers",
        }.get(kind)
        if group is None:
            return None
        items = getattr(owner, group, ())
        if target.position is not None and 0 <= target.position < len(items):
            return items[target.position]
        for item in items:
            if target.name is not None and getattr(item, "name", None) == target.name:
                return item
        return None

    def location(self, target: Target) -> Location | None:
        """Where the object a target names was read from (the nearest object that knows)."""
        kind = target.kind
        if kind in {"column", "table"}:  # most findings: answered with two dict lookups
            table = self.schema.tables.get(target.table or "")
            if table is not None:
                if kind == "table":
                    return table.loc
                column = table.columns.get(target.name or "")
                if column is not None and column.loc is not None:
                    return column.loc
                return table.loc
        for item in reversed(self.objects(target)):
            loc = getattr(item, "loc", None)
            if loc is not None:
                return loc  # type: ignore[no-any-return]
        return None

    @cached_property
    def named_objects(self) -> list[Any]:
        """Every object that has a name or a comment (tables, columns, constraints, indexes, …).

        A list of `sekkei.lint.naming.Entry` tuples, built once for the rules on
        names (reserved words, lengths, quoting, scripts) and on comments.
        """
        from sekkei.lint.naming import named_objects

        return named_objects(self.schema)

    # -- partitions and inheritance ---------------------------------------------------------

    @cached_property
    def parents(self) -> dict[str, tuple[Table, ...]]:
        """For each partition or inheritance child, the tables it derives from.

        A partition repeats its parent's columns, keys and foreign keys, an
        inheritance child its parent's columns and defaults: rules report such
        things once, on the parent, and skip the copies.
        """
        found: dict[str, tuple[Table, ...]] = {}
        for key, table in self.schema.tables.items():
            names: tuple[str, ...] = (table.partition_of.parent,) if table.partition_of is not None else ()
            names += table.inherits
            if names:
                parents = (self.schema.table(name) for name in names)
                found[key] = tuple(parent for parent in parents if parent is not None)
        return found

    # -- privacy ------------------------------------------------------------------------------

    @cached_property
    def classified(self) -> list[ColumnInfo]:
        """Columns that carry a privacy classification: the privacy rules look only at these."""
        return [info for info in self.columns if info.column.privacy is not None]
