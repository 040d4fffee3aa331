"""Rule cases as data, and the one runner for them (also for plugin authors).

A case file is YAML::

    rule: KEY001
    cases:
      - name: a table without a primary key
        schema:
          tables:
            events: {columns: {payload: jsonb}}
        expect:
          - {subject: table events}
      - name: a key means no finding
        schema: {tables: {t: {columns: {id: {type: bigint, primary_key: true}}}}}
        expect: []

A case gives the design as house-format data (``schema``) or as SQL (``sql``
with ``from``, a dialect); ``dialect`` sets the target dialect, ``options``
and ``severity`` configure the rule.  ``expect`` lists the findings of that
rule, each matched by the keys it gives (``subject``, ``severity``,
``message`` as a substring, ``fix`` as a substring of the fix's
description); ``fixed`` is the design expected after ``--fix``.

Plugin authors use it the same way::

    @pytest.mark.parametrize("case", load_cases(Path(__file__).parent / "cases"), ids=str)
    def test_rule_cases(case):
        assert run_case(case, [MyRule]) == []
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sekkei.formats.base import ReadOptions
from sekkei.formats.registry import read_string
from sekkei.formats.yaml_read import load
from sekkei.lint.config import LintConfig, RuleSetting, build_rules
from sekkei.lint.engine import lint_schema
from sekkei.lint.fixes import apply_fixes
from sekkei.lint.rule import Finding, Rule
from sekkei.model.canonical import canonical_data
from sekkei.model.diagnostics import Notes
from sekkei.model.schema import Schema


@dataclass
class RuleCase:
    """One case: a design, a configuration, and the findings it must (not) produce."""

    rule: str
    name: str
    file: str
    schema: dict[str, Any] | None = None
    sql: str | None = None
    source_dialect: str | None = None
    dialect: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    severity: str | None = None
    expect: list[dict[str, Any]] = field(default_factory=list)
    fixed: dict[str, Any] | None = None

    def __str__(self) -> str:
        return f"{self.rule}: {self.name}"


def load_cases(path: str | os.PathLike[str]) -> list[RuleCase]:
    """Every case in a case file, or in every ``*.yaml`` of a directory."""
    root = Path(path)
    files = sorted(root.glob("*.yaml")) if root.is_dir() else [root]
    cases: list[RuleCase] = []
    for file in files:
        # the house YAML reader (YAML 1.2): a column called `on` stays a name
        data = (
            load(file.read_text(encoding="utf-8"), file=str(file), max_nodes=1_000_000, max_depth=100).value
            or {}
        )
        rule = str(data.get("rule", file.stem))
        for number, raw in enumerate(data.get("cases", []), 1):
            cases.append(
                RuleCase(
                    rule=rule,
                    name=str(raw.get("name", f"case {number}")),
                    file=str(file),
                    schema=raw.get("schema"),
                    sql=raw.get("sql"),
                    source_dialect=raw.get("from"),
                    dialect=raw.get("dialect"),
                    options=raw.get("options") or {},
                    severity=raw.get("severity"),
                    expect=list(raw.get("expect") or []),
                    fixed=raw.get("fixed"),
                )
            )
    return cases


def case_schema(case: RuleCase) -> Schema:
    """The design a case describes."""
    if case.sql is not None:
        return read_string(
            case.sql,
            "sql",
            options=ReadOptions(dialect=case.source_dialect or "postgres", source=f"{case.rule}.sql"),
            notes=Notes(),
        )
    return Schema.model_validate(case.schema or {})


def run_case(case: RuleCase, rules: Sequence[type[Rule]]) -> list[str]:
    """What is wrong with a case's outcome (an empty list when it passes)."""
    by_code = {rule.code: rule for rule in rules}
    if case.rule not in by_code:
        return [f"no rule {case.rule}"]
    setting = RuleSetting(severity=case.severity or None, **case.options)
    config = LintConfig(dialect=case.dialect, rules={case.rule: setting})
    rule = build_rules([by_code[case.rule]], config)
    schema = case_schema(case)
    extra = None
    if case.sql is not None:
        from sekkei.lint.suppress import sql_suppressions

        extra = sql_suppressions(case.sql, schema)
    report = lint_schema(schema, rule, config, extra_nolint=extra)
    problems = [f"the rule raised: {error.message}" for error in report.errors]
    problems.extend(_compare(report.findings, case.expect))
    if case.fixed is not None:
        fixed = apply_fixes(schema, report.findings).schema
        expected = Schema.model_validate(case.fixed)
        if canonical_data(fixed) != canonical_data(expected):
            problems.append(
                f"after --fix:\n  got      {canonical_data(fixed)}\n  expected {canonical_data(expected)}"
            )
    return problems


def _compare(findings: list[Finding], expected: list[dict[str, Any]]) -> list[str]:
    problems: list[str] = []
    remaining = list(findings)
    for wanted in expected:
        match = next((f for f in remaining if _matches(f, wanted)), None)
        if match is None:
            problems.append(f"expected a finding {wanted}, got {[_show(f) for f in remaining] or 'none'}")
        else:
            remaining.remove(match)
    for extra in remaining:
        problems.append(f"unexpected finding {_show(extra)}")
    return problems


def _matches(finding: Finding, wanted: dict[str, Any]) -> bool:
    for key, value in wanted.items():
        if key == "subject" and finding.subject != value:
            return False
        if key == "severity" and finding.severity != value:
            return False
        if key == "message" and str(value) not in finding.message:
            return False
        if key == "fix" and (finding.fix is None or str(value) not in finding.fix.description):
            return False
        if key == "line" and (finding.location is None or finding.location.line != value):
            return False
    return True


def _show(finding: Finding) -> str:
    return f"{finding.subject}: {finding.message}"
