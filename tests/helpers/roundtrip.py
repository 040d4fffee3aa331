"""What the database round-trip tests share: reading the corpus, reading databases back."""

from __future__ import annotations

from pathlib import Path

from sekkei.formats.base import ReadOptions, WriteOptions
from sekkei.formats.registry import read_file, write_string
from sekkei.model import Notes, Schema
from tests.helpers.compare import differences
from tests.helpers.db import run_script
from tests.helpers.live import read


def read_corpus(corpus: Path, relative: str, dialect: str) -> Schema:
    return read_file(corpus / "real-world" / relative,
                     options=ReadOptions(dialect=dialect, strict=True), notes=Notes())


def read_live(url: str) -> Schema:
    return read(url)[0]


def write_and_apply(designed: Schema, dialect: str, url: str) -> None:
    """Write DDL for `dialect` (nothing may be lost) and apply it to the database at `url`."""
    notes = Notes()
    ddl = write_string(designed, "sql", options=WriteOptions(dialect=dialect), notes=notes)
    lossy = [n for n in notes if n.severity.value != "info"]
    assert not lossy, f"writing for its own dialect lost something: {lossy}"
    run_script(url, ddl)


def same_dialect(corpus: Path, relative: str, dialect: str, url: str, second_url: str | None = None) -> list[str]:
    """Differences between a corpus design and the database it was written into.

    View queries are compared by a fixpoint when `second_url` is given: the
    database's own rewrite of each query, written into a second database, must
    come back unchanged.
    """
    designed = read_corpus(corpus, relative, dialect)
    write_and_apply(designed, dialect, url)
    live = read_live(url)
    found = differences(designed, live, views=False)
    if second_url is not None:
        write_and_apply(live, dialect, second_url)
        found += [f"fixpoint: {d}" for d in differences(live, read_live(second_url))]
    return found
