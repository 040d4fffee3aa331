"""The output script: statements grouped in sections, ended the way each dialect needs.

Most statements simply end with ``;``.  Three dialects need more, and the
`Statement.kind` says which statements are affected:

- ``batch`` (SQL Server): CREATE VIEW/TRIGGER/FUNCTION/SCHEMA must be alone in
  their batch, so ``GO`` lines go around them;
- ``plsql`` (Oracle): a PL/SQL unit keeps its own ``;`` and is run by a ``/`` line;
- ``compound`` (MySQL): a body containing ``;`` is wrapped in ``DELIMITER`` lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

StatementKind = Literal["plain", "batch", "plsql", "compound"]


@dataclass(frozen=True, slots=True)
class Statement:
    text: str
    kind: StatementKind = "plain"


@dataclass
class Section:
    """Statements of one kind (tables, indexes …) under a heading comment."""

    title: str
    spaced: bool = False
    """Blank lines between statements (for multi-line ones such as CREATE TABLE)."""
    statements: list[Statement] = field(default_factory=list)


@dataclass
class Script:
    header: list[str]
    sections: list[Section] = field(default_factory=list)

    def section(self, title: str, *, spaced: bool = False) -> Section:
        found = Section(title, spaced)
        self.sections.append(found)
        return found

    def render(self, batches: bool = False) -> str:
        """The whole script; `batches` adds SQL Server ``GO`` lines where required."""
        lines = [f"-- {line}" if line else "--" for line in self.header]
        out: list[str] = ["\n".join(lines)]
        batch_open = False  # statements written since the last GO
        for section in self.sections:
            if not section.statements:
                continue
            chunks: list[str] = []
            for statement in section.statements:
                text = _terminated(statement)
                if batches and statement.kind == "batch":
                    text = ("GO\n" if batch_open else "") + text + "\nGO"
                    batch_open = False
                else:
                    batch_open = True
                chunks.append(text)
            out.append(f"-- {section.title}\n" + ("\n\n" if section.spaced else "\n").join(chunks))
        if batches and batch_open:
            out.append("GO")
        return "\n\n".join(out) + "\n"


def _terminated(statement: Statement) -> str:
    text = statement.text.rstrip()
    if statement.kind == "plsql":
        if not text.endswith(";"):
            text += ";"
        return text + "\n/"
    if statement.kind == "compound" and ";" in text.rstrip(";"):
        body = text.rstrip(";").rstrip()
        return f"DELIMITER //\n{body}\n//\nDELIMITER ;"
    if not text.endswith(";"):
        text += ";"
    return text
