"""`sekkei lint` from the command line: exit codes, formats, configuration, --fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.test_cli import EXAMPLE, run

SCHEMA = """\
# the users of the shop
tables:
  Users:   # legacy name
    comment: 会員
    columns:
      id: {type: bigint, primary_key: true}
      parentId: bigint   # who invited them
    foreign_keys:
      - {columns: [parentId], references: {table: Users}}
"""


def test_clean_example_exits_0_and_findings_exit_by_fail_on(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lint", str(EXAMPLE))
    assert code == 0 and "IDX002" in out and "warning" in out
    code, _, _ = run(capsys, "lint", str(EXAMPLE), "--fail-on", "warning")
    assert code == 1


def test_json_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    schema = tmp_path / "s.sekkei.yaml"
    schema.write_text("tables:\n  events:\n    columns: {payload: jsonb}\n")
    code, out, _ = run(capsys, "lint", str(schema), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["summary"]["error"] == 1
    finding = next(f for f in data["files"][0]["findings"] if f["code"] == "KEY001")
    assert finding["subject"] == "table events" and finding["line"] == 2 and finding["column"] == 3


def test_fix_rewrites_yaml_keeps_comments_and_reports_what_is_left(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    schema = tmp_path / "s.sekkei.yaml"
    schema.write_text(SCHEMA)
    code, out, err = run(capsys, "lint", str(schema), "--fix")
    text = schema.read_text()
    assert "users:" in text and "parent_id" in text and "Users" not in text
    assert "# the users of the shop" in text and "# who invited them" in text
    assert "-  Users:" in err and "+  users:" in err  # the diff
    assert "NAM001" not in out and "IDX002" not in out
    assert code == 0
    # a second run has nothing to fix and changes nothing
    run(capsys, "lint", str(schema), "--fix")
    assert schema.read_text() == text


def test_configuration_from_sekkei_toml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "sekkei.toml").write_text(
        '[lint]\nfail_on = "never"\nexclude = ["events"]\n[lint.rules]\nDOC = { severity = "off" }\n'
    )
    schema = tmp_path / "s.sekkei.yaml"
    schema.write_text("tables:\n  events:\n    columns: {payload: jsonb}\n  logs:\n    columns: {line: text}\n")
    code, out, _ = run(capsys, "lint", str(schema), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert [f["subject"] for f in data["files"][0]["findings"]] == ["table logs"]


def test_directory_input_and_bad_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.sekkei.yaml").write_text("tables:\n  a:\n    columns: {id: {type: int, primary_key: true}}\n")
    (tmp_path / "b.sekkei.yaml").write_text("tables:\n  b:\n    columns:\n      id: integr\n")
    code, out, err = run(capsys, "lint", str(tmp_path))
    assert code == 2
    assert "b.sekkei.yaml:4:7" in out + err and "integr" in out + err


def test_sql_file_with_nolint_comment(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sql = tmp_path / "schema.sql"
    sql.write_text("-- sekkei:nolint KEY001 staging table\nCREATE TABLE staging (payload text);\n")
    code, out, _ = run(capsys, "lint", str(sql), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert not [f for f in data["files"][0]["findings"] if f["code"] == "KEY001"]


def test_live_database(capsys: pytest.CaptureFixture[str], pg_url: str) -> None:
    from tests.helpers.db import run_script

    run_script(pg_url, "CREATE TABLE events (payload jsonb); CREATE TABLE users (id bigint PRIMARY KEY);")
    code, out, _ = run(capsys, "lint", pg_url, "--format", "json")
    data = json.loads(out)
    assert code == 1
    subjects = {(f["code"], f["subject"]) for f in data["files"][0]["findings"]}
    assert ("KEY001", "table events") in subjects and ("KEY001", "table users") not in subjects
    assert "password" not in json.dumps(data) or "***" in json.dumps(data)


def test_from_reads_and_dialect_targets(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`--from` says how to read the file; `--dialect` which database the rules judge it for."""
    sql = tmp_path / "schema.sql"
    sql.write_text("CREATE TABLE t (id serial PRIMARY KEY, payload json, happened timestamp);\n")
    _, out, _ = run(capsys, "lint", str(sql), "--from", "postgres", "--dialect", "mysql", "--format", "json")
    data = json.loads(out)
    assert data["files"][0]["readable"]
    codes = {f["code"] for f in data["files"][0]["findings"]}
    assert "TYP016" not in codes  # json-vs-jsonb is a PostgreSQL rule; the target is MySQL
    _, out, _ = run(capsys, "lint", str(sql), "--format", "json")
    assert {"TYP001", "TYP016"} <= {f["code"] for f in json.loads(out)["files"][0]["findings"]}
