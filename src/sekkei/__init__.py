"""Sekkei (設計): one relational schema model, checked and turned into everything else."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
