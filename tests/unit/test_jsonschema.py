"""The published JSON Schema validates real schema files and catches typos."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import yaml

from sekkei.formats.jsonschema import house_json_schema
from sekkei.formats.registry import write_string
from sekkei.model import Schema

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "sekkei" / "examples" / "shop.sekkei.yaml"


def validator() -> jsonschema.Draft202012Validator:
    schema = house_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_example_file_is_valid() -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert list(validator().iter_errors(data)) == []


def test_written_files_are_valid() -> None:
    schema = Schema.model_validate(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    for fmt in ("yaml", "json"):
        data = yaml.safe_load(write_string(schema, fmt))
        assert list(validator().iter_errors(data)) == []


def test_typos_are_flagged() -> None:
    bad = {"tables": {"a": {"columns": {"id": {"type": "int", "nulable": False}}}}}
    assert list(validator().iter_errors(bad))
    bad_action = {
        "tables": {
            "a": {
                "columns": {"id": "int"},
                "foreign_keys": [{"columns": ["id"], "references": {"table": "a"}, "on_delete": "explode"}],
            }
        }
    }
    assert list(validator().iter_errors(bad_action))


def test_shorthands_are_described() -> None:
    column = house_json_schema()["$defs"]["Column"]["properties"]
    assert {"primary_key", "unique", "references"} <= set(column)
    assert "varchar(255)" in column["type"]["examples"]
