"""Generated realistic PostgreSQL designs written for MariaDB and SQLite apply cleanly.

Whatever the writer cannot carry is a warning; what it writes must run on the real
database (a writer that emits failing SQL is worse than one that says no).
"""

from __future__ import annotations

import pytest
from bench.generate import generate

from sekkei.formats.base import ReadOptions, WriteOptions
from sekkei.formats.registry import read_string, write_string
from sekkei.model import Notes
from tests.helpers.db import run_script
from tests.helpers.roundtrip import read_live

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("target", ["mariadb", "sqlite"])
def test_generated_design_applies(seed: int, target: str, request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue("mysql_url" if target == "mariadb" else "sqlite_url")
    design = read_string(generate(80, seed=seed), "sql", options=ReadOptions(dialect="postgres"))
    ddl = write_string(design, "sql", options=WriteOptions(dialect=target), notes=Notes())
    run_script(url, ddl)
    live = read_live(url)
    assert set(live.tables) == set(design.tables)
    for key, table in design.tables.items():
        assert list(live.tables[key].columns) == list(table.columns), key
        assert len(live.tables[key].foreign_keys) == len(table.foreign_keys), key
