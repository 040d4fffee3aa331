"""The plugins of this run, loaded once: their formats join the registry, their rules the linter."""

from __future__ import annotations

from functools import cache

from sekkei.formats.registry import register
from sekkei.plugins import Plugins, load_plugins


@cache
def plugins() -> Plugins:
    """Load built-ins and installed plugins (entry point group ``sekkei``) once per process."""
    loaded = load_plugins()
    for fmt in loaded.formats():
        register(fmt)
    return loaded
