"""Mermaid ``erDiagram`` of a schema, with crow's-foot cardinality from the keys.

Cardinality comes from the design, not guesses: the referencing side is "many"
unless its foreign key columns are unique (then "one"); it is optional when
one of those columns is nullable.  The referenced side is "exactly one" when
the foreign key columns are NOT NULL, "zero or one" otherwise.
"""

from __future__ import annotations

import re
from typing import ClassVar

from sekkei.generate.base import Generator, GeneratorOptions
from sekkei.model.diagnostics import Notes
from sekkei.model.schema import ForeignKey, Schema, Table

_SAFE = re.compile(r"[^A-Za-z0-9_-]")


def _entity(key: str) -> str:
    """Mermaid entity names allow letters, digits, ``_`` and ``-``; anything else is quoted."""
    if _SAFE.search(key):
        return '"' + key.replace('"', "'") + '"'
    return key


def _type(text: str) -> str:
    return _SAFE.sub("_", text.replace("[]", "_array")).strip("_") or "type"


def _attribute(name: str) -> str:
    return _SAFE.sub("_", name) or "column"


def _cardinality(table: Table, fk: ForeignKey) -> str:
    columns = [table.columns[c] for c in fk.columns if c in table.columns]
    optional_parent = any(c.nullable for c in columns)
    unique = (table.primary_key is not None and set(table.primary_key.columns) == set(fk.columns)) or any(
        set(u.columns) == set(fk.columns) for u in table.uniques
    )
    parent = "|o" if optional_parent else "||"
    child = "o|" if unique else "o{"
    return f"{parent}--{child}"


class MermaidGenerator(Generator):
    """Mermaid erDiagram (renders in GitHub, GitLab and most Markdown viewers)."""

    name = "mermaid"
    description = "Mermaid erDiagram with crow's-foot cardinality"
    default_name: ClassVar[str] = "schema.mmd"

    def generate(self, schema: Schema, options: GeneratorOptions, notes: Notes) -> dict[str, str]:
        keys_only = options.options.get("columns") == "keys"
        lines = ["erDiagram"]
        for key, table in schema.tables.items():
            pk = set(table.primary_key.columns) if table.primary_key else set()
            fk_columns = {c for fk in table.foreign_keys for c in fk.columns}
            unique = {u.columns[0] for u in table.uniques if len(u.columns) == 1}
            lines.append(f"    {_entity(key)} {{")
            for column in table.columns.values():
                marks = [
                    m
                    for m, hit in (
                        ("PK", column.name in pk),
                        ("FK", column.name in fk_columns),
                        ("UK", column.name in unique),
                    )
                    if hit
                ]
                if keys_only and not marks:
                    continue
                comment = f' "{column.comment.splitlines()[0][:60]}"' if column.comment else ""
                comment = comment.replace('"', "'") if comment.count('"') > 2 else comment
                lines.append(
                    f"        {_type(column.type)} {_attribute(column.name)}"
                    f"{' ' + ','.join(marks) if marks else ''}{comment}"
                )
            lines.append("    }")
        for key, table in schema.tables.items():
            for fk in table.foreign_keys:
                target = schema.table(fk.references.table)
                if target is None:
                    continue
                label = fk.name or ", ".join(fk.columns)
                lines.append(
                    f'    {_entity(target.key)} {_cardinality(table, fk)} {_entity(key)} : "{label}"'
                )
        return {self.default_name: "\n".join(lines) + "\n"}
