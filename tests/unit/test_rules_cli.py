"""`sekkei rules`, `sekkei explain` and the rule documentation they (and docs/rules.md) share."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from typing import Literal

import pytest
from pydantic import Field

from sekkei.cli.plugins import plugins, use_plugins
from sekkei.lint import ruledoc
from sekkei.lint.config import LintConfig, build_rules
from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions
from sekkei.lint.rules import builtin_rules
from sekkei.plugins.hookspecs import hookimpl
from tests.unit.test_cli import run


def _key001() -> type[Rule]:
    return next(rule for rule in builtin_rules() if rule.code == "KEY001")


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    for rule in plugins().rules():
        line = next((line for line in out.splitlines() if rule.code in line), None)
        assert line is not None, f"{rule.code} missing from `sekkei rules`"
        assert rule.name in line and rule.severity in line and rule.category in line
    assert "Every table has a primary key." in out


def test_rules_by_category(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--category", "naming")
    assert code == 0
    naming = [rule.code for rule in plugins().rules() if rule.category == "naming"]
    assert naming and all(code in out for code in naming)
    assert "KEY001" not in out
    code, _, err = run(capsys, "rules", "--category", "nameing")
    assert code == 2 and "unknown category 'nameing'" in err and "did you mean 'naming'?" in err


def test_rules_json_has_full_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [r["code"] for r in data["rules"]] == [rule.code for rule in plugins().rules()]
    key001 = next(r for r in data["rules"] if r["code"] == "KEY001")
    assert key001["name"] == "table-without-primary-key" and key001["severity"] == "error"
    assert key001["docs"]["en"]["why"] and key001["docs"]["ja"]["why"] and key001["docs"]["ja"]["instead"]
    assert key001["summary_ja"] == _key001().summary_ja
    assert key001["options_schema"]["type"] == "object"
    assert data["categories"]["keys"] == {"en": "Keys and relationships", "ja": "キーとリレーションシップ"}
    nam001 = next(r for r in data["rules"] if r["code"] == "NAM001")
    assert {o["name"] for o in nam001["options"]} >= {"style", "pattern", "max_length"}
    assert "style" in nam001["options_schema"]["properties"]


def test_rules_in_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--lang", "ja")
    assert code == 0 and _key001().summary_ja in out and "重大度" in out


def test_explain_in_english_and_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "nam001")
    assert code == 0
    assert out.startswith("NAM001 table-name-convention")
    assert "Why" in out and "Instead" in out and "style" in out and "[lint.rules.NAM001]" in out
    code, out, _ = run(capsys, "explain", "KEY001", "--lang", "ja")
    assert code == 0
    assert _key001().summary_ja in out and "理由" in out and "代わりに" in out
    assert "このルールにオプションはありません。" in out and 'severity = "error"' in out
    code, out, _ = run(capsys, "explain", "table-without-primary-key", "--format", "json")
    assert code == 0 and json.loads(out)["code"] == "KEY001"


@pytest.mark.parametrize(
    ("typed", "suggested"), [("KEY01", "KEY001"), ("table-without-primary-ky", "table-without-primary-key")]
)
def test_explain_unknown_code_exits_2_with_a_suggestion(
    typed: str, suggested: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "explain", typed)
    assert code == 2 and out == ""
    assert f"unknown rule {typed!r}" in err and f"did you mean {suggested!r}?" in err


# -- a plugin's rule is listed and explained like a built-in one ----------------------------------


class _Options(RuleOptions):
    mode: Literal["strict", "loose"] = Field("strict", description="How strict to be.")
    tables: list[str] = Field(default_factory=lambda: ["audit"], description="Tables to watch.")
    limit: int | None = Field(None, description="An optional limit.")


class _PluginRule(Rule):
    """A rule from a plugin.

    Why:
        Plugins add rules.

    Instead:
        Nothing.
    """

    code = "ACM001"
    name = "acme-rule"
    summary = "A rule from a plugin."
    category = "design"
    Options = _Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        return iter(())


class _Plugin:
    @staticmethod
    @hookimpl
    def register_rules() -> list[type[Rule]]:
        return [_PluginRule]


def test_plugin_rules_are_listed_and_explained(capsys: pytest.CaptureFixture[str]) -> None:
    with use_plugins([_Plugin()]):
        code, out, _ = run(capsys, "rules", "--category", "design")
        assert code == 0 and "ACM001" in out and "KEY001" not in out
        code, out, _ = run(capsys, "explain", "ACM001")
        assert code == 0
        assert 'mode ("strict" | "loose"; default "strict")' in out
        assert 'tables = ["audit"]' in out and "# limit = …  (integer; not set by default)" in out


# -- the documentation pieces -------------------------------------------------------------------


def test_example_config_of_every_rule_is_valid_toml_meaning_the_defaults() -> None:
    for rule in [*plugins().rules(), _PluginRule]:
        data = tomllib.loads(ruledoc.example_config(rule))
        config = LintConfig.model_validate(data["lint"])
        (built,) = build_rules([rule], config)
        assert built.options == rule.Options(), rule.code
        assert built.level == rule.severity


def test_options_table() -> None:
    options = {o.name: o for o in ruledoc.options(_PluginRule)}
    assert options["mode"].type == '"strict" | "loose"' and options["mode"].default == "strict"
    assert options["tables"].type == "list of string" and options["tables"].default == ["audit"]
    assert options["limit"].type == "integer" and options["limit"].default is None
    assert options["limit"].description == "An optional limit."


def test_paragraphs_join_japanese_lines_without_spaces() -> None:
    text = "主キーがないと行を\n一意に指せません。\nCDC ツールは\nキーを必要とします。\n\n- one\n- two\n  continued"
    assert ruledoc.paragraphs(text) == [
        "主キーがないと行を一意に指せません。CDC ツールはキーを必要とします。",
        "- one\n- two continued",
    ]
    assert ruledoc.paragraphs("Long English\nline wrapped.") == ["Long English line wrapped."]


def test_toml_values() -> None:
    assert ruledoc.toml_value(True) == "true"
    assert ruledoc.toml_value([1, "a"]) == '[1, "a"]'
    assert ruledoc.toml_value({"a b": 1, "c": "d"}) == '{ "a b" = 1, c = "d" }'
    assert (
        tomllib.loads("x = " + ruledoc.toml_value('quote " and \\ and 日本'))["x"]
        == 'quote " and \\ and 日本'
    )


def test_rule_reference_covers_every_builtin_rule() -> None:
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "scripts" / "gen_docs.py"
    spec = importlib.util.spec_from_file_location("gen_docs", script)
    assert spec is not None and spec.loader is not None
    gen_docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen_docs)
    english, japanese = gen_docs.rules_reference("en"), gen_docs.rules_reference("ja")
    assert gen_docs.OUTPUTS.keys() >= {"docs/rules.md", "docs/ja/rules.md"}
    for rule in builtin_rules():
        anchor = ruledoc.anchor(rule)
        assert f'<a id="{anchor}"></a>' in english and f"[{rule.code}](#{anchor})" in english, rule.code
        assert f"### {rule.code} {rule.name}" in japanese, rule.code
        assert f"[lint.rules.{rule.code}]" in english
        if rule.summary_ja:
            assert rule.summary_ja in japanese
