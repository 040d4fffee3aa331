"""Loading plugins: built-ins first, then every installed ``sekkei`` entry point.

A plugin that fails to import, or whose hook raises, is recorded in
`Plugins.broken` and skipped: one broken package must not break the tool.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from types import ModuleType
from typing import Any, TypeVar

import pluggy

from sekkei.formats.base import Format
from sekkei.generate.base import Generator
from sekkei.lint.rule import Rule
from sekkei.plugins import builtin
from sekkei.plugins.hookspecs import PROJECT, Hooks

T = TypeVar("T")


@dataclass(frozen=True)
class BrokenPlugin:
    """A plugin that could not be loaded or whose hook failed."""

    name: str
    error: str


@dataclass
class Plugins:
    """The loaded plugins and what they provide."""

    manager: pluggy.PluginManager
    broken: list[BrokenPlugin] = field(default_factory=list)

    def _collect(self, hook: str, check: Callable[[Any], bool]) -> list[Any]:
        found: list[Any] = []
        caller = getattr(self.manager.hook, hook)
        for impl in reversed(caller.get_hookimpls()):  # registration order: built-ins first
            name = self.manager.get_name(impl.plugin) or repr(impl.plugin)
            try:
                items = impl.function()
            except Exception as exc:
                self.broken.append(BrokenPlugin(name, f"{hook} raised {type(exc).__name__}: {exc}"))
                continue
            for item in items or []:
                if check(item):
                    found.append(item)
                else:
                    self.broken.append(BrokenPlugin(name, f"{hook} returned {item!r}, which is not valid"))
        return found

    def rules(self) -> list[type[Rule]]:
        """Rule classes of every plugin; a later one with the same code is reported and skipped."""
        rules = self._collect(
            "register_rules", lambda r: isinstance(r, type) and issubclass(r, Rule) and bool(r.code)
        )
        unique: dict[str, type[Rule]] = {}
        for rule in rules:
            if rule.code in unique and unique[rule.code] is not rule:
                self.broken.append(BrokenPlugin(rule.__module__, f"rule code {rule.code} is taken already"))
                continue
            unique[rule.code] = rule
        return [unique[code] for code in sorted(unique)]

    def formats(self) -> list[Format]:
        return self._collect("register_formats", lambda f: isinstance(f, Format) and bool(f.name))

    def generators(self) -> list[Generator]:
        return self._collect("register_generators", lambda g: isinstance(g, Generator) and bool(g.name))


def load_plugins(extra: Iterable[ModuleType | object] = (), *, entry_points: bool = True) -> Plugins:
    """Built-ins, installed entry points (group ``sekkei``) and any `extra` plugin objects."""
    manager = pluggy.PluginManager(PROJECT)
    manager.add_hookspecs(Hooks)
    manager.register(builtin, name="sekkei.builtin")
    plugins = Plugins(manager)
    if entry_points:
        for entry in metadata.entry_points(group=PROJECT):
            try:
                plugin = entry.load()
                manager.register(plugin, name=entry.name)
            except Exception as exc:  # a broken package is reported, never fatal
                plugins.broken.append(
                    BrokenPlugin(entry.name, f"cannot be loaded: {type(exc).__name__}: {exc}")
                )
    for plugin in extra:
        try:
            manager.register(plugin)
        except Exception as exc:
            plugins.broken.append(BrokenPlugin(repr(plugin), f"cannot be registered: {exc}"))
    return plugins
