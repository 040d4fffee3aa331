"""Plugins: pluggy hook specifications and the plugin manager.

Built-in rules, formats and generators register through the same hooks as
third-party plugins (installed packages with an entry point in the ``sekkei``
group), so a plugin can do anything a built-in can.
"""

from __future__ import annotations

from sekkei.plugins.hookspecs import hookimpl
from sekkei.plugins.manager import Plugins, load_plugins

__all__ = ["Plugins", "hookimpl", "load_plugins"]
