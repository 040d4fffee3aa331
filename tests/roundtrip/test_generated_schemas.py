"""Generated realistic schemas (the benchmark's) through PostgreSQL: three readers agree.

The same DDL is read by the DDL reader, loaded into PostgreSQL and read back by
the live reader (the two models must be equal), then written by Sekkei into a
second database and read back again (equal once more).
"""

from __future__ import annotations

import pytest
from bench.generate import generate

from sekkei.formats.base import ReadOptions
from sekkei.formats.registry import read_string
from sekkei.model import Notes
from tests.helpers.compare import differences
from tests.helpers.db import run_script
from tests.helpers.roundtrip import read_live, write_and_apply

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_schema_reads_the_same_from_ddl_and_database(pg_url: str, pg_url2: str, seed: int) -> None:
    ddl = generate(80, seed=seed)
    from_ddl = read_string(ddl, "sql", options=ReadOptions(dialect="postgres"), notes=Notes())
    run_script(pg_url, ddl)
    from_database = read_live(pg_url)
    found = differences(from_ddl, from_database)
    assert not found, "\n".join(found[:30])
    write_and_apply(from_ddl, "postgres", pg_url2)
    again = differences(from_ddl, read_live(pg_url2))
    assert not again, "\n".join(again[:30])
