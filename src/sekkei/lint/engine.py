"""Run rules over a schema: severity, exclusions, suppressions and locations applied.

One rule that crashes (a plugin's bug, or ours) is reported and the others
still run: a linter in CI must not go silent because of one rule.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sekkei.formats.gcpause import paused_gc
from sekkei.lint.config import LintConfig
from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, Target
from sekkei.model.dialects import family as family_of
from sekkei.model.location import Location
from sekkei.model.schema import Schema

_RANK = {"error": 3, "warning": 2, "info": 1, "off": 0}


@dataclass(frozen=True)
class Suppressed:
    """A finding that an inline ``nolint`` silenced, and the reason given there."""

    finding: Finding
    reason: str


@dataclass(frozen=True)
class RuleError:
    """A rule that raised instead of reporting findings."""

    code: str
    message: str
    trace: str


@dataclass
class LintReport:
    """What one lint run found in one schema."""

    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)
    errors: list[RuleError] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    rules_run: int = 0

    def at_least(self, level: str) -> list[Finding]:
        """Findings of `level` or worse."""
        rank = _RANK.get(level, 4)
        return [f for f in self.findings if _RANK[f.severity] >= rank]

    def counts(self) -> dict[str, int]:
        found = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            found[finding.severity] += 1
        return found


def applies(rule: Rule, family: str | None) -> bool:
    """True if the rule runs for the target dialect family (rules without dialects always do)."""
    if rule.level == "off":
        return False
    return rule.dialects is None or (family is not None and family in rule.dialects)


def lint_schema(
    schema: Schema,
    rules: Sequence[Rule],
    config: LintConfig | None = None,
    *,
    extra_nolint: Mapping[Target, Mapping[str, str]] | None = None,
    file: str | None = None,
) -> LintReport:
    """Run every enabled rule on `schema` and collect what it finds.

    `extra_nolint` holds suppressions that are not in the model (SQL comments).
    The cyclic garbage collector is paused meanwhile: findings are plain
    records without cycles, and on a big schema with strict settings the
    collector would otherwise rescan the whole model again and again.
    """
    config = config or LintConfig()
    ctx = LintContext(schema, config.dialect)
    family = family_of(ctx.dialect) if ctx.dialect else None
    report = LintReport()
    collector = _Collector(ctx, config, extra_nolint or {}, file, report)
    locate, keep = ctx.location, report.findings.append
    with paused_gc():
        for rule in rules:
            if not applies(rule, family):
                continue
            report.rules_run += 1
            started = time.perf_counter()
            try:
                if collector.simple:  # no exclusions, no nolint anywhere: locate and keep
                    for finding in rule.check(ctx):
                        if finding.location is None:
                            finding.location = locate(finding.target)
                        finding.file = file
                        keep(finding)
                else:
                    for finding in rule.check(ctx):
                        collector.add(finding)
            except Exception as exc:  # one broken rule must not stop the others
                report.errors.append(
                    RuleError(rule.code, f"{type(exc).__name__}: {exc}", traceback.format_exc())
                )
            report.timings[rule.code] = time.perf_counter() - started
        _sort(report.findings)
    return report


class _Collector:
    """Places each finding: excluded, suppressed (with its reason) or reported, with its location.

    This runs once per finding — hundreds of thousands on a big schema with
    strict settings — so the common case (no exclusions, no ``nolint``
    anywhere) is a location lookup and an append.
    """

    def __init__(
        self,
        ctx: LintContext,
        config: LintConfig,
        extra: Mapping[Target, Mapping[str, str]],
        file: str | None,
        report: LintReport,
    ) -> None:
        self.ctx = ctx
        self.config = config
        self.extra = extra
        self.file = file
        self.report = report
        self.quiet = not extra and not has_nolint(ctx.schema)
        self.simple = self.quiet and not config.exclude

    def add(self, finding: Finding) -> None:
        target = finding.target
        config = self.config
        if config.exclude and config.excluded(
            target.table, target.name if target.kind == "column" else None
        ):
            return
        if finding.location is None:
            finding.location = self.ctx.location(target)
        finding.file = self.file
        if self.quiet:
            self.report.findings.append(finding)
            return
        reason = _suppression(self.ctx.objects(target), target, finding.code, self.extra)
        if reason is not None:
            self.report.suppressed.append(Suppressed(finding, reason))
            return
        self.report.findings.append(finding)


def has_nolint(schema: Schema) -> bool:
    """True if any object of the schema carries a ``nolint`` (one pass; most schemas have none)."""
    if schema.nolint:
        return True
    for table in schema.tables.values():
        if table.nolint or (table.primary_key is not None and table.primary_key.nolint):
            return True
        for group in (table.foreign_keys, table.uniques, table.checks, table.indexes):
            if any(item.nolint for item in group):
                return True
        if any(column.nolint for column in table.columns.values()):
            return True
    return any(
        item.nolint
        for mapping in (schema.views, schema.enums, schema.domains, schema.sequences)
        for item in mapping.values()
    )


def _suppression(
    chain: list[Any], target: Target, code: str, extra: Mapping[Target, Mapping[str, str]]
) -> str | None:
    """The reason a finding is silenced: by a ``nolint`` on it or on anything around it."""
    for item in chain:
        nolint = getattr(item, "nolint", None)
        if nolint:
            reason = nolint.get(code) or nolint.get("all")
            if reason:
                return str(reason)
    if extra:
        for candidate in _enclosing(target):
            found = extra.get(candidate)
            if found:
                reason = found.get(code) or found.get("all")
                if reason:
                    return reason
    return None


def _enclosing(target: Target) -> list[Target]:
    """The target and the targets that contain it (its table, the schema)."""
    found = [target.identity()]
    if target.kind not in {"table", "view", "schema"} and target.table is not None:
        found.append(Target("table", target.table))
        found.append(Target("view", target.table))
    found.append(Target("schema"))
    return found


_NOWHERE = Location(None, 0, 0)


def _sort(findings: list[Finding]) -> None:
    """Findings in file order; the sort is stable, so one place keeps the rules' (code) order.

    Locations are named tuples, so they are their own sort key; only when some
    have a file and others none (a schema put together from several sources)
    does it take the slower key that cannot compare None with a name.
    """
    try:
        findings.sort(key=lambda f: f.location or _NOWHERE)
    except TypeError:
        findings.sort(key=_order)


def _order(finding: Finding) -> tuple[object, ...]:
    """Findings in file order; the sort is stable, so one place keeps the rules' (code) order."""
    loc = finding.location
    return (loc.file or "", loc.line, loc.column) if loc is not None else ("", 0, 0)
