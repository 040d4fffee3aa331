"""TYP013: at most a few columns per table default to the current time."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.model.schema import SqlExpr

#: The current date or time in any dialect: SQL keywords, functions, and PostgreSQL's 'now'.
NOW_SQL = re.compile(
    r"\b(?:current_timestamp|current_date|current_time|localtimestamp|localtime|systimestamp|sysdate"
    r"|current_datetime)\b"
    r"|\b(?:now|getdate|getutcdate|sysdatetime|sysutcdatetime|sysdatetimeoffset|statement_timestamp"
    r"|clock_timestamp|transaction_timestamp|utc_timestamp|curdate|curtime|unix_timestamp)\s*\("
    r"|'now'",
    re.I,
)


def is_now(value: object) -> bool:
    """True if a default (or ON UPDATE) expression gives the current date or time."""
    return isinstance(value, SqlExpr) and NOW_SQL.search(value.sql) is not None


class Options(RuleOptions):
    max: int = Field(2, description="Columns per table that may default to the current time.")
    max_on_update: int = Field(
        1, description="Columns per table that may be set to the current time ON UPDATE (MySQL)."
    )


class CurrentTimeDefaults(Rule):
    """At most a few columns per table default to the current time.

    Why:
        A time column that defaults to "now" claims the event happened when
        the row was written.  That is true for ``created_at`` (and, with
        ``ON UPDATE``, ``updated_at``) and rarely for anything else:
        ``shipped_at DEFAULT now()`` records a shipment that has not happened,
        and no one notices because the value looks plausible.  More such
        columns usually mean copy-and-paste, not design.

    Instead:
        Keep the current-time default on the creation time (and the
        modification time); let the application set the others when the event
        happens, and leave them NULL until then.  ``max`` and
        ``max_on_update`` set the limits.
    """

    code = "TYP013"
    name = "current-time-defaults"
    summary = "At most a few columns per table default to the current time."
    summary_ja = "現在時刻を既定値とする列はテーブルごとに少数にすること。"
    doc_ja = """
    理由:
        「現在時刻」を既定値にした時刻列は、その出来事が行の書き込み時に起きたと主張します。
        ``created_at``(``ON UPDATE`` 付きなら ``updated_at`` も)ではそれが正しいものの、それ以外では
        まれです。``shipped_at DEFAULT now()`` はまだ起きていない出荷を記録し、値がもっともらしいので
        誰も気づきません。こうした列が多いのは、たいてい設計ではなくコピー&ペーストの結果です。

    代わりに:
        現在時刻の既定値は作成日時(と更新日時)だけにし、それ以外はアプリケーションが出来事の
        発生時に設定し、それまでは NULL にしてください。上限は ``max`` と ``max_on_update`` で
        設定できます。
    """
    category = "types"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            defaults: list[str] = []
            updates: list[str] = []
            for column in table.columns.values():
                if column.default is not None and is_now(column.default):
                    defaults.append(column.name)
                if column.on_update is not None and is_now(column.on_update):
                    updates.append(column.name)
            if len(defaults) > options.max:
                yield self.finding(
                    Target("table", key),
                    f"{len(defaults)} columns default to the current time ({', '.join(defaults)}); "
                    f"at most {options.max}",
                    hint="keep the default on the creation time; let the application set the others "
                    "when the event happens",
                )
            if len(updates) > options.max_on_update:
                yield self.finding(
                    Target("table", key),
                    f"{len(updates)} columns are set to the current time on update "
                    f"({', '.join(updates)}); at most {options.max_on_update}",
                    hint="keep ON UPDATE on the modification time only",
                )
