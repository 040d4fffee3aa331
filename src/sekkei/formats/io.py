"""Reading files safely and writing them atomically (all or nothing)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sekkei.model.diagnostics import InputError, Problem
from sekkei.model.location import Location


def read_text(path: str | os.PathLike[str], max_bytes: int) -> str:
    """A file's text, refusing oversized files and reporting bad UTF-8 with a location."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError(Problem(f"{p}: no such file", code="not-found")) from None
    except OSError as exc:
        raise InputError(Problem(f"{p}: cannot read ({exc.strerror})", code="io")) from None
    if p.is_dir():
        raise InputError(Problem(f"{p} is a directory, not a schema file", code="io"))
    if size > max_bytes:
        raise InputError(
            Problem(
                f"{p} is {size:,} bytes, over the limit of {max_bytes:,}",
                Location(str(p), 1, 1),
                hint="raise the limit with --max-bytes if this is intended",
                code="too-large",
            )
        )
    data = p.read_bytes()
    return decode(data, str(p))


def decode(data: bytes, file: str | None) -> str:
    """UTF-8 (with or without BOM; UTF-16 with BOM), with the position of a bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            Problem(
                f"the file is not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
                Location(file, line, column),
                expected="UTF-8 text",
                hint="convert the file to UTF-8 (e.g. iconv -f SHIFT_JIS -t UTF-8)",
                code="encoding",
            )
        ) from None


def atomic_write(path: str | os.PathLike[str], text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the new one, never half."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
