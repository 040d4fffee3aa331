"""Read a DDL script of any dialect but PostgreSQL: split, classify, parse, build."""

from __future__ import annotations

import re
from collections.abc import Callable

from sekkei.formats.base import ReadOptions
from sekkei.formats.sql.generic.alter import alter_table
from sekkei.formats.sql.generic.classify import SILENT, classify
from sekkei.formats.sql.generic.context import (
    DialectRules,
    Reader,
    ReaderBuilder,
    Statement,
    StatementError,
)
from sekkei.formats.sql.generic.edits import drop_fk_indexes
from sekkei.formats.sql.generic.mysql_tables import as_catalog_reports
from sekkei.formats.sql.generic.objects import (
    comment_on,
    create_index,
    create_schema,
    create_sequence,
    create_view,
    drop,
    extended_property,
    rename,
    virtual_table,
)
from sekkei.formats.sql.generic.prepare import open_executable_comments
from sekkei.formats.sql.generic.routines import (
    create_domain,
    create_routine,
    create_trigger,
    create_type,
)
from sekkei.formats.sql.generic.tables import create_table
from sekkei.formats.sql.split import split_statements
from sekkei.model.diagnostics import InputError, Notes, Problem
from sekkei.model.location import SourceText
from sekkei.model.schema import Schema

Handler = Callable[[Statement], None]


def _alter_sequence(stmt: Statement) -> None:
    stmt.reader.skip("ALTER SEQUENCE", "sequence changes are not applied", stmt.loc())


HANDLERS: dict[str, Handler] = {
    "table": create_table,
    "alter": alter_table,
    "index": create_index,
    "view": create_view,
    "sequence": create_sequence,
    "alter_sequence": _alter_sequence,
    "schema": create_schema,
    "trigger": create_trigger,
    "routine": create_routine,
    "type": create_type,
    "domain": create_domain,
    "comment": comment_on,
    "extended_property": extended_property,
    "drop": drop,
    "rename": rename,
    "virtual": virtual_table,
}


def read_generic(text: str, options: ReadOptions, notes: Notes, dialect: str) -> Schema:
    """The schema a DDL script in `dialect` creates (any dialect but PostgreSQL).

    Data and session statements are skipped with one note per kind; a schema
    statement that cannot be read is an error (all of them are reported
    together) or, with ``strict=False``, a warning.
    """
    if len(text) > options.max_bytes or (len(text) * 4 > options.max_bytes
                                         and len(text.encode("utf-8")) > options.max_bytes):
        raise InputError(Problem(f"the SQL file is larger than {options.max_bytes:,} bytes",
                                 hint="raise the size limit to read it", code="too-large"))
    rules = DialectRules.of(dialect)
    builder = ReaderBuilder(dialect, notes, strict=options.strict)
    reader = Reader(SourceText(text, options.source), builder, notes, rules)
    for piece in split_statements(text, dialect):
        _read_statement(reader, piece.text, piece.start)
    _report_skipped(reader)
    if rules.is_mysql:
        drop_fk_indexes(builder)
        as_catalog_reports(builder)
    return builder.finish()


def _read_statement(reader: Reader, original: str, offset: int) -> None:
    prepared = open_executable_comments(original) if reader.rules.is_mysql else original
    kind = classify(prepared, reader.rules)
    loc = reader.source.at(offset)
    if kind is SILENT:
        return
    if kind.handler is None:
        if reader.rules.is_mysql:
            _use_database(reader, prepared)
        if kind.reason:
            reader.skip(kind.label, kind.reason, loc)
        else:
            reader.notes.warning("statement-not-understood",
                                 f"{kind.label} statement not understood; skipped",
                                 location=loc, hint="if it matters to the design, report it")
        return
    stmt = Statement(reader, original, prepared, offset)
    try:
        HANDLERS[kind.handler](stmt)
    except StatementError as error:
        stmt.problem(error.message, error.offset, hint=error.hint, code="syntax")
    except RecursionError:
        stmt.problem("this statement is nested too deeply to read", code="too-deep")
    except Exception as error:  # a bug of ours must not hide the rest of the file
        stmt.problem(f"internal error while reading this {kind.label} statement: {error!r}",
                     code="internal", hint="this is a bug in Sekkei; please report it with the statement")


_USE_RE = re.compile(r"^\s*USE\s+`?([^`;\s]+)`?\s*;?\s*$", re.I)


def _use_database(reader: Reader, text: str) -> None:
    """``USE shop``: in MySQL a schema qualifier names a database; the one in use is implied.

    Workbench and ``mysqldump --databases`` write ``shop.customer`` after ``USE shop``;
    a live read of that database calls the table ``customer``, and so does the reader.
    """
    match = _USE_RE.match(text)
    if match:
        reader.builder.default_namespace = match.group(1)


def _report_skipped(reader: Reader) -> None:
    for (label, reason), count in reader.skipped.items():
        plural = "" if count == 1 else "s"
        reader.notes.info("statement-skipped", f"skipped {count:,} {label} statement{plural} ({reason})",
                          location=reader.first_skipped[(label, reason)])
