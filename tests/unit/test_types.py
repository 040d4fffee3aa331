"""The canonical type vocabulary and its parser."""

from __future__ import annotations

import pytest

from sekkei.model.types import normalize_type, parse_type


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("INT", "integer"),
        ("int4", "integer"),
        ("BIGINT", "bigint"),
        ("int(11)", "integer"),
        ("character varying(45)", "varchar(45)"),
        ("VARCHAR", "varchar"),
        ("decimal(10, 2)", "numeric(10,2)"),
        ("double precision", "double"),
        ("float(10)", "real"),
        ("float", "double"),
        ("bool", "boolean"),
        ("timestamp with time zone", "timestamptz"),
        ("timestamp(3) without time zone", "timestamp(3)"),
        ("time with time zone", "timetz"),
        ("text[]", "text[]"),
        ("integer[][]", "integer[][]"),
        ("int unsigned", "integer unsigned"),
        ("tinyint(3) unsigned zerofill", "tinyint unsigned"),
        ("enum('a', 'b''c')", "enum('a','b''c')"),
        ("SET('x','y')", "set('x','y')"),
        ("varchar(max)", "text"),
        ("bytea", "bytes"),
        ("datetime", "timestamp"),
        ("postgres:tsvector", "postgres:tsvector"),
        ("pg:geometry(Point,4326)", "postgres:geometry(Point,4326)"),
        ("mood", "mood"),
        ("public.year", "public.year"),
        ("mood[]", "mood[]"),
    ],
)
def test_canonical_spelling(text: str, canonical: str) -> None:
    assert normalize_type(text) == canonical


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "required"),
        ("varchar(a)", "parameters"),
        ("integer(1,2,3)", "parameters"),
        ("text(10)", "no parameters"),
        ("boolean unsigned", "unsigned"),
        ("enum(1,2)", "quoted"),
        ("foo:bar", "unknown dialect"),
        ("varchar(", "type"),
    ],
)
def test_malformed_types_say_why(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_type(text)


def test_families_and_parts() -> None:
    assert parse_type("varchar(20)").family == "string"
    assert parse_type("varchar(20)").length == 20
    assert parse_type("numeric(5,2)").family == "decimal"
    assert parse_type("int[]").family == "array"
    assert parse_type("int[]").element().family == "integer"
    assert parse_type("enum('a','b')").values == ("a", "b")
    assert parse_type("postgres:tsvector").family == "other"
    assert parse_type("mood").kind == "name"


def test_snowflake_number_without_precision_is_scale_zero() -> None:
    """Snowflake's bare NUMBER is NUMBER(38,0); an unconstrained numeric must not lose fractions there."""
    from sekkei.formats.sql.typemap import read_type, write_type
    from sekkei.model.types import parse_type

    assert read_type("NUMBER", "snowflake").type == "numeric(38,0)"
    assert read_type("DECIMAL", "snowflake").type == "numeric(38,0)"
    written = write_type(parse_type("numeric"), "snowflake")
    assert written.text == "number(38,10)" and written.loss
