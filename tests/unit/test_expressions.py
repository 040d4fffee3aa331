"""Expression normalisation: database rewrites compare equal, different meanings do not."""

from __future__ import annotations

import pytest

from sekkei.formats.sql.expressions import normalize_expression, same_expression


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))",
         "status IN ('a', 'b')"),
        ("(price >= (0)::numeric)", "price >= 0"),
        ("now()", "CURRENT_TIMESTAMP"),
        ("(payment_date >= '2007-01-01 00:00:00'::timestamp without time zone)",
         "payment_date >= '2007-01-01 00:00:00'"),
        ("lower((name)::text)", "lower(name)"),
        ("((VALUE >= 1901) AND (VALUE <= 2155))", "VALUE >= 1901 AND VALUE <= 2155"),
        ("'{}'::jsonb", "'{}'"),
        ("a + (b * c)", "a + b * c"),
    ],
)
def test_database_rewrites_are_the_same_expression(stored: str, written: str) -> None:
    assert same_expression(stored, written, "postgres")


@pytest.mark.parametrize(
    ("a", "b"),
    [("a + b * c", "(a + b) * c"), ("NOT (a AND b)", "NOT a AND b"), ("x > 1", "x >= 1"),
     ("'A'", "'a'"), ("status IN ('a')", "status IN ('a', 'b')")],
)
def test_different_meanings_stay_different(a: str, b: str) -> None:
    assert not same_expression(a, b, "postgres")


def test_unparsable_text_is_compared_textually() -> None:
    assert normalize_expression("FOO  BAR(  'X' )", None) == normalize_expression("foo bar( 'X' )", None)
