"""The formats that ship with Sekkei (registered like any plugin's)."""

from __future__ import annotations

from sekkei.formats.base import Format


def builtin_formats() -> list[Format]:
    from sekkei.formats.house import JsonFormat, YamlFormat
    from sekkei.formats.sql.format import SqlFormat

    return [YamlFormat(), JsonFormat(), SqlFormat()]
