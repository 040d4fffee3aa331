"""Every rule's cases (tests/rules/cases/CODE.yaml), run by the same runner plugin authors use."""

from __future__ import annotations

from pathlib import Path

import pytest

from sekkei.lint.rules import builtin_rules
from sekkei.lint.testing import RuleCase, load_cases, run_case

CASES = Path(__file__).parent / "cases"
ALL_CASES = load_cases(CASES)


@pytest.mark.parametrize("case", ALL_CASES, ids=str)
def test_rule_case(case: RuleCase) -> None:
    problems = run_case(case, builtin_rules())
    assert not problems, "\n".join(problems)


def test_every_rule_has_cases_that_find_and_pass() -> None:
    """Each rule has a case where it fires and one where it stays quiet (tests that can fail)."""
    by_rule: dict[str, list[RuleCase]] = {}
    for case in ALL_CASES:
        by_rule.setdefault(case.rule, []).append(case)
    missing = []
    for rule in builtin_rules():
        cases = by_rule.get(rule.code, [])
        if not any(case.expect for case in cases) or not any(not case.expect for case in cases):
            missing.append(rule.code)
    assert not missing, f"rules without a firing and a quiet case: {missing}"


def test_every_fixable_rule_has_a_fixed_case() -> None:
    fixed = {case.rule for case in ALL_CASES if case.fixed is not None}
    missing = [rule.code for rule in builtin_rules() if rule.fixable and rule.code not in fixed]
    assert not missing, f"fixable rules without a `fixed` case: {missing}"


def test_case_files_name_known_rules() -> None:
    codes = {rule.code for rule in builtin_rules()}
    assert {case.rule for case in ALL_CASES} <= codes
