"""The テーブル定義書 format and Markdown generator, directly and through the `sekkei` command."""

from __future__ import annotations

import csv
import io
import json
from importlib.resources import files
from pathlib import Path

import pytest
import sekkei_example
from sekkei_example.markdown import TeigishoMarkdown
from sekkei_example.teigisho import TeigishoFormat

from sekkei.cli.main import main
from sekkei.cli.plugins import plugins, use_plugins
from sekkei.formats.base import WriteOptions
from sekkei.formats.registry import read_file, read_string
from sekkei.generate import GeneratorOptions
from sekkei.model.diagnostics import Notes, UsageError
from sekkei.model.schema import Schema

SHOP_TEXT = files("sekkei.examples").joinpath("shop.sekkei.yaml").read_text(encoding="utf-8")


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """Sekkei's bundled example design, as a file."""
    path = tmp_path / "shop.sekkei.yaml"
    path.write_text(SHOP_TEXT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def schema() -> Schema:
    return read_string(SHOP_TEXT, "yaml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`sekkei ARGS` in this process, with this plugin as if it were installed."""
    with use_plugins([sekkei_example]), pytest.raises(SystemExit) as info:
        main(list(args))
    captured = capsys.readouterr()
    code = info.value.code if isinstance(info.value.code, int) else 0
    return code, captured.out, captured.err


def sheet(text: str) -> list[dict[str, str]]:
    header, *body = csv.reader(io.StringIO(text), delimiter="\t")
    return [dict(zip(header, row, strict=True)) for row in body]


def test_sheet_has_a_row_per_column_with_logical_names(schema: Schema) -> None:
    rows = sheet(TeigishoFormat().write(schema, WriteOptions(), Notes()))
    assert len(rows) == sum(len(t.columns) for t in schema.tables.values())
    by_column = {(r["テーブル名"], r["カラム名"]): r for r in rows}
    email = by_column["customers", "email"]
    assert email["テーブル論理名"] == "顧客 / people who buy"
    assert email["論理名"] == "ログイン用メールアドレス"
    assert email["必須"] == "○" and email["一意"] == "○" and "個人情報" in email["備考"]
    assert by_column["order_items", "line_no"]["主キー"] == "2"
    assert by_column["order_items", "product_id"]["外部キー"] == "products.id"
    assert by_column["customers", "id"]["備考"] == "自動採番"


def test_cells_never_split_rows() -> None:
    schema = Schema.model_validate(
        {
            "tables": {
                "t": {"comment": "a\tb", "columns": {"c": {"type": "text", "comment": "名前\n詳細\tです"}}}
            }
        }
    )
    text = TeigishoFormat().write(schema, WriteOptions(options={"lang": "en"}), Notes())
    assert len(text.splitlines()) == 2
    (row,) = sheet(text)
    assert row["Table logical name"] == "a b"
    assert row["Logical name"] == "名前" and row["Notes"] == "詳細 です"


def test_markdown_pages(schema: Schema) -> None:
    pages = TeigishoMarkdown().generate(schema, GeneratorOptions(lang="ja"), Notes())
    assert set(pages) == {"index.md"} | {f"tables/{key}.md" for key in schema.tables}
    assert "| [customers](tables/customers.md) | 顧客 / people who buy |" in pages["index.md"]
    assert pages["tables/orders.md"].startswith("# orders")
    assert "| No | カラム名 | 論理名 |" in pages["tables/orders.md"]


def test_convert_to_the_plugin_format(capsys: pytest.CaptureFixture[str], shop: Path) -> None:
    target = shop.parent / "shop.teigisho.tsv"
    code, _, err = run(capsys, "convert", str(shop), "-o", str(target))  # chosen by the file name
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("テーブル名\t")
    code, out, _ = run(capsys, "convert", str(shop), "--to", "teigisho")
    assert code == 0 and "ログイン用メールアドレス" in out


def test_the_format_is_write_only(shop: Path) -> None:
    sheet_file = shop.parent / "x.teigisho.tsv"
    sheet_file.write_text("テーブル名\n", encoding="utf-8")
    with use_plugins([sekkei_example]):
        plugins()  # registers the plugin's format, as the command line does
        with pytest.raises(UsageError, match="can be written but not read"):
            read_file(sheet_file)


def test_lint_runs_the_plugin_rule(capsys: pytest.CaptureFixture[str], shop: Path) -> None:
    code, out, _ = run(capsys, "lint", str(shop), "--format", "json", "--fail-on", "never")
    assert code == 0
    findings = [f for file in json.loads(out)["files"] for f in file["findings"] if f["code"] == "EXA001"]
    assert any(f["subject"] == "table customers" and f["message"] == "no updated_at column" for f in findings)


def test_generate_markdown_into_a_directory(capsys: pytest.CaptureFixture[str], shop: Path) -> None:
    out_dir = shop.parent / "db"
    code, _, err = run(capsys, "generate", "teigisho-md", str(shop), "-o", str(out_dir), "--lang", "ja")
    assert code == 0, err
    assert (out_dir / "index.md").is_file() and (out_dir / "tables" / "payments.md").is_file()
    code, _, err = run(capsys, "generate", "teigisho-md", str(shop))
    assert code == 2 and "-o DIRECTORY" in err
