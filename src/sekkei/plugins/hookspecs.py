"""The hooks a Sekkei plugin can implement (each returns a list of things it adds)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from sekkei.formats.base import Format
    from sekkei.generate.base import Generator
    from sekkei.lint.rule import Rule

PROJECT = "sekkei"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class Hooks:
    """Hook specifications; implement them as module-level functions marked `@hookimpl`."""

    @hookspec
    def register_rules(self) -> list[type[Rule]]:  # type: ignore[empty-body]
        """Lint rule classes (subclasses of `sekkei.lint.Rule`) this plugin provides."""

    @hookspec
    def register_formats(self) -> list[Format]:  # type: ignore[empty-body]
        """Formats (readers and/or writers: `sekkei.formats.base.Format` instances) it provides."""

    @hookspec
    def register_generators(self) -> list[Generator]:  # type: ignore[empty-body]
        """Generators (instances of `sekkei.generate.Generator`) this plugin provides."""
