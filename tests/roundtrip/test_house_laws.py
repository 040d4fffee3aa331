"""Round-trip laws of the house format, on generated schemas (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from sekkei.formats.base import ReadOptions
from sekkei.formats.house import reformat_yaml
from sekkei.formats.registry import read_string, write_string
from sekkei.model import Notes, Schema, canonical_json, schema_hash
from tests.strategies import schemas

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(schemas())
def test_yaml_read_of_write_is_identity(schema: Schema) -> None:
    text = write_string(schema, "yaml")
    assert read_string(text, "yaml") == schema


@SETTINGS
@given(schemas())
def test_json_read_of_write_is_identity(schema: Schema) -> None:
    text = write_string(schema, "json")
    assert read_string(text, "json") == schema


@SETTINGS
@given(schemas())
def test_yaml_and_json_agree(schema: Schema) -> None:
    from_yaml = read_string(write_string(schema, "yaml"), "yaml")
    from_json = read_string(write_string(schema, "json"), "json")
    assert canonical_json(from_yaml) == canonical_json(from_json)
    assert schema_hash(from_yaml) == schema_hash(schema)


@SETTINGS
@given(schemas())
def test_writing_is_canonical_and_fmt_is_idempotent(schema: Schema) -> None:
    text = write_string(schema, "yaml")
    assert write_string(read_string(text, "yaml"), "yaml") == text
    assert reformat_yaml(text, ReadOptions(), Notes()) == text
