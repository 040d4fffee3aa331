"""Oracle: identity columns, virtual columns, PL/SQL ended by ``/``, no CREATE SCHEMA.

An Oracle schema is a user: the writer qualifies names with their namespace
but does not create it (a note says the users must exist).
"""

from __future__ import annotations

import re
from typing import ClassVar

from sqlglot import exp

from sekkei.formats.sql.writer.base import DdlWriter
from sekkei.formats.sql.writer.comments import CommentTarget
from sekkei.formats.sql.writer.core import NON_DETERMINISTIC, ColumnType
from sekkei.formats.sql.writer.functions import KnownDefault
from sekkei.formats.sql.writer.script import Statement
from sekkei.formats.sql.writer.tables import IdentityParts
from sekkei.model.schema import Column, DefaultValue, Identity, Sequence, Table

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")


class OracleWriter(DdlWriter):
    title = "Oracle"
    max_name_length = 128
    column_order: ClassVar[tuple[str, ...]] = (
        "type", "collate", "default", "identity", "generated", "not_null", "check",
    )
    generated_kinds: ClassVar[frozenset[str]] = frozenset({"virtual"})
    deferrable_constraints = True
    delete_actions: ClassVar[frozenset[str]] = frozenset({"cascade", "set null"})
    update_actions: ClassVar[frozenset[str]] = frozenset()
    sequences_supported = True
    materialized_views = True
    materialized_view_indexes = True
    check_options: ClassVar[frozenset[str]] = frozenset({"plain"})
    comment_kinds: ClassVar[frozenset[str]] = frozenset(
        {"table", "column", "view", "materialized view"})
    routine_kind = "plsql"
    trigger_kind = "plsql"
    numeric_booleans = True
    expression_parentheses = False
    unsupported_expressions: ClassVar[tuple[type[exp.Expression], ...]] = (
        exp.Filter, exp.ArrayAgg, exp.Array)
    unsupported_in_checks = NON_DETERMINISTIC

    def unindexable(self, written_type: str) -> bool:
        return written_type.split("(", maxsplit=1)[0].strip().lower() in {"clob", "nclob", "blob", "long",
                                                              "long raw", "bfile"}

    def namespace_statements(self) -> list[Statement]:
        for name in self.namespaces_used():
            self.info("namespace-not-created", "an Oracle schema is a user; create the user "
                      f"{name} before running this script", subject=f"namespace {name}")
        return []

    def identity(self, table: Table, column: Column, identity: Identity, ctype: ColumnType,
                 subject: str) -> IdentityParts | None:
        kind = "ALWAYS" if identity.generated == "always" else "BY DEFAULT"
        options = []
        if identity.start is not None:
            options.append(f"START WITH {identity.start}")
        if identity.increment is not None:
            options.append(f"INCREMENT BY {identity.increment}")
        suffix = f" ({' '.join(options)})" if options else ""
        return IdentityParts(f"GENERATED {kind} AS IDENTITY{suffix}")

    def generated_clause(self, text: str, kind: str) -> str:
        # Oracle's virtual columns; VIRTUAL is the default and is left out
        return f"GENERATED ALWAYS AS ({text})"

    def collate_clause(self, collation: str) -> str:
        return f"COLLATE {collation}"

    def known_default(self, known: KnownDefault, ctype: ColumnType) -> str | None:
        base = ctype.text.split("(")[0].strip().lower()
        if known.kind == "now":
            return "SYSDATE" if base == "date" else "CURRENT_TIMESTAMP"
        if known.kind == "today":
            return "TRUNC(SYSDATE)"
        if known.kind == "uuid":
            return "SYS_GUID()"
        if known.kind == "nextval":
            key = self.sequence_for(known.argument)
            return f"{self.ref(key)}.NEXTVAL" if key else None
        return None

    def literal_default(self, value: DefaultValue, ctype: ColumnType) -> str:
        base = ctype.text.split("(")[0].strip().lower()
        if isinstance(value, str) and base == "date" and _ISO_DATE.match(value):
            return f"DATE '{value}'"
        if isinstance(value, str) and base in {"date", "timestamp"} and _ISO_TIMESTAMP.match(value):
            return f"TIMESTAMP '{value.replace('T', ' ')}'"
        return super().literal_default(value, ctype)

    def sequence_options(self, key: str, sequence: Sequence) -> list[str]:
        parts = [p for p in super().sequence_options(key, sequence)
                 if not p.startswith("CACHE")]
        if sequence.cache is not None:
            parts.append("NOCACHE" if sequence.cache <= 1 else f"CACHE {sequence.cache}")
        return parts

    def comment_statement(self, target: CommentTarget) -> Statement:
        kind = "TABLE" if target.kind == "view" else target.kind.upper()
        return Statement(f"COMMENT ON {kind} {target.target} IS {self.string(target.text)}")
