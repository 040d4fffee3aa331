"""Human text report: findings grouped by file, colored, with the offending source line."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape

from sekkei.lint.reporters import RunResult, reporter

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


@reporter("text")
def render(run: RunResult) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=run.color,
        color_system="standard" if run.color else None,
        width=120,
        soft_wrap=True,
        highlight=False,
        emoji=False,
    )
    totals = {"error": 0, "warning": 0, "info": 0}
    for result in run.files:
        for problem in result.problems:
            console.print(
                f"[bold]{escape(str(problem.location or result.path))}:[/bold] "
                f"[bold red]error:[/bold red] {escape(problem.message)}"
            )
        if result.report is None:
            continue
        for finding in result.report.findings:
            totals[finding.severity] += 1
            where = str(finding.location) if finding.location else result.path
            style = _STYLE[finding.severity]
            console.print(
                f"[bold]{escape(where)}:[/bold] [{style}]{finding.severity}[/{style}] "
                f"[dim]{finding.code}[/dim] {escape(finding.subject)}: {escape(finding.message)}"
            )
            if finding.hint:
                console.print(f"    [green]hint:[/green] {escape(finding.hint)}")
    parts = [f"{count} {name}{'s' if count != 1 else ''}" for name, count in totals.items() if count]
    console.print(", ".join(parts) if parts else "[green]no findings[/green]")
    return buffer.getvalue()
