"""TYP023: defaults that cannot coexist with what the column is (identity, computed, MySQL LOB types)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field, field_validator

from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions
from sekkei.lint.rules.typ020 import OFF_ROW, mysql_type
from sekkei.model.dialects import family
from sekkei.model.schema import SqlExpr

#: The first version that takes defaults on TEXT/BLOB/JSON/GEOMETRY columns and expression defaults.
_FIRST = {"mysql": (8, 0, 13), "mariadb": (10, 2, 1)}
#: What MySQL takes without parentheses on DATETIME/TIMESTAMP columns at any version.
_NOW_KEYWORD = re.compile(
    r"^\s*(?:current_timestamp|now|localtimestamp|localtime)\s*(?:\(\s*\d*\s*\))?\s*$", re.I
)
#: Expressions that are really literals (bit and hex strings, numbers kept with their exact digits).
_LITERAL = re.compile(
    r"^\(?\s*(?:[bBxX]'[0-9a-fA-F]*'|0x[0-9a-fA-F]+|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
    r"|'(?:[^']|'')*')\s*\)?$"
)
_VERSION = re.compile(r"^\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?")


def _version(text: str) -> tuple[int, int, int]:
    match = _VERSION.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a version such as 8.0.13 or 10.6")
    return (int(match.group(1)), int(match.group(2) or 0), int(match.group(3) or 0))


class Options(RuleOptions):
    min_version: str | None = Field(
        None,
        description="Oldest MySQL or MariaDB version the schema must run on (e.g. '5.7', '10.1'): "
        "defaults that need a newer server are reported. Unset: current versions.",
    )

    @field_validator("min_version")
    @classmethod
    def _readable(cls, value: str | None) -> str | None:
        if value is not None:
            _version(value)
        return value


class ImpossibleDefault(Rule):
    """Columns do not have a default they cannot have.

    Why:
        An identity column and a computed (generated) column get their values
        from the database; a default on top is a contradiction.  PostgreSQL,
        MySQL and SQL Server refuse it at ``CREATE TABLE`` ("both default and
        identity specified", "Invalid default value"), SQLite refuses it on a
        computed column and silently ignores it on an ``AUTOINCREMENT`` key.
        The same goes for a column that is both an identity and computed.  SQL Server
        also refuses defaults on ``rowversion`` columns.  Servers older than
        the design expects refuse more: MySQL before 8.0.13 (MariaDB before
        10.2.1) accepts no default at all on ``TEXT``, ``BLOB``, ``JSON`` and
        geometry columns, and no expression other than ``CURRENT_TIMESTAMP`` —
        set ``min_version`` to check for them; newer MySQL takes them written
        as expressions in parentheses, which is how Sekkei writes them.

    Instead:
        Keep one source of values: drop the default, or drop the identity or
        the generation expression.  For old MySQL servers, set the value in
        the application or a trigger, or use ``varchar`` instead of ``text``.
    """

    code = "TYP023"
    name = "impossible-default"
    summary = "Columns do not have a default they cannot have (identity, computed, old MySQL LOBs)."
    summary_ja = "持てない既定値(自動採番・計算列・古い MySQL の LOB 型)を列に付けないこと。"
    doc_ja = """
    理由:
        自動採番(identity)列と計算(生成)列の値はデータベースが決めます。そこに既定値を重ねるのは
        矛盾です。PostgreSQL・MySQL・SQL Server は ``CREATE TABLE`` で拒否し("both default and
        identity specified"、"Invalid default value")、SQLite は計算列では拒否し、``AUTOINCREMENT``
        のキーでは黙って無視します。自動採番でありかつ計算列で
        ある列も同様です。SQL Server は ``rowversion`` 列の既定値も拒否します。設計の想定より古い
        サーバーはさらに拒否します。MySQL 8.0.13 より前(MariaDB 10.2.1 より前)は ``TEXT``・``BLOB``・
        ``JSON``・空間型の列に既定値を一切付けられず、``CURRENT_TIMESTAMP`` 以外の式も使えません。
        ``min_version`` を設定すると検査します。新しい MySQL では括弧で囲んだ式として受け付け、Sekkei も
        そのように出力します。

    代わりに:
        値の出どころを一つにしてください(既定値を外すか、identity または生成式を外す)。古い MySQL では
        アプリケーションかトリガーで値を設定するか、``text`` の代わりに ``varchar`` を使ってください。
    """
    category = "types"
    severity = "error"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        old_server = None
        if options.min_version is not None and ctx.dialect in _FIRST:
            if _version(options.min_version) < _FIRST[ctx.dialect]:
                old_server = ctx.dialect
        mssql = ctx.family == "mssql"
        for info in ctx.columns:
            column = info.column
            default = column.default
            if (default is None and column.generated is None) or info.table.partition_of is not None:
                continue
            if column.identity is not None and column.generated is not None:
                yield self.finding(
                    info.target,
                    "column is both an identity and computed: it can only be one",
                    hint="drop the identity or the generation expression",
                )
            if default is None:
                continue
            if column.identity is not None:
                kind = "serial" if column.identity.generated == "serial" else "identity"
                yield self.finding(
                    info.target,
                    f"{kind} column has a default too: PostgreSQL, MySQL and SQL Server reject both; "
                    "SQLite ignores the default",
                    hint="drop the default (the identity gives the values) or the identity",
                )
            elif column.generated is not None:
                yield self.finding(
                    info.target,
                    "computed column has a default too: its value always comes from the expression",
                    hint="drop the default",
                )
            elif mssql and _native(info, "mssql") in {"rowversion", "timestamp"}:
                yield self.finding(
                    info.target,
                    "SQL Server cannot give a rowversion column a default",
                    hint="drop the default: the server sets the value",
                )
            elif old_server is not None:
                yield from self._old_server(ctx, info, old_server, options.min_version or "")

    def _old_server(self, ctx: LintContext, info: ColumnInfo, server: str, version: str) -> Iterator[Finding]:
        default = info.column.default
        text = mysql_type(info, ctx.dialect or server) or ""
        base = re.split(r"[\s(]", text.strip(), maxsplit=1)[0] if text else ""
        title = "MySQL" if server == "mysql" else "MariaDB"
        first = ".".join(str(n) for n in _FIRST[server])
        if base in OFF_ROW:
            yield self.finding(
                info.target,
                f"{title} before {first} takes no default on a {base} column (min_version {version})",
                hint="set the value in the application, or use varchar",
            )
        elif (
            isinstance(default, SqlExpr)
            and not _LITERAL.match(default.sql)
            and not (_NOW_KEYWORD.match(default.sql) and base in {"datetime", "timestamp"})
        ):
            yield self.finding(
                info.target,
                f"{title} before {first} takes no expression default other than CURRENT_TIMESTAMP on "
                f"datetime and timestamp columns (min_version {version})",
                hint="set the value in the application or a trigger",
            )


def _native(info: ColumnInfo, fam: str) -> str | None:
    for dialect, text in info.column.native.items():
        if family(dialect) == fam:
            return text.strip().lower()
    return None
