"""Golden outputs: small.yaml written for every dialect matches golden/<dialect>.sql.

The expected files are produced by tests/data/writer/regenerate.py; when the
writer changes on purpose, run it and review the diff.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sekkei.formats.sql.writer import WRITERS

DATA = Path(__file__).resolve().parent.parent / "data" / "writer"


def _regenerate_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("writer_regenerate", DATA / "regenerate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("dialect", sorted(WRITERS))
def test_small_schema_matches_golden(dialect: str) -> None:
    sql, notes = _regenerate_module().render(dialect)
    assert sql == (DATA / "golden" / f"{dialect}.sql").read_text(encoding="utf-8")
    assert notes == (DATA / "golden" / f"{dialect}.notes").read_text(encoding="utf-8")


@pytest.mark.parametrize("dialect", sorted(WRITERS))
def test_output_is_deterministic(dialect: str) -> None:
    module = _regenerate_module()
    assert module.render(dialect) == module.render(dialect)
