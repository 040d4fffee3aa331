"""Notes, warnings and errors that readers, writers and checks hand back to the caller.

Nothing below the CLI prints: a reader that skips a statement or a writer that
cannot carry a construct records a `Note`; a user mistake raises `SekkeiError`
carrying one `Problem` per mistake found, each with a location, so that one bad
table is reported together with all the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum

from sekkei.model.location import Location


class Severity(str, Enum):
    """How much a note matters; `error` stops the command."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True, slots=True)
class Note:
    """Something a reader or writer wants the user to know.

    `code` is stable (tools may filter on it); `subject` names the object, e.g.
    ``table film column fulltext``; `hint` says what to do about it.
    """

    severity: Severity
    code: str
    message: str
    location: Location | None = None
    subject: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        subject = f"{self.subject}: " if self.subject else ""
        return f"{where}{self.severity.value}: {subject}{self.message} [{self.code}]"

    def to_dict(self) -> dict[str, object]:
        """Plain data for `--format json`."""
        data: dict[str, object] = {
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }
        if self.location is not None:
            data["file"] = self.location.file
            data["line"] = self.location.line
            data["column"] = self.location.column
        if self.subject:
            data["subject"] = self.subject
        if self.hint:
            data["hint"] = self.hint
        return data


@dataclass
class Notes:
    """A collector that readers and writers append to; iterable and countable."""

    items: list[Note] = field(default_factory=list)

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        *,
        location: Location | None = None,
        subject: str | None = None,
        hint: str | None = None,
    ) -> Note:
        note = Note(severity, code, message, location, subject, hint)
        self.items.append(note)
        return note

    def info(self, code: str, message: str, **kw: object) -> Note:
        return self.add(Severity.INFO, code, message, **kw)  # type: ignore[arg-type]

    def warning(self, code: str, message: str, **kw: object) -> Note:
        return self.add(Severity.WARNING, code, message, **kw)  # type: ignore[arg-type]

    def error(self, code: str, message: str, **kw: object) -> Note:
        return self.add(Severity.ERROR, code, message, **kw)  # type: ignore[arg-type]

    def extend(self, notes: Iterable[Note]) -> None:
        self.items.extend(notes)

    def __iter__(self) -> Iterator[Note]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def of(self, severity: Severity) -> list[Note]:
        return [n for n in self.items if n.severity is severity]


@dataclass(frozen=True, slots=True)
class Problem:
    """One user mistake: where, what was expected, what was found."""

    message: str
    location: Location | None = None
    expected: str | None = None
    hint: str | None = None
    code: str = "invalid"

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        text = f"{where}{self.message}"
        if self.expected:
            text += f" (expected {self.expected})"
        if self.hint:
            text += f"; {self.hint}"
        return text

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"code": self.code, "message": self.message}
        if self.location is not None:
            data["file"] = self.location.file
            data["line"] = self.location.line
            data["column"] = self.location.column
        if self.expected:
            data["expected"] = self.expected
        if self.hint:
            data["hint"] = self.hint
        return data


class SekkeiError(Exception):
    """A user-facing error: bad input, bad usage, or a refused operation.

    The CLI turns it into a message and exit code 2, never a stack trace.
    """

    def __init__(self, problems: Problem | str | Iterable[Problem]) -> None:
        if isinstance(problems, str):
            items = [Problem(problems)]
        elif isinstance(problems, Problem):
            items = [problems]
        else:
            items = list(problems)
        if not items:
            items = [Problem("unknown error")]
        self.problems: list[Problem] = items
        super().__init__(str(self))

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        return f"{len(self.problems)} problems:\n" + "\n".join(f"  {p}" for p in self.problems)

    @property
    def location(self) -> Location | None:
        return self.problems[0].location


class InputError(SekkeiError):
    """The input could not be read (syntax, structure, unknown names, limits)."""


class UsageError(SekkeiError):
    """The command or API was called in a way that cannot work."""
