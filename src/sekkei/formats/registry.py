"""The formats Sekkei can read and write, found by name or file extension.

Built-in formats are registered here; plugins add theirs through the same
`register` call (the plugin hooks call it).  Dialect names are accepted as
format names: ``--to mysql`` means SQL written for MySQL.
"""

from __future__ import annotations

import os
from pathlib import Path

from sekkei.formats.base import Format, ReadOptions, WriteOptions
from sekkei.formats.gcpause import paused_gc
from sekkei.formats.io import atomic_write, read_text
from sekkei.model.diagnostics import Notes, UsageError
from sekkei.model.dialects import ALIASES, DIALECTS, READ_ONLY_DIALECTS, normalize_dialect
from sekkei.model.schema import Schema

_FORMATS: dict[str, Format] = {}
_BUILTINS_LOADED = False


def register(fmt: Format) -> None:
    """Make a format available (a later registration of the same name wins)."""
    _FORMATS[fmt.name] = fmt


def unregister(name: str) -> None:
    """Forget a format (a plugin unloaded in a long-lived process, or a test cleaning up)."""
    _FORMATS.pop(name, None)


def _load_builtins() -> None:
    global _BUILTINS_LOADED
    if _BUILTINS_LOADED:
        return
    _BUILTINS_LOADED = True
    from sekkei.formats.builtin import builtin_formats

    for fmt in builtin_formats():
        _FORMATS.setdefault(fmt.name, fmt)


def formats() -> dict[str, Format]:
    _load_builtins()
    return dict(_FORMATS)


def resolve(name: str) -> tuple[Format, str | None]:
    """A format and an implied dialect for a name such as ``yaml``, ``sql`` or ``mysql``."""
    _load_builtins()
    key = name.strip().lower()
    if key in _FORMATS:
        return _FORMATS[key], None
    dialect_key = ALIASES.get(key, key)
    if dialect_key in DIALECTS or dialect_key in READ_ONLY_DIALECTS:
        return _FORMATS["sql"], normalize_dialect(dialect_key)
    known = ", ".join(sorted(_FORMATS)) + ", or a dialect (" + ", ".join(DIALECTS) + ")"
    raise UsageError(f"unknown format {name!r} (expected {known})")


def for_path(path: str | os.PathLike[str]) -> Format:
    """The format of a file, from its name (``x.sekkei.yaml``, ``x.sql`` …)."""
    _load_builtins()
    name = Path(path).name.lower()
    best: tuple[int, Format] | None = None
    for fmt in _FORMATS.values():
        for ext in fmt.extensions:
            if name.endswith(ext) and (best is None or len(ext) > best[0]):
                best = (len(ext), fmt)
    if best is None:
        exts = sorted({e for f in _FORMATS.values() for e in f.extensions})
        raise UsageError(
            f"cannot tell the format of {path} from its name (known endings: {', '.join(exts)}); "
            "pass --from/--to"
        )
    return best[1]


def read_string(
    text: str, fmt: str | Format, *, options: ReadOptions | None = None, notes: Notes | None = None
) -> Schema:
    """Read a schema from text in the named format."""
    options = options or ReadOptions()
    notes = notes if notes is not None else Notes()
    if isinstance(fmt, str):
        fmt_obj, dialect = resolve(fmt)
        if dialect and not options.dialect:
            options = ReadOptions(**{**options.__dict__, "dialect": dialect})
    else:
        fmt_obj = fmt
    if not fmt_obj.can_read:
        raise UsageError(f"format {fmt_obj.name} can be written but not read")
    if len(text.encode("utf-8")) > options.max_bytes:
        raise UsageError(f"input is over the limit of {options.max_bytes:,} bytes")
    with paused_gc():  # big schemas are millions of acyclic objects (see gcpause)
        return fmt_obj.read(text, options, notes)


def read_file(
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    options: ReadOptions | None = None,
    notes: Notes | None = None,
) -> Schema:
    """Read a schema file; the format comes from `fmt` or the file name."""
    options = options or ReadOptions()
    fmt_obj: Format
    dialect = options.dialect
    if fmt:
        fmt_obj, implied = resolve(fmt)
        dialect = dialect or implied
    else:
        fmt_obj = for_path(path)
    options = ReadOptions(**{**options.__dict__, "dialect": dialect, "source": str(path)})
    text = read_text(path, options.max_bytes)
    return read_string(text, fmt_obj, options=options, notes=notes)


def write_string(
    schema: Schema, fmt: str | Format, *, options: WriteOptions | None = None, notes: Notes | None = None
) -> str:
    """Write a schema as text in the named format."""
    options = options or WriteOptions()
    notes = notes if notes is not None else Notes()
    if isinstance(fmt, str):
        fmt_obj, dialect = resolve(fmt)
        if dialect and not options.dialect:
            options = WriteOptions(dialect=dialect, options=options.options)
    else:
        fmt_obj = fmt
    if not fmt_obj.can_write:
        raise UsageError(f"format {fmt_obj.name} can be read but not written")
    with paused_gc():
        return fmt_obj.write(schema, options, notes)


def write_file(
    schema: Schema,
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    options: WriteOptions | None = None,
    notes: Notes | None = None,
) -> str:
    """Write a schema file atomically; returns the text written."""
    options = options or WriteOptions()
    if fmt:
        fmt_obj, implied = resolve(fmt)
        if implied and not options.dialect:
            options = WriteOptions(dialect=implied, options=options.options)
    else:
        fmt_obj = for_path(path)
    text = write_string(schema, fmt_obj, options=options, notes=notes)
    atomic_write(path, text)
    return text
