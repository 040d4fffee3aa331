"""Per-rule cost of the linter on a generated schema, and a snapshot of what every rule finds.

    python bench/lint_rules.py                 # CPU ms and findings per rule, 10,000 tables
    python bench/lint_rules.py --tables 1000   # smaller schema
    python bench/lint_rules.py --snapshot out.txt   # every finding on the corpus and the schema

The budget line is the target that keeps the whole linter under two seconds on
10,000 tables: about 12 ms per rule plus 1 µs per finding.  The snapshot is for
checking that a speed-up changed nothing: write one before, one after, diff.
Every rule is on (rules that are off by default run at warning).
"""

from __future__ import annotations

import argparse
import functools
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

from sekkei.formats.base import ReadOptions  # noqa: E402
from sekkei.formats.registry import read_string  # noqa: E402
from sekkei.lint.config import LintConfig, RuleSetting, build_rules  # noqa: E402
from sekkei.lint.context import LintContext  # noqa: E402
from sekkei.lint.engine import LintReport, _Collector, applies, lint_schema  # noqa: E402  # noqa: E402
from sekkei.lint.rules import builtin_rules  # noqa: E402
from sekkei.model.diagnostics import Notes  # noqa: E402
from sekkei.model.schema import Schema  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "real-world"


def _config(dialect: str | None) -> LintConfig:
    classes = builtin_rules()
    return LintConfig(
        dialect=dialect,
        rules={r.code: RuleSetting(severity="warning") for r in classes if r.severity == "off"},
    )


def _schema(tables: int) -> Schema:
    return read_string(generate(tables), "sql", options=ReadOptions(dialect="postgres"), notes=Notes())


def warm_context(schema: Schema) -> tuple[LintContext, list[tuple[str, float]]]:
    """A context with every shared index built, and what each cost (CPU seconds)."""
    ctx = LintContext(schema, "postgres")
    costs: list[tuple[str, float]] = []
    for name, value in vars(LintContext).items():
        if isinstance(value, functools.cached_property):
            start = time.process_time()
            getattr(ctx, name)
            costs.append((name, time.process_time() - start))
    return ctx, costs


def per_rule(schema: Schema, codes: set[str] | None) -> list[tuple[str, float, int]]:
    """CPU seconds and findings per rule, on one context whose shared indexes are built first."""
    config = _config("postgres")
    rules = [r for r in build_rules(list(builtin_rules()), config) if codes is None or r.code in codes]
    found: list[tuple[str, float, int]] = []
    gc.disable()
    ctx, costs = warm_context(schema)
    for name, seconds in costs:
        print(f"context.{name}: {seconds * 1000:.1f} ms")
    for rule in rules:
        if not applies(rule, "postgres"):
            continue
        report = LintReport()
        collector = _Collector(ctx, config, {}, None, report)
        start = time.process_time()
        for finding in rule.check(ctx):
            collector.add(finding)
        found.append((rule.code, time.process_time() - start, len(report.findings)))
    gc.enable()
    return found


def snapshot(schema: Schema) -> list[str]:
    """Every finding of every rule on the corpus files and the generated schema, as text lines."""
    lines: list[str] = []
    inputs: list[tuple[str, Schema]] = [("generated", schema)]
    for path in sorted(CORPUS.rglob("*.sql")):
        read = read_string(
            path.read_text(encoding="utf-8"), "sql", options=ReadOptions(source=path.name), notes=Notes()
        )
        inputs.append((str(path.relative_to(CORPUS)), read))
    for name, item in inputs:
        config = _config(None)
        report = lint_schema(item, build_rules(list(builtin_rules()), config), config)
        for error in report.errors:
            lines.append(f"{name}\tCRASH\t{error.code}\t{error.message}")
        for f in report.findings:
            loc = f"{f.location.line}:{f.location.column}" if f.location else "-"
            fix = f.fix.description if f.fix else ""
            lines.append(f"{name}\t{f.code}\t{f.severity}\t{loc}\t{f.subject}\t{f.message}\t{f.hint}\t{fix}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tables", type=int, default=10_000)
    parser.add_argument("--rules", nargs="*", help="only these codes")
    parser.add_argument("--snapshot", type=Path, help="write every finding (corpus + schema) here")
    args = parser.parse_args()
    schema = _schema(args.tables if not args.snapshot else min(args.tables, 1000))
    gc.freeze()
    if args.snapshot:
        args.snapshot.write_text("\n".join(snapshot(schema)) + "\n", encoding="utf-8")
        print(f"wrote {args.snapshot}")
        return
    rows = per_rule(schema, set(args.rules) if args.rules else None)
    total = 0.0
    for code, seconds, count in sorted(rows, key=lambda r: -r[1]):
        budget = 0.012 + count * 1e-6
        total += seconds
        mark = "  OVER" if seconds > budget else ""
        print(f"{code}  {seconds * 1000:7.1f} ms  {count:7d} findings  budget {budget * 1000:6.1f} ms{mark}")
    print(f"total {total:.2f} s CPU for {len(rows)} rules")


if __name__ == "__main__":
    main()
