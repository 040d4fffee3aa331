"""BigQuery: datasets as namespaces, OPTIONS(description=…), keys NOT ENFORCED, no indexes."""

from __future__ import annotations

import re
from typing import ClassVar

from sekkei.formats.sql.writer.base import DdlWriter
from sekkei.formats.sql.writer.core import ColumnType
from sekkei.formats.sql.writer.functions import KnownDefault
from sekkei.model.schema import Column, DefaultValue, Table, View

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?")


class BigQueryWriter(DdlWriter):
    title = "BigQuery"
    quote_open = "`"
    quote_close = "`"
    max_name_length = 300
    comment_style = "options"
    column_order: ClassVar[tuple[str, ...]] = ("type", "collate", "default", "not_null", "comment")
    checks_supported = False
    unique_constraints = False
    named_primary_keys = False
    constraint_suffix = " NOT ENFORCED"
    delete_actions: ClassVar[frozenset[str]] = frozenset()
    update_actions: ClassVar[frozenset[str]] = frozenset()
    indexes_supported = False
    materialized_views = True
    check_options: ClassVar[frozenset[str]] = frozenset()
    generated_kinds: ClassVar[frozenset[str]] = frozenset()
    inline_comment_kinds: ClassVar[frozenset[str]] = frozenset(
        {"table", "column", "view", "materialized view", "schema"})
    comment_kinds: ClassVar[frozenset[str]] = frozenset()

    def write(self) -> str:
        if any(t.namespace is None for t in self.schema.tables.values()):
            self.info("dataset-needed", "tables without a namespace are created in the default "
                      "dataset of the query job; set one, or give the tables a namespace")
        return super().write()

    def namespace_sql(self, name: str) -> str:
        text = f"CREATE SCHEMA {self.quoter.ident(name)}"
        declared = self.schema.namespaces.get(name)
        if declared is not None and declared.comment:
            text += f" OPTIONS(description={self.string(declared.comment)})"
        return text

    def inline_column_comment(self, column: Column) -> str | None:
        if not column.comment:
            return None
        return f"OPTIONS(description={self.string(column.comment)})"

    def table_suffix(self, table: Table) -> list[str]:
        """BigQuery partitions by an expression of its own: kept for a BigQuery design."""
        if table.partition_by and self.schema.dialect == "bigquery":
            self.note_table_settings(table)
            options = self.own_options(table)
            options.setdefault("partition_by", table.partition_by)
            return self.table_options(table, options)
        return super().table_suffix(table)

    def table_options(self, table: Table, options: dict[str, str]) -> list[str]:
        suffix: list[str] = []
        given = {k.lower().replace(" ", "_"): v for k, v in options.items()}
        if "partition_by" in given:
            suffix.append(f"PARTITION BY {given.pop('partition_by')}")
        if "cluster_by" in given:
            suffix.append(f"CLUSTER BY {given.pop('cluster_by')}")
        entries = [f"{k}={v}" for k, v in sorted(given.items())]
        if table.comment:
            entries.insert(0, f"description={self.string(table.comment)}")
        if entries:
            suffix.append(f"OPTIONS({', '.join(entries)})")
        return suffix

    def view_options(self, view: View) -> str:
        if not view.comment:
            return ""
        return f" OPTIONS(description={self.string(view.comment)})"

    def known_default(self, known: KnownDefault, ctype: ColumnType) -> str | None:
        base = ctype.text.split("(")[0].strip().upper()
        if known.kind == "now":
            return "CURRENT_DATETIME()" if base == "DATETIME" else "CURRENT_TIMESTAMP()"
        spelled = {"today": "CURRENT_DATE()", "time_of_day": "CURRENT_TIME()",
                   "uuid": "GENERATE_UUID()"}
        return spelled.get(known.kind)

    def literal_default(self, value: DefaultValue, ctype: ColumnType) -> str:
        base = ctype.text.split("(")[0].strip().upper()
        if isinstance(value, str):
            if base == "DATE" and _ISO_DATE.match(value):
                return f"DATE '{value}'"
            if base in {"DATETIME", "TIMESTAMP"} and _ISO_TIMESTAMP.match(value):
                return f"{base} '{value}'"
        return super().literal_default(value, ctype)
