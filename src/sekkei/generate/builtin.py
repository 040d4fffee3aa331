"""The generators that ship with Sekkei (registered like any plugin's)."""

from __future__ import annotations

from sekkei.generate.base import Generator


def builtin_generators() -> list[Generator]:
    from sekkei.generate.mermaid import MermaidGenerator

    return [MermaidGenerator()]
