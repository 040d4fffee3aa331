"""What a plugin's hooks may return: each check gives the problems of one item, in words for the user.

The checks are strict on purpose: a rule without a category breaks the rule
reference, a format named like a dialect hides ``--to mysql``, a generator
that writes outside its output directory is dangerous.  Catching that when the
plugin loads turns an obscure failure later into one clear line naming the
plugin.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, get_args

from sekkei.formats.base import Format
from sekkei.generate.base import Generator
from sekkei.lint.rule import CATEGORIES, Level, Rule, RuleOptions
from sekkei.model.dialects import ALIASES, DIALECTS, READ_ONLY_DIALECTS

RULE_CODE = re.compile(r"[A-Z]{3}[0-9]{3}")
KEBAB = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
ITEM_NAME = re.compile(r"[a-z][a-z0-9_-]*")
SEVERITIES: tuple[str, ...] = get_args(Level)  # "off": a rule users opt in to

#: Names a format may not take: ``--to mysql`` must keep meaning SQL for MySQL.
RESERVED_FORMAT_NAMES = frozenset(DIALECTS) | frozenset(READ_ONLY_DIALECTS) | frozenset(ALIASES)


def describe(item: object) -> str:
    """A short name for an item in messages (classes by qualified name, not their repr)."""
    if isinstance(item, type):
        return f"{item.__module__}.{item.__qualname__}"
    text = repr(item)
    return text if len(text) <= 60 else text[:57] + "..."


def as_list(hook: str, value: Any) -> tuple[list[Any], str | None]:
    """The items a hook returned, or why its return value is not a list of items."""
    if value is None:
        return [], None
    if isinstance(value, (list, tuple)):
        return list(value), None
    return [], f"{hook} returned {describe(value)}, not a list"


def rule_problems(item: object) -> list[str]:
    """Why `item` is not a usable rule class (empty when it is)."""
    if not (isinstance(item, type) and issubclass(item, Rule)) or item is Rule:
        return [f"register_rules returned {describe(item)}, which is not a subclass of sekkei.lint.Rule"]
    label = f"rule {item.code or describe(item)}"
    problems: list[str] = []
    if not RULE_CODE.fullmatch(item.code or ""):
        problems.append(f"{label}: code {item.code!r} is not three capital letters and three digits")
    if not KEBAB.fullmatch(item.name or ""):
        problems.append(f"{label}: name {item.name!r} is not kebab-case (like audit-timestamps)")
    if item.category not in CATEGORIES:
        problems.append(f"{label}: category {item.category!r} is not one of {', '.join(sorted(CATEGORIES))}")
    if item.severity not in SEVERITIES:
        problems.append(f"{label}: severity {item.severity!r} is not one of {', '.join(SEVERITIES)}")
    if item.check is Rule.check:
        problems.append(f"{label}: has no check method")
    options: Any = item.Options  # typed, but a plugin may still set anything
    if not (isinstance(options, type) and issubclass(options, RuleOptions)):
        problems.append(f"{label}: Options is not a subclass of sekkei.lint.RuleOptions")
    if not (item.summary or (item.__doc__ or "").strip()):
        problems.append(f"{label}: has neither a summary nor a docstring")
    return problems


def format_problems(item: object) -> list[str]:
    """Why `item` is not a usable format (empty when it is)."""
    if not isinstance(item, Format):
        return [f"register_formats returned {describe(item)}, which is not a sekkei.formats.base.Format"]
    label = f"format {item.name or describe(item)}"
    problems: list[str] = []
    if not ITEM_NAME.fullmatch(item.name or ""):
        problems.append(f"{label}: name {item.name!r} is not lower-case letters, digits, '-' and '_'")
    elif item.name in RESERVED_FORMAT_NAMES:
        problems.append(f"{label}: name {item.name!r} is a dialect name (--to {item.name} means SQL)")
    if not (item.can_read or item.can_write):
        problems.append(f"{label}: overrides neither read nor write")
    extensions: Any = item.extensions  # typed, but a plugin may still set anything
    if not isinstance(extensions, Sequence) or isinstance(extensions, str):
        problems.append(f"{label}: extensions must be a tuple of file endings like '.tsv'")
    else:
        bad = [e for e in extensions if not (isinstance(e, str) and e.startswith(".") and len(e) > 1)]
        if bad:
            problems.append(f"{label}: extensions {bad!r} do not start with '.'")
    return problems


def generator_problems(item: object) -> list[str]:
    """Why `item` is not a usable generator (empty when it is)."""
    if not isinstance(item, Generator):
        return [f"register_generators returned {describe(item)}, which is not a sekkei.generate.Generator"]
    label = f"generator {item.name or describe(item)}"
    problems: list[str] = []
    if not ITEM_NAME.fullmatch(item.name or ""):
        problems.append(f"{label}: name {item.name!r} is not lower-case letters, digits, '-' and '_'")
    if type(item).generate is Generator.generate:
        problems.append(f"{label}: has no generate method")
    if not isinstance(item.options, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in item.options.items()
    ):
        problems.append(f"{label}: options must map option names to descriptions")
    return problems
