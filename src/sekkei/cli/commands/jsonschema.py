"""`sekkei json-schema`: the JSON Schema of schema files, for editors."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from sekkei.cli.common import err, write_output
from sekkei.formats.jsonschema import house_json_schema


def json_schema(
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="File to write (default: standard output).")
    ] = None,
) -> None:
    """Write the JSON Schema of *.sekkei.yaml / *.sekkei.json files.

    In VS Code (YAML extension), add to settings.json:
    "yaml.schemas": {"./sekkei.schema.json": "*.sekkei.yaml"}
    """
    text = json.dumps(house_json_schema(), indent=2, ensure_ascii=False) + "\n"
    write_output(output, text)
    if output not in (None, "-"):
        err.print(f"[green]wrote[/green] {output}")
