"""What a generator is: a name, the options it understands, and `generate` from a schema to files."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import ClassVar

from sekkei.model.diagnostics import Notes, Problem, UsageError
from sekkei.model.schema import Schema


@dataclass(frozen=True)
class GeneratorOptions:
    """Settings every generator understands, plus its own as strings."""

    lang: str = "en"
    options: dict[str, str] = field(default_factory=dict)


class Generator:
    """A generator turns a schema into files (code, documentation, diagrams).

    `generate` returns file contents by relative path (``/``-separated, inside
    the output directory); a generator of a single file uses `default_name` as
    its path.  `options` names every key it reads from `GeneratorOptions.options`
    with a one-line description, so a misspelt option is an error rather than
    silently ignored, and ``sekkei generate --list`` can show them.
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    default_name: ClassVar[str] = ""
    options: ClassVar[dict[str, str]] = {}

    def generate(self, schema: Schema, options: GeneratorOptions, notes: Notes) -> dict[str, str]:
        raise NotImplementedError

    def check_options(self, options: GeneratorOptions) -> None:
        """Raise `UsageError` naming every option this generator does not know."""
        problems = []
        for key in options.options:
            if key in self.options:
                continue
            close = difflib.get_close_matches(key, list(self.options), n=1)
            known = ", ".join(sorted(self.options)) or "none"
            problems.append(
                Problem(
                    f"generator {self.name} has no option {key!r}",
                    expected=f"one of: {known}",
                    hint=f"did you mean {close[0]!r}?" if close else None,
                    code="generate.option",
                )
            )
        if problems:
            raise UsageError(problems)


def unsafe_paths(files: dict[str, str]) -> list[str]:
    """Paths a generator returned that would land outside the output directory (or are not text)."""
    bad = []
    for path, text in files.items():
        parts = PurePosixPath(path).parts if isinstance(path, str) else ()
        if (
            not parts
            or not isinstance(text, str)
            or path.startswith(("/", "\\"))
            or "\\" in path
            or ":" in parts[0]
            or any(part in {"..", "."} for part in parts)
        ):
            bad.append(repr(path))
    return bad
