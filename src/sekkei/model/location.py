"""Where an object came from in a text file, so every message can point at it."""

from __future__ import annotations

import bisect
from typing import NamedTuple


class Location(NamedTuple):
    """A position in a source file: 1-based line and column (in characters).

    A named tuple rather than a dataclass: readers create one per object read,
    hundreds of thousands for a big schema, and tuples are the cheapest to make.
    """

    file: str | None
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file or '<input>'}:{self.line}:{self.column}"


class SourceText:
    """Turns offsets into a text (characters or UTF-8 bytes) into locations.

    Parsers written in C (libpg_query, libyaml) report byte offsets; Python
    slices count characters.  Keeping both conversions here means readers never
    get a column wrong on a line with Japanese in it.
    """

    __slots__ = ("_ascii", "_byte_line_starts", "_bytes", "_line_starts", "file", "text")

    def __init__(self, text: str, file: str | None = None) -> None:
        self.file = file
        self.text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = starts
        self._ascii = text.isascii()
        self._bytes: bytes | None = None
        self._byte_line_starts: list[int] | None = None

    @property
    def data(self) -> bytes:
        """The text as UTF-8 bytes (computed once)."""
        if self._bytes is None:
            self._bytes = self.text.encode("utf-8")
        return self._bytes

    def at(self, offset: int) -> Location:
        """Location of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return Location(self.file, index + 1, offset - self._line_starts[index] + 1)

    def at_byte(self, offset: int) -> Location:
        """Location of a UTF-8 byte offset (as reported by C parsers)."""
        if self._ascii:
            return self.at(offset)
        if self._byte_line_starts is None:
            data = self.data
            starts = [0]
            pos = data.find(b"\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = data.find(b"\n", pos + 1)
            self._byte_line_starts = starts
        starts = self._byte_line_starts
        offset = max(0, min(offset, len(self.data)))
        index = bisect.bisect_right(starts, offset) - 1
        prefix = self.data[starts[index] : offset].decode("utf-8", errors="replace")
        return Location(self.file, index + 1, len(prefix) + 1)

    def byte_to_char(self, offset: int) -> int:
        """Character offset of a UTF-8 byte offset."""
        if self._ascii:
            return offset
        return len(self.data[:offset].decode("utf-8", errors="replace"))

    def line(self, number: int) -> str:
        """The text of a 1-based line, without its newline."""
        if number < 1 or number > len(self._line_starts):
            return ""
        start = self._line_starts[number - 1]
        end = self._line_starts[number] - 1 if number < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")
