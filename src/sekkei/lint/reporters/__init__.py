"""Reporters: lint results as human text, JSON, SARIF, GitHub annotations or JUnit XML.

Every reporter is a function from the results of a run to a string; the CLI
decides where the string goes.  Nothing here prints.  The helpers below are
what several formats share: how a file is named in a report (relative to the
working directory, passwords of database URLs masked), the stable name of the
object a finding is about, and the counts of the summary.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from sekkei.formats.live.redact import redact_url
from sekkei.lint.engine import LintReport
from sekkei.lint.rule import Finding, Rule, Target
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


@dataclass(frozen=True)
class Summary:
    """The counts a report ends with."""

    counts: dict[str, int]
    files: int
    unreadable: int
    rules_run: int
    suppressed: int
    fixed: int
    rule_errors: int


@dataclass
class RunResult:
    """Everything one `sekkei lint` run produced."""

    files: list[FileResult]
    rules: list[type[Rule]]
    fail_on: str = "error"
    color: bool = False
    tool_version: str = ""
    root: str | None = None
    """The directory file paths are shown relative to (default: the working directory)."""

    @property
    def findings(self) -> list[Finding]:
        return [f for result in self.files if result.report for f in result.report.findings]

    def base(self) -> Path:
        return Path(self.root) if self.root else Path.cwd()

    def rule(self, code: str) -> type[Rule] | None:
        return next((rule for rule in self.rules if rule.code == code), None)

    def summary(self) -> Summary:
        counts = {"error": 0, "warning": 0, "info": 0}
        ran: set[str] = set()
        suppressed = fixed = errors = unreadable = 0
        for result in self.files:
            fixed += len(result.fixed)
            if result.report is None:
                unreadable += 1
                continue
            for severity, count in result.report.counts().items():
                counts[severity] = counts.get(severity, 0) + count
            ran.update(result.report.timings)
            suppressed += len(result.report.suppressed)
            errors += len(result.report.errors)
        return Summary(counts, len(self.files), unreadable, len(ran), suppressed, fixed, errors)


Reporter = Callable[[RunResult], str]

REPORTERS: dict[str, Reporter] = {}


def reporter(name: str) -> Callable[[Reporter], Reporter]:
    """Register a reporter under a `--format` name."""

    def register(function: Reporter) -> Reporter:
        REPORTERS[name] = function
        return function

    return register


def get_reporter(name: str) -> Reporter:
    from sekkei.lint.reporters import github, json, junit, sarif, text  # noqa: F401  (they register)

    try:
        return REPORTERS[name]
    except KeyError:
        raise ValueError(
            f"unknown report format {name!r} (expected {', '.join(sorted(REPORTERS))})"
        ) from None


# -- shared helpers ------------------------------------------------------------------------


def is_url(path: str) -> bool:
    """True for a database URL (``postgresql://…``) rather than a file."""
    head, sep, _ = path.partition("://")
    return bool(sep) and head.replace("+", "").replace("-", "").isalnum()


def display_path(path: str | None) -> str:
    """A file as reports name it; a database URL with its passwords masked."""
    if not path:
        return "<input>"
    return redact_url(path) if is_url(path) else path


def relative_path(path: str, root: Path) -> str | None:
    """`path` relative to `root` with forward slashes, or None if it is a URL or lies elsewhere."""
    if is_url(path):
        return None
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return None


def shown_path(path: str, root: Path) -> str:
    """Relative to `root` where possible (what CI annotations expect), else as given."""
    if is_url(path):
        return display_path(path)
    relative = relative_path(path, root)
    return relative if relative is not None else PurePath(path).as_posix()


def file_of(finding: Finding, result: FileResult) -> str:
    """The input a finding belongs to."""
    if finding.location is not None and finding.location.file:
        return finding.location.file
    return finding.file or result.path


def qualified_name(target: Target) -> str:
    """A stable dotted name for what a finding is about: ``orders.user_id``, ``orders``."""
    if target.kind == "schema" or target.table is None:
        return target.kind
    if target.kind in {"table", "view", "enum", "domain", "sequence", "namespace", "routine"}:
        return target.table
    if target.name:
        part = target.name
    elif target.columns:
        part = f"{target.kind}({','.join(target.columns)})"
    elif target.position is not None and target.kind != "primary_key":
        part = f"{target.kind}#{target.position + 1}"
    else:
        part = target.kind
    return f"{target.table}.{part}"


def fingerprint(finding: Finding) -> str:
    """A hash of the rule and the object, stable while both exist (lines may move)."""
    text = f"{finding.code}\0{finding.subject}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"
