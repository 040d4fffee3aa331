"""The command line: exit codes, JSON output, atomic writes, messages with locations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sekkei.cli.main import main

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "sekkei" / "examples" / "shop.sekkei.yaml"
BROKEN = "tables:\n  a:\n    columns:\n      id: integr\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    captured = capsys.readouterr()
    code = info.value.code if isinstance(info.value.code, int) else 0
    return code, captured.out, captured.err


def test_show_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", str(EXAMPLE))
    assert code == 0 and "customers" in out and "order_items" in out
    code, out, _ = run(capsys, "show", str(EXAMPLE), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["counts"]["tables"] == 7 and data["counts"]["foreign_keys"] == 8


def test_bad_input_exits_2_with_location_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.sekkei.yaml"
    bad.write_text(BROKEN)
    target = tmp_path / "out.sekkei.json"
    code, _, err = run(capsys, "convert", str(bad), "-o", str(target))
    assert code == 2
    assert f"{bad}:4:7" in err and "unknown type 'integr'" in err and "did you mean 'integer'" in err
    assert "id: integr" in err  # the offending line is shown
    assert not target.exists()
    assert not list(tmp_path.glob(".out.sekkei.json*"))  # no temporary file left behind


def test_errors_as_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.sekkei.yaml"
    bad.write_text(BROKEN)
    code, out, _ = run(capsys, "show", str(bad), "--format", "json")
    data = json.loads(out)
    assert code == 2 and data["ok"] is False
    assert data["errors"][0]["line"] == 4 and data["errors"][0]["column"] == 7


def test_convert_yaml_to_json_and_back(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    as_json = tmp_path / "shop.sekkei.json"
    code, _, _ = run(capsys, "convert", str(EXAMPLE), "-o", str(as_json))
    assert code == 0 and json.loads(as_json.read_text())["tables"]["orders"]
    back = tmp_path / "shop.sekkei.yaml"
    code, _, _ = run(capsys, "convert", str(as_json), "-o", str(back))
    assert code == 0
    written = back.read_text(encoding="utf-8")
    original = EXAMPLE.read_text(encoding="utf-8")
    assert written[written.index("sekkei: 1") :] == original[original.index("sekkei: 1") :]


def test_convert_needs_a_target(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "convert", str(EXAMPLE))
    assert code == 2 and "-o FILE" in err


def test_fmt_check_and_write(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.sekkei.yaml"
    path.write_text("tables:\n  t:\n    columns:\n      id: {nullable: false, type: INT}  # key\n")
    code, _, err = run(capsys, "fmt", "--check", str(tmp_path))
    assert code == 1 and "would reformat" in err
    code, _, _ = run(capsys, "fmt", str(tmp_path))
    assert code == 0
    assert (
        path.read_text()
        == "sekkei: 1\n\ntables:\n  t:\n    columns:\n      id: {type: integer, nullable: false}  # key\n"
    )
    code, _, _ = run(capsys, "fmt", "--check", str(path))
    assert code == 0


def test_json_schema_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "sekkei.schema.json"
    code, _, _ = run(capsys, "json-schema", "-o", str(target))
    assert code == 0 and json.loads(target.read_text())["title"] == "Sekkei schema file"


def test_unknown_command_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "frobnicate")
    assert code == 2
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("sekkei ")


def test_demo_is_the_main_job(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "demo", "-o", str(tmp_path), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["ok"] and data["sqlite_tables_created"] == 7
    assert set(data["written"]) == {"postgres", "mysql", "mariadb", "sqlite", "mssql", "oracle",
                                    "snowflake", "bigquery"}
    for info in data["written"].values():
        assert Path(info["file"]).read_text().count("CREATE TABLE") == 7
    assert (tmp_path / "shop.sekkei.yaml").exists() and (tmp_path / "shop.sekkei.json").exists()
