"""PostgreSQL: the richest target; enum types, domains, partitions and every index form."""

from __future__ import annotations

from typing import ClassVar

from sqlglot import exp

from sekkei.formats.base import WriteOptions
from sekkei.formats.sql.naming import postgres_sequence_name
from sekkei.formats.sql.writer.base import DdlWriter
from sekkei.formats.sql.writer.core import ColumnType, type_family
from sekkei.formats.sql.writer.functions import KnownDefault
from sekkei.formats.sql.writer.indexes import SkipIndex
from sekkei.formats.sql.writer.script import Statement
from sekkei.formats.sql.writer.tables import IdentityParts
from sekkei.model.diagnostics import Notes
from sekkei.model.integrity import resolve_type
from sekkei.model.schema import Column, Domain, Enum, Identity, Index, Schema, Sequence, Table
from sekkei.model.types import TypeSpec

_SERIAL = {"integer": "serial", "int": "serial", "int4": "serial", "bigint": "bigserial",
           "int8": "bigserial", "smallint": "smallserial", "int2": "smallserial"}
_STORAGE = {"fillfactor", "toast_tuple_target", "parallel_workers", "autovacuum_enabled",
            "vacuum_index_cleanup", "vacuum_truncate", "user_catalog_table"}


class PostgresWriter(DdlWriter):
    title = "PostgreSQL"
    max_name_length = 63
    name_length_in_bytes = True
    default_namespace = "public"
    deferrable_constraints = True
    match_clause = True
    partial_indexes = True
    include_columns = True
    nulls_order = True
    index_names_required = False
    element_collation = True
    materialized_views = True
    materialized_view_indexes = True
    sequences_supported = True
    generated_kinds: ClassVar[frozenset[str]] = frozenset({"stored"})

    def __init__(self, schema: Schema, dialect: str, notes: Notes, options: WriteOptions) -> None:
        super().__init__(schema, dialect, notes, options)
        self.inline_enums: dict[tuple[str, str], tuple[str, TypeSpec]] = {}
        """(table key, column) -> (key of the CREATE TYPE made for an inline enum, its type)."""
        self._plan_inline_enums()

    def _plan_inline_enums(self) -> None:
        taken = {k.lower() for k in (*self.schema.enums, *self.schema.domains, *self.schema.tables)}
        for table in self.schema.tables.values():
            for column in table.columns.values():
                if column.native.get(self.dialect) or column.native.get(self.family):
                    continue
                try:
                    spec = resolve_type(self.schema, column.type, table.namespace).spec
                except ValueError:
                    continue
                if spec.kind != "canonical" or spec.base != "enum" or spec.dims:
                    continue
                name = self.limit(f"{table.name}_{column.name}", f"table {table.key}")
                key, n = (f"{table.namespace}.{name}" if table.namespace else name), 1
                while key.lower() in taken:
                    n += 1
                    key = f"{table.namespace}.{name}{n}" if table.namespace else f"{name}{n}"
                taken.add(key.lower())
                self.names[key] = (table.namespace, key.split(".")[-1])
                self.inline_enums[(table.key, column.name)] = (key, spec)
                self.info("enum-type-created", f"inline enum type written as CREATE TYPE {key}",
                          subject=f"table {table.key} column {column.name}")

    def unsupported_node(self, node: exp.Expression) -> str | None:
        # PostgreSQL: with DISTINCT, an aggregate may order only by its own arguments
        if isinstance(node, (exp.GroupConcat, exp.ArrayAgg)) and isinstance(node.this, exp.Order):
            distinct = node.this.this
            if isinstance(distinct, exp.Distinct):
                arguments = {e.sql() for e in distinct.expressions}
                keys = {o.this.sql() for o in node.this.expressions if isinstance(o, exp.Ordered)}
                if not keys <= arguments:
                    return "PostgreSQL orders a DISTINCT aggregate only by its own arguments"
        return None

    # -- settings, extensions, types --------------------------------------------------

    def settings(self, routines: bool) -> list[Statement]:
        # function bodies may name tables that do not exist yet
        return [Statement("SET check_function_bodies = false")] if routines else []

    def extension_statements(self) -> list[Statement]:
        found: list[Statement] = []
        for extension in self.schema.extensions.values():
            text = f"CREATE EXTENSION IF NOT EXISTS {self.quoter.ident(extension.name)}"
            if extension.namespace:
                text += f" WITH SCHEMA {self.quoter.ident(extension.namespace)}"
            if extension.version:
                text += f" VERSION {self.string(extension.version)}"
            found.append(Statement(text))
        return found

    def enum_statements(self) -> list[Statement]:
        found = [self._create_enum(key, enum.values) for key, enum in self.schema.enums.items()]
        found.extend(self._create_enum(key, spec.values) for key, spec in self.inline_enums.values())
        return found

    def _create_enum(self, key: str, values: tuple[str, ...]) -> Statement:
        listed = ", ".join(self.string(v) for v in values)
        return Statement(f"CREATE TYPE {self.ref(key)} AS ENUM ({listed})")

    def domain_statements(self) -> list[Statement]:
        found: list[Statement] = []
        for key, domain in self.schema.domains.items():
            subject = f"domain {key}"
            native = domain.native.get(self.dialect) or domain.native.get(self.family)
            if native:
                base = native
            else:
                try:
                    resolved = resolve_type(self.schema, domain.type, domain.namespace)
                except ValueError as exc:
                    self.warn("unknown-type", str(exc), subject=subject)
                    base = domain.type
                else:
                    base = self.resolved_type(resolved, subject, None, None).text
            text = f"CREATE DOMAIN {self.ref(key)} AS {base}"
            if domain.collation:
                text += f" {self.collate_clause(domain.collation)}"
            if domain.default is not None:
                ctype = ColumnType(base, type_family(self.schema, domain.type, domain.namespace))
                default = self.default_sql(domain.default, ctype, subject)
                if default:
                    text += f" DEFAULT {default}"
            if not domain.nullable:
                text += " NOT NULL"
            for check in domain.checks:
                condition = self.expr(check.sql, "domain check", subject, condition=True)
                if condition is not None:
                    text += f" {self.constraint_name(check.name, subject)}CHECK ({condition})"
            found.append(Statement(text))
        return found

    def enum_type(self, enum: Enum, dims: int, subject: str) -> ColumnType:
        return ColumnType(self.ref(enum.key) + "[]" * dims, "string")

    def domain_type(self, domain: Domain, dims: int, subject: str) -> ColumnType:
        return ColumnType(self.ref(domain.key) + "[]" * dims, None)

    def inline_enum_type(self, spec: TypeSpec, subject: str, table: Table | None,
                         column: Column | None) -> ColumnType:
        planned = None
        if table is not None and column is not None:
            planned = self.inline_enums.get((table.key, column.name))
        if planned is None:
            return super().inline_enum_type(spec, subject, table, column)
        return ColumnType(self.ref(planned[0]), "string")

    def sequence_options(self, key: str, sequence: Sequence) -> list[str]:
        parts: list[str] = []
        if sequence.type:
            written = self.mapped_type(TypeSpec("canonical", sequence.type), f"sequence {key}")
            parts.append(f"AS {written.text}")
        return parts + super().sequence_options(key, sequence)

    def sequence_ownership(self) -> list[Statement]:
        found: list[Statement] = []
        for key, sequence in self.schema.sequences.items():
            if not sequence.owned_by:
                continue
            table_key, _, column = sequence.owned_by.rpartition(".")
            table = self.schema.table(table_key)
            if table is None or table.key not in self.written_tables:
                continue
            found.append(Statement(f"ALTER SEQUENCE {self.ref(key)} OWNED BY "
                                   f"{self.ref(table.key)}.{self.ident(column)}"))
        return found

    # -- tables -------------------------------------------------------------------------

    def writes_table(self, table: Table) -> bool:
        return True

    def create_table(self, table: Table) -> Statement | None:
        if table.partition_of is None:
            return super().create_table(table)
        text = (f"CREATE TABLE {self.ref(table.key)} PARTITION OF "
                f"{self.ref(table.partition_of.parent)}\n{table.partition_of.bound}")
        if table.partition_by:
            text += f"\nPARTITION BY {table.partition_by}"
        return Statement(text)

    def table_head(self, table: Table) -> str | None:
        unlogged = _true(self.own_options(table).get("unlogged"))
        return f"CREATE {'UNLOGGED ' if unlogged else ''}TABLE {self.ref(table.key)}"

    def table_suffix(self, table: Table) -> list[str]:
        suffix: list[str] = []
        if table.inherits:
            suffix.append(f"INHERITS ({', '.join(self.ref(p) for p in table.inherits)})")
        if table.partition_by:
            if self.schema.dialect is None or self.exprs.same_family:
                suffix.append(f"PARTITION BY {table.partition_by}")
            else:
                self.warn("partitioning-dropped", f"PARTITION BY {table.partition_by} is "
                          f"{self.schema.dialect} partitioning; not written for PostgreSQL",
                          subject=f"table {table.key}")
        self.note_table_settings(table)
        return suffix + self.table_options(table, self.own_options(table))

    def table_options(self, table: Table, options: dict[str, str]) -> list[str]:
        suffix: list[str] = []
        storage: list[str] = []
        for key in sorted(options):
            value = options[key]
            name = key.lower().replace(" ", "_")
            if name == "unlogged":
                continue
            if name in {"using", "access_method"}:
                suffix.insert(0, f"USING {value}")
            elif name == "with":
                storage.append(value.strip().strip("()"))
            elif name in _STORAGE or name.startswith(("autovacuum_", "toast.")):
                storage.append(f"{name}={value}")
            elif name == "tablespace":
                continue
            else:
                self.warn("table-option-dropped", f"table option {key}={value} is not "
                          "understood for PostgreSQL; not written", subject=f"table {table.key}")
        if storage:
            suffix.append(f"WITH ({', '.join(storage)})")
        if "tablespace" in options:
            suffix.append(f"TABLESPACE {self.quoter.ident(options['tablespace'])}")
        return suffix

    def identity(self, table: Table, column: Column, identity: Identity, ctype: ColumnType,
                 subject: str) -> IdentityParts | None:
        base = ctype.text.lower()
        if base not in _SERIAL:
            self.warn("identity-dropped", f"PostgreSQL identity columns must be smallint, integer "
                      f"or bigint, not {ctype.text}; written without generated values",
                      subject=subject)
            return None
        if identity.generated == "serial":
            return IdentityParts(type_text=_SERIAL[base])
        kind = "ALWAYS" if identity.generated == "always" else "BY DEFAULT"
        options = _identity_options(identity)
        return IdentityParts(f"GENERATED {kind} AS IDENTITY{options}")

    def after_table(self, table: Table) -> list[Statement]:
        found: list[Statement] = []
        for column in table.columns.values():
            identity = column.identity
            if identity is None or identity.generated != "serial":
                continue
            if identity.start is None and identity.increment is None:
                continue
            sequence = postgres_sequence_name(table.name, column.name)
            options = []
            if identity.start is not None:
                options.append(f"START WITH {identity.start} RESTART WITH {identity.start}")
            if identity.increment is not None:
                options.append(f"INCREMENT BY {identity.increment}")
            found.append(Statement(f"ALTER SEQUENCE {self.quoter.qualified(table.namespace, sequence)} "
                                   + " ".join(options)))
        return found

    def known_default(self, known: KnownDefault, ctype: ColumnType) -> str | None:
        if known.kind == "uuid":
            return "gen_random_uuid()"
        if known.kind == "nextval":
            key = self.sequence_for(known.argument)
            if key is None:
                return None
            return f"nextval({self.string(self.ref(key))}::regclass)"
        return super().known_default(known, ctype)

    def nulls_not_distinct(self, distinct: bool, subject: str) -> str:
        return "" if distinct else " NULLS NOT DISTINCT"

    # -- indexes ----------------------------------------------------------------------

    def index_kind(self, index: Index, subject: str) -> None:
        if index.kind == "spatial":
            if index.method is None:
                self.info("spatial-index", "SPATIAL index written as a GiST index",
                          subject=subject)
            return
        raise SkipIndex("FULLTEXT indexes exist in MySQL and MariaDB only (use a GIN index on "
                        "a tsvector in PostgreSQL)")

    def method(self, index: Index, subject: str) -> str | None:
        if index.kind == "spatial" and index.method is None:
            return "gist"
        if index.method == "btree":
            return None
        return index.method

    def index_options(self, index: Index, subject: str) -> str:
        storage = [f"{k}={v}" for k, v in sorted(index.options.items()) if k != "tablespace"]
        text = f" WITH ({', '.join(storage)})" if storage else ""
        if "tablespace" in index.options:
            text += f" TABLESPACE {self.quoter.ident(index.options['tablespace'])}"
        return text

    def opclass(self, opclass: str, subject: str) -> str:
        return f" {opclass}"


def _identity_options(identity: Identity) -> str:
    options: list[str] = []
    if identity.start is not None:
        options.append(f"START WITH {identity.start}")
    if identity.increment is not None:
        options.append(f"INCREMENT BY {identity.increment}")
    return f" ({' '.join(options)})" if options else ""


def _true(value: str | None) -> bool:
    return value is not None and value.strip().lower() in {"1", "true", "yes", "on"}
