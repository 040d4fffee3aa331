"""The validator: schema lint rules, their engine, configuration, fixes and reporters."""

from __future__ import annotations

from sekkei.lint.config import LintConfig, build_rules, find_config, load_config
from sekkei.lint.engine import LintReport, lint_schema
from sekkei.lint.rule import Finding, Fix, Rule, RuleOptions, Target

__all__ = [
    "Finding",
    "Fix",
    "LintConfig",
    "LintReport",
    "Rule",
    "RuleOptions",
    "Target",
    "build_rules",
    "find_config",
    "lint_schema",
    "load_config",
]
