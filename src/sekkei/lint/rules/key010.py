"""KEY010: every table is related to another by a foreign key (in either direction)."""

from __future__ import annotations

import fnmatch
import re
from collections import defaultdict
from collections.abc import Callable, Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.model.schema import Table

#: Tables that migration tools and frameworks keep for themselves.
TOOL_TABLES = [
    "schema_migrations",
    "ar_internal_metadata",
    "flyway_schema_history",
    "databasechangelog",
    "databasechangeloglock",
    "django_migrations",
    "alembic_version",
    "goose_db_version",
    "__diesel_schema_migrations",
    "knex_migrations",
    "knex_migrations_lock",
    "__efmigrationshistory",
    "migrations",
    "schema_version",
    "sqlite_sequence",
]


class Options(RuleOptions):
    min_tables: int = Field(3, description="Say nothing about schemas with fewer tables than this.")
    max_unrelated_share: float = Field(
        0.5,
        description="When more than this share of the tables is unrelated, report the schema once instead "
        "of each table (relationships are then not declared by habit or policy).",
    )
    ignore: list[str] = Field(
        default_factory=lambda: list(TOOL_TABLES),
        description="Globs of tables that stand alone on purpose (migration bookkeeping, settings).",
    )


def glob_matcher(patterns: list[str]) -> Callable[[str], bool]:
    """One compiled test for a list of globs (checked once per table, so not glob by glob)."""
    if not patterns:
        return lambda name: False
    compiled = re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns))
    return lambda name: compiled.match(name) is not None


def _candidates(name: str) -> list[str]:
    """Table names a column ``<name>_id`` may point at: the stem, its plurals."""
    stem = name.lower()
    found = [stem, stem + "s", stem + "es"]
    if stem.endswith("y"):
        found.append(stem[:-1] + "ies")
    return found


class UnrelatedTable(Rule):
    """Every table is related to another table by a foreign key, in either direction.

    Why:
        A table that no foreign key connects to the rest of the schema is
        either standalone on purpose (settings, queues, audit trails) or has
        relationships that were never declared: its ``*_id`` columns accept
        values that point nowhere, and diagrams and documentation cannot show
        how it is used.  A schema where most tables are unrelated (or with no
        foreign keys at all) is reported once, as a whole.

    Instead:
        Declare the foreign keys the columns imply (the hint names ``*_id``
        columns that match a table).  Tables that stand alone on purpose can
        say so with ``nolint: {KEY010: "…"}`` or be listed in ``ignore``; where
        foreign keys are not used by policy, turn this rule off and KEY007 on.
    """

    code = "KEY010"
    name = "unrelated-table"
    summary = "Every table is related to another by a foreign key."
    summary_ja = "すべてのテーブルが外部キーで他のテーブルと関連していること。"
    doc_ja = """
    理由:
        どの外部キーでも他とつながっていないテーブルは、意図して独立している(設定・キュー・監査ログ)か、
        関連が宣言されていないかのどちらかです。後者なら ``*_id`` 列はどこも指さない値を受け入れ、ER 図や
        ドキュメントにも使われ方が現れません。ほとんどのテーブルが関連を持たない(または外部キーが 1 つもない)
        スキーマは、スキーマ全体として 1 件だけ報告します。

    代わりに:
        列が示している外部キーを宣言してください(ヒントに、テーブル名と一致する ``*_id`` 列を挙げます)。
        意図して独立したテーブルは ``nolint: {KEY010: "…"}`` で理由を書くか ``ignore`` に加えてください。
        方針として外部キーを使わない場合は、このルールを無効にして KEY007 を有効にしてください。
    """
    category = "keys"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        ignored = glob_matcher(options.ignore)
        tables: dict[str, Table] = {
            key: table
            for key, table in ctx.schema.tables.items()
            if key not in ctx.parents and not ignored(table.name)
        }
        if len(tables) < options.min_tables:
            return
        children: dict[str, list[str]] = defaultdict(list)
        for child, parents in ctx.parents.items():
            for parent in parents:
                children[parent.key].append(child)
        # a partitioned or inherited table's relationships may be declared on its children
        unrelated = [
            key
            for key in tables
            if not any(self._related(ctx, k, ctx.schema.tables[k]) for k in (key, *children.get(key, ())))
        ]
        if len(unrelated) > options.max_unrelated_share * len(tables):
            # relationships are mostly not declared: one finding says so better than one per table
            declared = len(tables) - len(unrelated)
            yield self.finding(
                Target("schema"),
                f"{len(unrelated)} of the {len(tables)} tables have no foreign key"
                if declared
                else f"none of the {len(tables)} tables has a foreign key",
                hint="declare the relationships, or turn KEY010 off (and KEY007 on) if foreign keys are not "
                "used by policy",
            )
            return
        by_name: dict[str, str] = {}
        for key, table in ctx.schema.tables.items():
            by_name.setdefault(table.name.lower(), key)
        for key in unrelated:
            suggestions = []
            for name in tables[key].columns:
                if name.lower().endswith("_id") and len(name) > 3:
                    found = next((by_name[c] for c in _candidates(name[:-3]) if c in by_name), None)
                    if found is not None and found != key:
                        suggestions.append(f"{name} → {found}")
            hint = (
                f"declare foreign keys: {', '.join(suggestions[:5])}"
                if suggestions
                else "declare the foreign keys it takes part in, or say it stands alone with nolint"
            )
            yield self.finding(
                Target("table", key), "no foreign key relates this table to another", hint=hint
            )

    @staticmethod
    def _related(ctx: LintContext, key: str, table: Table) -> bool:
        if any(child != key for child, _ in ctx.incoming.get(key, ())):
            return True
        for fk in table.foreign_keys:
            parent = ctx.referenced_table(fk)
            if parent is None or parent.key != key:
                return True
        return False
