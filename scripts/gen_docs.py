"""Generate the reference parts of docs/ from the code (run after changing commands, types or rules).

python scripts/gen_docs.py          # rewrite docs/cli.md, docs/reference/types.md, docs/rules.md, docs/ja/rules.md
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


_RULES_INTRO = {
    "en": [
        "# Lint rules",
        "",
        "Generated from the rule classes by `scripts/gen_docs.py` ([日本語](ja/rules.md)).",
        "`sekkei rules` lists the same rules (with those of installed plugins), and",
        "`sekkei explain CODE` prints one rule's section. Set severities and options in",
        "`sekkei.toml` under `[lint.rules]`; a code prefix (`NAM`) or a category (`naming`) sets",
        "the severity of a whole group (see the [guide](guide.md#check-the-design)).",
        "Silence one finding with `nolint: {CODE: reason}` on the object (YAML) or a",
        "`-- sekkei:nolint CODE reason` comment before the statement (SQL).",
    ],
    "ja": [
        "# Lint ルール一覧",
        "",
        "`scripts/gen_docs.py` がルールのクラスから生成しています([English](../rules.md))。",
        "`sekkei rules --lang ja` で同じ一覧(インストール済みプラグインのルールを含む)を、",
        "`sekkei explain CODE --lang ja` で 1 つのルールの説明を表示できます。重大度とオプションは",
        "`sekkei.toml` の `[lint.rules]` で設定します。コードの接頭辞(`NAM`)や分類(`naming`)で",
        "グループ全体の重大度を変えられます。個々の指摘は、YAML ではオブジェクトに",
        "`nolint: {CODE: 理由}`、SQL では文の前に `-- sekkei:nolint CODE 理由` と書いて抑止します。",
    ],
}


def rules_reference(lang: str) -> str:
    from sekkei.lint import ruledoc
    from sekkei.lint.rules import builtin_rules

    rules = sorted(builtin_rules(), key=lambda r: (ruledoc.category_order(r.category), r.code))
    categories = list(dict.fromkeys(rule.category for rule in rules))
    label = ruledoc.label
    lines = [*_RULES_INTRO[lang], "", f"## {'Index' if lang == 'en' else '索引'}", ""]
    for category in categories:
        lines += [
            f"**{ruledoc.category_title(category, lang)}** (`{category}`)",
            "",
            f"| {label('code', lang)} | {label('name', lang)} | {label('severity', lang)} | "
            f"{label('fix', lang)} | {label('summary', lang)} |",
            "|---|---|---|---|---|",
        ]
        for rule in (r for r in rules if r.category == category):
            summary = ruledoc.summary(rule, lang).replace("|", "\\|")
            fixable = "✓" if rule.fixable else ""
            lines.append(
                f"| [{rule.code}](#{ruledoc.anchor(rule)}) | `{rule.name}` | {rule.severity} | {fixable} | {summary} |"
            )
        lines.append("")
    for category in categories:
        lines += [f"## {ruledoc.category_title(category, lang)}", ""]
        for rule in (r for r in rules if r.category == category):
            lines += [ruledoc.markdown(rule, lang, level=3).rstrip(), ""]
    return "\n".join(lines)


OUTPUTS: dict[str, Any] = {
    "docs/cli.md": cli_reference,
    "docs/reference/types.md": types_reference,
    "docs/rules.md": lambda: rules_reference("en"),
    "docs/ja/rules.md": lambda: rules_reference("ja"),
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
