"""`sekkei generate`: run a generator (built-in or from a plugin) on a schema and write its files."""

from __future__ import annotations

import difflib
import json
import traceback
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from sekkei.cli.common import (
    EXIT_BUG,
    EXIT_FINDINGS,
    Exit,
    FailOn,
    FormatOption,
    MaxBytesOption,
    OutputFormat,
    Session,
    err,
    fails,
    load_schema,
    notes_json,
    out,
    print_notes,
    write_output,
)
from sekkei.cli.plugins import plugins
from sekkei.generate.base import Generator, GeneratorOptions, unsafe_paths
from sekkei.model.diagnostics import Notes, Problem, SekkeiError, UsageError
from sekkei.plugins import Plugins


def _options(pairs: list[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    problems = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            problems.append(Problem(f"--option {pair!r} is not KEY=VALUE", code="generate.option"))
        else:
            options[key.strip()] = value
    if problems:
        raise UsageError(problems)
    return options


def _find(loaded: Plugins, name: str) -> Generator:
    found = loaded.generator(name)
    if found is not None:
        return found
    known = [g.name for g in loaded.generators()]
    close = difflib.get_close_matches(name, known, n=1)
    raise UsageError(
        Problem(
            f"unknown generator {name!r}",
            expected="one of: " + ", ".join(known),
            hint=f"did you mean {close[0]!r}?" if close else "`sekkei generate --list` shows them all",
            code="generate.unknown",
        )
    )


def _list(session: Session, loaded: Plugins) -> None:
    rows: list[dict[str, Any]] = []
    for generator in loaded.generators():
        provider = loaded.provider("generators", generator.name)
        rows.append(
            {
                "name": generator.name,
                "description": generator.description,
                "default_name": generator.default_name or None,
                "options": dict(generator.options),
                "plugin": provider.name if provider else None,
            }
        )
    if session.json:
        out.print_json(json.dumps({"generators": rows}, ensure_ascii=False))
        return
    for row in rows:
        origin = "" if row["plugin"] == "sekkei" else f" [dim](plugin {escape(str(row['plugin']))})[/dim]"
        out.print(f"[bold]{escape(row['name'])}[/bold]{origin}  {escape(row['description'])}")
        for key, text in row["options"].items():
            out.print(f"    --option {escape(key)}=…  {escape(text)}")


def _run(loaded: Plugins, generator: Generator, *args: Any) -> dict[str, str]:
    """The generator's files; a plugin's crash is reported as the plugin's bug, not Sekkei's."""
    provider = loaded.provider("generators", generator.name)
    if provider is None or provider.builtin:
        return generator.generate(*args)
    try:
        return generator.generate(*args)
    except SekkeiError:
        raise
    except Exception as exc:
        err.print(
            f"[bold red]generator {escape(generator.name)} failed[/bold red] "
            f"(a bug in the plugin {escape(provider.name)}, not in your input):"
        )
        err.print("".join(traceback.format_exception(exc)), markup=False, highlight=False)
        raise Exit(EXIT_BUG) from None


def _destinations(files: dict[str, str], output: str | None, name: str) -> dict[str, str | None]:
    """Where each file goes: None for standard output, else a path."""
    if output in (None, "-"):
        if len(files) > 1:
            listed = ", ".join(sorted(files)[:3]) + (", …" if len(files) > 3 else "")
            raise UsageError(
                f"generator {name} writes {len(files)} files ({listed}); give -o DIRECTORY to write them"
            )
        return dict.fromkeys(files)
    target = Path(output)
    if len(files) == 1 and not target.is_dir() and not output.endswith(("/", "\\")):
        return {path: str(target) for path in files}
    return {path: str(target.joinpath(*path.split("/"))) for path in files}


def generate(
    generator: Annotated[
        str | None, typer.Argument(help="Generator name (`sekkei generate --list` shows them).")
    ] = None,
    schema: Annotated[
        str | None, typer.Argument(help="Schema file (.sekkei.yaml, .json, .sql, …) or database URL.")
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Output file, or directory for generators of several files; '-' or absent: standard output.",
        ),
    ] = None,
    option: Annotated[
        list[str] | None,
        typer.Option("--option", help="A generator setting KEY=VALUE (repeatable; see --list)."),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of generated text: en or ja.")] = "en",
    list_: Annotated[
        bool, typer.Option("--list", help="List the generators and their options, then exit.")
    ] = False,
    from_: Annotated[
        str | None, typer.Option("--from", help="Input format or SQL dialect (default: from the file name).")
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
    """Generate files from a schema: diagrams, documentation, code (plugins add generators).

    Examples: `sekkei generate mermaid shop.sekkei.yaml -o shop.mmd`,
    `sekkei generate mermaid shop.sekkei.yaml --option columns=keys`, `sekkei generate --list`.
    """
    session = Session(format)
    loaded = plugins()
    if list_:
        _list(session, loaded)
        return
    if generator is None or schema is None:
        raise UsageError("name a generator and a schema: sekkei generate GENERATOR SCHEMA (or --list)")
    if lang not in {"en", "ja"}:
        raise UsageError(Problem(f"--lang {lang!r} is not supported", expected="en or ja", code="usage"))
    chosen = _find(loaded, generator)
    settings = GeneratorOptions(lang=lang, options=_options(option or []))
    chosen.check_options(settings)
    notes = Notes()
    model = load_schema(session, schema, fmt=from_, notes=notes, strict=not lenient, max_bytes=max_bytes)
    files = _run(loaded, chosen, model, settings, notes)
    bad = unsafe_paths(files) if isinstance(files, dict) else ["(not a mapping of path to text)"]
    if bad:
        err.print(
            f"[bold red]generator {escape(chosen.name)} returned unusable file names[/bold red] "
            f"{escape(', '.join(bad))} (a bug in the generator)"
        )
        raise Exit(EXIT_BUG)
    destinations = _destinations(files, output, chosen.name)
    failed = fails(notes, fail_on)
    if session.json:
        report: dict[str, Any] = {
            "ok": not failed,
            "generator": chosen.name,
            "files": [
                {"path": path, "output": dest or "-", **({"text": files[path]} if dest is None else {})}
                for path, dest in destinations.items()
            ],
            "notes": notes_json(notes),
        }
        out.print_json(json.dumps(report, ensure_ascii=False))
    else:
        print_notes(session, notes)
    if failed:
        err.print("[red]not written:[/red] notes reached --fail-on " + fail_on.value)
        raise Exit(EXIT_FINDINGS)
    for path, dest in destinations.items():
        if dest is None:
            if not session.json:
                write_output(None, files[path])
            continue
        Path(dest).parent.mkdir(parents=True, exist_ok=True)
        write_output(dest, files[path])
        if not session.json:
            err.print(f"[green]wrote[/green] {escape(dest)}")
