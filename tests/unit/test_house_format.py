"""The YAML and JSON house format: locations, errors, limits, comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from sekkei.formats.base import ReadOptions
from sekkei.formats.house import reformat_yaml
from sekkei.formats.registry import read_file, read_string, write_string
from sekkei.model import InputError, Notes

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "sekkei" / "examples" / "shop.sekkei.yaml"


def read(text: str, fmt: str = "yaml"):  # type: ignore[no-untyped-def]
    return read_string(text, fmt, options=ReadOptions(source="s.yaml"))


def problems(text: str, fmt: str = "yaml") -> list[str]:
    with pytest.raises(InputError) as info:
        read(text, fmt)
    return [str(p) for p in info.value.problems]


def test_every_object_knows_its_line_and_column() -> None:
    schema = read(
        "tables:\n  users:\n    columns:\n      id: bigint\n      email: {type: text}\n"
        "    indexes:\n      - {columns: [email]}\n"
    )
    users = schema.tables["users"]
    assert str(users.loc) == "s.yaml:2:3"
    assert str(users.columns["id"].loc) == "s.yaml:4:7"
    assert str(users.columns["email"].loc) == "s.yaml:5:7"
    assert str(users.indexes[0].loc) == "s.yaml:7:9"


def test_yaml_12_scalars_keep_names_as_strings() -> None:
    schema = read("tables:\n  t:\n    columns:\n      on: boolean\n      no: {type: text, default: yes}\n")
    assert list(schema.tables["t"].columns) == ["on", "no"]
    assert schema.tables["t"].columns["no"].default == "yes"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tables:\n  a:\n    columns: {id: int\n", "s.yaml:4:1: YAML syntax"),
        (
            "tables:\n  a:\n    columns:\n      id: integr\n",
            "s.yaml:4:7: table a column id: unknown type 'integr' (expected a canonical type",
        ),
        (
            "tables:\n  a:\n    columns:\n      id: {type: int, nulable: false}\n",
            "s.yaml:4:23: tables.a.columns.id: unknown key 'nulable'",
        ),
        (
            "tables:\n  a:\n    columns:\n      id: int\n      id: text\n",
            "s.yaml:5:7: key 'id' appears twice",
        ),
        (
            "tables:\n  a:\n    columns:\n      b: {type: int, references: c.id}\n",
            "s.yaml:4:7: table a: a foreign key references table 'c', which is not in the schema",
        ),
        ("", "s.yaml:1:1: the file is empty"),
        ("- a\n- b\n", "top of a schema file must be a mapping"),
        ("sekkei: 2\n", "s.yaml:1:1: sekkei: 2 is not allowed"),
    ],
)
def test_bad_input_is_located_and_explained(text: str, expected: str) -> None:
    found = problems(text)
    assert any(expected in p for p in found), found


def test_all_problems_are_reported_together() -> None:
    found = problems(
        "tables:\n  a:\n    columns:\n      x: integr\n      y: varchr(3)\n  b:\n    columns:\n      z: flaot\n"
    )
    assert len(found) == 3


def test_billion_laughs_and_deep_nesting_are_refused() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    assert "expands to more than" in problems("\n".join(lines))[0]
    assert "nesting deeper" in problems("a: " + "[" * 500 + "]" * 500)[0]


def test_oversized_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.sekkei.yaml"
    path.write_text("tables: {}\n" + "# padding\n" * 1000)
    with pytest.raises(InputError, match="over the limit"):
        read_file(path, options=ReadOptions(max_bytes=1000))


def test_merge_keys_share_column_templates() -> None:
    schema = (
        read(
            "x-audit: &audit\n  created_at: timestamptz\ntables:\n  t:\n    columns:\n"
            "      id: bigint\n      <<: *audit\n",
            "yaml",
        )
        if False
        else read("tables:\n  t:\n    columns:\n      <<: {created_at: timestamptz}\n      id: bigint\n")
    )
    assert list(schema.tables["t"].columns) == ["id", "created_at"]


def test_json_reports_positions_too() -> None:
    schema = read('{"tables": {\n  "t": {"columns": {\n    "id": {"type": "int"}}}}}', "json")
    assert str(schema.tables["t"].columns["id"].loc) == "s.yaml:3:11"
    assert "s.yaml:1:13: JSON syntax" in problems('{"tables": {,}}', "json")[0]
    assert "appears twice" in problems('{"tables": {}, "tables": {}}', "json")[0]


def test_example_is_canonical_and_round_trips() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    schema = read(text)
    assert reformat_yaml(text, ReadOptions(), Notes()) == text
    assert read(write_string(schema, "json"), "json") == schema


def test_fmt_keeps_comments_where_they_belong() -> None:
    text = (
        "# header\n\ntables:\n  # the users\n  users:\n    columns:\n      id: {type: int, primary_key: true}  # key\n"
        "      # contact\n      email: {nullable: false, type: text}\n"
    )
    result = reformat_yaml(text, ReadOptions(), Notes())
    assert result.startswith("# header\n\nsekkei: 1\n")
    assert "  # the users\n  users:" in result
    assert "id: {type: integer, primary_key: true}  # key" in result
    assert "      # contact\n      email: {type: text, nullable: false}" in result
    assert reformat_yaml(result, ReadOptions(), Notes()) == result
