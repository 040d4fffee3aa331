"""The ``teigisho-md`` generator: the table definition sheet as Markdown, one page per table.

Several files on purpose: it shows how a generator returns paths inside the
output directory (``sekkei generate teigisho-md app.sekkei.yaml -o docs/db``).
"""

from __future__ import annotations

import re
from typing import ClassVar

from sekkei.generate import Generator, GeneratorOptions
from sekkei.model.diagnostics import InputError, Notes, Problem
from sekkei.model.schema import Schema, Table
from sekkei_example.sheet import HEADERS, language, rows, split_comment

_UNSAFE = re.compile(r"[^\w.-]")
_TITLES = {
    "ja": {"tables": "テーブル一覧", "table": "テーブル", "logical": "論理名", "indexes": "インデックス"},
    "en": {"tables": "Tables", "table": "Table", "logical": "Logical name", "indexes": "Indexes"},
}


def _md(text: str) -> str:
    """A Markdown table cell: pipes escaped, line breaks as <br>."""
    return "<br>".join(text.replace("|", "\\|").splitlines()) if text else ""


def _table_md(cells: list[str] | tuple[str, ...]) -> str:
    return "| " + " | ".join(_md(c) for c in cells) + " |"


def page_names(schema: Schema) -> dict[str, str]:
    """A file name per table key: safe on any file system, distinct even for keys differing only in case."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for key in schema.tables:
        base = _UNSAFE.sub("_", key).strip(".") or "table"
        name, number = base, 1
        while name.lower() in used:
            number += 1
            name = f"{base}-{number}"
        used.add(name.lower())
        names[key] = f"tables/{name}.md"
    return names


class TeigishoMarkdown(Generator):
    """テーブル定義書 as Markdown: an index page and one page per table."""

    name = "teigisho-md"
    description = "table definition sheet (テーブル定義書) as Markdown pages; --lang ja for Japanese headings"
    default_name: ClassVar[str] = "index.md"
    options: ClassVar[dict[str, str]] = {
        "indexes": "list each table's indexes: true (default) or false",
    }

    def generate(self, schema: Schema, options: GeneratorOptions, notes: Notes) -> dict[str, str]:
        lang = language(options.lang)
        show_indexes = options.options.get("indexes", "true").lower()
        if show_indexes not in {"true", "false"}:
            raise InputError(
                Problem(f"teigisho-md: indexes={show_indexes!r}", expected="true or false", code="option")
            )
        words = _TITLES[lang]
        pages = page_names(schema)
        index = [f"# {schema.name or words['tables']}", "", _table_md([words["table"], words["logical"]])]
        index.append("|---|---|")
        files: dict[str, str] = {}
        for key, table in schema.tables.items():
            logical, _ = split_comment(table.comment)
            index.append(_table_md([f"[{key}]({pages[key]})", logical]))
            files[pages[key]] = self._page(key, table, lang, show_indexes == "true")
        if not schema.tables:
            notes.info("teigisho.empty", "the schema has no tables")
        return {self.default_name: "\n".join(index) + "\n", **files}

    @staticmethod
    def _page(key: str, table: Table, lang: str, show_indexes: bool) -> str:
        words = _TITLES[lang]
        logical, rest = split_comment(table.comment)
        lines = [f"# {key}" + (f" ({logical})" if logical else ""), ""]
        if rest:
            lines += [rest, ""]
        lines += [_table_md(HEADERS[lang]), "|" + "---|" * len(HEADERS[lang])]
        lines += [_table_md(row.cells) for row in rows(table, lang)]
        if show_indexes and table.indexes:
            lines += ["", f"## {words['indexes']}", ""]
            for index in table.indexes:
                label = index.name or ", ".join(index.column_names())
                unique = " (unique)" if index.unique else ""
                lines.append(f"- `{label}`: {', '.join(index.column_names())}{unique}")
        return "\n".join(lines) + "\n"
