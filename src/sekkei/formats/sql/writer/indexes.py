"""CREATE INDEX: columns and expressions, order, methods, partial and covering indexes.

Each feature a target lacks is decided here once, from the dialect's traits:
some are dropped from the index with a warning (a method, INCLUDE columns,
NULLS FIRST), some make the whole index impossible (a partial index on MySQL,
an expression index on MariaDB) and skip it with a warning naming it.
"""

from __future__ import annotations

from typing import ClassVar

from sekkei.formats.sql.naming import postgres_default_name
from sekkei.formats.sql.writer.script import Statement
from sekkei.formats.sql.writer.tables import TableWriter
from sekkei.model.schema import Index, IndexElement, Table, View


class SkipIndex(Exception):
    """The index cannot be written for the target (the message says why)."""


class IndexWriter(TableWriter):
    """Indexes on tables and materialized views."""

    indexes_supported: ClassVar[bool] = True
    partial_indexes: ClassVar[bool] = False
    expression_indexes: ClassVar[bool] = True
    include_columns: ClassVar[bool] = False
    nulls_order: ClassVar[bool] = False
    index_methods: ClassVar[frozenset[str]] = frozenset()
    """Methods written as ``USING method``; ``btree`` is everyone's default and is left out."""
    index_names_required: ClassVar[bool] = True
    index_names_per_table: ClassVar[bool] = False
    element_collation: ClassVar[bool] = False
    expression_parentheses: ClassVar[bool] = True
    """Expressions in an index are written ``(expr)`` (Oracle takes them bare)."""
    method_after_columns: ClassVar[bool] = False
    """MySQL writes ``(columns) USING BTREE``; the others ``USING gin (columns)``."""

    def index_statements(self, owner_key: str, owner: Table | View,
                         indexes: tuple[Index, ...]) -> list[Statement]:
        found: list[Statement] = []
        kind = "view" if isinstance(owner, View) else "table"
        for index in indexes:
            subject = f"{kind} {owner_key} index {index.name or ', '.join(_labels(index))}"
            if not self.indexes_supported:
                self.warn("index-skipped", f"{self.title} has no indexes; not written",
                          subject=subject)
                continue
            try:
                text = self.index_sql(owner_key, owner, index, subject)
            except SkipIndex as exc:
                self.warn("index-skipped", f"{exc}; not written", subject=subject)
                continue
            found.append(Statement(text))
        return found

    def index_sql(self, owner_key: str, owner: Table | View, index: Index, subject: str) -> str:
        if index.kind is not None:
            self.index_kind(index, subject)
        elements = [self.element(owner, index, part, subject) for part in index.columns]
        method = self.method(index, subject)
        where = self.partial(index, subject)
        include = self.include(index, subject)
        nulls = self.nulls_not_distinct(index.nulls_distinct, subject)
        storage = self.index_options(index, subject) if index.options else ""
        name = self.index_name(owner_key, owner, index, subject)
        self.index_names_written[id(index)] = name or self.quoter.ident(
            postgres_default_name("index", owner.name, [c or "expr" for c in _labels(index)]))
        unique = "UNIQUE " if index.unique else ""
        text = f"CREATE {unique}{self.index_kind_word(index)}INDEX"
        if name:
            text += f" {name}"
        text += f" ON {self.ref(owner_key)}"
        if method and not self.method_after_columns:
            text += f" USING {method}"
        text += f" ({', '.join(elements)})"
        if method and self.method_after_columns:
            text += f" USING {method}"
        if include:
            text += f" INCLUDE ({include})"
        text += nulls + storage
        if where:
            text += f" WHERE {where}"
        return text + self.index_suffix(index)

    # -- parts -------------------------------------------------------------------

    def index_kind(self, index: Index, subject: str) -> None:
        raise SkipIndex(f"{index.kind} indexes exist in MySQL and MariaDB only")

    def index_kind_word(self, index: Index) -> str:
        return ""

    def index_suffix(self, index: Index) -> str:
        return ""

    def index_options(self, index: Index, subject: str) -> str:
        """Storage options (``WITH (fillfactor=70)``); by default not written."""
        self.warn("index-option-dropped", f"index options {index.options} are not written for "
                  f"{self.title}", subject=subject)
        return ""

    def method(self, index: Index, subject: str) -> str | None:
        method = index.method
        if method is None or (method == "btree" and "btree" not in self.index_methods):
            return None
        if method in self.index_methods:
            return method.upper() if self.family != "postgres" else method
        self.warn("index-method-dropped", f"index method {method} is not available in "
                  f"{self.title}; written as an ordinary index", subject=subject)
        return None

    def partial(self, index: Index, subject: str) -> str | None:
        if index.where is None:
            return None
        if not self.partial_indexes:
            raise SkipIndex(f"{self.title} has no partial indexes (WHERE {index.where})")
        text = self.expr(index.where, "index condition", subject, condition=True)
        if text is None:
            raise SkipIndex("its WHERE condition cannot be written")
        return text

    def include(self, index: Index, subject: str) -> str | None:
        if not index.include:
            return None
        if self.include_columns:
            return self.columns(index.include)
        self.warn("include-dropped", f"INCLUDE ({', '.join(index.include)}) exists in PostgreSQL "
                  f"and SQL Server only; not written", subject=subject)
        return None

    def element(self, owner: Table | View, index: Index, part: str | IndexElement,
                subject: str) -> str:
        if isinstance(part, str):
            return self.element_column(owner, index, part, None, subject)
        if part.sql is not None:
            text = self.element_expression(part.sql, subject)
        else:
            assert part.column is not None
            text = self.element_column(owner, index, part.column, part.length, subject)
            if part.length is not None and self.family != "mysql":
                self.warn("prefix-dropped", f"prefix length {part.length} of {part.column} "
                          "exists in MySQL only; the whole value is indexed", subject=subject)
        if part.collation:
            if self.element_collation:
                text += f" {self.collate_clause(part.collation)}"
            else:
                self.warn("index-collation-dropped", f"COLLATE {part.collation} in an index is "
                          f"not available in {self.title}", subject=subject)
        if part.opclass:
            text += self.opclass(part.opclass, subject)
        if part.order:
            text += f" {part.order.upper()}"
        if part.nulls:
            if self.nulls_order:
                text += f" NULLS {part.nulls.upper()}"
            else:
                self.warn("nulls-order-dropped", f"NULLS {part.nulls.upper()} is not available "
                          f"in {self.title} indexes", subject=subject)
        return text

    def element_column(self, owner: Table | View, index: Index, column: str,
                       length: int | None, subject: str) -> str:
        if self.unindexable(self.written_type(owner, column)):
            raise SkipIndex(f"{self.title} cannot index {column} "
                            f"({self.written_type(owner, column)})")
        return self.ident(column)


    def element_expression(self, sql: str, subject: str) -> str:
        if not self.expression_indexes:
            raise SkipIndex(f"{self.title} has no expression indexes ({sql})")
        text = self.expr(sql, "index expression", subject)
        if text is None:
            raise SkipIndex("its expression cannot be written")
        return f"({text})" if self.expression_parentheses else text

    def opclass(self, opclass: str, subject: str) -> str:
        self.warn("opclass-dropped", f"operator class {opclass} exists in PostgreSQL only",
                  subject=subject)
        return ""

    # -- names ---------------------------------------------------------------------

    def index_name(self, owner_key: str, owner: Table | View, index: Index, subject: str) -> str | None:
        """The written index name; unnamed indexes get PostgreSQL's default name."""
        if index.name is None and not self.index_names_required:
            return None
        name = index.name or postgres_default_name(
            "index", owner.name, [c or "expr" for c in _labels(index)])
        name = self.limit(name, subject)
        scope = owner_key if self.index_names_per_table else ""
        base, n = name, 0
        while f"{scope}\0{name.lower()}" in self._index_names:
            n += 1
            name = self.limit(f"{base}{n}", subject)
        self._index_names.add(f"{scope}\0{name.lower()}")
        return self.quoter.ident(name)


def _labels(index: Index) -> list[str]:
    return [p if isinstance(p, str) else (p.column or "expr") for p in index.columns]
