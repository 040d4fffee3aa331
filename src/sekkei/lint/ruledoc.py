"""Rule documentation as data and text: options, example configuration, Markdown.

`sekkei rules`, `sekkei explain`, the SARIF reporter and ``scripts/gen_docs.py``
all describe rules.  Building the pieces here once keeps the terminal, the
generated reference and code-scanning tools saying the same thing, and since
everything is read from the rule classes, nothing can drift from the code.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from sekkei.lint.rule import CATEGORIES, Rule

LANGS = ("en", "ja")

CATEGORIES_JA: dict[str, str] = {
    "naming": "命名",
    "keys": "キーとリレーションシップ",
    "types": "型・NULL 可否・既定値",
    "indexes": "インデックス",
    "design": "正規化と設計",
    "privacy": "プライバシーと個人データ",
    "documentation": "ドキュメント",
}

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "code": "code",
        "name": "name",
        "category": "category",
        "severity": "severity",
        "default_severity": "default severity",
        "fixable": "fixable",
        "fix": "fix",
        "dialects": "dialects",
        "summary": "summary",
        "all": "all",
        "yes": "yes",
        "no": "no",
        "why": "Why",
        "instead": "Instead",
        "example": "Example",
        "options": "Options",
        "no_options": "This rule has no options.",
        "option": "option",
        "type": "type",
        "default": "default",
        "description": "description",
        "not_set": "not set",
        "config": "Configuration",
        "fix_note": "`sekkei lint --fix` fixes some findings of this rule.",
    },
    "ja": {
        "code": "コード",
        "name": "名前",
        "category": "分類",
        "severity": "重大度",
        "default_severity": "既定の重大度",
        "fixable": "自動修正",
        "fix": "修正",
        "dialects": "対象データベース",
        "summary": "概要",
        "all": "すべて",
        "yes": "あり",
        "no": "なし",
        "why": "理由",
        "instead": "代わりに",
        "example": "例",
        "options": "オプション",
        "no_options": "このルールにオプションはありません。",
        "option": "オプション",
        "type": "型",
        "default": "既定値",
        "description": "説明",
        "not_set": "未設定",
        "config": "設定",
        "fix_note": "`sekkei lint --fix` でこのルールの指摘の一部を自動修正できます。",
    },
}


def label(key: str, lang: str = "en") -> str:
    """A fixed word of the rule documentation in `lang` (English if unknown)."""
    return LABELS.get(lang, LABELS["en"])[key]


def category_title(category: str, lang: str = "en") -> str:
    """The heading of a category; a plugin's own category is shown as it is named."""
    if lang == "ja":
        return CATEGORIES_JA.get(category, category)
    return CATEGORIES.get(category, category)


def category_order(category: str) -> tuple[int, str]:
    """Built-in categories in their documented order, then plugin categories by name."""
    names = list(CATEGORIES)
    return (names.index(category), "") if category in names else (len(names), category)


def dialects_text(rule: type[Rule], lang: str = "en") -> str:
    """``all`` or the dialect families the rule applies to, comma-separated."""
    if rule.dialects is None:
        return label("all", lang)
    return ", ".join(sorted(rule.dialects))


# -- options -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionDoc:
    """One option of a rule as the docs show it."""

    name: str
    type: str
    default: Any
    """The default as JSON data; None when the option is unset by default."""
    description: str


def options(rule: type[Rule]) -> list[OptionDoc]:
    """The rule's options in declaration order, with types read from their JSON Schema."""
    schema = rule.options_schema()
    properties: dict[str, Any] = schema.get("properties", {})
    definitions: dict[str, Any] = schema.get("$defs", {})
    defaults = _defaults(rule)
    found: list[OptionDoc] = []
    for name, info in rule.Options.model_fields.items():
        key = info.alias or name
        prop = properties.get(key, {})
        found.append(
            OptionDoc(
                key,
                _type_text(prop, definitions),
                defaults.get(key),
                (info.description or prop.get("description") or "").strip(),
            )
        )
    return found


def _defaults(rule: type[Rule]) -> dict[str, Any]:
    """Default option values as JSON data; sets sorted, so generated docs never change by chance."""
    try:
        instance = rule.Options()
    except ValidationError:  # an option without a default must be configured
        return {}
    data = instance.model_dump(mode="json", by_alias=True)
    for name, info in rule.Options.model_fields.items():
        key = info.alias or name
        if isinstance(getattr(instance, name), set | frozenset) and isinstance(data.get(key), list):
            data[key] = sorted(data[key], key=lambda value: json.dumps(value, sort_keys=True))
    return data


_JSON_TYPES = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "null": "null",
}


def _type_text(prop: dict[str, Any], definitions: dict[str, Any]) -> str:
    """A short human name for a JSON Schema type: ``list of string``, ``"a" | "b"``."""
    ref = prop.get("$ref")
    if isinstance(ref, str):
        prop = {
            **definitions.get(ref.rsplit("/", 1)[-1], {}),
            **{k: v for k, v in prop.items() if k != "$ref"},
        }
    if "enum" in prop:
        return " | ".join(json.dumps(value, ensure_ascii=False) for value in prop["enum"])
    if "const" in prop:
        return json.dumps(prop["const"], ensure_ascii=False)
    for combinator in ("anyOf", "oneOf"):
        if combinator in prop:
            parts = [_type_text(p, definitions) for p in prop[combinator] if p.get("type") != "null"]
            return " or ".join(dict.fromkeys(parts)) or "null"
    kind = prop.get("type")
    if isinstance(kind, list):
        return " or ".join(_JSON_TYPES.get(k, str(k)) for k in kind if k != "null")
    if kind == "array":
        items = prop.get("items")
        return f"list of {_type_text(items, definitions)}" if isinstance(items, dict) else "list"
    if kind == "object":
        values = prop.get("additionalProperties")
        return f"table of {_type_text(values, definitions)}" if isinstance(values, dict) else "table"
    return _JSON_TYPES.get(str(kind), "any") if kind else "any"


# -- configuration examples -----------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def toml_value(value: Any) -> str:
    """`value` (JSON data) written as TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = ", ".join(f"{_toml_key(str(k))} = {toml_value(v)}" for k, v in value.items() if v is not None)
        return "{ " + items + " }"
    return json.dumps(str(value), ensure_ascii=False)


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def example_config(rule: type[Rule]) -> str:
    """A ``sekkei.toml`` snippet that sets the rule's severity and every option to its default.

    Options that are unset by default are shown commented out, so the snippet
    can be pasted as it is and still means exactly the defaults.
    """
    lines = [f"[lint.rules.{rule.code}]", f'severity = "{rule.severity}"  # error | warning | info | off']
    for option in options(rule):
        if option.default is None:
            lines.append(f"# {_toml_key(option.name)} = …  ({option.type}; not set by default)")
        else:
            lines.append(f"{_toml_key(option.name)} = {toml_value(option.default)}")
    return "\n".join(lines) + "\n"


# -- text ------------------------------------------------------------------------------------

_BULLET = re.compile(r"^(?:[-*•]|\d+[.)])\s")


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in {"W", "F"}


def paragraphs(text: str) -> list[str]:
    """Docstring text as paragraphs with their line breaks removed.

    Lines of Japanese are joined without a space (a space between two Japanese
    characters is a visible gap); list items stay separate lines (their indented
    continuations joined to them); any other block with an indented line is
    code and kept as written.
    """
    found: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text.strip()):
        lines = [line.rstrip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        is_list = bool(_BULLET.match(lines[0]))
        if not is_list and any(line[:1] in {" ", "\t"} for line in lines):
            found.append("\n".join(lines))  # indented: code, keep it as written
            continue
        items: list[str] = []
        for line in lines:
            line = line.strip()
            if not items or (is_list and _BULLET.match(line)):
                items.append(line)
                continue
            previous = items[-1]
            joiner = "" if _wide(previous[-1]) or _wide(line[0]) else " "
            items[-1] = previous + joiner + line
        found.append("\n".join(items))
    return found


def documentation(rule: type[Rule], lang: str = "en") -> dict[str, str]:
    """Summary, details, why, instead and example of a rule, with paragraphs unwrapped."""
    raw = rule.documentation(lang)
    return {key: "\n\n".join(paragraphs(value)) for key, value in raw.items() if value}


def metadata(rule: type[Rule]) -> dict[str, Any]:
    """Everything known about a rule, as JSON data (``sekkei rules --format json``)."""
    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category,
        "severity": rule.severity,
        "fixable": rule.fixable,
        "dialects": sorted(rule.dialects) if rule.dialects is not None else None,
        "summary": rule.summary or documentation(rule).get("summary", ""),
        "summary_ja": rule.summary_ja or None,
        "docs": {lang: documentation(rule, lang) for lang in LANGS},
        "options": [
            {"name": o.name, "type": o.type, "default": o.default, "description": o.description}
            for o in options(rule)
        ],
        "options_schema": rule.options_schema(),
        "example_config": example_config(rule),
        "module": rule.__module__,
    }


def summary(rule: type[Rule], lang: str = "en") -> str:
    """The one-line summary in `lang` (English where no translation exists)."""
    if lang == "ja" and rule.summary_ja:
        return rule.summary_ja
    return rule.summary or documentation(rule).get("summary", "")


def anchor(rule: type[Rule]) -> str:
    """The anchor of the rule's section in docs/rules.md (stable: the code in lower case)."""
    return rule.code.lower()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(rule: type[Rule], lang: str = "en", level: int = 3) -> str:
    """The rule's section of the reference: facts, why, instead, options and example."""
    doc = documentation(rule, lang)
    heading = "#" * level
    yes_no = label("yes" if rule.fixable else "no", lang)
    lines = [
        f'<a id="{anchor(rule)}"></a>',
        "",
        f"{heading} {rule.code} {rule.name}",
        "",
        summary(rule, lang),
        "",
        f"| {label('category', lang)} | {label('default_severity', lang)} | "
        f"{label('dialects', lang)} | {label('fixable', lang)} |",
        "|---|---|---|---|",
        f"| {_cell(category_title(rule.category, lang))} | {rule.severity} | "
        f"{_cell(dialects_text(rule, lang))} | {yes_no} |",
        "",
    ]
    if doc.get("details"):
        lines += [doc["details"], ""]
    for key in ("why", "instead", "example"):
        if doc.get(key):
            lines += [f"**{label(key, lang)}**", "", doc[key], ""]
    if rule.fixable:
        lines += [label("fix_note", lang), ""]
    rows = options(rule)
    lines += [f"**{label('options', lang)}**", ""]
    if rows:
        lines += [
            f"| {label('option', lang)} | {label('type', lang)} | {label('default', lang)} | "
            f"{label('description', lang)} |",
            "|---|---|---|---|",
        ]
        for option in rows:
            default = (
                f"`{toml_value(option.default)}`" if option.default is not None else label("not_set", lang)
            )
            lines.append(
                f"| `{option.name}` | {_cell(option.type)} | {_cell(default)} | {_cell(option.description)} |"
            )
    else:
        lines.append(label("no_options", lang))
    lines += [
        "",
        f"**{label('config', lang)}** (`sekkei.toml`)",
        "",
        "```toml",
        example_config(rule).rstrip(),
        "```",
    ]
    return "\n".join(lines) + "\n"


# -- lookup ----------------------------------------------------------------------------------


_NUMBERED = re.compile(r"([A-Za-z]+)[-_ ]?0*(\d{1,3})")


def find_rule(rules: Iterable[type[Rule]], key: str) -> type[Rule] | None:
    """The rule whose code (any case) or name is `key`."""
    wanted = key.strip()
    for rule in rules:
        if rule.code.upper() == wanted.upper() or rule.name == wanted.lower():
            return rule
    return None


def suggest(rules: Sequence[type[Rule]], key: str) -> str | None:
    """The code or name closest to a mistyped `key`, for a did-you-mean hint."""
    wanted = key.strip()
    codes = {rule.code: rule.code for rule in rules}
    names = {rule.name: rule.code for rule in rules}
    numbered = _NUMBERED.fullmatch(wanted)
    if numbered:  # KEY1, key01 -> KEY001
        padded = f"{numbered.group(1).upper()}{int(numbered.group(2)):03d}"
        if padded in codes:
            return padded
    close = difflib.get_close_matches(wanted.upper(), list(codes), n=1, cutoff=0.6)
    if close:
        return close[0]
    close = difflib.get_close_matches(wanted.lower(), list(names), n=1, cutoff=0.6)
    return close[0] if close else None
