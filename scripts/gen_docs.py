"""Generate the reference parts of docs/ from the code (run after changing commands or types).

python scripts/gen_docs.py          # rewrite docs/cli.md and docs/reference/types.md
python scripts/gen_docs.py --check  # exit 1 if they are out of date (the tests do this)
"""

from __future__ import annotations

import argparse
import enum
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def cli_reference() -> str:
    import typer

    from sekkei.cli.main import app

    # Typer ships its own copy of click, so classes are recognised by shape, not imported
    group: Any = typer.main.get_command(app)
    lines = [
        "# Command reference",
        "",
        "Generated from the commands themselves by `scripts/gen_docs.py`;",
        "`sekkei COMMAND --help` prints the same.",
        "",
    ]
    ctx = group.context_class(group, info_name="sekkei")
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        lines += [f"## sekkei {name}", ""]
        help_text = (command.help or "").strip()
        lines += [help_text, ""]
        usage_parts = []
        rows: list[str] = []
        for param in command.params:
            if param.param_type_name == "argument":
                metavar = param.name.upper() if param.name else "ARG"
                usage_parts.append(metavar + ("..." if param.nargs == -1 else ""))
                rows.append(f"| `{metavar}` | {getattr(param, 'help', '') or ''} |")
            elif param.param_type_name == "option":
                if param.name == "help":
                    continue
                opts = ", ".join(f"`{o}`" for o in param.opts + param.secondary_opts)
                choices = ""
                if isinstance(param.default, enum.Enum):
                    choices = " One of: " + ", ".join(f"`{c.value}`" for c in type(param.default)) + "."
                default = ""
                if param.default not in (None, False, (), []) and not param.is_flag:
                    value = getattr(param.default, "value", param.default)
                    default = f" Default: `{value}`."
                rows.append(f"| {opts} | {(param.help or '').strip()}{choices}{default} |")
        lines += ["```", f"sekkei {name} [OPTIONS] {' '.join(usage_parts)}".rstrip(), "```", ""]
        if rows:
            lines += ["| argument / option | meaning |", "|---|---|", *rows, ""]
    return "\n".join(lines)


def types_reference() -> str:
    from sekkei.formats.sql.typemap import write_type
    from sekkei.model.dialects import DIALECTS
    from sekkei.model.types import ALIASES, parse_type

    samples = [
        "boolean",
        "tinyint",
        "smallint",
        "integer",
        "bigint",
        "integer unsigned",
        "numeric(10,2)",
        "numeric",
        "real",
        "double",
        "money",
        "char(3)",
        "varchar(255)",
        "varchar",
        "text",
        "binary(16)",
        "varbinary(255)",
        "bytes",
        "date",
        "time",
        "timetz",
        "timestamp",
        "timestamp(3)",
        "timestamptz",
        "interval",
        "uuid",
        "json",
        "jsonb",
        "xml",
        "inet",
        "cidr",
        "macaddr",
        "bit(8)",
        "varbit",
        "enum('a','b')",
        "set('a','b')",
        "text[]",
    ]
    lines = [
        "# Column types",
        "",
        "Generated from `sekkei.formats.sql.typemap` by `scripts/gen_docs.py`.",
        "",
        "A column's `type` is one of the canonical types below. Each cell shows how it is",
        "written for a dialect; a `*` marks an approximation, which produces a warning naming",
        "the column when written. A column can also carry the exact spelling it had in one",
        "database in `native` (e.g. `native: {mysql: mediumint(8) unsigned}`), which that",
        "database's writer uses verbatim.",
        "",
        "| canonical | " + " | ".join(DIALECTS) + " |",
        "|---|" + "---|" * len(DIALECTS),
    ]
    for sample in samples:
        spec = parse_type(sample)
        cells = []
        for dialect in DIALECTS:
            written = write_type(spec, dialect)
            cells.append(f"`{written.text}`" + ("*" if written.loss else ""))
        lines.append(f"| `{sample}` | " + " | ".join(cells) + " |")
    lines += ["", "## Accepted spellings", "", "These are read as the canonical type on the right:", ""]
    lines += [f"- `{alias}` → `{target}`" for alias, target in sorted(ALIASES.items())]
    lines += [
        "- `float` → `double`; `float(p)` → `real` when p ≤ 24, else `double`",
        "- `serial`, `bigserial`, `smallserial` → `integer`/`bigint`/`smallint` with "
        "`identity: {generated: serial}`",
        "",
    ]
    return "\n".join(lines)


OUTPUTS: dict[str, Any] = {
    "docs/cli.md": cli_reference,
    "docs/reference/types.md": types_reference,
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    stale = []
    for relative, build in OUTPUTS.items():
        path = ROOT / relative
        text = build()
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(relative)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date (run python scripts/gen_docs.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
