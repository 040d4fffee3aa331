"""Reading a test database back with the live reader."""

from __future__ import annotations

import sqlalchemy as sa

from sekkei.formats.live import read_database
from sekkei.model import Notes, Schema


def read(url: str, **options: object) -> tuple[Schema, Notes]:
    """The schema of the database at `url`, and the notes the reader gave."""
    notes = Notes()
    engine = sa.create_engine(url)
    try:
        schema = read_database(engine, notes=notes, **options)  # type: ignore[arg-type]
    finally:
        engine.dispose()
    return schema, notes
