"""Output-only generators: code, documentation and diagrams made from a schema."""

from __future__ import annotations

from sekkei.generate.base import Generator, GeneratorOptions

__all__ = ["Generator", "GeneratorOptions"]
