"""`sekkei show`: a summary of a schema (tables, keys, indexes) for a person or a tool."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table as RichTable

from sekkei.cli.common import (
    FormatOption,
    MaxBytesOption,
    OutputFormat,
    Session,
    load_schema,
    notes_json,
    out,
    print_notes,
)
from sekkei.model.canonical import schema_hash
from sekkei.model.diagnostics import Notes
from sekkei.model.schema import Schema


def summary(schema: Schema) -> dict[str, Any]:
    """Plain data describing the schema, for --format json."""
    tables = []
    for key, table in schema.tables.items():
        tables.append(
            {
                "table": key,
                "columns": len(table.columns),
                "primary_key": list(table.primary_key.columns) if table.primary_key else None,
                "foreign_keys": [
                    {"columns": list(fk.columns), "references": fk.references.table}
                    for fk in table.foreign_keys
                ],
                "indexes": len(table.indexes),
                "uniques": len(table.uniques),
                "checks": len(table.checks),
                "comment": table.comment,
            }
        )
    return {
        "name": schema.name,
        "dialect": schema.dialect,
        "hash": schema_hash(schema),
        "counts": schema.counts(),
        "tables": tables,
        "views": list(schema.views),
        "enums": {k: list(e.values) for k, e in schema.enums.items()},
    }


def show(
    source: Annotated[str, typer.Argument(help="Schema file or database URL.")],
    from_: Annotated[str | None, typer.Option("--from", help="Input format or SQL dialect.")] = None,
    lenient: Annotated[bool, typer.Option("--lenient", help="Turn broken references into warnings.")] = False,
    max_bytes: int = MaxBytesOption,
    format: OutputFormat = FormatOption,
) -> None:
    """Show what a schema contains: one row per table, then the other objects."""
    session = Session(format)
    notes = Notes()
    schema = load_schema(session, source, fmt=from_, notes=notes, strict=not lenient, max_bytes=max_bytes)
    if session.json:
        data = summary(schema)
        data["notes"] = notes_json(notes)
        out.print_json(json.dumps(data, ensure_ascii=False))
        return
    print_notes(session, notes)
    title = schema.name or source
    grid = RichTable(title=f"{title} ({schema.dialect or 'no dialect'})", title_justify="left")
    for name, justify in (
        ("table", "left"),
        ("columns", "right"),
        ("primary key", "left"),
        ("references", "left"),
        ("indexes", "right"),
        ("comment", "left"),
    ):
        grid.add_column(name, justify=justify)  # type: ignore[arg-type]
    for key, table in schema.tables.items():
        refs = sorted({fk.references.table for fk in table.foreign_keys})
        grid.add_row(
            key,
            str(len(table.columns)),
            ", ".join(table.primary_key.columns) if table.primary_key else "[red]none[/red]",
            ", ".join(refs),
            str(len(table.indexes) + len(table.uniques)),
            (table.comment or "").split("\n", 1)[0][:60],
        )
    out.print(grid)
    counts = schema.counts()
    parts = [
        f"{counts[k]} {k.replace('_', ' ')}"
        for k in (
            "tables",
            "columns",
            "foreign_keys",
            "indexes",
            "views",
            "enums",
            "domains",
            "sequences",
            "routines",
            "triggers",
        )
        if counts[k]
    ]
    out.print(", ".join(parts))
    for key, enum in schema.enums.items():
        out.print(f"enum {key}: {', '.join(enum.values)}")
    for key, view in schema.views.items():
        kind = "materialized view" if view.materialized else "view"
        out.print(f"{kind} {key}")
