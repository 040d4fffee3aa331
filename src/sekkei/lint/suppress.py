"""Inline suppression in SQL files: ``-- sekkei:nolint CODE[,CODE] reason``.

The model has no place for SQL comments, so they are found in the source text
and matched to objects by line: a comment on the same line as an object (a
column, a constraint) or on the line before the next object read.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from sekkei.lint.rule import Target
from sekkei.model.diagnostics import Notes
from sekkei.model.location import Location
from sekkei.model.schema import Schema

_COMMENT = re.compile(
    r"(?:--|#|/\*)[ \t]*sekkei:nolint[ \t]+([A-Za-z][\w-]*(?:[ \t]*,[ \t]*[A-Za-z][\w-]*)*)[ \t]*(.*?)[ \t]*"
    r"(?:\*/)?[ \t]*$",
    re.M,
)


def _targets(schema: Schema) -> list[tuple[int, int, Target]]:
    """(line, column, target) of every object that has a location, in file order."""
    found: list[tuple[int, int, Target]] = []

    def add(loc: Location | None, target: Target) -> None:
        if loc is not None:
            found.append((loc.line, loc.column, target))

    for key, table in schema.tables.items():
        add(table.loc, Target("table", key))
        for column in table.columns.values():
            add(column.loc, Target("column", key, column.name))
        if table.primary_key is not None:
            add(table.primary_key.loc, Target("primary_key", key))
        for kind, items in (
            ("foreign_key", table.foreign_keys),
            ("unique", table.uniques),
            ("check", table.checks),
            ("index", table.indexes),
        ):
            for position, item in enumerate(items):
                add(item.loc, Target(kind, key, getattr(item, "name", None), position))
    for key, view in schema.views.items():
        add(view.loc, Target("view", key))
    found.sort(key=lambda item: (item[0], item[1]))
    return found


def sql_suppressions(
    text: str, schema: Schema, notes: Notes | None = None, file: str | None = None
) -> Mapping[Target, dict[str, str]]:
    """Suppressions written as SQL comments, keyed by the object they stand on or before."""
    matches = list(_COMMENT.finditer(text))
    if not matches:
        return {}
    targets = _targets(schema)
    lines = [t[0] for t in targets]
    found: dict[Target, dict[str, str]] = {}
    for match in matches:
        line = text.count("\n", 0, match.start()) + 1
        codes = [c.strip() for c in match.group(1).split(",")]
        reason = match.group(2).strip()
        if not reason:
            if notes is not None:
                notes.warning(
                    "nolint-without-reason",
                    f"sekkei:nolint {', '.join(codes)} gives no reason; it is ignored",
                    location=Location(file, line, 1),
                    hint="write the reason after the codes: -- sekkei:nolint KEY001 log table",
                )
            continue
        position = bisect.bisect_left(lines, line)
        # the first object on this very line (a column, a constraint), else the next one read
        chosen = targets[position][2] if position < len(targets) else None
        if chosen is None:
            continue
        entry = found.setdefault(chosen, {})
        for code in codes:
            entry[code] = reason
    return found
