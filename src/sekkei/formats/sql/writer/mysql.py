"""MySQL 8 and MariaDB: inline ENUM and comments, AUTO_INCREMENT, no namespaces.

Namespaces: a MySQL "schema" is a whole database, so a schema's namespaces are
not created; their objects go into the current database (warning per
namespace), and a name that two namespaces share is prefixed ``ns_name``.
The option ``namespaces=prefix`` prefixes every namespaced name.
"""

from __future__ import annotations

import re
from typing import ClassVar

from sqlglot import exp

from sekkei.formats.sql.defaults import strip_parens
from sekkei.formats.sql.writer.base import DdlWriter
from sekkei.formats.sql.writer.core import NON_DETERMINISTIC, ColumnType
from sekkei.formats.sql.writer.functions import KnownDefault, recognise
from sekkei.formats.sql.writer.tables import IdentityParts
from sekkei.model.schema import Column, DefaultValue, Enum, Identity, Index, Table, View
from sekkei.model.types import TypeSpec

#: Types that take no plain literal default and need a prefix length to be indexed.
_LOB = re.compile(r"^(tiny|medium|long)?(text|blob)\b|^json\b|^geometry|^point|^polygon|"
                  r"^linestring|^multi", re.I)
_KEYWORD_DEFAULT = re.compile(r"^(current_timestamp|now|localtimestamp|localtime)(\(\d*\))?$", re.I)
_PRECISION = re.compile(r"^(datetime|timestamp|time)\((\d)\)", re.I)
_INTEGER = re.compile(r"^(tinyint|smallint|mediumint|int|integer|bigint)\b", re.I)
PREFIX_LENGTH = 255


def _key_type(written: str) -> str:
    """What must match across a MySQL foreign key: integer size and sign, decimal
    precision, or just the kind of string (lengths may differ)."""
    text = " ".join(written.lower().split())
    text = re.sub(r"^(tinyint|smallint|mediumint|int|integer|bigint)\(\d+\)", r"\1", text)
    text = text.replace("integer", "int")
    if re.match(r"^(var)?char\b", text):
        return "string"
    if re.match(r"^(var)?binary\b", text):
        return "binary"
    return text


class MySqlWriter(DdlWriter):
    title = "MySQL"
    quote_open = "`"
    quote_close = "`"
    max_name_length = 64
    has_namespaces = False
    comment_style = "inline"
    column_order: ClassVar[tuple[str, ...]] = (
        "type", "charset", "collate", "generated", "not_null", "default", "on_update",
        "identity", "comment", "check",
    )
    named_primary_keys = False
    set_null_needs_nullable = True
    delete_actions: ClassVar[frozenset[str]] = frozenset({"restrict", "cascade", "set null"})
    update_actions: ClassVar[frozenset[str]] = frozenset({"restrict", "cascade", "set null"})
    index_methods: ClassVar[frozenset[str]] = frozenset({"btree", "hash"})
    method_after_columns = True
    index_names_per_table = True
    inline_comment_kinds: ClassVar[frozenset[str]] = frozenset({"table", "column", "index"})
    comment_kinds: ClassVar[frozenset[str]] = frozenset()
    routine_kind = "compound"
    trigger_kind = "compound"
    unsupported_expressions: ClassVar[tuple[type[exp.Expression], ...]] = (exp.Array, exp.Filter)
    unsupported_in_checks = NON_DETERMINISTIC
    unsupported_casts: ClassVar[frozenset[exp.DType]] = frozenset(
        {exp.DataType.Type.INTERVAL})

    # -- types ------------------------------------------------------------------------

    def enum_type(self, enum: Enum, dims: int, subject: str) -> ColumnType:
        if dims:
            return self.mapped_type(TypeSpec("canonical", "text", dims=dims), subject)
        return self.mapped_type(TypeSpec("canonical", "enum", enum.values), subject)

    def inline_enum_type(self, spec: TypeSpec, subject: str, table: Table | None,
                         column: Column | None) -> ColumnType:
        # ENUM(...) and SET(...) are MySQL's own types: no CHECK needed
        return self.mapped_type(spec, subject)

    # -- columns ------------------------------------------------------------------------

    def column_collation(self, column: Column, subject: str) -> str | None:
        collate = super().column_collation(column, subject)
        if column.charset:
            charset = f"CHARACTER SET {column.charset}"
            return f"{charset} {collate}" if collate else charset
        return collate

    def collate_clause(self, collation: str) -> str:
        return f"COLLATE {collation}"

    def inline_column_comment(self, column: Column) -> str | None:
        return f"COMMENT {self.string(column.comment)}" if column.comment else None

    def identity(self, table: Table, column: Column, identity: Identity, ctype: ColumnType,
                 subject: str) -> IdentityParts | None:
        if not _INTEGER.match(ctype.text):
            self.warn("identity-dropped", f"AUTO_INCREMENT needs an integer column, not "
                      f"{ctype.text}; written without generated values", subject=subject)
            return None
        first = next(c.name for c in table.columns.values()
                     if c.identity is not None and c.generated is None)
        if first != column.name:
            self.warn("identity-dropped", f"{self.title} allows one AUTO_INCREMENT column per "
                      f"table ({first} has it); written without generated values",
                      subject=subject)
            return None
        if identity.increment not in (None, 1):
            self.warn("identity-increment-dropped", f"INCREMENT BY {identity.increment} is a "
                      f"server setting in {self.title} (auto_increment_increment); not written",
                      subject=subject)
        if identity.generated == "always":
            self.info("identity-always", "GENERATED ALWAYS written as AUTO_INCREMENT, which "
                      "also accepts explicit values", subject=subject)
        return IdentityParts("AUTO_INCREMENT")

    def generated_clause(self, text: str, kind: str) -> str:
        return f"GENERATED ALWAYS AS ({text}) {kind.upper()}"

    def on_update(self, column: Column, ctype: ColumnType, subject: str) -> str | None:
        assert column.on_update is not None
        sql = column.on_update.sql
        known = recognise(sql)
        if known is not None and known.kind == "now":
            return "ON UPDATE " + self._now(ctype)
        if self.exprs.same_family:
            return f"ON UPDATE {sql}"
        self.warn("on-update-dropped", f"ON UPDATE {sql}: {self.title} updates a column only to "
                  "the current time; not written", subject=subject)
        return None

    # -- defaults ------------------------------------------------------------------------

    def _now(self, ctype: ColumnType) -> str:
        match = _PRECISION.match(ctype.text)
        return f"CURRENT_TIMESTAMP({match.group(2)})" if match else "CURRENT_TIMESTAMP"

    def known_default(self, known: KnownDefault, ctype: ColumnType) -> str | None:
        text = ctype.text.lower()
        if known.kind == "now":
            if text.startswith(("datetime", "timestamp")):
                return self._now(ctype)
            if text.startswith("date"):
                return "(CURRENT_DATE)"
            return None
        if known.kind == "today":
            return "(CURRENT_DATE)"
        if known.kind == "time_of_day":
            return "(CURRENT_TIME)"
        if known.kind == "uuid":
            return "(UUID())"
        return None

    def wrap_default(self, text: str, ctype: ColumnType) -> str:
        if _KEYWORD_DEFAULT.match(text.replace(" ", "")) or strip_parens(text) != text:
            return text
        return f"({text})"

    def literal_default(self, value: DefaultValue, ctype: ColumnType) -> str:
        text = super().literal_default(value, ctype)
        # MySQL 8 takes defaults on TEXT/BLOB/JSON only as expressions
        return f"({text})" if _LOB.match(ctype.text) else text

    # -- keys ---------------------------------------------------------------------------

    def unindexable(self, written_type: str) -> bool:
        return written_type.lower().startswith("json")

    def key_column(self, table: Table, name: str, subject: str) -> str | None:
        written = self.written_type(table, name)
        if _LOB.match(written) and not self.unindexable(written):
            return self._prefixed(name, written, subject)
        return super().key_column(table, name, subject)

    def element_column(self, owner: Table | View, index: Index, column: str,
                       length: int | None, subject: str) -> str:
        if index.kind is not None:
            # FULLTEXT and SPATIAL indexes take whole columns
            return self.ident(column)
        written = self.written_type(owner, column)
        if length is not None:
            return f"{self.ident(column)}({length})"
        if _LOB.match(written) and not self.unindexable(written):
            return self._prefixed(column, written, subject)
        return super().element_column(owner, index, column, length, subject)

    def _prefixed(self, column: str, written: str, subject: str) -> str:
        self.warn("index-prefix-added", f"{column} is {written}; {self.title} indexes only "
                  f"a prefix of it: written as {column}({PREFIX_LENGTH})", subject=subject)
        return f"{self.ident(column)}({PREFIX_LENGTH})"

    def foreign_key_problem(self, table: Table, columns: tuple[str, ...], target: Table,
                            referenced: tuple[str, ...]) -> str | None:
        problem = super().foreign_key_problem(table, columns, target, referenced)
        if problem:
            return problem
        for name, other in zip(columns, referenced, strict=False):
            mine = self.written_type(table, name)
            theirs = self.written_type(target, other)
            if _LOB.match(mine) or _LOB.match(theirs):
                return f"{self.title} cannot use TEXT or BLOB columns in a foreign key ({name})"
            if _key_type(mine) != _key_type(theirs):
                return (f"{self.title} needs the same type on both sides: {name} is {mine}, "
                        f"{target.name}.{other} is {theirs}")
        return None

    def constraint_lines(self, table: Table, inline_pk: bool, subject: str) -> list[str]:
        lines = super().constraint_lines(table, inline_pk, subject)
        auto = [c.name for c in table.columns.values()
                if c.identity is not None and c.generated is None]
        if auto and not self._leads_a_key(table, auto[0]):
            # AUTO_INCREMENT must be the first column of some key
            lines.append(f"KEY ({self.ident(auto[0])})")
            self.info("identity-key-added", f"{self.title} needs an index on an AUTO_INCREMENT "
                      "column; KEY added", subject=f"table {table.key} column {auto[0]}")
        return lines

    def _leads_a_key(self, table: Table, column: str) -> bool:
        firsts = [k.columns[0] for k in table.uniques if k.columns]
        if table.primary_key is not None:
            firsts.append(table.primary_key.columns[0])
        firsts.extend(i.column_names()[0] for i in table.indexes if i.column_names()
                      and i.where is None)
        return column in firsts

    # -- table options ------------------------------------------------------------------

    def table_suffix(self, table: Table) -> list[str]:
        options = []
        if table.partition_by:
            source = self.schema.dialect
            if source is not None and self.exprs.same_family:
                options.append(f"PARTITION BY {table.partition_by}")
            else:
                self.warn("partitioning-dropped", f"PARTITION BY {table.partition_by} is "
                          f"PostgreSQL partitioning; not written for {self.title}",
                          subject=f"table {table.key}")
        self.note_table_settings(table)
        return self.table_options(table, self.own_options(table)) + options

    def table_options(self, table: Table, options: dict[str, str]) -> list[str]:
        words: list[str] = []
        given = {k.lower().replace(" ", "_"): v for k, v in options.items()}
        for key in sorted(given):
            if key in {"charset", "character_set", "default_charset", "collate", "collation"}:
                continue
            value = given[key]
            if not re.fullmatch(r"[\w.]+", value):
                value = self.string(value)
            words.append(f"{key.upper()}={value}")
        auto = [c.identity for c in table.columns.values() if c.identity is not None]
        if auto and auto[0].start not in (None, 1) and "auto_increment" not in given:
            words.append(f"AUTO_INCREMENT={auto[0].start}")
        charset = table.charset or given.get("charset") or given.get("default_charset")
        if charset:
            words.append(f"DEFAULT CHARSET={charset}")
        collation = table.collation or given.get("collate") or given.get("collation")
        if collation:
            words.append(f"COLLATE={collation}")
        if table.comment:
            words.append(f"COMMENT={self.string(table.comment)}")
        return [" ".join(words)] if words else []

    def note_table_settings(self, table: Table) -> None:
        for dialect in sorted(table.options):
            if dialect in {self.dialect, self.family, "mysql", "mariadb"}:
                continue
            if self.once("options-other-dialect", dialect):
                count = sum(1 for t in self.schema.tables.values() if dialect in t.options)
                self.info("options-other-dialect", f"table options for {dialect} ({count} tables) "
                          f"are not written for {self.title}")

    # -- indexes -------------------------------------------------------------------------

    def index_kind(self, index: Index, subject: str) -> None:
        return None

    def index_kind_word(self, index: Index) -> str:
        return f"{index.kind.upper()} " if index.kind else ""

    def _reserve_key_names(self, owner_key: str, owner: Table | View) -> None:
        """The names MySQL gave the table's unique keys (written in CREATE TABLE), taken first.

        An unnamed UNIQUE (kind) is called ``kind`` by MySQL: an index written later
        must not take that name too.
        """
        if owner_key in self._key_names_reserved or not isinstance(owner, Table):
            return
        self._key_names_reserved.add(owner_key)
        for unique in owner.uniques:
            if unique.name:
                name = unique.name
            else:
                first = unique.columns[0] if unique.columns else "unique"
                name, n = first, 1
                while f"{owner_key}\0{name.lower()}" in self._index_names:
                    n += 1
                    name = f"{first}_{n}"
            self._index_names.add(f"{owner_key}\0{name.lower()}")

    def index_suffix(self, index: Index) -> str:
        return f" COMMENT {self.string(index.comment)}" if index.comment else ""

    def index_name(self, owner_key: str, owner: Table | View, index: Index, subject: str) -> str | None:
        self._reserve_key_names(owner_key, owner)
        if index.name is not None:
            return super().index_name(owner_key, owner, index, subject)
        # the name MySQL itself gives: the first column, then _2, _3 …
        first = index.column_names()[0] if index.column_names() else "functional_index"
        name, n = first, 1
        while f"{owner_key}\0{name.lower()}" in self._index_names:
            n += 1
            name = f"{first}_{n}"
        self._index_names.add(f"{owner_key}\0{name.lower()}")
        return self.quoter.ident(self.limit(name, subject))


class MariaDbWriter(MySqlWriter):
    title = "MariaDB"
    expression_indexes = False
    sequences_supported = True

    def known_default(self, known: KnownDefault, ctype: ColumnType) -> str | None:
        if known.kind == "nextval":
            key = self.sequence_for(known.argument)
            return f"(NEXT VALUE FOR {self.ref(key)})" if key else None
        return super().known_default(known, ctype)
