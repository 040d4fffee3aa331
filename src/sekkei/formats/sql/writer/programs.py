"""Functions, procedures and triggers: carried as their own dialect's text.

Sekkei does not translate procedural code.  A routine or trigger is written
only for a target of the same family as the dialect it was written in; for any
other target each one is named in a warning.
"""

from __future__ import annotations

import re
from typing import ClassVar

from sekkei.formats.sql.writer.catalog import CatalogWriter
from sekkei.formats.sql.writer.order import referenced_names
from sekkei.formats.sql.writer.script import Statement, StatementKind
from sekkei.model.dialects import family
from sekkei.model.schema import Routine

#: Where a routine's body starts: what comes before it is its signature.
_BODY_START = re.compile(r"\$[A-Za-z_]*\$|\bAS\s+'|\bBEGIN\b|\bRETURN\s+\(|\bIS\b", re.I)


class ProgramWriter(CatalogWriter):
    """CREATE FUNCTION/PROCEDURE and CREATE TRIGGER."""

    routine_kind: ClassVar[StatementKind] = "plain"
    trigger_kind: ClassVar[StatementKind] = "plain"

    def routine_statements(self) -> tuple[list[Statement], list[Statement], list[Statement]]:
        """Routines before the tables, after the tables, and after the views.

        A function may return or take a table's row type (``RETURNS SETOF customer``):
        it can only be created after that table (or view).  A rule on a view needs
        the view.  Other routines come first, since defaults, checks and views may
        call them; among them types come before functions and functions before the
        aggregates and operators built on them.
        """
        early: list[Statement] = []
        late: list[Statement] = []
        after_views: list[Statement] = []
        tables = {t.name.lower() for t in self.schema.tables.values()}
        views = {v.name.lower() for v in self.schema.views.values()}
        for routine in sorted(self.schema.routines, key=_kind_rank):
            dialect = routine.dialect or self.schema.dialect
            subject = f"{routine.kind} {routine.key}"
            if dialect is None or family(dialect) != self.family:
                self.warn("routine-skipped", f"written in {dialect or 'an unknown dialect'}; "
                          f"Sekkei does not translate procedural code to {self.title}",
                          subject=subject, hint="write it for the target by hand")
                continue
            statement = Statement(routine.sql.strip(), self.routine_kind)
            names = _signature_names(routine)
            if _RULE.match(routine.sql) or names & views:
                after_views.append(statement)
            elif names & tables:
                late.append(statement)
            else:
                early.append(statement)
        return early, late, after_views

    def trigger_statements(self, keys: list[str]) -> list[Statement]:
        found: list[Statement] = []
        dialect = self.schema.dialect
        for key in keys:
            for trigger in self.schema.tables[key].triggers:
                subject = f"table {key} trigger {trigger.name}"
                if dialect is None or family(dialect) != self.family:
                    self.warn("trigger-skipped", f"written in {dialect or 'an unknown dialect'}; "
                              f"Sekkei does not translate triggers to {self.title}",
                              subject=subject, hint="write it for the target by hand")
                    continue
                found.append(Statement(trigger.sql.strip(), self.trigger_kind))
        return found


_RULE = re.compile(r"\s*CREATE\s+(?:OR\s+REPLACE\s+)?RULE\b", re.I)
_KIND_RANK = {"other": 0, "function": 1, "procedure": 1, "aggregate": 2, "operator": 3, "cast": 4}


def _kind_rank(routine: Routine) -> int:
    """Types first, then functions, then what is built from functions (stable otherwise)."""
    return _KIND_RANK.get(routine.kind, 1)


_RETURNS = re.compile(r"\bRETURNS\s+(?:SETOF\s+)?(TABLE\s*\(|[\w.\"]+)", re.I)


def _signature_names(routine: Routine) -> set[str]:
    """Names used as types in a routine's arguments and result (row types of tables).

    Only the argument list and the RETURNS clause are looked at: clauses such
    as ``LANGUAGE sql`` must not count as a use of a table called ``language``.
    """
    text = routine.sql
    match = _BODY_START.search(text)
    head = text[: match.start()] if match else text
    parts: list[str] = []
    opening = head.find("(")
    if opening != -1:
        parts.append(_balanced(head, opening))
    returns = _RETURNS.search(head)
    if returns:
        result = returns.group(1)
        if result.endswith("("):
            parts.append(_balanced(head, returns.end() - 1))
        else:
            parts.append(result)
    names = referenced_names(" ".join(parts))
    return names - {routine.name.lower()}


def _balanced(text: str, opening: int) -> str:
    """The text inside the parentheses that open at `opening`."""
    depth = 0
    for position in range(opening, len(text)):
        if text[position] == "(":
            depth += 1
        elif text[position] == ")":
            depth -= 1
            if depth == 0:
                return text[opening + 1 : position]
    return text[opening + 1 :]
