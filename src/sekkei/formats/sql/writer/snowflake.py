"""Snowflake: AUTOINCREMENT, virtual columns, no indexes, keys kept but not enforced."""

from __future__ import annotations

from typing import ClassVar

from sekkei.formats.sql.writer.base import DdlWriter
from sekkei.formats.sql.writer.core import ColumnType
from sekkei.formats.sql.writer.functions import KnownDefault
from sekkei.formats.sql.writer.tables import IdentityParts
from sekkei.model.schema import Column, Identity, Sequence, Table


class SnowflakeWriter(DdlWriter):
    title = "Snowflake"
    max_name_length = 255
    default_namespace = "PUBLIC"
    column_order: ClassVar[tuple[str, ...]] = (
        "type", "generated", "collate", "default", "identity", "not_null",
    )
    checks_supported = False
    indexes_supported = False
    sequences_supported = True
    materialized_views = True
    check_options: ClassVar[frozenset[str]] = frozenset()
    generated_kinds: ClassVar[frozenset[str]] = frozenset({"virtual"})
    comment_kinds: ClassVar[frozenset[str]] = frozenset(
        {"schema", "table", "column", "view", "materialized view", "sequence"})

    def write(self) -> str:
        keys = sum(bool(t.primary_key) + len(t.uniques) + len(t.foreign_keys)
                   for t in self.schema.tables.values())
        if keys:
            self.info("constraints-not-enforced", f"Snowflake keeps primary, unique and foreign "
                      f"keys ({keys}) as metadata and does not enforce them")
        return super().write()

    def identity(self, table: Table, column: Column, identity: Identity, ctype: ColumnType,
                 subject: str) -> IdentityParts | None:
        return IdentityParts(f"AUTOINCREMENT START {identity.start or 1} "
                             f"INCREMENT {identity.increment or 1}")

    def generated_clause(self, text: str, kind: str) -> str:
        return f"AS ({text})"

    def collate_clause(self, collation: str) -> str:
        return f"COLLATE {self.string(collation)}"

    def known_default(self, known: KnownDefault, ctype: ColumnType) -> str | None:
        if known.kind == "uuid":
            return "UUID_STRING()"
        if known.kind == "nextval":
            key = self.sequence_for(known.argument)
            return f"{self.ref(key)}.NEXTVAL" if key else None
        spelled = {"now": "CURRENT_TIMESTAMP()", "today": "CURRENT_DATE()",
                   "time_of_day": "CURRENT_TIME()"}
        return spelled.get(known.kind)

    def sequence_sql(self, key: str, sequence: Sequence) -> str:
        subject = f"sequence {key}"
        text = f"CREATE SEQUENCE {self.ref(key)}"
        if sequence.start is not None:
            text += f" START = {sequence.start}"
        if sequence.increment is not None:
            text += f" INCREMENT = {sequence.increment}"
        dropped = [name for name, value in (("MINVALUE", sequence.min_value),
                                            ("MAXVALUE", sequence.max_value),
                                            ("CACHE", sequence.cache)) if value is not None]
        if sequence.cycle:
            dropped.append("CYCLE")
        if dropped:
            self.warn("sequence-option-dropped", f"Snowflake sequences have no "
                      f"{', '.join(dropped)}; not written", subject=subject)
        return text
