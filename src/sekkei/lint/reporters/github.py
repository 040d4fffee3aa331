"""GitHub Actions workflow commands: each finding becomes an annotation on its file and line.

``::error file=db/app.sekkei.yaml,line=12,col=5,title=KEY001 table-without-primary-key::…``
GitHub shows these on the pull request's diff.  Values are escaped as the
runner expects (``%``, CR and LF everywhere; ``:`` and ``,`` in properties too),
so no name or message can end a command early or inject another one.
"""

from __future__ import annotations

from pathlib import Path

from sekkei.lint.reporters import FileResult, RunResult, file_of, is_url, plural, reporter, shown_path
from sekkei.model.location import Location

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape the message of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=…``, ``title=…``) of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: str | int | None) -> str:
    """One workflow command line, e.g. ``::warning file=a.yaml,line=3::text``."""
    values = ",".join(
        f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None
    )
    return f"::{kind}{' ' + values if values else ''}::{escape_data(message)}"


@reporter("github")
def render(run: RunResult) -> str:
    lines: list[str] = []
    root = run.base()
    for result in run.files:
        for problem in result.problems:
            location = problem.location
            file = location.file if location is not None and location.file else result.path
            text = problem.message + (f" (expected {problem.expected})" if problem.expected else "")
            if problem.hint:
                text += f"\nHint: {problem.hint}"
            lines.append(command("error", text, **_where(file, location, root), title="sekkei: input error"))
        if result.report is None:
            continue
        for finding in result.report.findings:
            text = f"{finding.subject}: {finding.message}"
            if finding.hint:
                text += f"\nHint: {finding.hint}"
            if finding.fix is not None:
                text += f"\nFix: {finding.fix.description} (sekkei lint --fix)"
            lines.append(
                command(
                    _COMMAND.get(finding.severity, "warning"),
                    text,
                    **_where(file_of(finding, result), finding.location, root),
                    title=f"{finding.code} {finding.rule}",
                )
            )
        lines += [_crash(run, result, code, message) for code, message in _errors(result)]
    summary = run.summary()
    found = ", ".join(
        plural(count, name, "info" if name == "info" else None) for name, count in summary.counts.items()
    )
    lines.append(f"sekkei lint: {found} in {plural(summary.files, 'file')}")
    return "\n".join(lines) + "\n"


def _where(file: str, location: Location | None, root: Path) -> dict[str, str | int | None]:
    if is_url(file):
        return {}
    return {
        "file": shown_path(file, root),
        "line": location.line if location is not None else None,
        "col": location.column if location is not None else None,
    }


def _errors(result: FileResult) -> list[tuple[str, str]]:
    return [(e.code, e.message) for e in result.report.errors] if result.report else []


def _crash(run: RunResult, result: FileResult, code: str, message: str) -> str:
    rule = run.rule(code)
    name = f" {rule.name}" if rule is not None else ""
    return command(
        "warning",
        f"rule {code}{name} crashed: {message}; the other rules ran",
        **_where(result.path, None, run.base()),
        title=f"sekkei: rule {code} crashed",
    )
