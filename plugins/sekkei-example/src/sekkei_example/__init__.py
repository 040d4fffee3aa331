"""An example Sekkei plugin: one lint rule, one output format, one generator.

Sekkei finds this module through the entry point in pyproject.toml
(``[project.entry-points.sekkei] example = "sekkei_example"``) and calls the
three hooks below once per run.
"""

from __future__ import annotations

from sekkei.formats.base import Format
from sekkei.generate import Generator
from sekkei.lint import Rule
from sekkei.plugins import hookimpl

__version__ = "0.1.0"

#: The Sekkei plugin API this plugin is written for; a Sekkei that does not
#: support it skips the plugin with a clear message.
sekkei_api = 1


@hookimpl
def register_rules() -> list[type[Rule]]:
    from sekkei_example.rules import AuditTimestamps

    return [AuditTimestamps]


@hookimpl
def register_formats() -> list[Format]:
    from sekkei_example.teigisho import TeigishoFormat

    return [TeigishoFormat()]


@hookimpl
def register_generators() -> list[Generator]:
    from sekkei_example.markdown import TeigishoMarkdown

    return [TeigishoMarkdown()]
