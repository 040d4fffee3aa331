"""`sekkei rules` and `sekkei explain`: what every lint rule checks, why, and how to configure it."""

from __future__ import annotations

import difflib
import enum
import io
import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sekkei.cli.common import OutputFormat, out
from sekkei.cli.plugins import plugins
from sekkei.lint import ruledoc
from sekkei.lint.rule import Rule
from sekkei.model.diagnostics import Problem, UsageError


class Lang(str, enum.Enum):
    en = "en"
    ja = "ja"


LangOption = typer.Option("--lang", "-l", help="Language of the descriptions.", case_sensitive=False)
RulesFormatOption = typer.Option(
    "--format", "-f", help="A table for people, or JSON with every detail.", case_sensitive=False
)

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan", "off": "dim"}


def _rules() -> list[type[Rule]]:
    """The rules of this run: Sekkei's own and those of installed plugins."""
    return plugins().rules()


def rules(
    category: Annotated[
        str | None,
        typer.Option("--category", "-c", help="Only the rules of this category (e.g. naming, keys)."),
    ] = None,
    format: Annotated[OutputFormat, RulesFormatOption] = OutputFormat.text,
    lang: Annotated[Lang, LangOption] = Lang.en,
) -> None:
    """List every lint rule: code, name, category, default severity, fixes, dialects, summary."""
    found = _rules()
    if category is not None:
        found = _in_category(found, category)
    if format is OutputFormat.json:
        data = {
            "rules": [ruledoc.metadata(rule) for rule in found],
            "categories": {
                key: {language: ruledoc.category_title(key, language) for language in ruledoc.LANGS}
                for key in sorted({rule.category for rule in found}, key=ruledoc.category_order)
            },
        }
        out.print_json(json.dumps(data, ensure_ascii=False))
        return
    language = lang.value
    table = Table(show_edge=False, header_style="bold", pad_edge=False)
    for key, style in (
        ("code", "bold"),
        ("name", ""),
        ("category", ""),
        ("severity", ""),
        ("fix", ""),
        ("dialects", ""),
        ("summary", ""),
    ):
        table.add_column(
            ruledoc.label(key, language),
            style=style or None,
            no_wrap=key != "summary" or not out.is_terminal,
        )
    for rule in sorted(found, key=lambda r: (ruledoc.category_order(r.category), r.code)):
        table.add_row(
            rule.code,
            rule.name,
            rule.category,
            Text(rule.severity, style=_SEVERITY_STYLE.get(rule.severity, "")),
            "✓" if rule.fixable else "",
            ruledoc.dialects_text(rule, language),
            ruledoc.summary(rule, language),
        )
    if out.is_terminal:
        out.print(table)
    else:  # piped into grep and friends: one line per rule, not squeezed into 80 columns
        buffer = io.StringIO()
        Console(file=buffer, width=1000, color_system=None, highlight=False).print(table)
        sys.stdout.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))
    out.print(
        f"{len(found)} rules · `sekkei explain CODE` for one rule · configure in sekkei.toml [lint.rules]",
        style="dim",
        markup=False,
    )


def explain(
    code: Annotated[str, typer.Argument(help="A rule code (KEY001) or name (table-without-primary-key).")],
    lang: Annotated[Lang, LangOption] = Lang.en,
    format: Annotated[OutputFormat, RulesFormatOption] = OutputFormat.text,
) -> None:
    """Explain one lint rule: what it checks, why, what to do instead, its options."""
    found = _rules()
    rule = ruledoc.find_rule(found, code)
    if rule is None:
        close = ruledoc.suggest(found, code)
        raise UsageError(
            Problem(
                f"unknown rule {code!r}",
                hint=f"did you mean {close!r}?" if close else "`sekkei rules` lists every rule",
                code="usage",
            )
        )
    if format is OutputFormat.json:
        out.print_json(json.dumps(ruledoc.metadata(rule), ensure_ascii=False))
        return
    _explain_text(rule, lang.value)


def _explain_text(rule: type[Rule], lang: str) -> None:
    doc = ruledoc.documentation(rule, lang)
    label = ruledoc.label
    header = Text()
    header.append(f"{rule.code} ", style="bold")
    header.append(rule.name, style="bold cyan")
    out.print(header)
    out.print(ruledoc.summary(rule, lang), markup=False, highlight=False, soft_wrap=False)
    out.print()
    facts = [
        (label("category", lang), f"{rule.category} ({ruledoc.category_title(rule.category, lang)})"),
        (label("default_severity", lang), rule.severity),
        (label("fixable", lang), label("yes" if rule.fixable else "no", lang)),
        (label("dialects", lang), ruledoc.dialects_text(rule, lang)),
    ]
    width = max(len(name) for name, _ in facts) if lang == "en" else 0
    for name, value in facts:
        line = Text()
        line.append(f"{name}:".ljust(width + 1) + " ", style="bold")
        line.append(value)
        out.print(line)
    for key in ("details", "why", "instead", "example"):
        if doc.get(key):
            out.print()
            if key != "details":
                out.print(Text(label(key, lang), style="bold underline"))
            for paragraph in doc[key].split("\n\n"):
                out.print(paragraph, markup=False, highlight=False, soft_wrap=False)
    options = ruledoc.options(rule)
    out.print()
    out.print(Text(label("options", lang), style="bold underline"))
    if not options:
        out.print(label("no_options", lang), markup=False)
    for option in options:
        default = ruledoc.toml_value(option.default) if option.default is not None else label("not_set", lang)
        line = Text()
        line.append(option.name, style="bold")
        line.append(f" ({option.type}; {label('default', lang)} {default})", style="dim")
        out.print(line)
        if option.description:
            out.print("    " + option.description, markup=False, highlight=False, soft_wrap=False)
    out.print()
    out.print(Text(f"{label('config', lang)} (sekkei.toml)", style="bold underline"))
    out.print(ruledoc.example_config(rule).rstrip(), markup=False, highlight=False)


def _in_category(found: list[type[Rule]], category: str) -> list[type[Rule]]:
    known = sorted({rule.category for rule in found}, key=ruledoc.category_order)
    wanted = category.strip().lower()
    if wanted not in known:
        close = difflib.get_close_matches(wanted, known, n=1)
        raise UsageError(
            Problem(
                f"unknown category {category!r}",
                expected=", ".join(known),
                hint=f"did you mean {close[0]!r}?" if close else None,
                code="usage",
            )
        )
    return [rule for rule in found if rule.category == wanted]
