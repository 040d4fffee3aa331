"""The state of one PostgreSQL read: the builder, the source, search_path, and what was skipped."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from sekkei.formats.sql.builder import Draft, SchemaBuilder
from sekkei.formats.sql.postgres import lexer
from sekkei.formats.sql.postgres.nodes import Node, relation
from sekkei.model.diagnostics import Notes
from sekkei.model.location import Location
from sekkei.model.schema import qualified

_NOT_CREATABLE = {"$user", "pg_catalog", "pg_temp", ""}


@dataclass
class Tally:
    """How many statements of one kind were passed over, and where the first one was."""

    count: int = 0
    first: Location | None = None


class Reader:
    """Everything the statement handlers share while one file is read."""

    def __init__(
        self, builder: SchemaBuilder, notes: Notes, file: str | None, data: bytearray, dialect: str
    ) -> None:
        self.builder = builder
        self.notes = notes
        self.data = data
        self.dialect = dialect
        self.skipped: dict[str, Tally] = {}
        self.unmodelled: dict[str, Tally] = {}
        self.dialect_clauses: dict[str, Tally] = {}
        self.ignored_relations: set[str] = set()
        """Keys of relations created in ways the model does not carry (CREATE TABLE AS …)."""
        self.inherited_columns: set[int] = set()
        """ids of column drafts copied from a parent table (a local definition merges into them)."""
        self.routines: dict[tuple[str | None, str, str | None, str], Draft] = {}
        """(namespace, name, signature, kind) -> routine draft, so that OR REPLACE replaces."""
        self.type_texts: dict[tuple[Any, ...], tuple[str, bool]] = {}
        """TypeName summary -> (type text, serial): most columns share a handful of types."""
        self.index_owner: dict[str, Draft] = {}
        """Key of every index read so far -> the table or view draft it belongs to."""
        self._defaults: dict[tuple[str | None, str], Any] = {}
        self._file = file
        self._ascii = data.isascii()
        starts = [0]
        find = data.find
        at = find(b"\n")
        while at != -1:
            starts.append(at + 1)
            at = find(b"\n", at + 1)
        self._line_starts = starts
        self._line = 0
        self._mark = (0, 0)  # (byte offset, character column) last computed on self._line
        self._path: list[str] = []
        self._lookup: list[str | None] = []
        self.search_path = ["public"]

    @property
    def default_namespace(self) -> str | None:
        return self.builder.default_namespace

    @property
    def search_path(self) -> list[str]:
        return self._path

    @search_path.setter
    def search_path(self, names: list[str]) -> None:
        self._path = list(names)
        lookup: list[str | None] = []
        for name in [*names, self.creation_namespace]:
            if name in _NOT_CREATABLE:
                continue
            namespace = self.builder.namespace(name)
            if namespace not in lookup:
                lookup.append(namespace)
        self._lookup = lookup

    # -- positions and text ---------------------------------------------------

    def loc(self, offset: int) -> Location:
        """The file position of an absolute byte offset (columns count characters)."""
        starts = self._line_starts
        line = self._line
        if offset >= starts[line]:
            # offsets mostly grow: search only the lines after the last one
            line = self._line = bisect.bisect_right(starts, offset, line) - 1
        else:
            line = self._line = bisect.bisect_right(starts, max(offset, 0)) - 1
        start = starts[line]
        if self._ascii:
            return Location(self._file, line + 1, offset - start + 1)
        # count characters from the last position on this line, so that a file written on
        # one long line (minified) does not cost a decode from the line start every time
        mark, chars = self._mark
        if not start <= mark <= offset:
            mark, chars = start, 0
        chars += len(bytes(self.data[mark:offset]).decode("utf-8", "replace"))
        self._mark = (offset, chars)
        return Location(self._file, line + 1, chars + 1)

    def default(self, text: str | None, type_text: str) -> Any:
        """The builder's reading of a default (literal or expression), remembered per type:
        dumps repeat ``now()`` and ``nextval(…)`` thousands of times, and the values are frozen."""
        key = (text, type_text)
        if key in self._defaults:
            return self._defaults[key]
        value = self._defaults[key] = self.builder.default(text, type_text)
        return value

    def text(self, start: int, end: int) -> str:
        """Source text between two byte offsets, with the edges trimmed."""
        s, e = lexer.trimmed(self.data, start, end)
        return lexer.text(self.data, s, e)

    # -- notes ------------------------------------------------------------------

    def skip(self, label: str, offset: int) -> None:
        """Count a statement that is not part of a schema design (one note per kind at the end)."""
        tally = self.skipped.setdefault(label, Tally())
        if tally.count == 0:
            tally.first = self.loc(offset)
        tally.count += 1

    def unsupported(self, label: str, offset: int) -> None:
        """Count a schema statement that the model does not carry (a warning per kind at the end)."""
        tally = self.unmodelled.setdefault(label, Tally())
        if tally.count == 0:
            tally.first = self.loc(offset)
        tally.count += 1

    def problem(self, message: str, offset: int, *, code: str = "invalid", hint: str | None = None) -> None:
        self.builder.problem(message, self.loc(offset), code=code, hint=hint)

    # -- names --------------------------------------------------------------------

    @property
    def creation_namespace(self) -> str:
        """Where an unqualified CREATE puts its object: the first usable search_path entry."""
        for name in self._path:
            if name not in _NOT_CREATABLE:
                return name
        return self.default_namespace or "public"

    def namespace_of(self, schema: str | None) -> str:
        return schema if schema else self.creation_namespace

    def candidates(self, schema: str | None, name: str) -> list[str]:
        """Keys an object reference may stand for, in search_path order."""
        if schema:
            return [self.builder.key(schema, name)]
        return [qualified(ns, name) for ns in self._lookup]

    def find(self, mapping: dict[str, Draft], schema: str | None, name: str) -> tuple[str, Draft] | None:
        for key in self.candidates(schema, name):
            draft = mapping.get(key)
            if draft is not None:
                return key, draft
        return None

    def reference(self, mapping: dict[str, Draft], schema: str | None, name: str) -> str:
        """The key a reference resolves to (an existing object, else the creation namespace)."""
        hit = self.find(mapping, schema, name)
        if hit is not None:
            return hit[0]
        return self.builder.key(self.namespace_of(schema), name)

    def table(self, rel: Node | None, offset: int, *, what: str, missing_ok: bool = False) -> Draft | None:
        """The table a RangeVar names; a problem (unless `missing_ok`) if it was never created."""
        schema, name = relation(rel)
        hit = self.find(self.builder.tables, schema, name)
        if hit is not None:
            return hit[1]
        key = self.builder.key(self.namespace_of(schema), name)
        if missing_ok or key in self.ignored_relations:
            return None
        self.problem(f"{what} names table {key}, which was not created before", offset, code="missing-table")
        return None

    def relation_key(self, rel: Node | None) -> tuple[str | None, str, str]:
        """(namespace for the builder, name, key) of a RangeVar being created."""
        schema, name = relation(rel)
        namespace = self.namespace_of(schema)
        return namespace, name, self.builder.key(namespace, name)

    def index_key(self, schema: str | None, name: str, table: Draft | None = None) -> str:
        """Indexes live in their table's namespace; their key is namespace-qualified like a table's."""
        if schema is None and table is not None:
            return self.builder.key(table.get("namespace"), name)
        return self.builder.key(self.namespace_of(schema), name)

    def find_index(self, schema: str | None, name: str) -> tuple[str, Draft] | None:
        for key in self.candidates(schema, name):
            owner = self.index_owner.get(key)
            if owner is not None:
                return key, owner
        return None


def index_named(owner: Draft, name: str) -> dict[str, Any] | None:
    for index in owner.get("indexes", []):
        if index.get("name") == name:
            return index  # type: ignore[no-any-return]
    return None
