"""`sekkei fmt`: rewrite schema files in canonical form (comments kept), or check them."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Annotated

import typer

from sekkei.cli.common import (
    EXIT_FINDINGS,
    Exit,
    FormatOption,
    OutputFormat,
    Session,
    err,
    out,
    print_notes,
    write_output,
)
from sekkei.formats.base import ReadOptions, WriteOptions
from sekkei.formats.house import JsonFormat, reformat_yaml
from sekkei.formats.io import read_text
from sekkei.formats.registry import for_path
from sekkei.model.diagnostics import Notes, SekkeiError, UsageError

_PATTERNS = ("*.sekkei.yaml", "*.sekkei.yml", "*.sekkei.json")


def _files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths or [Path(".")]:
        if path.is_dir():
            for pattern in _PATTERNS:
                found.extend(p for p in sorted(path.rglob(pattern)) if ".git" not in p.parts)
        else:
            found.append(path)
    return found


def canonical_text(path: Path, text: str, notes: Notes) -> str:
    """The canonical form of a YAML or JSON schema file."""
    fmt = for_path(path)
    options = ReadOptions(source=str(path))
    if fmt.name == "yaml":
        return reformat_yaml(text, options, notes)
    if fmt.name == "json":
        json_format = JsonFormat()
        return json_format.write(json_format.read(text, options, notes), WriteOptions(), notes)
    raise UsageError(f"{path}: fmt works on YAML and JSON schema files, not {fmt.name}")


def fmt(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or directories (default: *.sekkei.yaml/json under the current directory)."
        ),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; exit 1 if a file is not canonical (for CI).")
    ] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Show what would change.")] = False,
    format: OutputFormat = FormatOption,
) -> None:
    """Format schema files canonically: stable key order, one line per column, comments kept."""
    session = Session(format)
    files = _files(paths or [])
    if not files:
        raise UsageError("no schema files found (looked for *.sekkei.yaml and *.sekkei.json)")
    changed: list[str] = []
    failed: list[SekkeiError] = []
    notes = Notes()
    for path in files:
        try:
            text = read_text(path, 200 * 1024 * 1024)
            new = canonical_text(path, text, notes)
        except SekkeiError as exc:
            session.sources[str(path)] = (
                path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
            )
            failed.append(exc)
            continue
        if new == text:
            continue
        changed.append(str(path))
        if diff and not session.json:
            for line in difflib.unified_diff(
                text.splitlines(), new.splitlines(), str(path), str(path), lineterm=""
            ):
                style = "green" if line.startswith("+") else "red" if line.startswith("-") else None
                out.print(line, style=style, markup=False)
        if not check:
            write_output(str(path), new)
    if session.json:
        out.print_json(
            json.dumps(
                {
                    "ok": not failed and not (check and changed),
                    "changed": changed,
                    "checked": [str(f) for f in files],
                    "errors": [p.to_dict() for e in failed for p in e.problems],
                },
                ensure_ascii=False,
            )
        )
    else:
        from sekkei.cli.common import print_problems

        for failure in failed:
            print_problems(session, failure.problems)
        print_notes(session, notes)
        verb = "would reformat" if check else "reformatted"
        for name in changed:
            err.print(f"{verb} {name}")
        err.print(f"{len(files)} file(s) checked, {len(changed)} {'need formatting' if check else 'changed'}")
    if failed:
        raise Exit(2)
    if check and changed:
        raise Exit(EXIT_FINDINGS)
