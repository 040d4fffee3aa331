"""The plugins of one run of the command line: loaded once, skipped ones reported once.

The root command calls `start` before any command runs, so every command sees
the same plugins: their formats join the format registry (Sekkei's own come
through the same hooks), their rules reach the linter, their generators
``sekkei generate``.  Library users of `sekkei.formats.registry` who never
touch the CLI get the built-in formats without any plugin being imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib.metadata import EntryPoint

from rich.markup import escape

from sekkei.cli.common import err
from sekkei.formats.registry import register
from sekkei.plugins import Plugins, load_plugins

_extra: tuple[object, ...] = ()
_entry_points: tuple[EntryPoint, ...] | None = None
_current: Plugins | None = None


def start(*, enabled: bool = True, report: bool = True) -> Plugins:
    """Load the plugins for this run, register their formats, and report the skipped ones.

    With `enabled` False (``--no-plugins``) only Sekkei's own rules, formats and
    generators are used: the way to tell whether a plugin is behind a problem.
    """
    global _current
    if enabled:
        loaded = load_plugins(_extra, entry_points=_entry_points)
    else:
        loaded = load_plugins(entry_points=())
    for fmt in loaded.formats():
        register(fmt)
    if report:
        for broken in loaded.broken:
            err.print(f"[yellow]plugin {escape(broken.name)} skipped:[/yellow] {escape(broken.error)}")
    _current = loaded
    return loaded


def plugins() -> Plugins:
    """The plugins of this run (loaded by the root command, or here on first use)."""
    return _current if _current is not None else start()


@contextmanager
def use_plugins(
    extra: Iterable[object] = (), *, entry_points: Iterable[EntryPoint] | None = None
) -> Iterator[None]:
    """Run commands in this process with other plugins than the installed ones.

    `extra` adds plugin objects (a module with `@hookimpl` functions) as if they
    were installed; `entry_points` replaces the installed entry points.  For
    tests of plugins and for programs that embed the command line.  Formats the
    plugins registered stay in `sekkei.formats.registry` afterwards: the
    registry has no way to remove one.
    """
    global _extra, _entry_points, _current
    saved = (_extra, _entry_points, _current)
    _extra = tuple(extra)
    _entry_points = tuple(entry_points) if entry_points is not None else None
    _current = None
    try:
        yield
    finally:
        _extra, _entry_points, _current = saved
