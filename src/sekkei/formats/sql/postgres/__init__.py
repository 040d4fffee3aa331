"""The PostgreSQL DDL reader: libpg_query (the real PostgreSQL parser) into the schema model.

Also reads CockroachDB and YugabyteDB, which speak PostgreSQL's dialect.
See `parse` for how big dumps are parsed quickly (chunks, orjson, a parsing
thread), and `lexer` for how expressions keep the spelling their author gave them.
"""

from __future__ import annotations

import gc

from sekkei.formats.base import ReadOptions
from sekkei.formats.sql.builder import SchemaBuilder
from sekkei.formats.sql.postgres import lexer
from sekkei.formats.sql.postgres.context import Reader, Tally
from sekkei.formats.sql.postgres.dialects import tolerate
from sekkei.formats.sql.postgres.dispatch import handle
from sekkei.formats.sql.postgres.failures import report
from sekkei.formats.sql.postgres.finishing import finish
from sekkei.formats.sql.postgres.nodes import relation
from sekkei.formats.sql.postgres.parse import Failure, Statement, parse_one, parse_spans, spans
from sekkei.formats.sql.postgres.prepass import prepare
from sekkei.model.diagnostics import InputError, Notes, Problem
from sekkei.model.location import SourceText
from sekkei.model.schema import Schema

__all__ = ["read_postgres"]

#: Mistakes in the reader itself, turned into a located problem instead of a crash.
_READER_BUGS = (KeyError, TypeError, ValueError, AttributeError, IndexError, StopIteration, RecursionError)


def read_postgres(text: str, options: ReadOptions, notes: Notes, dialect: str = "postgres") -> Schema:
    """Read PostgreSQL DDL (a pg_dump, a migration script, hand-written DDL) into a `Schema`."""
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        where = SourceText(text, options.source).at(exc.start)
        raise InputError(
            Problem("the text contains a character that is not valid Unicode", where, code="encoding")
        ) from None
    if len(raw) > options.max_bytes:
        raise InputError(
            Problem(
                f"the input is {len(raw):,} bytes, more than the limit of {options.max_bytes:,}",
                None,
                code="too-large",
                hint="raise the limit (max_bytes) to read it",
            )
        )
    prepared = prepare(raw)
    builder = SchemaBuilder(dialect, notes, strict=options.strict)
    reader = Reader(builder, notes, options.source, prepared.data, dialect)
    collecting = gc.isenabled()
    gc.disable()
    try:
        found, scan_failure = spans(prepared.data)
        for item in parse_spans(prepared.data, found):
            _apply(reader, item)
        if scan_failure is not None:
            report(reader, scan_failure)
        finish(reader, prepared)
        return builder.finish()
    finally:
        if collecting:
            gc.enable()


def _apply(r: Reader, item: Statement | Failure) -> None:
    """Apply a statement; a failed one that hides several statements is split and retried.

    The scanner (like psql) does not end a statement at a ``;`` inside
    parentheses, so one unbalanced ``(`` would swallow every statement after
    it.  Cutting the failed text at each ``;`` keeps the damage to the
    statement that is actually broken.
    """
    if isinstance(item, Failure):
        pieces = [lexer.trimmed(r.data, s, e) for s, e in _semicolon_pieces(r.data, item.start, item.end)]
        pieces = [(s, e) for s, e in pieces if e > s]
        if len(pieces) > 1:
            for start, end in pieces:
                _apply_one(r, parse_one(r.data, start, end))
            return
    _apply_one(r, item)


def _semicolon_pieces(data: bytearray, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    begin = start
    for kind, s, e in lexer.scan(data, start, end):
        if kind == "punct" and data[s] == ord(";"):
            pieces.append((begin, s))
            begin = e
    pieces.append((begin, end))
    return pieces


def _apply_one(r: Reader, item: Statement | Failure) -> None:
    tolerated = None
    if isinstance(item, Failure):
        tolerated = tolerate(r.data, item.start, item.end, r.dialect)
        retried = parse_one(r.data, item.start, item.end) if tolerated is not None else item
        if tolerated is None or isinstance(retried, Failure):
            report(r, item)
            return
        for label in tolerated.dropped:
            tally = r.dialect_clauses.setdefault(label, Tally())
            if tally.count == 0:
                tally.first = r.loc(retried.start)
            tally.count += 1
        item = retried
    try:
        handle(r, item)
        if tolerated is not None and tolerated.indexes and item.kind == "CreateStmt":
            schema, name = relation(item.node.get("relation"))
            hit = r.find(r.builder.tables, schema, name)
            if hit is not None:
                for index in tolerated.indexes:
                    r.builder.add_index(hit[1], {**index, "loc": r.loc(item.start)})
    except _READER_BUGS as exc:
        r.builder.problem(
            f"could not read this statement ({type(exc).__name__}: {exc})",
            r.loc(item.start),
            code="reader-error",
            hint="this is a bug in Sekkei's PostgreSQL reader; please report it with the statement",
        )
