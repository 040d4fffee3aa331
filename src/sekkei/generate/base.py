"""What a generator is: a name, and `generate` from a schema to one or more files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from sekkei.model.diagnostics import Notes
from sekkei.model.schema import Schema


@dataclass(frozen=True)
class GeneratorOptions:
    """Settings every generator understands, plus its own as strings."""

    lang: str = "en"
    options: dict[str, str] = field(default_factory=dict)


class Generator:
    """A generator turns a schema into files (code, documentation, diagrams).

    `generate` returns file contents by relative path; a generator of a single
    file uses `default_name` as its path.
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    default_name: ClassVar[str] = ""

    def generate(self, schema: Schema, options: GeneratorOptions, notes: Notes) -> dict[str, str]:
        raise NotImplementedError
