"""Human text report: findings grouped by file, coloured, with the offending source line.

Modelled on compiler diagnostics (rustc, ruff): a header a terminal or editor
can jump to (``file:line:column``), the source line with a caret under the
column, then what to do.  Colour only when writing to a terminal.
"""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from sekkei.lint.engine import RuleError
from sekkei.lint.reporters import FileResult, RunResult, Summary, display_path, file_of, plural, reporter
from sekkei.lint.rule import Finding
from sekkei.model.diagnostics import Problem
from sekkei.model.location import Location

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
_LONGEST = 200  # longer source lines are cut; a caret past that is not drawn
_TAB = 4

Part = tuple[str, str]


@reporter("text")
def render(run: RunResult) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=run.color,
        color_system="standard" if run.color else None,
        no_color=not run.color,
        width=120,
        soft_wrap=True,
        highlight=False,
        emoji=False,
        markup=False,
    )
    for result in run.files:
        lines = result.source.split("\n") if result.source is not None else None
        for problem in result.problems:
            _problem(console, result, problem, lines)
        if result.report is None:
            continue
        for finding in sorted(result.report.findings, key=_order):
            _finding(console, result, finding, lines)
        for error in result.report.errors:
            _rule_error(console, run, result, error)
    _summary(console, run.summary())
    return buffer.getvalue()


def _order(finding: Finding) -> tuple[object, ...]:
    loc = finding.location
    return (loc is None, loc.line if loc else 0, loc.column if loc else 0, finding.code, finding.subject)


def _finding(console: Console, result: FileResult, finding: Finding, lines: list[str] | None) -> None:
    where = _where(file_of(finding, result), finding.location)
    header: list[Part] = [
        (f"{where}: ", "bold"),
        (f"{finding.severity}[{finding.code}]", _STYLE.get(finding.severity, "bold")),
    ]
    if finding.fix is not None:
        header.append((" [*]", "bold green"))
    header += [
        (" ", ""),
        (_clean(finding.subject), "bold"),
        (f": {_clean(finding.message)} ", ""),
        (f"[{finding.rule}]", "dim"),
    ]
    _print(console, *header)
    gutter = _excerpt(console, finding.location, lines)
    if finding.hint:
        _note(console, gutter, "hint", finding.hint)
    if finding.fix is not None:
        _note(console, gutter, "fix", f"{finding.fix.description} (sekkei lint --fix)")
    console.print()


def _problem(console: Console, result: FileResult, problem: Problem, lines: list[str] | None) -> None:
    location = problem.location
    where = _where(location.file if location and location.file else result.path, location)
    _print(console, (f"{where}: ", "bold"), ("error", _STYLE["error"]), (f": {_clean(problem.message)}", ""))
    gutter = _excerpt(console, location, lines)
    if problem.expected:
        _note(console, gutter, "expected", problem.expected)
    if problem.hint:
        _note(console, gutter, "hint", problem.hint)
    console.print()


def _rule_error(console: Console, run: RunResult, result: FileResult, error: RuleError) -> None:
    rule = run.rule(error.code)
    name = f" ({rule.name})" if rule is not None else ""
    _print(
        console,
        (f"{display_path(result.path)}: ", "bold"),
        ("warning", _STYLE["warning"]),
        (f": rule {error.code}{name} crashed: {_clean(error.message)}", ""),
    )
    _note(
        console,
        3,
        "note",
        "the other rules ran; this is a bug in the rule (`--format json` shows the trace to report)",
    )
    console.print()


def _where(file: str | None, location: Location | None) -> str:
    path = display_path(file)
    return f"{path}:{location.line}:{location.column}" if location is not None else path


def _excerpt(console: Console, location: Location | None, lines: list[str] | None) -> int:
    """Print the source line with a caret under the column; return the gutter width used."""
    if location is None or lines is None or not 1 <= location.line <= len(lines):
        return 3
    original = lines[location.line - 1].rstrip("\r")
    shown = _clean(original.expandtabs(_TAB))
    offset = cell_len(_clean(original[: max(location.column - 1, 0)].expandtabs(_TAB)))
    if offset > _LONGEST:
        return 3
    if len(shown) > _LONGEST:
        shown = shown[:_LONGEST] + "…"
    number = str(location.line)
    width = len(number) + 1
    _print(console, (" " * width + " |", "bold blue"))
    _print(console, (f" {number} | ", "bold blue"), (shown, ""))
    _print(console, (" " * width + " | ", "bold blue"), (" " * offset + "^", "bold red"))
    return width


def _note(console: Console, gutter: int, kind: str, text: str) -> None:
    _print(console, (" " * gutter + " = ", "bold blue"), (f"{kind}: ", "bold"), (_clean(text), ""))


def _summary(console: Console, summary: Summary) -> None:
    found = [
        plural(count, name, "info" if name == "info" else None)
        for name, count in summary.counts.items()
        if count
    ]
    details = [
        plural(summary.rules_run, "rule") + " run",
        *([f"{summary.suppressed} suppressed"] if summary.suppressed else []),
        *([plural(summary.fixed, "fix", "fixes") + " applied"] if summary.fixed else []),
        *([plural(summary.unreadable, "file") + " could not be read"] if summary.unreadable else []),
        *([plural(summary.rule_errors, "rule error") + " (see warnings)"] if summary.rule_errors else []),
    ]
    tail = f" in {plural(summary.files, 'file')} ({'; '.join(details)})"
    if found:
        worst = next(name for name in ("error", "warning", "info") if summary.counts.get(name))
        _print(console, ("Found ", "bold"), (", ".join(found), _STYLE[worst]), (tail, ""))
    elif summary.unreadable:
        _print(console, ("No findings", "bold"), (tail, ""))
    else:
        _print(console, ("No findings", "bold green"), (tail, ""))


def _print(console: Console, *parts: Part) -> None:
    text = Text()
    for content, style in parts:
        text.append(content, style=style or None)
    console.print(text)


def _clean(text: str) -> str:
    """Text from the input, with control characters (terminal escapes) made harmless."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == "\t" else "\N{REPLACEMENT CHARACTER}" for c in text)
