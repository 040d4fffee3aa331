"""Lint reporters (text, JSON, SARIF, GitHub, JUnit) and the CI integration files."""

from __future__ import annotations

import json
import re
import shlex
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from sekkei.formats.base import ReadOptions
from sekkei.formats.registry import read_string
from sekkei.lint.config import LintConfig, build_rules
from sekkei.lint.context import LintContext
from sekkei.lint.engine import LintReport, lint_schema
from sekkei.lint.reporters import FileResult, RunResult, get_reporter
from sekkei.lint.reporters.github import command, escape_data, escape_property
from sekkei.lint.rule import Finding, Rule, Target
from sekkei.lint.rules import builtin_rules
from sekkei.model.diagnostics import Notes, SekkeiError
from sekkei.model.location import Location
from sekkei.model.schema import Schema
from tests.unit.test_cli import run as run_cli

ROOT = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json"

GOOD = """\
# the shop
tables:
  Users:
    columns:
      id: {type: bigint, primary_key: true}
      parentId: bigint
    foreign_keys:
      - {columns: [parentId], references: {table: Users}}
  events:
    nolint: {KEY001: "append-only, by design: see ADR 7"}
    columns: {payload: jsonb}
  logs:
    columns: {line: text}
"""
BROKEN = "tables:\n  b:\n    columns:\n      id: integr\n"
URL = "postgresql://app:s3cret@db.example/shop"
CODES = ("KEY001", "NAM001", "NAM002", "IDX002")


class Crashing(Rule):
    """A rule with a bug, to see how reports show a crash.

    Why:
        Tests.

    Instead:
        Nothing.
    """

    code = "TST999"
    name = "crashing-rule"
    summary = "Always crashes."
    category = "design"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        raise ZeroDivisionError("boom")
        yield  # a generator, like every rule


def _rules() -> list[Rule]:
    chosen = [rule for rule in builtin_rules() if rule.code in CODES]
    return build_rules([*chosen, Crashing], LintConfig())


def _lint(path: Path, text: str) -> FileResult:
    result = FileResult(str(path))
    try:
        schema = read_string(text, "yaml", options=ReadOptions(source=str(path)), notes=Notes())
    except SekkeiError as exc:
        result.problems = exc.problems
        return result
    result.source = text
    result.report = lint_schema(schema, _rules(), LintConfig(), file=str(path))
    return result


def _database() -> FileResult:
    schema = Schema.model_validate({"tables": {"audit": {"columns": {"line": "text"}}}})
    return FileResult(URL, report=lint_schema(schema, _rules(), LintConfig(), file=URL))


@pytest.fixture
def run(tmp_path: Path) -> RunResult:
    good, bad = tmp_path / "a.sekkei.yaml", tmp_path / "b.sekkei.yaml"
    good.write_text(GOOD)
    bad.write_text(BROKEN)
    files = [_lint(good, GOOD), _lint(bad, BROKEN), _database()]
    return RunResult(files, [*builtin_rules(), Crashing], tool_version="0.1.0", root=str(tmp_path))


def _report(run: RunResult) -> LintReport:
    report = run.files[0].report
    assert report is not None
    return report


def test_the_run_has_what_every_reporter_must_show(run: RunResult) -> None:
    report = _report(run)
    assert {f.code for f in report.findings} == {"KEY001", "NAM001", "NAM002", "IDX002"}
    assert [(s.finding.subject, s.reason) for s in report.suppressed] == [
        ("table events", "append-only, by design: see ADR 7")
    ]
    assert [e.code for e in report.errors] == ["TST999"]
    assert run.files[1].report is None and run.files[1].problems


# -- text ----------------------------------------------------------------------------------


def test_text_shows_source_line_caret_hint_and_summary(run: RunResult) -> None:
    text = get_reporter("text")(run)
    assert "\x1b[" not in text
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if "[NAM002]" in line)
    assert lines[header].startswith(
        f"{run.files[0].path}:6:7: warning[NAM002] [*] table Users column parentId:"
    )
    assert lines[header].endswith("[column-name-convention]")
    source = lines[header + 2]
    caret = lines[header + 3]
    assert source.endswith("      parentId: bigint")
    assert caret.index("^") == source.index("parentId")
    assert "= hint: rename it to 'parent_id'" in text
    assert "= fix: rename column Users.parentId to parent_id (sekkei lint --fix)" in text
    # findings of a file are in line order; the unreadable file's problem follows in the same style
    order = [text.index(f"[{code}]") for code in ("NAM001", "NAM002", "IDX002", "KEY001")]
    assert order == sorted(order)
    assert f"{run.files[1].path}:4:7: error: table b column id: unknown type 'integr'" in text
    assert "= hint: did you mean 'integer'?" in text
    assert "warning: rule TST999 (crashing-rule) crashed: ZeroDivisionError: boom" in text
    assert URL not in text and "postgresql://app:***@db.example/shop: error[KEY001] table audit" in text
    summary = lines[-1]
    assert summary.startswith("Found 2 errors, 3 warnings")
    assert "in 3 files" in summary and "1 suppressed" in summary
    assert "1 file could not be read" in summary and "2 rule errors" in summary


def test_text_in_colour_and_caret_under_wide_characters(tmp_path: Path) -> None:
    source = "tables:\n  会員:\t{columns: {名前: text}}\n"
    finding = Finding(
        "NAM001",
        "table-name-convention",
        "warning",
        "not snake_case",
        Target("table", "会員"),
        Location("j.sekkei.yaml", 2, 7),
    )
    report = LintReport(findings=[finding], rules_run=1)
    result = FileResult("j.sekkei.yaml", report=report, source=source)
    plain = get_reporter("text")(RunResult([result], list(builtin_rules()), root=str(tmp_path)))
    lines = plain.splitlines()
    source_line = next(line for line in lines if "{columns:" in line)
    caret_line = lines[lines.index(source_line) + 1]
    # 会員 is two cells each and the tab is expanded: the caret sits under "{"
    prefix = source_line[: source_line.index("{")]
    assert len(caret_line) - 1 == len(prefix) + 2  # two wide characters take two extra cells
    coloured = get_reporter("text")(RunResult([result], [], color=True, root=str(tmp_path)))
    assert "\x1b[" in coloured


def test_text_without_findings_says_so(tmp_path: Path) -> None:
    result = FileResult("x.sekkei.yaml", report=LintReport(rules_run=3, timings={"KEY001": 0.0}))
    text = get_reporter("text")(RunResult([result], [], root=str(tmp_path)))
    assert text.strip() == "No findings in 1 file (1 rule run)"


# -- JSON ---------------------------------------------------------------------------------


def test_json_has_unreadable_files_suppressed_findings_and_rule_errors(run: RunResult) -> None:
    data = json.loads(get_reporter("json")(run))
    assert data["summary"] == {
        "error": 2,
        "warning": 3,
        "info": 0,
        "suppressed": 1,
        "files": 3,
        "unreadable": 1,
        "rules_run": 5,
        "rule_errors": 2,
        "fixed": 0,
    }
    good, bad, database = data["files"]
    assert good["readable"] and {f["code"] for f in good["findings"]} == {
        "KEY001",
        "NAM001",
        "NAM002",
        "IDX002",
    }
    assert good["suppressed"][0]["reason"] == "append-only, by design: see ADR 7"
    assert (
        good["rule_errors"][0]["code"] == "TST999" and "ZeroDivisionError" in good["rule_errors"][0]["trace"]
    )
    assert good["rule_errors"][0]["rule"] == "crashing-rule"
    assert not bad["readable"] and bad["errors"][0]["line"] == 4 and bad["findings"] == []
    assert database["path"] == "postgresql://app:***@db.example/shop"
    assert "s3cret" not in json.dumps(data)


def test_json_structure_matches_its_documentation(run: RunResult) -> None:
    doc = (ROOT / "docs" / "ci.md").read_text()
    block = re.search(r"### json\s+```json\n(.*?)```", doc, re.S)
    assert block, "docs/ci.md documents the JSON report"
    documented = json.loads(block.group(1))
    actual = json.loads(get_reporter("json")(run))
    assert documented.keys() == actual.keys()
    assert documented["summary"].keys() == actual["summary"].keys()
    for documented_file in documented["files"]:
        assert documented_file.keys() == actual["files"][0].keys()
    finding = next(f for f in actual["files"][0]["findings"] if f["code"] == "KEY001")
    assert finding.keys() == documented["files"][0]["findings"][0].keys()
    for key in actual["files"][0]:
        assert f"`files[].{key}" in doc, f"docs/ci.md does not explain files[].{key}"


# -- SARIF --------------------------------------------------------------------------------


def _validate_sarif(data: dict[str, Any]) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_stored_sarif_schema_is_the_oasis_one() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    readme = (SARIF_SCHEMA.parent / "README.md").read_text()
    assert "oasis-tcs/sarif-spec" in readme and "licen" in readme.lower()


def test_sarif_is_valid_and_complete(run: RunResult) -> None:
    data = json.loads(get_reporter("sarif")(run))
    _validate_sarif(data)
    (sarif_run,) = data["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "sekkei" and driver["version"] == "0.1.0" and driver["informationUri"]
    rules = driver["rules"]
    key001 = next(r for r in rules if r["id"] == "KEY001")
    assert key001["name"] == "table-without-primary-key"
    assert key001["defaultConfiguration"]["level"] == "error"
    assert key001["properties"]["tags"] == ["keys"]
    assert key001["shortDescription"]["text"] and key001["fullDescription"]["text"]
    assert "**Why**" in key001["help"]["markdown"] and "Instead" in key001["help"]["text"]
    assert key001["helpUri"].endswith("docs/rules.md#key001")
    results = sarif_run["results"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    column = next(r for r in results if r["ruleId"] == "NAM002")
    location = column["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {
        "uri": "a.sekkei.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["physicalLocation"]["region"] == {"startLine": 6, "startColumn": 7}
    assert location["logicalLocations"] == [
        {"name": "parentId", "fullyQualifiedName": "Users.parentId", "kind": "column"}
    ]
    assert column["level"] == "warning" and column["partialFingerprints"]
    suppressed = [r for r in results if r.get("suppressions")]
    assert [r["suppressions"] for r in suppressed] == [
        [{"kind": "inSource", "justification": "append-only, by design: see ADR 7"}]
    ]
    database = next(r for r in results if r["ruleId"] == "KEY001" and "audit" in r["message"]["text"])
    assert "physicalLocation" not in database["locations"][0]
    (invocation,) = sarif_run["invocations"]
    assert invocation["executionSuccessful"] is False
    notifications = invocation["toolExecutionNotifications"]
    unreadable = next(n for n in notifications if n["descriptor"]["id"] == "input-error")
    assert unreadable["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    crash = next(n for n in notifications if n["descriptor"]["id"] == "rule-error")
    assert crash["associatedRule"]["id"] == "TST999"
    assert rules[crash["associatedRule"]["index"]]["id"] == "TST999"
    assert "s3cret" not in json.dumps(data)


def test_sarif_fingerprints_survive_moved_lines(tmp_path: Path) -> None:
    def fingerprints(text: str) -> dict[str, tuple[str, int]]:
        path = tmp_path / "a.sekkei.yaml"
        path.write_text(text)
        data = json.loads(
            get_reporter("sarif")(RunResult([_lint(path, text)], list(builtin_rules()), root=str(tmp_path)))
        )
        return {
            r["ruleId"] + " " + r["properties"]["subject"]: (
                r["partialFingerprints"]["sekkeiObject/v1"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in data["runs"][0]["results"]
        }

    before = fingerprints(GOOD)
    after = fingerprints("# moved\n# down\n" + GOOD)
    assert before.keys() == after.keys()
    for key, (print_, line) in before.items():
        assert after[key] == (print_, line + 2)
    assert len({p for p, _ in before.values()}) == len(before)


def test_sarif_of_a_clean_run_is_successful(tmp_path: Path) -> None:
    result = FileResult("x.sekkei.yaml", report=LintReport(rules_run=1))
    data = json.loads(get_reporter("sarif")(RunResult([result], list(builtin_rules()), root=str(tmp_path))))
    _validate_sarif(data)
    assert data["runs"][0]["invocations"][0]["executionSuccessful"] is True
    assert data["runs"][0]["results"] == []


# -- GitHub -------------------------------------------------------------------------------


def test_github_escaping() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    line = command("error", "x::y\nz", file="we,ird:name.yaml", line=3, col=None, title="T1 a,b")
    assert line == "::error file=we%2Cird%3Aname.yaml,line=3,title=T1 a%2Cb::x::y%0Az"
    assert command("notice", "plain") == "::notice::plain"


def test_github_annotations(run: RunResult) -> None:
    text = get_reporter("github")(run)
    lines = text.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert "::warning file=a.sekkei.yaml,line=6,col=7,title=NAM002 column-name-convention::" in text
    key001 = next(line for line in commands if "title=KEY001" in line and "logs" in line)
    assert key001.startswith("::error file=a.sekkei.yaml,line=")
    assert "%0AHint: add a primary key" in key001
    assert any(
        line.startswith("::error file=b.sekkei.yaml,line=4,col=7,title=sekkei%3A input error::")
        for line in commands
    )
    assert any("TST999" in line and line.startswith("::warning") for line in commands)
    assert not any("events" in line and "KEY001" in line for line in commands)  # suppressed
    database = next(line for line in commands if "table audit" in line)
    assert "file=" not in database and "s3cret" not in text
    report = _report(run)
    database_report = run.files[2].report
    assert database_report is not None
    findings = [c for c in commands if "crashed" not in c and "input error" not in c]
    assert len(findings) == len(report.findings) + len(database_report.findings)


def test_github_info_is_a_notice(tmp_path: Path) -> None:
    finding = Finding(
        "DOC001",
        "table-without-comment",
        "info",
        "no comment",
        Target("table", "t"),
        Location("t.sekkei.yaml", 2, 3),
    )
    result = FileResult(str(tmp_path / "t.sekkei.yaml"), report=LintReport(findings=[finding]))
    text = get_reporter("github")(RunResult([result], [], root=str(tmp_path)))
    assert text.startswith("::notice file=t.sekkei.yaml,line=2,col=3,title=DOC001 table-without-comment::")


# -- JUnit --------------------------------------------------------------------------------


def test_junit_is_well_formed_and_counts_add_up(run: RunResult) -> None:
    root = ET.fromstring(get_reporter("junit")(run))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "a.sekkei.yaml",
        "b.sekkei.yaml",
        "postgresql://app:***@db.example/shop",
    ]
    for element in (root, *suites):
        cases = element.iter("testcase")
        assert int(element.get("tests", "-1")) == len(list(cases))
        assert int(element.get("failures", "-1")) == len(list(element.iter("failure")))
        assert int(element.get("errors", "-1")) == len(list(element.iter("error")))
    good = suites[0]
    report = _report(run)
    assert {case.get("name", "").split()[0] for case in good.findall("testcase")} == set(report.timings)
    case = next(c for c in good.findall("testcase") if c.get("name") == "KEY001 table-without-primary-key")
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "error"
    assert "a.sekkei.yaml:12:3: error: table logs: table has no primary key" in (failure.text or "")
    assert "append-only, by design" in (case.findtext("system-out") or "")
    crash = next(c for c in good.findall("testcase") if c.get("name") == "TST999 crashing-rule")
    error = crash.find("error")
    assert error is not None and error.get("type") == "crash" and "ZeroDivisionError" in (error.text or "")
    unreadable = suites[1].find("testcase/error")
    assert unreadable is not None and unreadable.get("type") == "input"
    assert "b.sekkei.yaml:4:7" in (unreadable.text or "")


def test_junit_survives_characters_xml_forbids(tmp_path: Path) -> None:
    finding = Finding(
        "DOC001", "table-without-comment", "info", "bad \x01 byte & <tag>", Target("table", "t")
    )
    result = FileResult("t.sekkei.yaml", report=LintReport(findings=[finding], timings={"DOC001": 0.0}))
    root = ET.fromstring(get_reporter("junit")(RunResult([result], [], root=str(tmp_path))))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and "& <tag>" in (failure.get("message") or "")


# -- through the command line ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["sarif", "github", "junit", "json", "text"])
def test_lint_command_writes_every_format(
    fmt: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.sekkei.yaml").write_text(GOOD)
    (tmp_path / "b.sekkei.yaml").write_text(BROKEN)
    code, _, _ = run_cli(
        capsys, "lint", "a.sekkei.yaml", "b.sekkei.yaml", "--format", fmt, "-o", "report.out"
    )
    assert code == 2  # b could not be read
    text = (tmp_path / "report.out").read_text(encoding="utf-8")
    assert "\x1b[" not in text
    if fmt == "sarif":
        _validate_sarif(json.loads(text))
    elif fmt == "junit":
        assert ET.fromstring(text).tag == "testsuites"
    elif fmt == "github":
        assert "::error file=b.sekkei.yaml,line=4,col=7" in text
    elif fmt == "json":
        assert json.loads(text)["summary"]["unreadable"] == 1
    else:
        assert "b.sekkei.yaml:4:7" in text and "^" in text


# -- CI integration files ---------------------------------------------------------------------


def _commands() -> set[str]:
    import typer

    from sekkei.cli.main import app

    group: Any = typer.main.get_command(app)
    return set(group.list_commands(group.context_class(group, info_name="sekkei")))


def test_pre_commit_hooks_are_valid() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert isinstance(hooks, list)
    assert {hook["id"] for hook in hooks} == {"sekkei-lint", "sekkei-fmt"}
    commands = _commands()
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= hook.keys(), hook
        assert hook["language"] == "python"
        assert hook.get("pass_filenames", True) is True
        program, command_name, *_ = shlex.split(hook["entry"])
        assert program == "sekkei" and command_name in commands, hook["entry"]
        files = re.compile(hook["files"])
        assert files.search("db/app.sekkei.yaml") and files.search("app.sekkei.json")
        assert not files.search("app.yaml") and not files.search("notes.md")
    lint = next(hook for hook in hooks if hook["id"] == "sekkei-lint")
    assert re.search(lint["files"], "db/schema.sql")


def test_ci_page_examples_parse_and_use_real_options() -> None:
    from sekkei.cli.commands.lint import ReportFormat

    doc = (ROOT / "docs" / "ci.md").read_text()
    blocks = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", doc, re.S)]
    workflow = next(b for b in blocks if "jobs" in b)
    assert workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "sekkei.sarif"
    gitlab = next(b for b in blocks if "schema-lint" in b)
    assert gitlab["schema-lint"]["artifacts"]["reports"]["junit"] == "sekkei-junit.xml"
    pre_commit = next(b for b in blocks if "repos" in b)
    assert {h["id"] for h in pre_commit["repos"][0]["hooks"]} <= {"sekkei-lint", "sekkei-fmt"}
    scripts = [s["run"] for s in steps if "run" in s] + gitlab["schema-lint"]["script"]
    formats = {f.value for f in ReportFormat}
    commands = _commands()
    for line in scripts:
        words = shlex.split(line)
        if words[0] != "sekkei":
            continue
        assert words[1] in commands, line
        if "--format" in words:
            assert words[words.index("--format") + 1] in formats, line
    for fmt in formats:
        assert f"`{fmt}`" in doc, f"docs/ci.md does not describe --format {fmt}"
    assert "ci.md" in (ROOT / "docs" / "index.md").read_text()
    assert "ci.md" in (ROOT / "docs" / "guide.md").read_text()
