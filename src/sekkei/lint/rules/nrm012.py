"""NRM012: a table that is only a primary key and that nothing uses is probably dead."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, Target

_IDENTIFIER = re.compile(r'"((?:[^"]|"")+)"|`([^`]+)`|\[([^\]]+)\]|([^\W\d][\w$]*)')


def _mentioned(ctx: LintContext) -> set[str]:
    """Every identifier in view queries, routines and triggers, lower case (one pass over the SQL)."""
    texts = [view.sql for view in ctx.schema.views.values()]
    texts.extend(routine.sql for routine in ctx.schema.routines)
    texts.extend(trigger.sql for table in ctx.schema.tables.values() for trigger in table.triggers)
    found: set[str] = set()
    for text in texts:
        for match in _IDENTIFIER.finditer(text):
            found.add(next(g for g in match.groups() if g is not None).lower())
    return found


#: Tables that migration tools keep for themselves: a key-only table by design.
_TOOL_TABLES = frozenset(
    """schema_migrations ar_internal_metadata flyway_schema_history alembic_version django_migrations
    goose_db_version knex_migrations knex_migrations_lock schema_version __diesel_schema_migrations
    databasechangelog databasechangeloglock __efmigrationshistory migrations""".split()
)


class KeyOnlyTable(Rule):
    """A table that is only a primary key, and that nothing references, is probably dead.

    Why:
        A table whose only columns form its primary key says one thing: which
        keys exist.  That is useful when other tables point at it (a lookup
        table of codes, referenced by foreign keys) or when it links two tables
        (its key columns are foreign keys).  When neither is true and no view,
        routine or trigger mentions it, it is usually left over from a removed
        feature, or a lookup table whose foreign keys were never declared.

    Instead:
        Drop the table if nothing uses it, or declare the foreign keys that
        make it a lookup table (``ALTER TABLE addresses ADD FOREIGN KEY
        (country_code) REFERENCES countries (code)``).  A deliberate key-only
        table (an id generator on a database without sequences) can say so with
        ``nolint: {NRM012: "…"}``.
    """

    code = "NRM012"
    name = "key-only-table"
    summary = "A table that is only a primary key, and that nothing references, is probably dead."
    summary_ja = "主キーしか持たず、どこからも参照されないテーブルは使われていない可能性が高い。"
    doc_ja = """
    理由:
        列が主キーだけのテーブルが表すのは「どのキーが存在するか」だけです。他のテーブルが参照する
        (外部キーで参照されるコード表)か、二つのテーブルを結ぶ(キー列が外部キー)なら役に立ちます。
        どちらでもなく、ビュー・ルーチン・トリガーにも現れないなら、たいていは削除された機能の残骸か、
        外部キーを宣言し忘れたコード表です。

    代わりに:
        使われていなければテーブルを削除するか、コード表として使う外部キーを宣言してください
        (``ALTER TABLE addresses ADD FOREIGN KEY (country_code) REFERENCES countries (code)``)。
        シーケンスのないデータベースでの採番用など意図的なテーブルは ``nolint: {NRM012: "…"}`` で
        その旨を書けます。
    """
    category = "design"
    severity = "info"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        mentioned: set[str] | None = None
        parents = {p for table in ctx.schema.tables.values() for p in table.inherits}
        for key, table in ctx.schema.tables.items():
            pk = table.primary_key
            if pk is None or len(pk.columns) != len(table.columns):
                continue  # cheap test first: most tables have more than their key
            if table.partition_of is not None or table.partition_by or table.inherits or key in parents:
                continue
            if set(table.columns) != set(pk.columns) or table.name.lower() in _TOOL_TABLES:
                continue
            if table.foreign_keys or ctx.incoming.get(key):
                continue
            if mentioned is None:
                mentioned = _mentioned(ctx)
            if table.name.lower() in mentioned:
                continue
            columns = ", ".join(pk.columns)
            yield self.finding(
                Target("table", key),
                f"table has only its primary key ({columns}) and nothing references it",
                hint=f"drop it if unused, or add the foreign keys that use it as a lookup table "
                f"(REFERENCES {key} ({columns}))",
            )
