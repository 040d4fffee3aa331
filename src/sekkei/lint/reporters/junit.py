"""JUnit XML report: one test suite per input, one test case per rule that ran on it.

CI systems that understand test reports (GitLab merge requests, Jenkins) then
show each rule as a passed or failed test.  A rule's findings in a file are one
``<failure>`` (type = the worst severity, every finding with its location in
the text): several failures in one test case confuse some readers.  An input
that could not be read is an ``<error>``, and so is a rule that crashed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from sekkei.lint.engine import LintReport, RuleError, Suppressed
from sekkei.lint.reporters import FileResult, RunResult, file_of, reporter, shown_path
from sekkei.lint.rule import Finding
from sekkei.model.diagnostics import Problem

_RANK = {"error": 3, "warning": 2, "info": 1}
# characters XML 1.0 does not allow, even escaped
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@reporter("junit")
def render(run: RunResult) -> str:
    suites = ET.Element("testsuites", name="sekkei lint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    elapsed = 0.0
    for result in run.files:
        name = shown_path(result.path, run.base())
        suite = ET.SubElement(suites, "testsuite", name=_xml(name))
        if result.report is None:
            counts = _unreadable(run, suite, name, result.problems)
            seconds = 0.0
        else:
            counts = _checked(run, suite, name, result, result.report)
            seconds = sum(result.report.timings.values())
        suite.set("tests", str(counts["tests"]))
        suite.set("failures", str(counts["failures"]))
        suite.set("errors", str(counts["errors"]))
        suite.set("skipped", "0")
        suite.set("time", f"{seconds:.3f}")
        for key in totals:
            totals[key] += counts[key]
        elapsed += seconds
    for key, value in totals.items():
        suites.set(key, str(value))
    suites.set("time", f"{elapsed:.3f}")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _unreadable(run: RunResult, suite: ET.Element, name: str, problems: list[Problem]) -> dict[str, int]:
    case = ET.SubElement(
        suite, "testcase", classname=_xml(name), name="read input", file=_xml(name), time="0.000"
    )
    first = problems[0].message if problems else "could not be read"
    error = ET.SubElement(case, "error", type="input", message=_xml(first))
    error.text = _xml("\n".join(_problem_line(run, name, p) for p in problems))
    return {"tests": 1, "failures": 0, "errors": 1}


def _checked(
    run: RunResult, suite: ET.Element, name: str, result: FileResult, report: LintReport
) -> dict[str, int]:
    findings: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        findings[finding.code].append(finding)
    suppressed: dict[str, list[Suppressed]] = defaultdict(list)
    for item in report.suppressed:
        suppressed[item.finding.code].append(item)
    crashed: dict[str, RuleError] = {error.code: error for error in report.errors}
    codes = sorted(set(report.timings) | set(findings) | set(crashed))
    counts = {"tests": len(codes), "failures": 0, "errors": 0}
    for code in codes:
        rule = run.rule(code)
        rule_name = rule.name if rule is not None else next((f.rule for f in findings[code]), "")
        case = ET.SubElement(
            suite,
            "testcase",
            classname=_xml(name),
            name=_xml(f"{code} {rule_name}".strip()),
            file=_xml(name),
            time=f"{report.timings.get(code, 0.0):.3f}",
        )
        if code in crashed:
            error = ET.SubElement(case, "error", type="crash", message=_xml(crashed[code].message))
            error.text = _xml(crashed[code].trace)
            counts["errors"] += 1
        elif findings[code]:
            found = findings[code]
            worst = max(found, key=lambda f: _RANK.get(f.severity, 0)).severity
            message = f"{found[0].subject}: {found[0].message}"
            if len(found) > 1:
                message += f" (and {len(found) - 1} more)"
            failure = ET.SubElement(case, "failure", type=worst, message=_xml(message))
            failure.text = _xml("\n".join(_finding_line(run, result, f) for f in found))
            counts["failures"] += 1
        if suppressed[code]:
            out = ET.SubElement(case, "system-out")
            out.text = _xml(
                "\n".join(
                    f"suppressed: {_finding_line(run, result, s.finding)} (reason: {s.reason})"
                    for s in suppressed[code]
                )
            )
    return counts


def _finding_line(run: RunResult, result: FileResult, finding: Finding) -> str:
    location = finding.location
    file = shown_path(file_of(finding, result), run.base())
    where = file if location is None else f"{file}:{location.line}:{location.column}"
    line = f"{where}: {finding.severity}: {finding.subject}: {finding.message}"
    if finding.hint:
        line += f"\n    hint: {finding.hint}"
    return line


def _problem_line(run: RunResult, name: str, problem: Problem) -> str:
    location = problem.location
    file = shown_path(location.file, run.base()) if location is not None and location.file else name
    where = f"{file}:{location.line}:{location.column}" if location is not None else name
    line = f"{where}: error: {problem.message}"
    if problem.expected:
        line += f" (expected {problem.expected})"
    if problem.hint:
        line += f"\n    hint: {problem.hint}"
    return line


def _xml(text: str) -> str:
    """Text XML can carry (ElementTree escapes markup but not forbidden characters)."""
    return _NOT_XML.sub("\N{REPLACEMENT CHARACTER}", text)
