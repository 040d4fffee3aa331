"""`sekkei import`: read a live database into a schema file."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from sekkei.cli.common import (
    FormatOption,
    OutputFormat,
    Session,
    err,
    notes_json,
    out,
    print_notes,
    write_output,
)
from sekkei.cli.database import read_url, redact
from sekkei.formats.registry import for_path, resolve, write_string
from sekkei.model.diagnostics import Notes


def import_(
    url: Annotated[
        str,
        typer.Argument(
            help="Database URL, e.g. postgresql://user@host/db, mysql://root@127.0.0.1/db, sqlite:///app.db."
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Schema file to write (default: YAML to standard output)."),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Output format (default: from the file name, else yaml).")
    ] = None,
    namespace: Annotated[
        list[str] | None,
        typer.Option("--namespace", "-n", help="Only these schemas/namespaces (repeatable)."),
    ] = None,
    lenient: Annotated[bool, typer.Option("--lenient", help="Turn broken references into warnings.")] = False,
    format: OutputFormat = FormatOption,
) -> None:
    """Read a live database (PostgreSQL, MySQL/MariaDB, SQLite, …) into a schema file."""
    session = Session(format)
    notes = Notes()
    schema = read_url(
        url, notes=notes, strict=not lenient, show_progress=not session.json, namespaces=namespace or None
    )
    if to:
        fmt, dialect = resolve(to)
    elif output and output != "-":
        fmt, dialect = for_path(output), None
    else:
        fmt, dialect = resolve("yaml")
    from sekkei.formats.base import WriteOptions

    text = write_string(schema, fmt, options=WriteOptions(dialect=dialect), notes=notes)
    if session.json:
        report = {
            "ok": True,
            "database": redact(url),
            "output": output or "-",
            "counts": schema.counts(),
            "notes": notes_json(notes),
        }
        if output in (None, "-"):
            report["text"] = text
        out.print_json(json.dumps(report, ensure_ascii=False))
        if output not in (None, "-"):
            write_output(output, text)
        return
    print_notes(session, notes)
    write_output(output, text)
    counts = schema.counts()
    if output not in (None, "-"):
        err.print(
            f"[green]imported[/green] {counts['tables']} tables, {counts['views']} views from "
            f"{redact(url)} into {output}"
        )
