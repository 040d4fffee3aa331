"""The CLI against real databases: import, show and convert from a URL; passwords stay hidden."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sekkei.cli.main import main
from sekkei.formats.registry import read_file
from tests.helpers.db import run_script

pytestmark = pytest.mark.integration

DDL = """
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE person (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name varchar(80) NOT NULL,
    feeling mood DEFAULT 'ok',
    joined timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE person IS '人物';
CREATE TABLE pet (
    id serial PRIMARY KEY,
    owner_id bigint NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    name text NOT NULL
);
CREATE INDEX pet_owner ON pet (owner_id);
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    captured = capsys.readouterr()
    return int(info.value.code or 0), captured.out, captured.err


def test_import_postgres_to_yaml(pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_script(pg_url, DDL)
    target = tmp_path / "app.sekkei.yaml"
    code, _, err = run(capsys, "import", pg_url, "-o", str(target))
    assert code == 0, err
    schema = read_file(target)
    assert set(schema.tables) == {"person", "pet"}
    assert schema.tables["person"].comment == "人物"
    assert schema.tables["person"].columns["feeling"].default == "ok"
    assert schema.tables["pet"].columns["id"].identity is not None
    assert schema.tables["pet"].foreign_keys[0].on_delete == "cascade"


def test_convert_from_url_to_mysql_ddl(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    run_script(pg_url, DDL)
    code, out, err = run(capsys, "convert", pg_url, "--to", "mysql")
    assert code == 0, err
    assert "CREATE TABLE person" in out and "AUTO_INCREMENT" in out
    assert "enum('sad', 'ok', 'happy')" in out


def test_show_url_as_json(mysql_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    run_script(mysql_url, "CREATE TABLE t (id int AUTO_INCREMENT PRIMARY KEY, flag tinyint(1) NOT NULL DEFAULT 0)")
    code, out, _ = run(capsys, "show", mysql_url, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["counts"]["tables"] == 1 and data["dialect"] in {"mariadb", "mysql"}


def test_passwords_never_appear(capsys: pytest.CaptureFixture[str], pg_available: bool) -> None:
    secret = "s3cr3t-Pa55"
    url = f"postgresql://nobody:{secret}@127.0.0.1:5432/nope"
    code, out, err = run(capsys, "import", url)
    assert code == 2
    assert secret not in out + err
    assert "***" in out + err
    code, out, err = run(capsys, "show", url, "--format", "json")
    assert code == 2 and secret not in out + err


def test_sqlite_url(sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_script(sqlite_url, "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, b TEXT NOT NULL UNIQUE);")
    target = tmp_path / "a.sekkei.json"
    code, _, err = run(capsys, "import", sqlite_url, "-o", str(target))
    assert code == 0, err
    schema = read_file(target)
    assert schema.tables["a"].uniques[0].columns == ("b",)
