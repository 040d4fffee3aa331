"""What a format is: a name, file extensions, and `read` and/or `write`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from sekkei.model.diagnostics import Notes
from sekkei.model.schema import Schema

#: Files bigger than this are refused unless the caller raises the limit.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    """How to read: which dialect, which file (for messages), which limits."""

    dialect: str | None = None
    source: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = 100
    """Deepest nesting accepted in YAML/JSON (absurd nesting is refused)."""
    max_nodes: int = 20_000_000
    """Most YAML/JSON values accepted after expanding aliases ("billion laughs")."""
    strict: bool = True
    """Stop on broken references and unparsable schema statements; when False,
    they become warnings and the rest is read."""
    options: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class WriteOptions:
    """How to write: target dialect and format-specific settings."""

    dialect: str | None = None
    options: dict[str, str] = field(default_factory=dict)


class Format:
    """A schema format.  Subclasses set the class attributes and override
    `read` and/or `write`; `notes` collects what the user should know."""

    name: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""
    #: What this format cannot carry (documented, and warned about on write).
    limitations: ClassVar[tuple[str, ...]] = ()

    @property
    def can_read(self) -> bool:
        return type(self).read is not Format.read

    @property
    def can_write(self) -> bool:
        return type(self).write is not Format.write

    def read(self, text: str, options: ReadOptions, notes: Notes) -> Schema:
        raise NotImplementedError(f"format {self.name} cannot be read")

    def write(self, schema: Schema, options: WriteOptions, notes: Notes) -> str:
        raise NotImplementedError(f"format {self.name} cannot be written")
