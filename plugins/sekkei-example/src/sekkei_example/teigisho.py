"""The ``teigisho`` format: a テーブル定義書 (table definition sheet) as TSV, written only.

TSV rather than an Excel file: it pastes straight into Excel, Google Sheets
or Numbers, diffs cleanly in review, and needs no library.  One row per column
with the table's names repeated, so the sheet can be filtered and sorted.
"""

from __future__ import annotations

import csv
import io

from sekkei.formats.base import Format, WriteOptions
from sekkei.model.diagnostics import Notes
from sekkei.model.schema import Schema
from sekkei_example.sheet import HEADERS, TABLE_HEADERS, language, rows, split_comment


def _cell(text: str) -> str:
    """Tabs and line breaks would split cells and rows: they become spaces."""
    return " ".join(text.replace("\t", " ").splitlines())


class TeigishoFormat(Format):
    """テーブル定義書 (table definition sheet) as TSV: one row per column, ready for a spreadsheet."""

    name = "teigisho"
    extensions = (".teigisho.tsv",)
    description = "テーブル定義書 (table definition sheet) as TSV, for spreadsheets; write-only"
    limitations = (
        "write-only: a sheet is documentation, not a source of the design",
        "indexes other than single-column unique ones, checks, views and routines are not listed",
    )

    def write(self, schema: Schema, options: WriteOptions, notes: Notes) -> str:
        lang = language(options.options.get("lang", "ja"))
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
        writer.writerow(TABLE_HEADERS[lang] + HEADERS[lang])
        for key, table in schema.tables.items():
            logical, _ = split_comment(table.comment)
            for row in rows(table, lang, options.dialect):
                writer.writerow([_cell(c) for c in (key, logical, *row.cells)])
        skipped = len(schema.views) + len(schema.routines)
        if skipped:
            notes.info(
                "teigisho.skipped",
                f"views and routines are not part of the table definition sheet ({skipped} left out)",
            )
        return buffer.getvalue()
