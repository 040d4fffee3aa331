"""Entry point of the `sekkei` command: builds the Typer app and maps errors to exit codes."""

from __future__ import annotations

import sys
import traceback
from typing import Annotated

import typer

from sekkei import __version__
from sekkei.cli.commands.convert import convert
from sekkei.cli.commands.demo import demo
from sekkei.cli.commands.fmt import fmt
from sekkei.cli.commands.generate import generate
from sekkei.cli.commands.import_ import import_
from sekkei.cli.commands.jsonschema import json_schema
from sekkei.cli.commands.lint import lint
from sekkei.cli.commands.plugins import plugins_command
from sekkei.cli.commands.rules import explain, rules
from sekkei.cli.commands.show import show
from sekkei.cli.common import EXIT_BUG, EXIT_INPUT, Exit, OutputFormat, Session, err, print_problems
from sekkei.cli.plugins import start as start_plugins
from sekkei.model.diagnostics import SekkeiError

app = typer.Typer(
    name="sekkei",
    help="Sekkei (設計): design a database schema once; check it and turn it into DDL, "
    "migrations, docs and diagrams.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sekkei {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    no_plugins: Annotated[
        bool,
        typer.Option("--no-plugins", help="Use only Sekkei's own rules, formats and generators."),
    ] = False,
) -> None:
    """Sekkei (設計): one schema model, checked and turned into everything else."""
    # every command sees the same plugins; `sekkei plugins` lists the skipped ones itself
    start_plugins(enabled=not no_plugins, report=ctx.invoked_subcommand != "plugins")


app.command("convert")(convert)
app.command("import")(import_)
app.command("fmt")(fmt)
app.command("show")(show)
app.command("json-schema")(json_schema)
app.command("lint")(lint)
app.command("rules")(rules)
app.command("explain")(explain)
app.command("demo")(demo)
app.command("generate")(generate)
app.command("plugins")(plugins_command)


def _wants_json(argv: list[str]) -> bool:
    for i, arg in enumerate(argv):
        if arg in {"--format=json", "-f=json"} or (
            arg in {"--format", "-f"} and argv[i + 1 : i + 2] == ["json"]
        ):
            return True
    return False


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; user mistakes exit 2 with a message, our bugs exit 3 with a trace."""
    args = list(sys.argv[1:] if argv is None else argv)
    session = Session(OutputFormat.json if _wants_json(args) else OutputFormat.text)
    try:
        result = app(args=args, standalone_mode=False)
        sys.exit(result if isinstance(result, int) else 0)
    except Exit as exc:
        sys.exit(exc.code)
    except SekkeiError as exc:
        print_problems(session, exc.problems)
        sys.exit(EXIT_INPUT)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # usage errors of the command line, and our own bugs
        # Typer vendors click; its usage errors are recognised by shape
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            sys.exit(EXIT_INPUT)
        err.print("[bold red]internal error[/bold red] (this is a bug in Sekkei, not in your input):")
        err.print("".join(traceback.format_exception(exc)), markup=False, highlight=False)
        err.print("Please report it with the command you ran: https://github.com/sekkei-dev/sekkei/issues")
        sys.exit(EXIT_BUG)


if __name__ == "__main__":
    main()
