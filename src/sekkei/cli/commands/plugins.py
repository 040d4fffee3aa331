"""`sekkei plugins`: which plugins are in use, what each provides, and which were skipped and why."""

from __future__ import annotations

import json

from rich.markup import escape

from sekkei.cli.common import FormatOption, OutputFormat, Session, out
from sekkei.cli.plugins import plugins
from sekkei.plugins import API_VERSION


def plugins_command(format: OutputFormat = FormatOption) -> None:
    """List the plugins in use (Sekkei's own first), what each provides, and the skipped ones.

    A plugin is an installed package with an entry point in the `sekkei` group
    (see docs/plugins.md). `sekkei --no-plugins COMMAND` runs without them.
    """
    session = Session(format)
    loaded = plugins()
    if session.json:
        report = {
            "api": API_VERSION,
            "plugins": [p.to_dict() for p in loaded.loaded],
            "broken": [b.to_dict() for b in loaded.broken],
        }
        out.print_json(json.dumps(report, ensure_ascii=False))
        return
    for info in loaded.loaded:
        origin = "built-in" if info.builtin else (info.package or "not installed")
        version = f" {info.version}" if info.version else ""
        out.print(f"[bold]{escape(info.name)}[/bold]{escape(version)} [dim]({escape(origin)})[/dim]")
        for label, names in (
            ("rules", info.rules),
            ("formats", info.formats),
            ("generators", info.generators),
        ):
            if names:
                out.print(f"  {label:<11} {escape(' '.join(names))}")
    if loaded.broken:
        out.print("[bold yellow]skipped[/bold yellow]")
        for broken in loaded.broken:
            package = " ".join(x for x in (broken.package, broken.version) if x)
            origin = f" ({package})" if package else ""
            out.print(f"  {escape(broken.name)}{escape(origin)}: {escape(broken.error)}")
