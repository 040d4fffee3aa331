"""The built-in rules: one module per rule, named by its code (``key001.py`` is KEY001)."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from sekkei.lint.rule import Rule


@cache
def builtin_rules() -> tuple[type[Rule], ...]:
    """Every rule class defined in this package, sorted by code."""
    found: dict[str, type[Rule]] = {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Rule)
                and value is not Rule
                and value.code
                and value.__module__ == module.__name__
            ):
                if value.code in found:
                    raise RuntimeError(f"two rules share the code {value.code}")
                found[value.code] = value
    return tuple(found[code] for code in sorted(found))
