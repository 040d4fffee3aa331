"""Code quality gates run with the tests: ruff, mypy --strict and the layer contracts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", "src", "tests", "bench", "scripts", "plugins")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = _run(sys.executable, "-m", "mypy", "src/sekkei")
    assert result.returncode == 0, result.stdout + result.stderr


def test_layers() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint_imports is None:
        pytest.fail("import-linter is not installed (pip install -e '.[test]')")
    result = _run(lint_imports)
    assert result.returncode == 0, result.stdout + result.stderr
