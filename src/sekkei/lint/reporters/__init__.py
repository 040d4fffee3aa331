"""Reporters: lint results as human text, JSON, SARIF, GitHub annotations or JUnit XML.

Every reporter is a function from the results of a run to a string; the CLI
decides where the string goes.  Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sekkei.lint.engine import LintReport
from sekkei.lint.rule import Finding, Rule
from sekkei.model.diagnostics import Problem


@dataclass
class FileResult:
    """The outcome for one linted input: its report, or why it could not be read."""

    path: str
    report: LintReport | None = None
    problems: list[Problem] = field(default_factory=list)
    source: str | None = None
    """The input's text, for showing offending lines (None for databases)."""
    fixed: list[Finding] = field(default_factory=list)
    diff: str | None = None


@dataclass
class RunResult:
    """Everything one `sekkei lint` run produced."""

    files: list[FileResult]
    rules: list[type[Rule]]
    fail_on: str = "error"
    color: bool = False
    tool_version: str = ""

    @property
    def findings(self) -> list[Finding]:
        return [f for result in self.files if result.report for f in result.report.findings]


Reporter = Callable[[RunResult], str]

REPORTERS: dict[str, Reporter] = {}


def reporter(name: str) -> Callable[[Reporter], Reporter]:
    """Register a reporter under a `--format` name."""

    def register(function: Reporter) -> Reporter:
        REPORTERS[name] = function
        return function

    return register


def get_reporter(name: str) -> Reporter:
    from sekkei.lint.reporters import json, text  # noqa: F401  (they register)

    try:
        return REPORTERS[name]
    except KeyError:
        raise ValueError(
            f"unknown report format {name!r} (expected {', '.join(sorted(REPORTERS))})"
        ) from None
