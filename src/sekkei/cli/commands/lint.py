"""`sekkei lint`: check schema files (or a live database) against the rules, and fix what is safe."""

from __future__ import annotations

import difflib
import enum
from pathlib import Path
from typing import Annotated

import typer

from sekkei import __version__
from sekkei.cli.common import EXIT_FINDINGS, EXIT_INPUT, Exit, err, is_url, write_output
from sekkei.cli.plugins import plugins
from sekkei.formats.base import ReadOptions
from sekkei.formats.house import YamlFormat
from sekkei.formats.house_data import file_data
from sekkei.formats.io import read_text
from sekkei.formats.registry import for_path, read_string, resolve, write_string
from sekkei.formats.sql.detect import detect_dialect
from sekkei.formats.yaml_read import load as load_yaml
from sekkei.formats.yaml_write import collect_comments, dump
from sekkei.lint.config import LintConfig, build_rules, find_config, load_config
from sekkei.lint.engine import lint_schema
from sekkei.lint.fixes import FixResult, fix_until_stable
from sekkei.lint.reporters import FileResult, RunResult, get_reporter
from sekkei.lint.rule import Rule
from sekkei.lint.suppress import sql_suppressions
from sekkei.model.diagnostics import Notes, SekkeiError, UsageError
from sekkei.model.dialects import normalize_dialect
from sekkei.model.schema import Schema

_RANK = {"error": 3, "warning": 2, "info": 1}
_SCHEMA_FILES = ("*.sekkei.yaml", "*.sekkei.yml", "*.sekkei.json")


class ReportFormat(str, enum.Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _inputs(paths: list[str]) -> list[str]:
    found: list[str] = []
    for raw in paths or ["."]:
        if is_url(raw):
            found.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            for pattern in _SCHEMA_FILES:
                found.extend(str(p) for p in sorted(path.rglob(pattern)) if ".git" not in p.parts)
        else:
            found.append(raw)
    return found


def _config(explicit: Path | None, start: str) -> LintConfig:
    if explicit is not None:
        return load_config(explicit)
    return load_config(find_config(start if not is_url(start) else "."))


def _read(
    path: str, from_: str | None, dialect: str | None, notes: Notes, keep: FileResult | None = None
) -> tuple[Schema, str | None]:
    """Read one input; `keep` gets the text first, so a report can quote it even if it is broken."""
    if is_url(path):
        from sekkei.cli.database import read_url

        return read_url(path, notes=notes, show_progress=False), None
    text = read_text(path, 200 * 1024 * 1024)
    if keep is not None:
        keep.source = text
    # the file's own dialect comes from --from, else its name or syntax; the lint target
    # (`dialect`) is only a last resort for SQL that shows no dialect at all
    if from_:
        fmt, read_dialect = resolve(from_)
    else:
        fmt, read_dialect = for_path(path), None
    if read_dialect is None and fmt.name == "sql":
        guessed, confident = detect_dialect(text, name=path)
        read_dialect = guessed if confident or dialect is None else dialect
    options = ReadOptions(dialect=read_dialect, source=path)
    schema = read_string(text, fmt, options=options, notes=notes)
    return schema, text


def _fix_file(path: str, text: str, schema: Schema, rules: list[Rule], config: LintConfig) -> FixResult:
    """Fix a schema file in place (comments kept) until no fixable finding is left."""
    fixed = fix_until_stable(schema, lambda current: lint_schema(current, rules, config).findings)
    if not fixed.applied:
        return fixed
    fmt = for_path(path)
    if isinstance(fmt, YamlFormat):
        loaded = load_yaml(text, file=path, max_nodes=20_000_000, max_depth=100, track_paths=True)
        comments = collect_comments(text, loaded.line_paths, loaded.scalar_lines)
        for finding in fixed.applied:
            for old, new in finding.fix.moves if finding.fix else ():
                comments.move(old, new)
        new_text = dump(file_data(fixed.schema), comments)
    else:
        new_text = write_string(fixed.schema, fmt)
    write_output(path, new_text)
    return fixed


def lint(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Schema files, directories or database URLs; default: schema files here."
        ),
    ] = None,
    config_file: Annotated[
        Path | None,
        typer.Option(
            "--config",
            "-c",
            help="Configuration file (default: nearest sekkei.toml or pyproject.toml with [tool.sekkei]).",
        ),
    ] = None,
    dialect: Annotated[
        str | None,
        typer.Option(
            "--dialect", "-d", help="Target dialect for dialect rules (reserved words, name lengths)."
        ),
    ] = None,
    from_: Annotated[
        str | None, typer.Option("--from", help="Input format or SQL dialect of the files.")
    ] = None,
    format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="Report format: text for people; json; sarif (code scanning); github (annotations); "
            "junit (CI test reports). See docs/ci.md.",
            case_sensitive=False,
        ),
    ] = ReportFormat.text,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding has this severity or worse (default from the configuration: error).",
        ),
    ] = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply safe fixes to YAML/JSON schema files and show the diff.")
    ] = False,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write the report to a file instead of standard output."),
    ] = None,
) -> None:
    """Check schemas against the lint rules (see `sekkei rules`)."""
    inputs = _inputs(paths or [])
    if not inputs:
        raise UsageError(
            "no schema files found (looked for *.sekkei.yaml and *.sekkei.json); name files or URLs"
        )
    loaded = plugins()
    rule_classes: list[type[Rule]] = loaded.rules()
    base = _config(config_file, inputs[0])
    if dialect:
        try:
            base = base.model_copy(update={"dialect": normalize_dialect(dialect)})
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    results: list[FileResult] = []
    rule_sets: dict[str, list[Rule]] = {}
    bad_input = False
    for path in inputs:
        result = FileResult(path)
        results.append(result)
        config = base.for_path(None if is_url(path) else path)
        key = config.model_dump_json()
        if key not in rule_sets:
            rule_sets[key] = build_rules(rule_classes, config)
        notes = Notes()
        try:
            schema, text = _read(path, from_, config.dialect, notes, keep=result)
        except SekkeiError as exc:
            result.problems = exc.problems
            bad_input = True
            continue
        result.source = text
        extra = (
            sql_suppressions(text, schema, notes, path) if text is not None and _is_sql(path, from_) else None
        )
        result.report = lint_schema(schema, rule_sets[key], config, extra_nolint=extra, file=path)
        if fix and any(f.fix is not None for f in result.report.findings):
            if text is None or _is_sql(path, from_):
                err.print(f"[yellow]{path}: fixes apply to YAML and JSON schema files; not changed[/yellow]")
            else:
                fixed = _fix_file(path, text, schema, rule_sets[key], config)
                if fixed.applied:
                    # report what is left, with the locations of the rewritten file
                    schema, new_text = _read(path, from_, config.dialect, Notes())
                    result.diff = "".join(
                        difflib.unified_diff(text.splitlines(True), new_text.splitlines(True), path, path)
                        if new_text is not None
                        else []
                    )
                    result.source = new_text
                    result.fixed = fixed.applied
                    result.report = lint_schema(schema, rule_sets[key], config, file=path)
    threshold = fail_on.value if fail_on else base.fail_on
    run = RunResult(
        results,
        rule_classes,
        threshold,
        color=_color(output),
        tool_version=__version__,
    )
    if fix and format is ReportFormat.text:
        for result in results:
            if result.diff:
                err.print(result.diff, markup=False, highlight=False)
                err.print(f"[green]fixed[/green] {len(result.fixed)} finding(s) in {result.path}")
    write_output(output, get_reporter(format.value)(run))
    if bad_input:
        raise Exit(EXIT_INPUT)
    if threshold != "never" and any(_RANK[f.severity] >= _RANK[threshold] for f in run.findings):
        raise Exit(EXIT_FINDINGS)


def _is_sql(path: str, from_: str | None) -> bool:
    if from_:
        return from_.lower() not in {"yaml", "json"}
    return path.lower().endswith((".sql", ".ddl", ".psql", ".pgsql", ".mysql"))


def _color(output: str | None) -> bool:
    """Colour a text report only on a terminal: never in a file, nor with NO_COLOR set."""
    import os
    import sys

    return output in (None, "-") and sys.stdout.isatty() and "NO_COLOR" not in os.environ
