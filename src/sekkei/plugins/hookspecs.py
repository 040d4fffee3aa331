"""The hooks a Sekkei plugin can implement: each returns a list of the things it adds.

docs/plugins.md documents every hook here with its exact signature (a test
compares the two), so a change to a hook is a change to the documentation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from sekkei.formats.base import Format
    from sekkei.generate.base import Generator
    from sekkei.lint.rule import Rule

#: The entry point group and pluggy project name.
PROJECT = "sekkei"

#: The version of the plugin API this Sekkei implements.  A plugin may declare
#: the version it was written for as a module attribute ``sekkei_api = 1``; one
#: written for a version this Sekkei does not support is skipped with a message
#: instead of failing in some obscure way later.
API_VERSION = 1
SUPPORTED_API_VERSIONS = frozenset({1})

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class Hooks:
    """Hook specifications; a plugin implements them as module-level functions marked `@hookimpl`.

    Every hook is called once per run, when the plugins are loaded, and never
    again; what it returns is checked then, so a plugin that returns something
    unusable is reported and skipped before any command runs.
    """

    @hookspec
    def register_rules(self) -> list[type[Rule]]:  # type: ignore[empty-body]
        """Lint rule classes (subclasses of `sekkei.lint.Rule`) this plugin provides.

        Each needs a code of three capital letters and three digits whose
        prefix no built-in rule uses, a unique kebab-case name, a category
        from `sekkei.lint.rule.CATEGORIES`, and a `check` method.
        """

    @hookspec
    def register_formats(self) -> list[Format]:  # type: ignore[empty-body]
        """Formats (instances of `sekkei.formats.base.Format`) that read and/or write schemas.

        A format's name must not be taken by another format or be a dialect
        name; it becomes a value of ``--from``/``--to``, and its extensions
        let file names pick it.
        """

    @hookspec
    def register_generators(self) -> list[Generator]:  # type: ignore[empty-body]
        """Generators (instances of `sekkei.generate.Generator`): output-only files made from a schema.

        Each becomes ``sekkei generate NAME``; its name must not be taken by
        another generator.
        """
