"""The package is a working plugin: it loads cleanly, and its entry point is found once installed."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import sekkei_example

from sekkei.plugins import load_plugins

PACKAGE = Path(__file__).resolve().parents[1]


def test_loads_with_what_it_promises() -> None:
    loaded = load_plugins([sekkei_example], entry_points=())
    assert loaded.broken == []
    info = loaded.provider("rules", "EXA001")
    assert info is not None and not info.builtin
    assert (info.rules, info.formats, info.generators) == (("EXA001",), ("teigisho",), ("teigisho-md",))


def test_entry_point_names_the_module_with_the_hooks() -> None:
    project = tomllib.loads((PACKAGE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "sekkei-example"
    assert project["entry-points"]["sekkei"] == {"example": "sekkei_example"}
    assert project["version"] == sekkei_example.__version__


@pytest.mark.slow
def test_installed_package_is_found_through_its_entry_point(tmp_path: Path) -> None:
    """Install for real (offline: no dependencies, no build isolation) and ask `sekkei plugins`."""
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("hatchling is not installed (it comes with Sekkei's [test] extra)")
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(target),
            str(PACKAGE),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", "from sekkei.cli.main import main; main()", "plugins", "--format", "json"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    example = next(p for p in report["plugins"] if p["name"] == "example")
    assert example["package"] == "sekkei-example" and example["version"] == sekkei_example.__version__
    assert example["rules"] == ["EXA001"] and report["broken"] == []
