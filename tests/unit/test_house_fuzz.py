"""Fuzzing the YAML and JSON readers: any input reads or fails with our own located error."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sekkei.formats.base import ReadOptions
from sekkei.formats.registry import read_string, write_string
from sekkei.model import InputError, Schema
from tests.strategies import schemas

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
YAML_ALPHABET = st.sampled_from(
    list("abc:{}[]-,#&*!|>'\"%@` \n\t0123.?~") + ["<<", "tables", "columns", "type", "int"]
)


def _read_or_input_error(text: str, fmt: str) -> None:
    start = time.perf_counter()
    try:
        result = read_string(text, fmt, options=ReadOptions(source="fuzz"))
        assert isinstance(result, Schema)
    except InputError as exc:
        assert exc.problems
        assert all(p.message for p in exc.problems)
        assert all(p.location is not None for p in exc.problems), exc.problems
    # time stays proportional to the input: nothing here is big
    assert time.perf_counter() - start < 5


@FUZZ
@given(st.text(max_size=300))
def test_random_text_yaml(text: str) -> None:
    _read_or_input_error(text, "yaml")


@FUZZ
@given(st.lists(YAML_ALPHABET, max_size=120).map("".join))
def test_yamlish_text(text: str) -> None:
    _read_or_input_error(text, "yaml")


@FUZZ
@given(st.text(max_size=300))
def test_random_text_json(text: str) -> None:
    _read_or_input_error(text, "json")


@st.composite
def mutated(draw: st.DrawFn, fmt: str) -> str:
    text = write_string(draw(schemas()), fmt)
    chars = list(text)
    for _ in range(draw(st.integers(1, 6))):
        if not chars:
            break
        position = draw(st.integers(0, len(chars) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "swap"]))
        if action == "delete":
            del chars[position]
        elif action == "duplicate":
            chars.insert(position, chars[position])
        elif action == "insert":
            chars.insert(position, draw(st.sampled_from(list(":{}[],'\"#\n -&*") + ["tables", "x"])))
        elif position + 1 < len(chars):
            chars[position], chars[position + 1] = chars[position + 1], chars[position]
    return "".join(chars)


@FUZZ
@given(mutated("yaml"))
def test_mutated_yaml(text: str) -> None:
    _read_or_input_error(text, "yaml")


@FUZZ
@given(mutated("json"))
def test_mutated_json(text: str) -> None:
    _read_or_input_error(text, "json")


def test_reading_time_grows_linearly() -> None:
    def make(n: int) -> str:
        lines = ["tables:"]
        for i in range(n):
            lines += [
                f"  t{i}:",
                "    columns:",
                "      id: {type: bigint, primary_key: true}",
                "      name: {type: varchar(100), nullable: false}",
            ]
        return "\n".join(lines) + "\n"

    def timed(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            read_string(text, "yaml")
            best = min(best, time.perf_counter() - start)
        return best

    small, big = timed(make(200)), timed(make(2000))
    assert big < small * 30  # 10x the input: allow generous noise, catch quadratic behaviour
