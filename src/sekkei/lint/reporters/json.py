"""JSON report: every finding with its location, rule, severity, hint and fix.

The structure is documented in docs/ci.md ("JSON report"); it only grows
(new keys), so scripts written against it keep working.
"""

from __future__ import annotations

import json as _json
from typing import Any

from sekkei.lint.reporters import FileResult, RunResult, display_path, reporter
from sekkei.lint.rule import Finding


def data(run: RunResult) -> dict[str, Any]:
    """The run as plain data."""
    summary = run.summary()
    return {
        "tool": {"name": "sekkei", "version": run.tool_version},
        "fail_on": run.fail_on,
        "summary": {
            **summary.counts,
            "suppressed": summary.suppressed,
            "files": summary.files,
            "unreadable": summary.unreadable,
            "rules_run": summary.rules_run,
            "rule_errors": summary.rule_errors,
            "fixed": summary.fixed,
        },
        "files": [_file(run, result) for result in run.files],
    }


def _file(run: RunResult, result: FileResult) -> dict[str, Any]:
    report = result.report
    entry: dict[str, Any] = {
        "path": display_path(result.path),
        "readable": report is not None,
        "errors": [_problem(p.to_dict()) for p in result.problems],
        "findings": [_finding(f) for f in report.findings] if report else [],
        "suppressed": [{**_finding(s.finding), "reason": s.reason} for s in report.suppressed]
        if report
        else [],
        "rule_errors": [],
        "rules_run": report.rules_run if report else 0,
        "fixed": [f.fix.description for f in result.fixed if f.fix is not None],
    }
    for error in report.errors if report else []:
        rule = run.rule(error.code)
        entry["rule_errors"].append(
            {
                "code": error.code,
                "rule": rule.name if rule is not None else None,
                "message": error.message,
                "trace": error.trace,
            }
        )
    return entry


def _finding(finding: Finding) -> dict[str, Any]:
    data = finding.to_dict()
    if "file" in data:
        data["file"] = display_path(data["file"])
    return data


def _problem(data: dict[str, object]) -> dict[str, object]:
    if isinstance(data.get("file"), str):
        data["file"] = display_path(str(data["file"]))
    return data


@reporter("json")
def render(run: RunResult) -> str:
    return _json.dumps(data(run), ensure_ascii=False, indent=2) + "\n"
