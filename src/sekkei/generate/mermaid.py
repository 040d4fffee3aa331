"""Mermaid ``erDiagram`` of a schema, with crow's-foot cardinality from the keys.

Cardinality comes from the design, not guesses.  The parent end is "exactly
one" when every foreign key column is NOT NULL, "zero or one" otherwise.  The
child end is "zero or one" when the foreign key columns hold a unique key (the
primary key, a unique constraint or a full unique index is a subset of them),
"zero or more" otherwise.  A relationship is identifying (solid line) when the
foreign key columns are part of the child's primary key, else non-identifying
(dashed).

Names are written so that Mermaid 11 (GitHub, GitLab, mermaid.live) parses
them whatever they are: entity names always in double quotes (unquoted names
collide with the grammar's keywords such as ``one``, ``many`` or ``to``);
attribute types and names as Mermaid words, with characters it does not allow
replaced by ``_`` and the real name then given in the attribute's comment.
"""

from __future__ import annotations

import json
import re
from typing import ClassVar

from sekkei.generate.base import Generator, GeneratorOptions
from sekkei.model.diagnostics import InputError, Notes, Problem
from sekkei.model.schema import ForeignKey, Schema, Table

# Mermaid's attribute words: a letter, `_`, `*` or U+00C0.. first, then these.
_WORD_FIRST = re.compile(r"[A-Za-z_*\u00c0-\uffff]")
_WORD_BAD = re.compile(r"[^A-Za-z0-9_\-\[\]().,*\u00c0-\uffff]")
# `PK`, `FK`, `UK` lexed as keys even at the start of a longer word (JavaScript's \b is ASCII).
_KEY_WORD = re.compile(r"(?i)(?:pk|fk|uk)(?![A-Za-z0-9_])")
# Quoted names may not hold these; comments only not `"` and line ends.  Outside entity
# blocks, a line holding "direction LR" anywhere is read as a direction statement.
_NAME_BAD = re.compile(r'["%\\\r\n\v\b]')
_COMMENT_BAD = re.compile(r'["\r\n\v\b]')
_DIRECTION = re.compile(r"(?i)(direction)\s+(tb|bt|rl|lr)")
_COMMENT_LENGTH = 80

_COLUMN_MODES = ("all", "keys", "none")
_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _quoted(text: str) -> str:
    """An entity name or relationship label that can stand between double quotes."""
    return _DIRECTION.sub(r"\1_\2", _NAME_BAD.sub(_replacement, text))


def _replacement(match: re.Match[str]) -> str:
    return "'" if match.group() == '"' else "_"


def _word(text: str) -> str:
    """An attribute type or name as one Mermaid word."""
    word = _WORD_BAD.sub("_", text) or "_"
    if not _WORD_FIRST.match(word) or _KEY_WORD.match(word):
        word = "_" + word
    return word


def _type(text: str) -> str:
    """A column type as a Mermaid word: ``numeric(10,2)``, ``text[]``; no dialect prefix or value list."""
    if ":" in text:  # postgres:tsvector -> tsvector
        text = text.split(":", 1)[1]
    if "'" in text or '"' in text:  # enum('a','b'): the values do not fit, the kind does
        text = text.split("(", 1)[0]
    return _word(text.strip().replace(" ", "_"))


def _comment(text: str | None) -> str:
    first = (text or "").strip().splitlines()[0].strip() if (text or "").strip() else ""
    if len(first) > _COMMENT_LENGTH:
        first = first[: _COMMENT_LENGTH - 1] + "…"
    return _COMMENT_BAD.sub(_replacement, first)


def _unique_sets(table: Table, *, primary_key: bool = True) -> list[set[str]]:
    """Column sets unique in the table: primary key, unique constraints, unique indexes without WHERE."""
    sets = [set(u.columns) for u in table.uniques]
    if primary_key and table.primary_key is not None:
        sets.append(set(table.primary_key.columns))
    for index in table.indexes:
        names = index.column_names()
        if index.unique and index.where is None and len(names) == len(index.columns):
            sets.append(set(names))
    return sets


def relationship(table: Table, fk: ForeignKey) -> str:
    """The Mermaid relationship of a foreign key, written parent first: ``||--o{``."""
    columns = [table.columns[c] for c in fk.columns if c in table.columns]
    fk_set = set(fk.columns)
    parent = "|o" if any(c.nullable for c in columns) else "||"
    child = "o|" if any(s and s <= fk_set for s in _unique_sets(table)) else "o{"
    pk = set(table.primary_key.columns) if table.primary_key else set()
    line = "--" if fk_set and fk_set <= pk else ".."
    return f"{parent}{line}{child}"


class MermaidGenerator(Generator):
    """Mermaid erDiagram (renders in GitHub, GitLab and most Markdown viewers)."""

    name = "mermaid"
    description = "Mermaid erDiagram with crow's-foot cardinality and PK/FK/UK markers"
    default_name: ClassVar[str] = "schema.mmd"
    options: ClassVar[dict[str, str]] = {
        "columns": "which columns to show: all (default), keys (PK/FK/UK only) or none",
        "comments": "show column comments: true (default) or false",
        "title": "diagram title (default: the schema's name)",
    }

    def generate(self, schema: Schema, options: GeneratorOptions, notes: Notes) -> dict[str, str]:
        columns, comments = self._settings(options)
        names = self._entity_names(schema)
        lines: list[str] = []
        title = options.options.get("title", schema.name or "")
        if title:
            lines += ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "---"]
        lines.append("erDiagram")
        for key, table in schema.tables.items():
            body = self._attributes(table, columns, comments)
            if body:
                lines += [f"    {names[key]} {{", *body, "    }"]
            else:
                lines.append(f"    {names[key]}")
        for key, table in schema.tables.items():
            for fk in table.foreign_keys:
                target = schema.table(fk.references.table)
                if target is None:
                    notes.info(
                        "generate.mermaid.external",
                        f"foreign key to {fk.references.table}, which is not in the schema, is not drawn",
                        subject=f"table {key}",
                    )
                    continue
                label = _quoted(", ".join(fk.columns))
                lines.append(f'    {names[target.key]} {relationship(table, fk)} {names[key]} : "{label}"')
        return {self.default_name: "\n".join(lines) + "\n"}

    @staticmethod
    def _settings(options: GeneratorOptions) -> tuple[str, bool]:
        problems = []
        columns = options.options.get("columns", "all")
        if columns not in _COLUMN_MODES:
            problems.append(
                Problem(
                    f"mermaid: columns={columns!r} is not supported",
                    expected=", ".join(_COLUMN_MODES),
                    code="generate.option",
                )
            )
        comments = _BOOLEANS.get(options.options.get("comments", "true").lower())
        if comments is None:
            problems.append(
                Problem(
                    f"mermaid: comments={options.options['comments']!r} is not true or false",
                    expected="true or false",
                    code="generate.option",
                )
            )
        if problems:
            raise InputError(problems)
        return columns, bool(comments)

    @staticmethod
    def _entity_names(schema: Schema) -> dict[str, str]:
        """Quoted entity names, distinct even when two keys differ only in characters replaced."""
        names: dict[str, str] = {}
        used: set[str] = set()
        for key in schema.tables:
            base = _quoted(key) or "_"
            name, number = base, 1
            while name in used:
                number += 1
                name = f"{base}~{number}"
            used.add(name)
            names[key] = f'"{name}"'
        return names

    @staticmethod
    def _attributes(table: Table, columns: str, comments: bool) -> list[str]:
        if columns == "none":
            return []
        pk = set(table.primary_key.columns) if table.primary_key else set()
        fk_columns = {c for fk in table.foreign_keys for c in fk.columns}
        unique = {next(iter(s)) for s in _unique_sets(table, primary_key=False) if len(s) == 1}
        lines = []
        for column in table.columns.values():
            marks = [
                mark
                for mark, hit in (
                    ("PK", column.name in pk),
                    ("FK", column.name in fk_columns),
                    ("UK", column.name in unique),
                )
                if hit
            ]
            if columns == "keys" and not marks:
                continue
            name = _word(column.name)
            note = _comment(column.comment) if comments else ""
            if name != column.name:
                real = _COMMENT_BAD.sub(_replacement, column.name)
                note = f"{real}: {note}" if note else real
            line = f"        {_type(column.type)} {name}"
            if marks:
                line += " " + ", ".join(marks)
            if note:
                line += f' "{note}"'
            lines.append(line)
        return lines
