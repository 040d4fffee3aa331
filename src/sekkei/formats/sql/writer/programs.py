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

    def routine_statements(self) -> tuple[list[Statement], list[Statement]]:
        """(routines created before the tables, routines whose signature names a table).

        A function may return or take a table's row type (``RETURNS SETOF customer``):
        it can only be created after that table.  Other routines come first, since
        defaults, checks and views may call them.
        """
        early: list[Statement] = []
        late: list[Statement] = []
        tables = {t.name.lower() for t in self.schema.tables.values()}
        tables |= {v.name.lower() for v in self.schema.views.values()}
        for routine in self.schema.routines:
            dialect = routine.dialect or self.schema.dialect
            subject = f"{routine.kind} {routine.key}"
            if dialect is None or family(dialect) != self.family:
                self.warn("routine-skipped", f"written in {dialect or 'an unknown dialect'}; "
                          f"Sekkei does not translate procedural code to {self.title}",
                          subject=subject, hint="write it for the target by hand")
                continue
            statement = Statement(routine.sql.strip(), self.routine_kind)
            (late if _signature_names(routine) & tables else early).append(statement)
        return early, late

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


def _signature_names(routine: Routine) -> set[str]:
    """Words in a routine's CREATE text before its body (names, argument and return types)."""
    text = routine.sql
    match = _BODY_START.search(text)
    head = text[: match.start()] if match else text
    return referenced_names(head) - {routine.name.lower()}
