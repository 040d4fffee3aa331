"""Sekkei's own rules, formats and generators, registered through the plugin hooks like any plugin's."""

from __future__ import annotations

from sekkei.formats.base import Format
from sekkei.generate.base import Generator
from sekkei.lint.rule import Rule
from sekkei.plugins.hookspecs import API_VERSION, hookimpl

sekkei_api = API_VERSION


@hookimpl
def register_rules() -> list[type[Rule]]:
    from sekkei.lint.rules import builtin_rules

    return list(builtin_rules())


@hookimpl
def register_formats() -> list[Format]:
    from sekkei.formats.builtin import builtin_formats

    return builtin_formats()


@hookimpl
def register_generators() -> list[Generator]:
    from sekkei.generate.builtin import builtin_generators

    return builtin_generators()
