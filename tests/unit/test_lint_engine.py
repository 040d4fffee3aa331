"""The lint engine: configuration, severities, exclusions, suppressions, broken rules, fixes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sekkei.formats.base import ReadOptions
from sekkei.formats.registry import read_string
from sekkei.lint.config import LintConfig, RuleSetting, build_rules, find_config, load_config
from sekkei.lint.context import LintContext
from sekkei.lint.engine import lint_schema
from sekkei.lint.fixes import apply_fixes, fix_until_stable, replace_identifier
from sekkei.lint.rule import Finding, Rule, Target
from sekkei.lint.rules import builtin_rules
from sekkei.lint.suppress import sql_suppressions
from sekkei.model.diagnostics import InputError, Notes
from sekkei.model.schema import Schema

NO_KEY = Schema.model_validate(
    {
        "tables": {
            "events": {"columns": {"payload": "jsonb"}},
            "legacy_log": {"columns": {"line": "text"}},
        }
    }
)


def codes(schema: Schema, config: LintConfig | None = None) -> list[tuple[str, str]]:
    config = config or LintConfig()
    report = lint_schema(schema, build_rules(list(builtin_rules()), config), config)
    return [(f.code, f.subject) for f in report.findings]


def test_rule_metadata_is_complete() -> None:
    for rule in builtin_rules():
        assert rule.code and rule.name and rule.summary and rule.summary_ja, rule
        doc = rule.documentation()
        assert doc.get("why") and doc.get("instead"), f"{rule.code} needs Why and Instead"
        ja = rule.documentation("ja")
        assert ja.get("why") and ja.get("instead"), f"{rule.code} needs 理由 and 代わりに"


def test_severity_by_code_prefix_and_category() -> None:
    by_code = LintConfig(rules={"KEY001": RuleSetting(severity="info")})
    by_prefix = LintConfig(rules={"KEY": RuleSetting(severity="off")})
    by_category = LintConfig(rules={"keys": RuleSetting(severity="warning")})
    assert ("KEY001", "table events") in codes(NO_KEY)
    rules = {r.code: r for r in build_rules(list(builtin_rules()), by_code)}
    assert rules["KEY001"].level == "info"
    assert not [c for c, _ in codes(NO_KEY, by_prefix) if c == "KEY001"]
    rules = {r.code: r for r in build_rules(list(builtin_rules()), by_category)}
    assert rules["KEY001"].level == "warning"


def test_exclude_globs_tables_and_columns() -> None:
    config = LintConfig(exclude=["legacy_*"])
    found = codes(NO_KEY, config)
    assert ("KEY001", "table events") in found
    assert not [s for _, s in found if "legacy_log" in s]


def test_unknown_rules_and_options_are_errors_with_location(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.sekkei.lint]\nfail_on = "warning"\n\n'
        '[tool.sekkei.lint.rules]\nNAM001 = { max_lenght = 3 }\nKEY01 = { severity = "off" }\n'
    )
    found = find_config(tmp_path / "sub" / "schema.sekkei.yaml")
    assert found == tmp_path / "pyproject.toml"
    config = load_config(found)
    assert config.fail_on == "warning"
    with pytest.raises(InputError) as info:
        build_rules(list(builtin_rules()), config)
    problems = {p.message: p for p in info.value.problems}
    unknown = problems["lint.rules: unknown rule 'KEY01'"]
    assert unknown.hint == "did you mean 'KEY001'?"
    assert unknown.location is not None and unknown.location.line == 9
    option = problems["lint.rules.NAM001.max_lenght: Extra inputs are not permitted"]
    assert option.location is not None and (option.location.line, option.location.column) == (8, 12)


def test_bad_toml_points_at_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "sekkei.toml"
    bad.write_text('[lint]\ndialect = "postgres"\nfail_on = \n')
    with pytest.raises(InputError) as info:
        load_config(bad)
    problem = info.value.problems[0]
    assert problem.location is not None and problem.location.line == 3


def test_overrides_apply_by_path(tmp_path: Path) -> None:
    (tmp_path / "sekkei.toml").write_text(
        '[lint]\n[[lint.overrides]]\npaths = ["legacy/**"]\nrules = { KEY001 = { severity = "off" } }\n'
    )
    config = load_config(tmp_path / "sekkei.toml")
    legacy = config.for_path(tmp_path / "legacy" / "old" / "a.sekkei.yaml")
    assert legacy.setting(builtin_rules()[0]).severity in {None, "off"}
    assert legacy.rules["KEY001"].severity == "off"
    assert "KEY001" not in config.for_path(tmp_path / "new.sekkei.yaml").rules


def test_nolint_in_the_model_needs_the_code_and_keeps_the_reason() -> None:
    schema = Schema.model_validate(
        {
            "tables": {
                "events": {"nolint": {"KEY001": "append-only"}, "columns": {"payload": "jsonb"}},
            }
        }
    )
    config = LintConfig()
    report = lint_schema(schema, build_rules(list(builtin_rules()), config), config)
    assert not [f for f in report.findings if f.code == "KEY001"]
    assert [(s.finding.code, s.reason) for s in report.suppressed] == [("KEY001", "append-only")]


def test_sql_nolint_comments_attach_to_the_next_object_and_need_a_reason() -> None:
    sql = (
        "-- sekkei:nolint KEY001 staging\n"
        "CREATE TABLE staging (payload text);\n"
        "-- sekkei:nolint KEY001\n"
        "CREATE TABLE other (payload text);\n"
    )
    schema = read_string(sql, "sql", options=ReadOptions(dialect="postgres", source="s.sql"), notes=Notes())
    notes = Notes()
    extra = sql_suppressions(sql, schema, notes, "s.sql")
    assert extra == {Target("table", "staging"): {"KEY001": "staging"}}
    assert [n.code for n in notes] == ["nolint-without-reason"]
    assert notes.items[0].location is not None and notes.items[0].location.line == 3


class Exploding(Rule):
    """Raises, like a buggy plugin rule.

    Why:
        To test the engine.

    Instead:
        Nothing.
    """

    code = "TST001"
    name = "exploding"
    summary = "Raises."

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        yield self.finding(Target("schema"), "before the crash")
        raise RuntimeError("boom")


def test_a_crashing_rule_is_reported_and_the_others_still_run() -> None:
    config = LintConfig()
    rules = [Exploding(), *build_rules(list(builtin_rules()), config)]
    report = lint_schema(NO_KEY, rules, config)
    assert [e.code for e in report.errors] == ["TST001"]
    assert "RuntimeError: boom" in report.errors[0].message
    assert any(f.code == "KEY001" for f in report.findings)


def test_dialect_specific_rules_run_only_for_their_dialect() -> None:
    class OnlyMySQL(Exploding):
        code = "TST002"
        dialects = frozenset({"mysql"})

    report = lint_schema(NO_KEY, [OnlyMySQL()], LintConfig(dialect="postgres"))
    assert report.rules_run == 0 and not report.errors
    report = lint_schema(NO_KEY, [OnlyMySQL()], LintConfig(dialect="mariadb"))
    assert report.rules_run == 1


def test_locations_come_from_the_nearest_object() -> None:
    text = "tables:\n  users:\n    columns:\n      id: {type: bigint, primary_key: true}\n      parent_id: bigint\n    foreign_keys:\n      - {columns: [parent_id], references: {table: users}}\n"
    schema = read_string(text, "yaml", options=ReadOptions(source="u.yaml"), notes=Notes())
    config = LintConfig(rules={"documentation": RuleSetting(severity="off")})
    report = lint_schema(schema, build_rules(list(builtin_rules()), config), config, file="u.yaml")
    idx = next(f for f in report.findings if f.code == "IDX002")
    assert idx.location is not None and idx.location.line == 7


def test_fixes_repeat_until_stable() -> None:
    """A table rename makes the column fixes of the same pass stale; the next pass does them."""
    schema = Schema.model_validate(
        {
            "tables": {
                "Users": {
                    "columns": {"Id": {"type": "bigint", "primary_key": True}, "parentId": "bigint"},
                    "foreign_keys": [{"columns": ["parentId"], "references": {"table": "Users"}}],
                }
            }
        }
    )
    config = LintConfig()
    rules = build_rules(list(builtin_rules()), config)
    one_pass = apply_fixes(schema, lint_schema(schema, rules, config).findings)
    assert one_pass.skipped  # the column renames address table Users, which is gone
    result = fix_until_stable(schema, lambda s: lint_schema(s, rules, config).findings)
    users = result.schema.tables["users"]
    assert list(users.columns) == ["id", "parent_id"]
    assert users.primary_key is not None and users.primary_key.columns == ("id",)
    assert users.foreign_keys[0].references.table == "users"
    assert users.foreign_keys[0].columns == ("parent_id",)
    assert [tuple(ix.column_names()) for ix in users.indexes] == [("parent_id",)]
    again = lint_schema(result.schema, rules, config)
    assert not [f for f in again.findings if f.fix is not None]


def test_replace_identifier_leaves_literals_alone() -> None:
    sql = "\"createdAt\" > 'createdAt' AND createdat IS NOT NULL AND created_at2 = 1"
    assert replace_identifier(sql, "createdAt", "created_at") == (
        "\"created_at\" > 'createdAt' AND created_at IS NOT NULL AND created_at2 = 1"
    )
