"""SARIF 2.1.0 report: for GitHub code scanning and other static-analysis viewers.

One run; every rule of the run as a ``reportingDescriptor`` (its docs as help
text); one result per finding, suppressed findings included with their
``nolint`` reason so viewers close them instead of forgetting them; inputs that
could not be read and rules that crashed as tool-execution notifications.
File locations are relative to ``%SRCROOT%`` (the working directory), which is
how code scanning maps them onto the repository.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sekkei.lint import ruledoc
from sekkei.lint.engine import RuleError
from sekkei.lint.reporters import (
    FileResult,
    RunResult,
    display_path,
    file_of,
    fingerprint,
    is_url,
    qualified_name,
    relative_path,
    reporter,
)
from sekkei.lint.rule import Finding, Rule, Target
from sekkei.model.diagnostics import Problem
from sekkei.model.location import Location

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/sekkei-dev/sekkei"
RULES_URI = INFORMATION_URI + "/blob/main/docs/rules.md"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "sekkeiObject/v1"

_LEVEL = {"error": "error", "warning": "warning", "info": "note", "off": "none"}
_NOTIFICATIONS = [
    {
        "id": "input-error",
        "name": "input-error",
        "shortDescription": {"text": "An input could not be read; it was not linted."},
    },
    {
        "id": "rule-error",
        "name": "rule-error",
        "shortDescription": {"text": "A rule crashed; the other rules ran."},
    },
]


def data(run: RunResult) -> dict[str, Any]:
    """The run as a SARIF log (plain data)."""
    context = _Context(run)
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for result in run.files:
        notifications += [context.problem(result, problem) for problem in result.problems]
        if result.report is None:
            continue
        results += [context.result(result, finding) for finding in result.report.findings]
        for suppressed in result.report.suppressed:
            entry = context.result(result, suppressed.finding)
            entry["suppressions"] = [{"kind": "inSource", "justification": suppressed.reason}]
            results.append(entry)
        notifications += [context.crash(error) for error in result.report.errors]
    root = run.base().resolve().as_uri()
    sarif_run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "sekkei",
                "version": run.tool_version,
                "semanticVersion": run.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": context.descriptors,
                "notifications": _NOTIFICATIONS,
            }
        },
        "invocations": [
            {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
        ],
        "originalUriBaseIds": {SRCROOT: {"uri": root if root.endswith("/") else root + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [sarif_run]}


@reporter("sarif")
def render(run: RunResult) -> str:
    return json.dumps(data(run), ensure_ascii=False, indent=2) + "\n"


class _Context:
    """The rule table of the run (results point into it by index) and the path base."""

    def __init__(self, run: RunResult) -> None:
        self.root = run.base()
        self.index: dict[str, int] = {}
        self.descriptors: list[dict[str, Any]] = []
        for rule in run.rules:
            self._add(rule.code, _descriptor(rule))

    def _add(self, code: str, descriptor: dict[str, Any]) -> int:
        self.index[code] = len(self.descriptors)
        self.descriptors.append(descriptor)
        return self.index[code]

    def rule_index(self, code: str, name: str | None) -> int:
        """The index of a rule; a code the run does not know gets a bare descriptor."""
        if code not in self.index:
            return self._add(code, {"id": code, **({"name": name} if name else {})})
        return self.index[code]

    def result(self, result: FileResult, finding: Finding) -> dict[str, Any]:
        text = f"{finding.subject}: {finding.message}"
        if finding.hint:
            text += f"\nHint: {finding.hint}"
        properties: dict[str, Any] = {"subject": finding.subject}
        if finding.hint:
            properties["hint"] = finding.hint
        if finding.fix is not None:
            properties["fix"] = finding.fix.description
        return {
            "ruleId": finding.code,
            "ruleIndex": self.rule_index(finding.code, finding.rule),
            "level": _LEVEL.get(finding.severity, "warning"),
            "message": {"text": text},
            "locations": [self.location(file_of(finding, result), finding.location, finding.target)],
            "partialFingerprints": {FINGERPRINT: fingerprint(finding)},
            "properties": properties,
        }

    def location(self, file: str, location: Location | None, target: Target | None = None) -> dict[str, Any]:
        """A physical location in a file (a database has none) and the logical object."""
        found: dict[str, Any] = {}
        if not is_url(file):
            relative = relative_path(file, self.root)
            artifact = (
                {"uri": quote(relative), "uriBaseId": SRCROOT}
                if relative is not None
                else {"uri": _file_uri(file)}
            )
            # code scanning needs a line: an object without a position is shown at the top
            region = (
                {"startLine": location.line, "startColumn": max(location.column, 1)}
                if location is not None
                else {"startLine": 1}
            )
            found["physicalLocation"] = {"artifactLocation": artifact, "region": region}
        if target is not None:
            found["logicalLocations"] = [_logical(target)]
        elif not found:
            found["message"] = {"text": display_path(file)}
        return found

    def problem(self, result: FileResult, problem: Problem) -> dict[str, Any]:
        text = problem.message
        if problem.expected:
            text += f" (expected {problem.expected})"
        if problem.hint:
            text += f"\nHint: {problem.hint}"
        location = problem.location
        file = location.file if location is not None and location.file else result.path
        return {
            "level": "error",
            "message": {"text": text},
            "locations": [self.location(file, location)],
            "descriptor": {"id": "input-error", "index": 0},
            "properties": {"code": problem.code, "file": display_path(file)},
        }

    def crash(self, error: RuleError) -> dict[str, Any]:
        kind, _, detail = error.message.partition(": ")
        return {
            "level": "warning",
            "message": {"text": f"rule {error.code} crashed: {error.message}; the other rules ran"},
            "descriptor": {"id": "rule-error", "index": 1},
            "associatedRule": {"id": error.code, "index": self.rule_index(error.code, None)},
            "exception": {"kind": kind, "message": detail or error.message},
            "properties": {"trace": error.trace},
        }


def _descriptor(rule: type[Rule]) -> dict[str, Any]:
    doc = ruledoc.documentation(rule)
    summary = ruledoc.summary(rule)
    why, instead = doc.get("why", ""), doc.get("instead", "")
    text_parts = [
        summary,
        *(f"{label}: {body}" for label, body in (("Why", why), ("Instead", instead)) if body),
    ]
    markdown_parts = [
        summary,
        *(f"**{label}**\n\n{body}" for label, body in (("Why", why), ("Instead", instead)) if body),
    ]
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": why or summary},
        "help": {"text": "\n\n".join(text_parts), "markdown": "\n\n".join(markdown_parts)},
        "defaultConfiguration": {
            "level": _LEVEL.get(rule.severity, "warning"),
            "enabled": rule.severity != "off",
        },
        "properties": {"tags": [rule.category]},
    }
    if rule.__module__.startswith("sekkei.lint.rules."):  # plugins document their rules elsewhere
        descriptor["helpUri"] = f"{RULES_URI}#{ruledoc.anchor(rule)}"
    return descriptor


def _logical(target: Target) -> dict[str, Any]:
    full = qualified_name(target)
    owner = f"{target.table}."
    name = full[len(owner) :] if target.table is not None and full.startswith(owner) else full
    return {"name": name, "fullyQualifiedName": full, "kind": target.kind}


def _file_uri(path: str) -> str:
    try:
        return Path(path).resolve().as_uri()
    except (OSError, ValueError):
        return quote(path.replace("\\", "/"))
