"""Plugins: pluggy hook specifications and the plugin manager.

Sekkei's own rules, formats and generators register through the same hooks as
third-party plugins (installed packages with an entry point in the ``sekkei``
group), so a plugin can do anything a built-in can.  docs/plugins.md is the
guide for plugin authors.
"""

from __future__ import annotations

from sekkei.plugins.hookspecs import API_VERSION, hookimpl
from sekkei.plugins.manager import BrokenPlugin, PluginInfo, Plugins, installed_entry_points, load_plugins

__all__ = [
    "API_VERSION",
    "BrokenPlugin",
    "PluginInfo",
    "Plugins",
    "hookimpl",
    "installed_entry_points",
    "load_plugins",
]
