"""`sekkei demo`: the main job on the bundled example, with nothing to set up."""

from __future__ import annotations

import json
import sqlite3
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from sekkei.cli.commands.show import show
from sekkei.cli.common import FormatOption, OutputFormat, Session, err, out, write_output
from sekkei.formats.base import DEFAULT_MAX_BYTES, ReadOptions, WriteOptions
from sekkei.formats.registry import read_string, write_string
from sekkei.model.diagnostics import Notes, Severity
from sekkei.model.dialects import DIALECTS

EXAMPLE = "shop.sekkei.yaml"


def example_text() -> str:
    return resources.files("sekkei.examples").joinpath(EXAMPLE).read_text(encoding="utf-8")


def _apply_to_sqlite(path: Path) -> int:
    """Run the SQLite DDL in an in-memory database: proof that the output is real SQL."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.executescript(path.read_text(encoding="utf-8"))
        row = connection.execute(
            "select count(*) from sqlite_master where type = 'table' and name not like 'sqlite_%'"
        ).fetchone()
        return int(row[0])
    finally:
        connection.close()


def demo(
    output: Annotated[Path, typer.Option("--output", "-o", help="Directory for the generated files.")] = Path(
        "sekkei-demo"
    ),
    format: OutputFormat = FormatOption,
) -> None:
    """Read the bundled example schema, show it, and write it as DDL for every dialect."""
    session = Session(format)
    text = example_text()
    notes = Notes()
    schema = read_string(text, "yaml", options=ReadOptions(source=EXAMPLE), notes=notes)
    output.mkdir(parents=True, exist_ok=True)
    write_output(str(output / EXAMPLE), text)
    written: dict[str, dict[str, int | str]] = {}
    for dialect in DIALECTS:
        dialect_notes = Notes()
        ddl = write_string(schema, "sql", options=WriteOptions(dialect=dialect), notes=dialect_notes)
        path = output / f"shop.{dialect}.sql"
        write_output(str(path), ddl)
        written[dialect] = {
            "file": str(path),
            "warnings": len(dialect_notes.of(Severity.WARNING)),
            "statements": ddl.count(";"),
        }
    json_path = output / "shop.sekkei.json"
    write_output(str(json_path), write_string(schema, "json"))
    applied = _apply_to_sqlite(output / "shop.sqlite.sql")
    if session.json:
        out.print_json(
            json.dumps(
                {
                    "ok": True,
                    "schema": EXAMPLE,
                    "counts": schema.counts(),
                    "written": written,
                    "sqlite_tables_created": applied,
                },
                ensure_ascii=False,
            )
        )
        return
    show(
        str(output / EXAMPLE),
        from_=None,
        lenient=False,
        max_bytes=DEFAULT_MAX_BYTES,
        format=OutputFormat.text,
    )
    err.print()
    for dialect, info in written.items():
        warn = f", {info['warnings']} warning(s)" if info["warnings"] else ""
        err.print(f"[green]wrote[/green] {info['file']} ({dialect}{warn})")
    err.print(f"[green]wrote[/green] {json_path}")
    err.print(f"[green]checked[/green] the SQLite DDL creates {applied} tables in an in-memory database")
    example = output / EXAMPLE
    err.print(
        f"\nNext: [bold]sekkei convert {example} --to mysql[/bold] (shows its warnings), "
        f"[bold]sekkei show {example} --format json[/bold]"
    )
