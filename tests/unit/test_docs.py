"""Docs are tested: generated references are current, commands and formats are documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_generated_references_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_command_is_in_the_guide_or_readme() -> None:
    import typer

    from sekkei.cli.main import app

    group = typer.main.get_command(app)
    names = group.list_commands(group.context_class(group, info_name="sekkei"))  # type: ignore[attr-defined]
    text = (ROOT / "docs" / "guide.md").read_text() + (ROOT / "README.md").read_text()
    missing = [n for n in names if f"sekkei {n}" not in text]
    assert not missing, f"commands without a user-facing example: {missing}"


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    head = readme[: readme.index("## A short tour")]
    assert "pip install . && sekkei demo" in head
    assert 'pip install -e ".[test]" && pytest' in head
    ja = (ROOT / "README.ja.md").read_text()
    assert "sekkei demo" in ja and 'pip install -e ".[test]" && pytest' in ja


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert "test-command" in ci and 'eval "$command"' in ci
    assert "SEKKEI_REQUIRE_SERVICES=1" in ci and "SEKKEI_REQUIRE_CORPUS=1" in ci


def test_every_model_field_is_in_the_format_doc() -> None:
    from sekkei.model import schema as model

    doc = (ROOT / "docs" / "format.md").read_text()
    missing = []
    for cls in (model.Schema, model.Table, model.Column, model.Index, model.ForeignKey):
        for name in cls.model_fields:
            if name in {"loc", "name", "namespace", "sekkei"}:
                continue
            if f"`{name}`" not in doc:
                missing.append(f"{cls.__name__}.{name}")
    assert not missing, missing
