"""EXA001's cases (cases/EXA001.yaml), run by Sekkei's own rule-case runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from sekkei_example.rules import AuditTimestamps

from sekkei.lint.testing import RuleCase, load_cases, run_case

CASES = load_cases(Path(__file__).parent / "cases")


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_case(case: RuleCase) -> None:
    problems = run_case(case, [AuditTimestamps])
    assert not problems, "\n".join(problems)


def test_every_option_has_a_case() -> None:
    covered = {key for case in CASES for key in case.options}
    assert covered == set(AuditTimestamps.Options.model_fields)


def test_the_rule_documents_itself_in_english_and_japanese() -> None:
    en = AuditTimestamps.documentation("en")
    ja = AuditTimestamps.documentation("ja")
    assert en["why"] and en["instead"] and ja["why"] and ja["instead"]
    assert "timestamptz" in ja["instead"]
