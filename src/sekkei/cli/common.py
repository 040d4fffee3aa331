"""What every command shares: consoles, output format, error display, loading schemas.

Data goes to standard output (plain or JSON with ``--format json``); messages,
warnings and progress go to standard error, so ``sekkei convert x.yaml --to
mysql > out.sql`` stays clean.
"""

from __future__ import annotations

import enum
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sekkei.formats.base import DEFAULT_MAX_BYTES, ReadOptions
from sekkei.formats.io import read_text
from sekkei.formats.registry import read_file
from sekkei.model.diagnostics import Note, Notes, Problem, SekkeiError, Severity
from sekkei.model.schema import Schema

out = Console(soft_wrap=True, highlight=False, emoji=False)
err = Console(stderr=True, soft_wrap=True, highlight=False, emoji=False)


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"


class FailOn(str, enum.Enum):
    """Which notes make a command exit 1 (and write nothing)."""

    error = "error"
    warning = "warning"
    never = "never"


#: Exit codes, as documented: 0 ok, 1 findings promoted to errors, 2 bad input or usage.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_BUG = 3

MaxBytesOption = typer.Option(
    DEFAULT_MAX_BYTES, "--max-bytes", min=1, help="Refuse input files larger than this many bytes."
)

FormatOption = typer.Option(
    OutputFormat.text, "--format", "-f", help="Output as human text or JSON.", case_sensitive=False
)


class Exit(Exception):
    """Stop the command with an exit code (after output has been written)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


#: Texts of input files that failed to read, kept to show the offending line in messages.
_SOURCES: dict[str, str] = {}


@dataclass
class Session:
    """Per-command state: output format, and the source texts seen (for error excerpts)."""

    format: OutputFormat = OutputFormat.text
    sources: dict[str, str] = field(default_factory=lambda: _SOURCES)

    @property
    def json(self) -> bool:
        return self.format is OutputFormat.json


def is_url(text: str) -> bool:
    """True for a database URL such as ``postgresql://…`` or ``sqlite:///x.db``."""
    head = text.split("://", 1)[0]
    return "://" in text and head.replace("+", "").replace("-", "").isalnum() and not os.path.exists(text)


def load_schema(
    session: Session,
    source: str,
    *,
    fmt: str | None = None,
    dialect: str | None = None,
    notes: Notes,
    strict: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Schema:
    """A schema from a file (any format) or a live database URL."""
    if is_url(source):
        from sekkei.cli.database import read_url

        return read_url(source, notes=notes, strict=strict, show_progress=not session.json)
    options = ReadOptions(dialect=dialect, source=source, strict=strict, max_bytes=max_bytes)
    try:
        return read_file(source, fmt=fmt, options=options, notes=notes)
    except SekkeiError:
        _remember(session, source, max_bytes)
        raise


def _remember(session: Session, path: str, max_bytes: int) -> None:
    try:
        session.sources[path] = read_text(path, max_bytes)
    except SekkeiError:
        pass


# -- rendering -----------------------------------------------------------------

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _excerpt(session: Session, file: str | None, line: int, column: int) -> list[str]:
    if not file or file not in session.sources:
        return []
    lines = session.sources[file].split("\n")
    if not 1 <= line <= len(lines):
        return []
    text = lines[line - 1].rstrip("\r")
    if len(text) > 200:
        return []
    gutter = f"{line:>5} | "
    pointer = " " * (len(gutter) + max(column - 1, 0)) + "^"
    return [gutter + text, pointer]


def print_problems(session: Session, problems: list[Problem]) -> None:
    """Errors for a person (with the offending line) or as JSON."""
    if session.json:
        out.print_json(
            json.dumps({"ok": False, "errors": [p.to_dict() for p in problems]}, ensure_ascii=False)
        )
        return
    for problem in problems:
        where = f"{problem.location}: " if problem.location else ""
        err.print(f"[bold]{escape(where)}[/bold][bold red]error:[/bold red] {escape(problem.message)}")
        if problem.expected:
            err.print(f"  expected: {escape(problem.expected)}")
        if problem.location:
            for text in _excerpt(
                session, problem.location.file, problem.location.line, problem.location.column
            ):
                err.print(escape(text), style="dim")
        if problem.hint:
            err.print(f"  [green]hint:[/green] {escape(problem.hint)}")
    if len(problems) > 1:
        err.print(f"[bold red]{len(problems)} errors[/bold red]")


def print_notes(
    session: Session, notes: Notes, *, min_severity: Severity = Severity.INFO, limit: int = 50
) -> None:
    """Warnings and notes to standard error (not in JSON mode: JSON carries them itself)."""
    if session.json:
        return
    shown = [n for n in notes if n.severity.rank >= min_severity.rank]
    for note in shown[:limit]:
        err.print(_note_text(note))
    if len(shown) > limit:
        err.print(f"… and {len(shown) - limit} more (use --format json to see all)")


def _note_text(note: Note) -> str:
    where = f"[bold]{escape(str(note.location))}:[/bold] " if note.location else ""
    label = f"[{_STYLE[note.severity]}]{note.severity.value}:[/{_STYLE[note.severity]}]"
    subject = f"{escape(note.subject)}: " if note.subject else ""
    hint = f" [green]({escape(note.hint)})[/green]" if note.hint else ""
    return f"{where}{label} {subject}{escape(note.message)}{hint} [dim]\\[{note.code}][/dim]"


def notes_json(notes: Notes) -> list[dict[str, object]]:
    return [n.to_dict() for n in notes]


def fails(notes: Notes, fail_on: FailOn) -> bool:
    """Whether the notes reach the `--fail-on` threshold."""
    if fail_on is FailOn.never:
        return False
    threshold = Severity.ERROR if fail_on is FailOn.error else Severity.WARNING
    return any(n.severity.rank >= threshold.rank for n in notes)


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    """A rich progress bar fed by ``progress(stage, done, total)`` callbacks."""
    if not enabled or not err.is_terminal:
        yield None
        return
    columns = (TextColumn("{task.description:<12}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            # a stage with nothing to do is complete, not indeterminate
            size, completed = (total, done) if total > 0 else (1, 1)
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=size)
            bar.update(tasks[stage], completed=completed, total=size)

        yield update


def write_output(path: str | None, text: str) -> None:
    """Write a result to a file atomically, or to standard output."""
    if path is None or path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from sekkei.formats.io import atomic_write

    atomic_write(Path(path), text)
