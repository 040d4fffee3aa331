"""Lets the tests run from a checkout without installing the plugin (as Sekkei's own test suite does)."""

from __future__ import annotations

import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

try:
    import sekkei_example  # noqa: F401  (installed: `pip install -e ".[test]"` in plugins/sekkei-example)
except ImportError:
    sys.path.insert(0, str(SRC))
