"""Plugins: built-ins come through the hooks, broken plugins are reported once and skipped, the docs match."""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

import pytest

from sekkei.cli.main import main
from sekkei.cli.plugins import start, use_plugins
from sekkei.formats import registry
from sekkei.formats.base import Format, WriteOptions
from sekkei.formats.builtin import builtin_formats
from sekkei.generate import Generator, GeneratorOptions
from sekkei.lint import Finding, Rule, Target
from sekkei.lint.context import LintContext
from sekkei.lint.rules import builtin_rules
from sekkei.model.diagnostics import Notes
from sekkei.model.schema import Schema
from sekkei.plugins import Plugins, hookimpl, load_plugins
from sekkei.plugins.hookspecs import Hooks

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "sekkei" / "examples" / "shop.sekkei.yaml"


# -- sample plugins ----------------------------------------------------------------


class NoTmpTables(Rule):
    """Tables are not named tmp_*.

    Why:
        Temporary tables left in a design end up in production.

    Instead:
        Drop them from the design.
    """

    code = "DMO001"
    name = "no-tmp-tables"
    summary = "Tables are not named tmp_*."
    category = "naming"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for key in ctx.schema.tables:
            if key.startswith("tmp_"):
                yield self.finding(Target("table", key), "temporary table in the design")


class TableList(Format):
    """Table names, one per line."""

    name = "table-list"
    extensions = (".tables.txt",)
    description = "table names, one per line"

    def write(self, schema: Schema, options: WriteOptions, notes: Notes) -> str:
        return "".join(f"{key}\n" for key in schema.tables)


class TableCount(Generator):
    name = "table-count"
    description = "how many tables"
    default_name = "count.txt"
    options = {"prefix": "text before the number"}

    def generate(self, schema: Schema, options: GeneratorOptions, notes: Notes) -> dict[str, str]:
        return {self.default_name: f"{options.options.get('prefix', '')}{len(schema.tables)}\n"}


class Provides:
    """A plugin object whose hooks return what it was given (each test builds the one it needs)."""

    def __init__(self, name: str, rules: Any = (), formats: Any = (), generators: Any = ()) -> None:
        self.__name__ = name
        self._rules, self._formats, self._generators = rules, formats, generators

    @hookimpl
    def register_rules(self) -> Any:
        return self._rules

    @hookimpl
    def register_formats(self) -> Any:
        return self._formats

    @hookimpl
    def register_generators(self) -> Any:
        return self._generators


class Raising:
    __name__ = "raising"

    @hookimpl
    def register_formats(self) -> list[Format]:
        return [TableList()]

    @hookimpl
    def register_rules(self) -> list[type[Rule]]:
        raise RuntimeError("boom")


class Misspelt:
    __name__ = "misspelt"

    @hookimpl
    def register_rule(self) -> list[type[Rule]]:
        return [NoTmpTables]


class Unmarked:
    __name__ = "unmarked"

    def register_rules(self) -> list[type[Rule]]:
        return [NoTmpTables]


class FromTheFuture(Provides):
    sekkei_api = 99


DEMO = Provides("demo", rules=[NoTmpTables], formats=[TableList()], generators=[TableCount()])
RAISING = Raising()


def entry(name: str, value: str) -> EntryPoint:
    return EntryPoint(name=name, value=value, group="sekkei")


@pytest.fixture(autouse=True)
def _own_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Formats registered by a test's plugins stay out of other tests."""
    monkeypatch.setattr(registry, "_FORMATS", registry.formats())


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    captured = capsys.readouterr()
    code = info.value.code if isinstance(info.value.code, int) else 0
    return code, captured.out, captured.err


def only(*plugins: object) -> Plugins:
    return load_plugins(plugins, entry_points=())


def errors(loaded: Plugins) -> dict[str, str]:
    return {b.name: b.error for b in loaded.broken}


# -- built-ins ---------------------------------------------------------------------


def test_builtins_come_through_the_hooks() -> None:
    loaded = load_plugins(entry_points=())
    assert loaded.broken == []
    assert loaded.rules() == list(builtin_rules())
    assert [f.name for f in loaded.formats()] == [f.name for f in builtin_formats()]
    assert [g.name for g in loaded.generators()] == ["mermaid"]
    (info,) = loaded.loaded
    assert info.builtin and info.name == "sekkei" and len(info.rules) == len(builtin_rules())


def test_the_command_line_uses_the_formats_from_the_hooks() -> None:
    loaded = start(report=False)
    for fmt in loaded.formats():
        assert registry.resolve(fmt.name)[0] is fmt


def test_library_users_get_builtin_formats_without_plugins() -> None:
    assert {"yaml", "json", "sql"} <= set(registry.formats())
    assert registry.resolve("mysql")[0].name == "sql"


# -- a working plugin ---------------------------------------------------------------


def test_a_plugin_adds_a_rule_a_format_and_a_generator() -> None:
    loaded = only(DEMO)
    assert loaded.broken == []
    assert NoTmpTables in loaded.rules() and len(loaded.rules()) == len(builtin_rules()) + 1
    assert [f.name for f in loaded.formats()][-1] == "table-list"
    info = loaded.provider("generators", "table-count")
    assert info is not None and info.name == "demo" and not info.builtin


def test_lint_and_convert_use_the_plugin(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    schema = tmp_path / "app.sekkei.yaml"
    schema.write_text("tables:\n  tmp_import:\n    columns:\n      id: {type: bigint, primary_key: true}\n")
    with use_plugins([DEMO]):
        code, out, _ = run(capsys, "lint", str(schema), "--format", "json", "--fail-on", "never")
        assert code == 0
        codes = [f["code"] for f in json.loads(out)["files"][0]["findings"]]
        assert "DMO001" in codes
        code, out, err = run(capsys, "convert", str(schema), "--to", "table-list")
        assert (code, out) == (0, "tmp_import\n"), err
        target = tmp_path / "app.tables.txt"
        code, _, err = run(capsys, "convert", str(schema), "-o", str(target))
        assert code == 0 and target.read_text() == "tmp_import\n", err
        code, out, _ = run(capsys, "generate", "table-count", str(schema), "--option", "prefix=n=")
        assert (code, out) == (0, "n=1\n")


def test_no_plugins_option_uses_only_sekkei(capsys: pytest.CaptureFixture[str]) -> None:
    with use_plugins([DEMO], entry_points=[entry("ghost", "sekkei_no_such_plugin")]):
        code, out, err = run(capsys, "--no-plugins", "plugins", "--format", "json")
        assert code == 0 and err == ""
        report = json.loads(out)
        assert [p["name"] for p in report["plugins"]] == ["sekkei"] and report["broken"] == []
        code, _, err = run(capsys, "--no-plugins", "convert", str(EXAMPLE), "--to", "table-list")
        assert code == 2 and "unknown format 'table-list'" in err and "skipped" not in err


# -- broken plugins -------------------------------------------------------------------


def test_an_import_error_is_reported_once_and_the_command_still_works(
    capsys: pytest.CaptureFixture[str],
) -> None:
    broken = [entry("ghost", "sekkei_no_such_plugin"), entry("gone", "tests.unit.test_plugins:NOT_THERE")]
    with use_plugins(entry_points=broken):
        code, out, err = run(capsys, "convert", str(EXAMPLE), "--to", "json")
    assert code == 0 and json.loads(out)["tables"]["orders"]
    assert err.count("plugin ghost skipped: cannot be imported: ModuleNotFoundError") == 1
    assert err.count("plugin gone skipped: cannot be imported: AttributeError") == 1


def test_a_raising_hook_skips_the_whole_plugin(capsys: pytest.CaptureFixture[str]) -> None:
    with use_plugins(entry_points=[entry("raising", "tests.unit.test_plugins:RAISING")]):
        code, _, err = run(capsys, "convert", str(EXAMPLE), "--to", "table-list")
    assert "plugin raising skipped: register_rules raised RuntimeError: boom" in err
    assert code == 2 and "unknown format 'table-list'" in err  # its format is not half-loaded


@pytest.mark.parametrize(
    ("plugin", "reason"),
    [
        (Provides("p", rules=[TableList]), "is not a subclass of sekkei.lint.Rule"),
        (
            Provides("p", rules=NoTmpTables),
            "register_rules returned tests.unit.test_plugins.NoTmpTables, not a list",
        ),
        (Provides("p", rules=[type("Bad", (NoTmpTables,), {"code": "dmo1"})]), "code 'dmo1' is not three"),
        (
            Provides("p", rules=[type("Bad", (NoTmpTables,), {"category": "misc"})]),
            "category 'misc' is not one of",
        ),
        (Provides("p", rules=[type("Bad", (NoTmpTables,), {"name": "NoTmp"})]), "is not kebab-case"),
        (
            Provides("p", rules=[type("Bad", (NoTmpTables,), {"code": "KEY999"})]),
            "prefix KEY belongs to Sekkei",
        ),
        (
            Provides("p", rules=[type("Bad", (Rule,), {"code": "DMO002", "name": "x", "summary": "x"})]),
            "has no check",
        ),
        (
            Provides("p", rules=[NoTmpTables, type("Twin", (NoTmpTables,), {"name": "twin"})]),
            "rule code DMO001 is given twice",
        ),
        (
            Provides("p", rules=[NoTmpTables, type("Twin", (NoTmpTables,), {"code": "DMO002"})]),
            "is taken by DMO001",
        ),
        (
            Provides("p", formats=[type("Y", (TableList,), {"name": "yaml"})()]),
            "format name 'yaml' is taken by sekkei",
        ),
        (Provides("p", formats=[type("M", (TableList,), {"name": "mysql"})()]), "is a dialect name"),
        (
            Provides("p", formats=[type("N", (Format,), {"name": "nothing"})()]),
            "overrides neither read nor write",
        ),
        (
            Provides("p", formats=[type("E", (TableList,), {"extensions": ("tsv",)})()]),
            "do not start with '.'",
        ),
        (
            Provides("p", generators=[type("G", (TableCount,), {"name": "mermaid"})()]),
            "'mermaid' is taken by sekkei",
        ),
        (Provides("p", generators=[TableList()]), "is not a sekkei.generate.Generator"),
        (Misspelt(), "implements register_rule, which Sekkei does not know"),
        (Unmarked(), "implements no hook"),
        (FromTheFuture("p", rules=[NoTmpTables]), "written for plugin API 99, this Sekkei supports 1"),
    ],
)
def test_invalid_plugins_are_skipped_with_the_reason(plugin: object, reason: str) -> None:
    loaded = only(plugin)
    (broken,) = loaded.broken
    assert reason in broken.error
    assert loaded.rules() == list(builtin_rules())  # nothing of it is used
    assert [f.name for f in loaded.formats()] == ["yaml", "json", "sql"]
    assert loaded.manager.get_plugin(broken.name) is None


def test_the_first_plugin_keeps_a_contested_code() -> None:
    first = Provides("first", rules=[NoTmpTables])
    second = Provides(
        "second", rules=[type("Other", (NoTmpTables,), {"name": "other"})], formats=[TableList()]
    )
    loaded = only(first, second)
    assert errors(loaded) == {"second": "rule code DMO001 is taken by first"}
    provider = loaded.provider("rules", "DMO001")
    assert provider is not None and provider.name == "first"
    assert [f.name for f in loaded.formats()] == ["yaml", "json", "sql"]  # nothing of the second


def test_the_same_plugin_twice_is_reported_and_the_first_stays() -> None:
    loaded = only(DEMO, DEMO)
    assert len(loaded.broken) == 1 and "cannot be registered" in loaded.broken[0].error
    assert loaded.manager.is_registered(DEMO) and NoTmpTables in loaded.rules()


def test_long_lists_of_problems_are_shortened() -> None:
    loaded = only(Provides("p", rules=[1, 2, 3, 4, 5]))
    assert loaded.broken[0].error.endswith("; and 2 more")


# -- the plugins command ------------------------------------------------------------------


def test_plugins_command_lists_what_each_provides(capsys: pytest.CaptureFixture[str]) -> None:
    with use_plugins([DEMO], entry_points=[entry("ghost", "sekkei_no_such_plugin")]):
        code, out, err = run(capsys, "plugins")
        assert code == 0 and err == ""  # the skipped plugin is listed, not also warned about
        assert "sekkei" in out and "(built-in)" in out and "DMO001" in out and "table-count" in out
        assert "skipped" in out and "ghost: cannot be imported" in out
        code, out, _ = run(capsys, "plugins", "--format", "json")
    report = json.loads(out)
    assert report["api"] == 1
    demo = report["plugins"][1]
    assert demo["name"] == "demo" and demo["rules"] == ["DMO001"] and demo["formats"] == ["table-list"]
    assert report["broken"][0]["name"] == "ghost"


# -- the generate command ----------------------------------------------------------------


def test_generate_mermaid_to_stdout_and_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "generate", "mermaid", str(EXAMPLE))
    assert code == 0 and "erDiagram" in out and '"orders" ||--o{ "order_items"' in out
    target = tmp_path / "shop.mmd"
    code, _, err = run(
        capsys, "generate", "mermaid", str(EXAMPLE), "-o", str(target), "--option", "columns=keys"
    )
    assert code == 0 and "wrote" in err
    assert "bigint id PK" in target.read_text() and "text note" not in target.read_text()
    code, out, _ = run(capsys, "generate", "mermaid", str(EXAMPLE), "--format", "json")
    (file,) = json.loads(out)["files"]
    assert file["path"] == "schema.mmd" and file["text"].startswith('---\ntitle: "shop"')


def test_generate_into_a_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "generate", "mermaid", str(EXAMPLE), "-o", str(tmp_path) + "/")
    assert code == 0, err
    assert (tmp_path / "schema.mmd").read_text().startswith("---")


def test_generate_list(capsys: pytest.CaptureFixture[str]) -> None:
    with use_plugins([DEMO]):
        code, out, _ = run(capsys, "generate", "--list")
        assert code == 0 and "mermaid" in out and "table-count" in out and "--option prefix" in out
        code, out, _ = run(capsys, "generate", "--list", "--format", "json")
    rows = {row["name"]: row for row in json.loads(out)["generators"]}
    assert rows["mermaid"]["plugin"] == "sekkei" and rows["table-count"]["plugin"] == "demo"
    assert set(rows["mermaid"]["options"]) == {"columns", "comments", "title"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["generate", "mermaid"], "name a generator and a schema"),
        (["generate", "mermiad", str(EXAMPLE)], "did you mean 'mermaid'"),
        (["generate", "mermaid", str(EXAMPLE), "--option", "colums=keys"], "has no option 'colums'"),
        (["generate", "mermaid", str(EXAMPLE), "--option", "columns"], "is not KEY=VALUE"),
        (
            ["generate", "mermaid", str(EXAMPLE), "--option", "columns=some"],
            "columns='some' is not supported",
        ),
        (["generate", "mermaid", str(EXAMPLE), "--lang", "fr"], "--lang 'fr' is not supported"),
    ],
)
def test_generate_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and message in err and out == ""


class Crashing(TableCount):
    name = "crashing"

    def generate(self, schema: Schema, options: GeneratorOptions, notes: Notes) -> dict[str, str]:
        raise ZeroDivisionError("oops")


class Escaping(TableCount):
    name = "escaping"

    def generate(self, schema: Schema, options: GeneratorOptions, notes: Notes) -> dict[str, str]:
        return {"../outside.txt": "x"}


class Several(TableCount):
    name = "several"

    def generate(self, schema: Schema, options: GeneratorOptions, notes: Notes) -> dict[str, str]:
        return {"a.txt": "a\n", "sub/b.txt": "b\n"}


def test_generator_bugs_are_blamed_on_the_plugin(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plugin = Provides("gens", generators=[Crashing(), Escaping(), Several()])
    with use_plugins([plugin]):
        code, _, err = run(capsys, "generate", "crashing", str(EXAMPLE))
        assert code == 3 and "a bug in the plugin gens" in err and "ZeroDivisionError: oops" in err
        code, _, err = run(capsys, "generate", "escaping", str(EXAMPLE), "-o", str(tmp_path / "x"))
        assert code == 3 and "'../outside.txt'" in err and not (tmp_path / "outside.txt").exists()
        code, _, err = run(capsys, "generate", "several", str(EXAMPLE))
        assert code == 2 and "writes 2 files (a.txt, sub/b.txt); give -o DIRECTORY" in err
        code, _, err = run(capsys, "generate", "several", str(EXAMPLE), "-o", str(tmp_path / "out"))
        assert code == 0 and (tmp_path / "out" / "sub" / "b.txt").read_text() == "b\n"


# -- the documentation ----------------------------------------------------------------------

_DEF = re.compile(r"^def (register_\w+)\((.*?)\)\s*->\s*(.+?):\s*$", re.M)


def _documented() -> dict[str, tuple[str, str]]:
    text = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    found: dict[str, tuple[str, str]] = {}
    for block in blocks:
        for name, params, returns in _DEF.findall(block):
            found.setdefault(name, (params.strip(), returns.strip()))
    return found


def _specs() -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(value)
        for name, value in vars(Hooks).items()
        if callable(value) and hasattr(value, "sekkei_spec")
    }


def test_every_hook_is_documented_with_its_exact_signature() -> None:
    documented = _documented()
    text = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    specs = _specs()
    assert specs, "no hook specifications found"
    for name, signature in specs.items():
        assert f"### `{name}`" in text, f"docs/plugins.md has no section for {name}"
        assert name in documented, f"docs/plugins.md shows no signature of {name}"
        params = ", ".join(str(p) for p in list(signature.parameters.values())[1:])  # without self
        assert documented[name] == (params, signature.return_annotation), name
    assert set(documented) <= set(specs), (
        f"documented hooks that do not exist: {set(documented) - set(specs)}"
    )


def test_plugins_doc_is_linked_from_the_index() -> None:
    assert "(plugins.md)" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
