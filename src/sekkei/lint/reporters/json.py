"""JSON report: every finding with its location, rule, severity, hint and fix."""

from __future__ import annotations

import json as _json
from typing import Any

from sekkei.lint.reporters import RunResult, reporter


def data(run: RunResult) -> dict[str, Any]:
    """The run as plain data (also the base of other machine formats)."""
    files: list[dict[str, Any]] = []
    totals = {"error": 0, "warning": 0, "info": 0}
    for result in run.files:
        entry: dict[str, Any] = {"path": result.path}
        if result.problems:
            entry["errors"] = [p.to_dict() for p in result.problems]
        if result.report is not None:
            entry["findings"] = [f.to_dict() for f in result.report.findings]
            entry["suppressed"] = [
                {**s.finding.to_dict(), "reason": s.reason} for s in result.report.suppressed
            ]
            if result.report.errors:
                entry["rule_errors"] = [{"code": e.code, "message": e.message} for e in result.report.errors]
            for severity, count in result.report.counts().items():
                totals[severity] += count
        if result.fixed:
            entry["fixed"] = [f.fix.description for f in result.fixed if f.fix is not None]
        files.append(entry)
    return {
        "tool": {"name": "sekkei", "version": run.tool_version},
        "fail_on": run.fail_on,
        "summary": totals,
        "files": files,
    }


@reporter("json")
def render(run: RunResult) -> str:
    return _json.dumps(data(run), ensure_ascii=False, indent=2) + "\n"
