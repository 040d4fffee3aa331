"""What every part of the DDL writer shares: the target's traits, names, notes, types.

A dialect is a subclass of `DdlWriter` (base.py) that sets the class
attributes below and overrides a few hooks; the parts of the writer (tables,
indexes, views, comments, routines) are mixins over this core so that each
stays small.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from sqlglot import exp

from sekkei.formats.base import WriteOptions
from sekkei.formats.sql.defaults import render_default
from sekkei.formats.sql.keywords import reserved_words
from sekkei.formats.sql.typemap import write_type
from sekkei.formats.sql.writer.expressions import ExpressionWriter, TranspileError
from sekkei.formats.sql.writer.quoting import FOLDING, Quoter, source_folding
from sekkei.model.diagnostics import Notes
from sekkei.model.dialects import family
from sekkei.model.integrity import ResolvedType, resolve_type
from sekkei.model.schema import Column, Domain, Enum, Schema, Table, split_qualified
from sekkei.model.types import TypeSpec, parse_type

CommentStyle = Literal["comment_on", "inline", "extended_property", "options", "none"]

#: Functions whose value changes from call to call: not allowed in a CHECK by some.
NON_DETERMINISTIC: tuple[type[exp.Expression], ...] = (
    exp.CurrentTimestamp, exp.CurrentDate, exp.CurrentTime, exp.Localtimestamp,
    exp.Systimestamp, exp.Uuid, exp.Rand,
)


@dataclass(frozen=True)
class ColumnType:
    """A column's type as the target writes it, and what comes with it."""

    text: str
    family: str | None = None
    """Type family (``integer``, ``string`` …) for literal defaults and index rules."""
    check_values: tuple[str, ...] = ()
    """Enum values to enforce with a CHECK, where the target has no enum type."""
    domain: Domain | None = None
    """A domain whose NOT NULL, default and checks are inlined on the column."""
    spec: TypeSpec | None = None


class WriterCore:
    """State and helpers shared by the writer's parts; dialects set the traits."""

    # -- traits of the target (dialect subclasses override) --------------------
    title: ClassVar[str] = ""
    quote_open: ClassVar[str] = '"'
    quote_close: ClassVar[str] = '"'
    max_name_length: ClassVar[int | None] = None
    name_length_in_bytes: ClassVar[bool] = False
    has_namespaces: ClassVar[bool] = True
    default_namespace: ClassVar[str | None] = None
    unsupported_expressions: ClassVar[tuple[type[exp.Expression], ...]] = ()
    unsupported_casts: ClassVar[frozenset[exp.DType]] = frozenset()
    unsupported_in_checks: ClassVar[tuple[type[exp.Expression], ...]] = ()
    """Nodes a CHECK may not hold here (MySQL and Oracle refuse non-deterministic functions)."""
    functions: ClassVar[frozenset[str] | None] = None
    """The target's complete list of functions, where it is short enough to check (SQLite)."""
    comment_style: ClassVar[CommentStyle] = "comment_on"
    checks_supported: ClassVar[bool] = True
    numeric_booleans: ClassVar[bool] = False
    """No boolean values in conditions (Oracle, SQL Server): see `ExpressionWriter`."""

    def __init__(self, schema: Schema, dialect: str, notes: Notes, options: WriteOptions) -> None:
        self.schema = schema
        self.dialect = dialect
        self.family = family(dialect)
        self.notes = notes
        self.options = options
        source_family = family(schema.dialect) if schema.dialect else None
        self.quoter = Quoter(FOLDING.get(self.family), source_folding(source_family),
                             reserved_words(self.family), self.quote_open, self.quote_close)
        self._limited: dict[str, str] = {}
        self._noted: set[tuple[str, str]] = set()
        self.written_tables: set[str] = set()
        """Tables actually created (partitions a target cannot hold are left out)."""
        self._index_names: set[str] = set()
        self._key_names_reserved: set[str] = set()  # tables whose key names are taken
        self._types: dict[tuple[str, str], ColumnType] = {}
        self.constraints_written: set[int] = set()
        """Ids of the key and check objects written (comments go only on those)."""
        self.index_names_written: dict[int, str] = {}
        """The name each index was written with (by id of the Index), for comments."""
        self.names: dict[str, tuple[str | None, str]] = {}
        """Key of a table, view, sequence, enum or domain -> (namespace, name) as written."""
        self._plan_names()
        objects = {split_qualified(key): self.names[key] for key in (*schema.tables, *schema.views)}
        self.exprs = ExpressionWriter(schema.dialect, dialect, self.quoter, objects,
                                      self.unsupported_expressions,
                                      unsupported_casts=self.unsupported_casts,
                                      unsupported_in_checks=self.unsupported_in_checks,
                                      reject=self.unsupported_node,
                                      functions=self.functions,
                                      numeric_booleans=self.numeric_booleans)

    # -- notes --------------------------------------------------------------

    def warn(self, code: str, message: str, subject: str | None = None, hint: str | None = None) -> None:
        self.notes.warning(code, message, subject=subject, hint=hint)

    def info(self, code: str, message: str, subject: str | None = None) -> None:
        self.notes.info(code, message, subject=subject)

    def once(self, code: str, key: str) -> bool:
        """True the first time `(code, key)` is seen (for notes given once per object)."""
        if (code, key) in self._noted:
            return False
        self._noted.add((code, key))
        return True

    # -- names --------------------------------------------------------------

    def _plan_names(self) -> None:
        """Decide the written (namespace, name) of every namespaced object.

        Objects that share a name space in the database (tables and views; types)
        are planned together, so a dropped namespace cannot make two names clash.
        """
        schema = self.schema
        groups: list[dict[str, tuple[str, str | None, str]]] = [
            {k: ("table", t.namespace, t.name) for k, t in schema.tables.items()}
            | {k: ("view", v.namespace, v.name) for k, v in schema.views.items()},
            {k: ("sequence", s.namespace, s.name) for k, s in schema.sequences.items()},
            {k: ("enum", e.namespace, e.name) for k, e in schema.enums.items()}
            | {k: ("domain", d.namespace, d.name) for k, d in schema.domains.items()},
        ]
        dropped: dict[str, int] = {}
        prefix_all = self.options.options.get("namespaces") == "prefix"
        for group in groups:
            bare_count: dict[str, int] = {}
            for _, _, name in group.values():
                bare_count[name] = bare_count.get(name, 0) + 1
            for key, (kind, namespace, name) in group.items():
                subject = f"{kind} {key}"
                if namespace is None or self.has_namespaces:
                    self.names[key] = (namespace, self.limit(name, subject))
                    continue
                dropped[namespace] = dropped.get(namespace, 0) + 1
                written = name
                if prefix_all or bare_count[name] > 1:
                    written = f"{namespace}_{name}"
                    why = ("as asked (namespaces=prefix)" if prefix_all
                           else "because another namespace has the same name")
                    self.warn("namespace-prefixed", f"written as {written} {why}", subject=subject)
                self.names[key] = (None, self.limit(written, subject))
        for namespace, count in sorted(dropped.items()):
            self.warn("namespace-dropped",
                      f"{self.title} has no namespaces inside one database; the {count} object(s) "
                      f"of namespace {namespace} are created in the current database",
                      subject=f"namespace {namespace}",
                      hint="pass the option namespaces=prefix to keep the namespace in the names")

    def limit(self, name: str, subject: str) -> str:
        """`name` cut to the target's identifier length (with a warning when cut)."""
        limit = self.max_name_length
        if limit is None:
            return name
        size = len(name.encode()) if self.name_length_in_bytes else len(name)
        if size <= limit:
            return name
        cached = self._limited.get(name)
        if cached is not None:
            return cached
        if self.name_length_in_bytes:
            cut = name.encode()[:limit].decode("utf-8", errors="ignore")
        else:
            cut = name[:limit]
        self._limited[name] = cut
        self.warn("name-truncated", f"name {name!r} is longer than {self.title}'s limit of {limit} "
                  f"{'bytes' if self.name_length_in_bytes else 'characters'}; written as {cut!r}",
                  subject=subject)
        return cut

    def ident(self, name: str, subject: str = "") -> str:
        return self.quoter.ident(self.limit(name, subject or f"name {name}"))

    def ref(self, key: str) -> str:
        """A table, view, sequence, enum or domain, qualified as written."""
        found = self.names.get(key)
        if found is None:
            table = self.schema.table(key)
            found = self.names.get(table.key) if table is not None else None
        if found is None:
            namespace, name = split_qualified(key)
            found = (namespace if self.has_namespaces else None, name)
        return self.quoter.qualified(*found)

    def columns(self, names: tuple[str, ...] | list[str]) -> str:
        return ", ".join(self.ident(n) for n in names)

    def string(self, text: str) -> str:
        """A string literal (comments, enum values)."""
        return render_default(text, self.dialect)

    # -- expressions ----------------------------------------------------------

    def unsupported_node(self, node: exp.Expression) -> str | None:
        """Why the target cannot run `node` as sqlglot writes it (None: it can)."""
        return None

    def expr(self, sql: str, what: str, subject: str, *, condition: bool = False) -> str | None:
        """`sql` for the target, or None after a warning that it was left out."""
        try:
            return self.exprs.condition(sql) if condition else self.exprs.expression(sql)
        except TranspileError as exc:
            self.warn("expression-skipped", f"{what} {sql!r} cannot be written for {self.title} "
                      f"({exc}); left out", subject=subject)
            return None

    # -- types ----------------------------------------------------------------

    def column_type(self, table: Table, column: Column) -> ColumnType:
        """The column's written type (worked out once; its notes are given once)."""
        cached = self._types.get((table.key, column.name))
        if cached is None:
            cached = self._column_type(table, column)
            self._types[(table.key, column.name)] = cached
        return cached

    def _column_type(self, table: Table, column: Column) -> ColumnType:
        subject = f"table {table.key} column {column.name}"
        native = column.native.get(self.dialect) or column.native.get(self.family)
        if native:
            return ColumnType(native, type_family(self.schema, column.type, table.namespace))
        try:
            resolved = resolve_type(self.schema, column.type, table.namespace)
        except ValueError as exc:
            self.warn("unknown-type", f"{exc}; written as it is", subject=subject)
            return ColumnType(column.type)
        return self.resolved_type(resolved, subject, table, column)

    def resolved_type(self, resolved: ResolvedType, subject: str, table: Table | None,
                      column: Column | None) -> ColumnType:
        spec = resolved.spec
        if resolved.enum is not None:
            return self.enum_type(resolved.enum, spec.dims, subject)
        if resolved.domain is not None:
            return self.domain_type(resolved.domain, spec.dims, subject)
        if spec.kind == "canonical" and spec.base in {"enum", "set"} and not spec.dims:
            return self.inline_enum_type(spec, subject, table, column)
        return self.mapped_type(spec, subject)

    def mapped_type(self, spec: TypeSpec, subject: str) -> ColumnType:
        written = write_type(spec, self.dialect)
        if written.loss:
            self.warn("lossy-type", written.loss, subject=subject)
        return ColumnType(written.text, spec.family, spec=spec)

    def enum_type(self, enum: Enum, dims: int, subject: str) -> ColumnType:
        """An enum of the schema; by default a string type with a CHECK of the values."""
        if dims:
            return self.mapped_type(TypeSpec("canonical", "text", dims=dims), subject)
        spec = TypeSpec("canonical", "enum", enum.values)
        written = write_type(spec, self.dialect)
        if self.once("enum-as-check", enum.key):
            checked = " with a CHECK of the values" if self.checks_supported else ""
            self.info("enum-as-check", f"{self.title} has no enum types: columns of enum {enum.key} "
                      f"are written as {written.text}{checked}", subject=f"enum {enum.key}")
        return ColumnType(written.text, "string", check_values=enum.values, spec=spec)

    def inline_enum_type(self, spec: TypeSpec, subject: str, table: Table | None,
                         column: Column | None) -> ColumnType:
        """An ``enum('a','b')`` column type; by default a string type with a CHECK."""
        written = write_type(spec, self.dialect)
        if written.loss:
            self.warn("lossy-type", written.loss, subject=subject)
        if spec.base == "set":
            if self.family != "mysql" and not written.loss:
                self.warn("lossy-type", f"set type written as {written.text}; its values are "
                          "not checked", subject=subject)
            return ColumnType(written.text, "string", spec=spec)
        checked = " with a CHECK of the values" if self.checks_supported else ""
        self.info("enum-as-check", f"enum type written as {written.text}{checked}", subject=subject)
        return ColumnType(written.text, "string", check_values=spec.values, spec=spec)

    def domain_type(self, domain: Domain, dims: int, subject: str) -> ColumnType:
        """A domain; by default its base type, with its rules inlined on the column."""
        native = domain.native.get(self.dialect) or domain.native.get(self.family)
        if native:
            base = ColumnType(native, type_family(self.schema, domain.type, domain.namespace))
        else:
            try:
                resolved = resolve_type(self.schema, domain.type, domain.namespace)
            except ValueError as exc:
                self.warn("unknown-type", f"domain {domain.key}: {exc}", subject=subject)
                return ColumnType(domain.type)
            if dims:
                resolved = ResolvedType(resolved.spec.with_dims(dims), resolved.kind,
                                        resolved.enum, resolved.domain, resolved.dialect)
            base = self.resolved_type(resolved, subject, None, None)
        if self.once("domain-inlined", domain.key):
            self.info("domain-inlined", f"{self.title} has no domains: columns of domain "
                      f"{domain.key} get its type {base.text} and its NOT NULL, default and "
                      "checks", subject=f"domain {domain.key}")
        return ColumnType(base.text, base.family, base.check_values, domain, base.spec)


def type_family(schema: Schema, text: str, namespace: str | None) -> str | None:
    """The family (``integer``, ``string`` …) of a column type string of the schema."""
    try:
        resolved = resolve_type(schema, text, namespace)
    except ValueError:
        try:
            return parse_type(text).family
        except ValueError:
            return None
    if resolved.enum is not None:
        return "string"
    if resolved.domain is not None:
        return type_family(schema, resolved.domain.type, resolved.domain.namespace)
    return resolved.spec.family
