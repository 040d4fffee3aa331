"""Loading plugins: Sekkei's own first, then every installed ``sekkei`` entry point, then extras.

Each plugin is taken whole or not at all.  One that cannot be imported, whose
hook raises, that returns something unusable or that takes a rule code or a
format name already taken is recorded in `Plugins.broken` with the reason and
left out entirely, so one broken package never breaks the tool, and nothing is
half-loaded.  Sekkei's own plugin is checked the same way, but a problem there
is a bug in Sekkei and raises.

Nothing here prints: the command line reports `Plugins.broken` once per run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

import pluggy

from sekkei import __version__
from sekkei.formats.base import Format
from sekkei.generate.base import Generator
from sekkei.lint.rule import Rule
from sekkei.plugins import builtin
from sekkei.plugins.checks import as_list, describe, format_problems, generator_problems, rule_problems
from sekkei.plugins.hookspecs import PROJECT, SUPPORTED_API_VERSIONS, Hooks

BUILTIN_NAME = "sekkei"
#: How many problems of one plugin are spelt out before "and N more".
_SHOWN_PROBLEMS = 3


@dataclass(frozen=True)
class PluginInfo:
    """A loaded plugin and what it provides (for ``sekkei plugins``)."""

    name: str
    package: str | None
    version: str | None
    builtin: bool
    rules: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    generators: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "package": self.package,
            "version": self.version,
            "builtin": self.builtin,
            "rules": list(self.rules),
            "formats": list(self.formats),
            "generators": list(self.generators),
        }


@dataclass(frozen=True)
class BrokenPlugin:
    """A plugin that was skipped, and why."""

    name: str
    error: str
    package: str | None = None
    version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "package": self.package, "version": self.version, "error": self.error}


@dataclass
class Plugins:
    """The plugins in use and everything they provide, checked and free of clashes."""

    manager: pluggy.PluginManager
    loaded: list[PluginInfo] = field(default_factory=list)
    broken: list[BrokenPlugin] = field(default_factory=list)
    _rules: dict[str, type[Rule]] = field(default_factory=dict)
    _formats: dict[str, Format] = field(default_factory=dict)
    _generators: dict[str, Generator] = field(default_factory=dict)

    def rules(self) -> list[type[Rule]]:
        """Every rule class, sorted by code."""
        return [self._rules[code] for code in sorted(self._rules)]

    def formats(self) -> list[Format]:
        """Every format, Sekkei's own first (in the order the plugins were loaded)."""
        return list(self._formats.values())

    def generators(self) -> list[Generator]:
        """Every generator, Sekkei's own first."""
        return list(self._generators.values())

    def generator(self, name: str) -> Generator | None:
        return self._generators.get(name)

    def provider(self, kind: str, name: str) -> PluginInfo | None:
        """The plugin that provides a rule code, format or generator (`kind`: rules|formats|generators)."""
        return next((p for p in self.loaded if name in getattr(p, kind)), None)


@dataclass
class _Offer:
    """What one plugin's hooks returned, before it is accepted."""

    rules: list[type[Rule]] = field(default_factory=list)
    formats: list[Format] = field(default_factory=list)
    generators: list[Generator] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class _Loader:
    """Adds plugins one by one, each checked against what is already in."""

    def __init__(self) -> None:
        manager = pluggy.PluginManager(PROJECT)
        manager.add_hookspecs(Hooks)
        self.plugins = Plugins(manager)
        self.builtin_prefixes: frozenset[str] = frozenset()

    def add(self, plugin: object, name: str, package: str | None, version: str | None) -> None:
        is_builtin = plugin is builtin
        problems = self._check_api(plugin)
        registered = not problems and self._register(plugin, name, problems)
        offer = self._collect(plugin, is_builtin) if registered and not problems else _Offer()
        problems += offer.problems or self._clashes(offer, is_builtin)
        if problems:
            if registered:
                self.plugins.manager.unregister(plugin)
            error = "; ".join(problems[:_SHOWN_PROBLEMS])
            if len(problems) > _SHOWN_PROBLEMS:
                error += f"; and {len(problems) - _SHOWN_PROBLEMS} more"
            if is_builtin:
                raise RuntimeError(f"Sekkei's own plugin is invalid (a bug): {error}")
            self.plugins.broken.append(BrokenPlugin(name, error, package, version))
            return
        self._accept(offer, PluginInfo(name, package, version, is_builtin))

    @staticmethod
    def _check_api(plugin: object) -> list[str]:
        api = getattr(plugin, "sekkei_api", None)
        if api is None or (isinstance(api, int) and api in SUPPORTED_API_VERSIONS):
            return []
        supported = ", ".join(str(v) for v in sorted(SUPPORTED_API_VERSIONS))
        return [
            f"written for plugin API {api!r}, this Sekkei supports {supported} "
            "(upgrade Sekkei, or use a version of the plugin made for it)"
        ]

    def _register(self, plugin: object, name: str, problems: list[str]) -> bool:
        """Register with pluggy (which checks hook signatures); False if that failed."""
        manager = self.plugins.manager
        try:
            manager.register(plugin, name=name)
        except Exception as exc:  # pluggy's validation, or a plugin or name registered twice
            problems.append(f"cannot be registered: {exc}")
            return False
        callers = manager.get_hookcallers(plugin) or []
        unknown = sorted(c.name for c in callers if not c.has_spec())
        if unknown:
            known = ", ".join(sorted(n for n in vars(Hooks) if n.startswith("register_")))
            problems.append(f"implements {', '.join(unknown)}, which Sekkei does not know (hooks: {known})")
        elif not callers:
            problems.append(
                "implements no hook (are its functions marked with @hookimpl from sekkei.plugins?)"
            )
        return True

    def _collect(self, plugin: object, is_builtin: bool) -> _Offer:
        offer = _Offer()
        for hook, check, target in (
            ("register_rules", rule_problems, offer.rules),
            ("register_formats", format_problems, offer.formats),
            ("register_generators", generator_problems, offer.generators),
        ):
            caller = getattr(self.plugins.manager.hook, hook)
            for impl in caller.get_hookimpls():
                if impl.plugin is not plugin:
                    continue
                if impl.hookwrapper or impl.wrapper:
                    offer.problems.append(f"{hook} is a hook wrapper, which Sekkei does not use")
                    continue
                try:
                    returned = impl.function()
                except Exception as exc:
                    if is_builtin:
                        raise
                    offer.problems.append(f"{hook} raised {type(exc).__name__}: {exc}")
                    continue
                items, wrong = as_list(hook, returned)
                if wrong:
                    offer.problems.append(wrong)
                for item in items:
                    found = check(item)
                    offer.problems.extend(found)
                    if not found:
                        target.append(item)
        return offer

    def _clashes(self, offer: _Offer, is_builtin: bool) -> list[str]:
        plugins = self.plugins
        problems: list[str] = []
        codes: set[str] = set()
        rule_names = {r.name: r.code for r in plugins._rules.values()}
        for rule in offer.rules:
            taken = plugins.provider("rules", rule.code)
            if rule.code in codes:
                problems.append(f"rule code {rule.code} is given twice")
            elif taken is not None:
                problems.append(f"rule code {rule.code} is taken by {taken.name}")
            elif not is_builtin and rule.code[:3] in self.builtin_prefixes:
                problems.append(
                    f"rule {rule.code}: the prefix {rule.code[:3]} belongs to Sekkei's own rules "
                    "(choose a prefix of your own, like EXA)"
                )
            if rule.name in rule_names:
                problems.append(f"rule {rule.code}: name {rule.name!r} is taken by {rule_names[rule.name]}")
            codes.add(rule.code)
            rule_names[rule.name] = rule.code
        for kind, offered in (("formats", offer.formats), ("generators", offer.generators)):
            seen: set[str] = set()
            for item in offered:
                taken = plugins.provider(kind, item.name)
                if item.name in seen:
                    problems.append(f"{kind[:-1]} name {item.name!r} is given twice")
                elif taken is not None:
                    problems.append(f"{kind[:-1]} name {item.name!r} is taken by {taken.name}")
                seen.add(item.name)
        return problems

    def _accept(self, offer: _Offer, info: PluginInfo) -> None:
        plugins = self.plugins
        for rule in offer.rules:
            plugins._rules[rule.code] = rule
        for fmt in offer.formats:
            plugins._formats[fmt.name] = fmt
        for generator in offer.generators:
            plugins._generators[generator.name] = generator
        if info.builtin:
            self.builtin_prefixes = frozenset(r.code[:3] for r in offer.rules)
        plugins.loaded.append(
            PluginInfo(
                info.name,
                info.package,
                info.version,
                info.builtin,
                rules=tuple(sorted(r.code for r in offer.rules)),
                formats=tuple(f.name for f in offer.formats),
                generators=tuple(g.name for g in offer.generators),
            )
        )


def installed_entry_points() -> list[metadata.EntryPoint]:
    """The entry points of group ``sekkei`` of the installed packages, in a stable order."""
    return sorted(metadata.entry_points(group=PROJECT), key=lambda e: (e.name, e.value))


def load_plugins(
    extra: Iterable[object] = (), *, entry_points: Iterable[metadata.EntryPoint] | None = None
) -> Plugins:
    """Sekkei's own plugin, then the installed ``sekkei`` entry points, then `extra`.

    `entry_points` replaces the installed ones (``()`` for none: Sekkei alone);
    `extra` adds plugin objects (modules, or instances with `@hookimpl` methods)
    without installing them, for tests and for programs embedding Sekkei.
    """
    loader = _Loader()
    loader.add(builtin, BUILTIN_NAME, "sekkei", __version__)
    for entry in installed_entry_points() if entry_points is None else entry_points:
        dist = getattr(entry, "dist", None)
        package = dist.name if dist is not None else None
        version = dist.version if dist is not None else None
        try:
            plugin = entry.load()
        except (Exception, SystemExit) as exc:  # a broken package is reported, never fatal
            loader.plugins.broken.append(
                BrokenPlugin(entry.name, f"cannot be imported: {type(exc).__name__}: {exc}", package, version)
            )
            continue
        loader.add(plugin, entry.name, package, version)
    for plugin in extra:
        name = getattr(plugin, "__name__", None) or describe(plugin)
        loader.add(plugin, str(name), None, getattr(plugin, "__version__", None))
    return loader.plugins
