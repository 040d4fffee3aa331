"""The rows of a テーブル定義書 (table definition sheet): one per column, in Japanese or English.

Japanese teams keep table definitions in spreadsheets with a familiar set of
columns: 論理名 (logical name) next to the physical one, 必須, 主キー順, 外部キー.
The logical name is taken from the first line of a comment, which is how most
teams already write comments; the rest of the comment goes to 備考 (notes).
"""

from __future__ import annotations

from dataclasses import dataclass

from sekkei.model.schema import Column, SqlExpr, Table

HEADERS = {
    "ja": (
        "No",
        "カラム名",
        "論理名",
        "データ型",
        "必須",
        "デフォルト",
        "主キー",
        "外部キー",
        "一意",
        "備考",
    ),
    "en": ("No", "Column", "Logical name", "Type", "Required", "Default", "PK", "FK", "Unique", "Notes"),
}
TABLE_HEADERS = {"ja": ("テーブル名", "テーブル論理名"), "en": ("Table", "Table logical name")}
_WORDS = {
    "ja": {
        "yes": "○",
        "identity": "自動採番",
        "generated": "計算列",
        "personal": "個人情報",
        "sensitive": "要配慮個人情報",
    },
    "en": {
        "yes": "yes",
        "identity": "identity",
        "generated": "generated",
        "personal": "personal data",
        "sensitive": "sensitive personal data",
    },
}


@dataclass(frozen=True)
class Row:
    """One column of the sheet, as text cells in `HEADERS` order."""

    cells: tuple[str, ...]


def split_comment(comment: str | None) -> tuple[str, str]:
    """(logical name, the rest): the first line of a comment, and the other lines joined."""
    lines = [line.strip() for line in (comment or "").strip().splitlines() if line.strip()]
    if not lines:
        return "", ""
    return lines[0], " ".join(lines[1:])


def language(lang: str | None) -> str:
    return "en" if (lang or "").lower().startswith("en") else "ja"


def _default(column: Column) -> str:
    value = column.default
    if value is None:
        return ""
    if isinstance(value, SqlExpr):
        return value.sql
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _references(table: Table) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for fk in table.foreign_keys:
        targets = fk.references.columns or fk.columns
        for position, column in enumerate(fk.columns):
            target = targets[position] if position < len(targets) else "?"
            found.setdefault(column, []).append(f"{fk.references.table}.{target}")
    return found


def _unique_columns(table: Table) -> set[str]:
    singles = {u.columns[0] for u in table.uniques if len(u.columns) == 1}
    for index in table.indexes:
        names = index.column_names()
        if index.unique and index.where is None and len(index.columns) == 1 and names:
            singles.add(names[0])
    return singles


def rows(table: Table, lang: str, dialect: str | None = None) -> list[Row]:
    """The sheet rows of a table's columns, in column order."""
    words = _WORDS[lang]
    pk = list(table.primary_key.columns) if table.primary_key else []
    references = _references(table)
    unique = _unique_columns(table)
    result = []
    for number, column in enumerate(table.columns.values(), 1):
        logical, rest = split_comment(column.comment)
        notes = [rest] if rest else []
        if column.identity is not None:
            notes.append(words["identity"])
        if column.generated is not None:
            notes.append(f"{words['generated']}: {column.generated.sql}")
        if column.privacy is not None and column.privacy.classification in {"personal", "sensitive"}:
            notes.append(words[column.privacy.classification])
        type_text = column.native.get(dialect, column.type) if dialect else column.type
        result.append(
            Row(
                (
                    str(number),
                    column.name,
                    logical,
                    type_text,
                    words["yes"] if not column.nullable else "",
                    _default(column),
                    str(pk.index(column.name) + 1) if column.name in pk else "",
                    ", ".join(references.get(column.name, [])),
                    words["yes"] if column.name in unique and column.name not in pk else "",
                    "; ".join(notes),
                )
            )
        )
    return result
