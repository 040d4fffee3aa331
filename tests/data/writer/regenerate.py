"""Regenerate golden/<dialect>.sql (and .notes) from small.yaml: run it, then review the diff.

    python tests/data/writer/regenerate.py
"""

from __future__ import annotations

from pathlib import Path

import yaml

from sekkei.formats.base import WriteOptions
from sekkei.formats.sql.writer import WRITERS, write_sql
from sekkei.model import Notes, Schema

HERE = Path(__file__).resolve().parent


def render(dialect: str) -> tuple[str, str]:
    """The DDL for `dialect` and its notes, one per line."""
    schema = Schema.model_validate(yaml.safe_load((HERE / "small.yaml").read_text()))
    notes = Notes()
    sql = write_sql(schema, dialect, notes, WriteOptions(dialect=dialect))
    return sql, "".join(f"{note}\n" for note in notes)


def main() -> None:
    for dialect in WRITERS:
        sql, notes = render(dialect)
        (HERE / "golden" / f"{dialect}.sql").write_text(sql, encoding="utf-8")
        (HERE / "golden" / f"{dialect}.notes").write_text(notes, encoding="utf-8")


if __name__ == "__main__":
    main()
