"""`sekkei convert`: any schema format (or a live database) into any other."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from sekkei.cli.common import (
    EXIT_FINDINGS,
    Exit,
    FailOn,
    FormatOption,
    MaxBytesOption,
    OutputFormat,
    Session,
    err,
    fails,
    is_url,
    load_schema,
    notes_json,
    out,
    print_notes,
    write_output,
)
from sekkei.formats.base import WriteOptions
from sekkei.formats.registry import for_path, resolve, write_string
from sekkei.model.diagnostics import Notes, UsageError


def convert(
    source: Annotated[
        str, typer.Argument(help="Schema file (.sekkei.yaml, .json, .sql, …) or database URL.")
    ],
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Output file; '-' or absent for standard output.")
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from", help="Input format or SQL dialect (default: from the file name; SQL dialect guessed)."
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option("--to", help="Output format or SQL dialect, e.g. yaml, json, postgres, mysql."),
    ] = None,
    dialect: Annotated[
        str | None, typer.Option("--dialect", "-d", help="SQL dialect to write (for .sql output).")
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 and write nothing if notes reach this level.")
    ] = FailOn.error,
    lenient: Annotated[
        bool,
        typer.Option("--lenient", help="Turn broken references and unparsable statements into warnings."),
    ] = False,
    max_bytes: int = MaxBytesOption,
    format: OutputFormat = FormatOption,
) -> None:
    """Convert a schema between formats and SQL dialects.

    Examples: `sekkei convert shop.sekkei.yaml -o shop.sql --dialect mysql`,
    `sekkei convert dump.sql --to yaml -o shop.sekkei.yaml`.
    """
    session = Session(format)
    notes = Notes()
    if output in (None, "-") and to is None:
        raise UsageError("say what to write: -o FILE (format from its name) or --to FORMAT")
    schema = load_schema(session, source, fmt=from_, notes=notes, strict=not lenient, max_bytes=max_bytes)
    if to is not None:
        fmt, implied = resolve(to)
    else:
        assert output is not None
        fmt, implied = for_path(output), None
    target_dialect = dialect or implied
    if fmt.name == "sql" and target_dialect is None and schema.dialect is None:
        raise UsageError("choose the SQL dialect to write with --dialect (or --to postgres, --to mysql, …)")
    text = write_string(schema, fmt, options=WriteOptions(dialect=target_dialect), notes=notes)
    failed = fails(notes, fail_on)
    if session.json:
        report = {
            "ok": not failed,
            "input": source if not is_url(source) else "database",
            "output": output or "-",
            "format": fmt.name,
            "dialect": target_dialect,
            "counts": schema.counts(),
            "notes": notes_json(notes),
        }
        if output in (None, "-"):
            report["text"] = text
        out.print_json(json.dumps(report, ensure_ascii=False))
    else:
        print_notes(session, notes)
    if failed:
        err.print("[red]not written:[/red] notes reached --fail-on " + fail_on.value)
        raise Exit(EXIT_FINDINGS)
    if not session.json or output not in (None, "-"):
        write_output(output, text)
    if output not in (None, "-") and not session.json:
        err.print(
            f"[green]wrote[/green] {output} ({fmt.name}{', ' + target_dialect if target_dialect else ''})"
        )
