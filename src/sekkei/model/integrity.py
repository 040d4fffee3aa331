"""Checks that a schema hangs together: names that point somewhere, types that exist.

Readers run these after building a schema so that a foreign key to a missing
table or a misspelt type is reported (all of them at once, with locations)
instead of surfacing later as a broken migration.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from sekkei.model.diagnostics import Problem
from sekkei.model.location import Location
from sekkei.model.schema import Domain, Enum, Schema, Table
from sekkei.model.types import TypeSpec, canonical_names, is_dialect_type, parse_type


@dataclass(frozen=True, slots=True)
class ResolvedType:
    """What a column's type string stands for in a given schema."""

    spec: TypeSpec
    kind: str  # canonical | enum | domain | native
    enum: Enum | None = None
    domain: Domain | None = None
    dialect: str | None = None


def find_named(
    schema: Schema, mapping: dict[str, Enum] | dict[str, Domain], name: str, namespace: str | None = None
) -> Enum | Domain | None:
    """An enum or domain by name, trying the given namespace, then no namespace."""
    raw = name.replace('"', "")
    if raw in mapping:
        return mapping[raw]
    if namespace and f"{namespace}.{raw}" in mapping:
        return mapping[f"{namespace}.{raw}"]
    if "." in raw:
        _, bare = raw.split(".", 1)
        if bare in mapping:
            return mapping[bare]
    matches = [v for v in mapping.values() if v.name == raw]
    return matches[0] if len(matches) == 1 else None


#: Canonical types resolve the same in every schema: remembered by their text.
_CANONICAL: dict[str, ResolvedType] = {}


def resolve_type(schema: Schema, text: str, namespace: str | None = None) -> ResolvedType:
    """Resolve a type string; `ValueError` with a helpful message if it names nothing."""
    cached = _CANONICAL.get(text)
    if cached is not None:
        return cached
    spec = parse_type(text)
    if spec.kind == "canonical":
        resolved = ResolvedType(spec, "canonical")
        if len(_CANONICAL) < 10_000:
            _CANONICAL[text] = resolved
        return resolved
    if spec.kind == "native":
        return ResolvedType(spec, "native", dialect=spec.dialect)
    enum = find_named(schema, schema.enums, spec.base, namespace)
    if enum is not None:
        assert isinstance(enum, Enum)
        return ResolvedType(spec, "enum", enum=enum)
    domain = find_named(schema, schema.domains, spec.base, namespace)
    if domain is not None:
        assert isinstance(domain, Domain)
        return ResolvedType(spec, "domain", domain=domain)
    if is_dialect_type(spec.base, schema.dialect):
        native = TypeSpec("native", spec.base, (), spec.unsigned, spec.dims, schema.dialect)
        return ResolvedType(native, "native", dialect=schema.dialect)
    raise _unknown_type_message(schema, spec.base)


TYPE_EXPECTED = (
    "a canonical type (integer, varchar(100), numeric(10,2), timestamptz, …), an enum or "
    "domain of this schema, or DIALECT:TYPE for a type of one database (postgres:tsvector)"
)


class UnknownType(ValueError):
    """A type string that names nothing; carries a spelling suggestion."""

    def __init__(self, name: str, suggestion: str | None) -> None:
        self.name = name
        self.suggestion = suggestion
        text = f"unknown type {name!r}"
        if suggestion:
            text += f"; did you mean {suggestion!r}?"
        super().__init__(text)


def _unknown_type_message(schema: Schema, name: str) -> UnknownType:
    candidates = canonical_names() + list(schema.enums) + list(schema.domains)
    bare = name.split("(", 1)[0].strip().lower()
    close = difflib.get_close_matches(bare, candidates, n=1, cutoff=0.75)
    return UnknownType(name, close[0] if close else None)


def problems(schema: Schema) -> list[Problem]:
    """Every broken reference and unknown type in the schema."""
    found: list[Problem] = []
    known_types: dict[tuple[str, str | None], ValueError | None] = {}
    for table in schema.tables.values():
        found.extend(_table_problems(schema, table, known_types))
    for key, view in schema.views.items():
        for index in view.indexes:
            if not index.columns:
                found.append(Problem(f"view {key}: index without columns", index.loc))
    for key, domain in schema.domains.items():
        try:
            resolve_type(schema, domain.type, domain.namespace)
        except ValueError as exc:
            found.append(_type_problem(f"domain {key}", exc, domain.loc))
    for key, sequence in schema.sequences.items():
        if sequence.owned_by:
            table_key, _, column = sequence.owned_by.rpartition(".")
            owner = schema.table(table_key)
            if owner is None or column not in owner.columns:
                found.append(
                    Problem(
                        f"sequence {key} is owned by {sequence.owned_by}, which does not exist",
                        sequence.loc,
                        code="missing-reference",
                    )
                )
    if schema.diagram is not None:
        for area_name, area in schema.diagram.areas.items():
            for table_key in area.tables:
                if schema.table(table_key) is None:
                    found.append(
                        Problem(
                            f"diagram area {area_name} lists table {table_key!r}, which does not exist",
                            area.loc,
                            code="missing-reference",
                        )
                    )
    return found


def _type_problem(subject: str, exc: ValueError, loc: Location | None) -> Problem:
    if isinstance(exc, UnknownType):
        hint = f"did you mean {exc.suggestion!r}?" if exc.suggestion else None
        return Problem(
            f"{subject}: unknown type {exc.name!r}",
            loc,
            expected=TYPE_EXPECTED,
            hint=hint,
            code="unknown-type",
        )
    return Problem(f"{subject}: {exc}", loc, expected=TYPE_EXPECTED, code="unknown-type")


def _table_problems(schema: Schema, table: Table,
                    known_types: dict[tuple[str, str | None], ValueError | None]) -> list[Problem]:
    found: list[Problem] = []
    key = table.key
    columns = table.columns

    def need_columns(what: str, names: tuple[str, ...] | list[str], loc: Location | None) -> None:
        for name in names:
            if name not in columns:
                close = difflib.get_close_matches(name, list(columns), n=1)
                hint = f"did you mean {close[0]!r}?" if close else None
                found.append(
                    Problem(
                        f"table {key}: {what} names column {name!r}, which the table does not have",
                        loc or table.loc,
                        hint=hint,
                        code="missing-column",
                    )
                )

    for column in columns.values():
        # columns share a handful of types: resolve each (type, namespace) once
        cache_key = (column.type, table.namespace)
        if cache_key in known_types:
            error = known_types[cache_key]
        else:
            try:
                resolve_type(schema, column.type, table.namespace)
                error = None
            except ValueError as exc:
                error = exc
            known_types[cache_key] = error
        if error is not None:
            found.append(_type_problem(f"table {key} column {column.name}", error, column.loc))
    if table.primary_key is not None:
        need_columns("the primary key", table.primary_key.columns, table.primary_key.loc)
    for unique in table.uniques:
        need_columns("a unique constraint", unique.columns, unique.loc)
    for index in table.indexes:
        need_columns(f"index {index.name or ''}".strip(), index.column_names(), index.loc)
        need_columns(f"index {index.name or ''} INCLUDE".strip(), index.include, index.loc)
    for fk in table.foreign_keys:
        label = f"foreign key {fk.name}" if fk.name else "a foreign key"
        need_columns(label, fk.columns, fk.loc)
        target = schema.table(fk.references.table)
        if target is None:
            close = difflib.get_close_matches(fk.references.table, list(schema.tables), n=1)
            found.append(
                Problem(
                    f"table {key}: {label} references table {fk.references.table!r}, "
                    "which is not in the schema",
                    fk.loc or table.loc,
                    hint=f"did you mean {close[0]!r}?" if close else None,
                    code="missing-table",
                )
            )
            continue
        for name in fk.references.columns:
            if name not in target.columns:
                found.append(
                    Problem(
                        f"table {key}: {label} references column {name!r} of {target.key}, "
                        "which does not exist",
                        fk.loc or table.loc,
                        code="missing-column",
                    )
                )
        if fk.references.columns and len(fk.references.columns) != len(fk.columns):
            found.append(
                Problem(
                    f"table {key}: {label} has {len(fk.columns)} columns but references "
                    f"{len(fk.references.columns)}",
                    fk.loc,
                    code="invalid",
                )
            )
    if table.partition_of is not None and schema.table(table.partition_of.parent) is None:
        found.append(
            Problem(
                f"table {key} is a partition of {table.partition_of.parent!r}, which does not exist",
                table.loc,
                code="missing-table",
            )
        )
    for parent in table.inherits:
        if schema.table(parent) is None:
            found.append(
                Problem(
                    f"table {key} inherits from {parent!r}, which does not exist",
                    table.loc,
                    code="missing-table",
                )
            )
    return found
