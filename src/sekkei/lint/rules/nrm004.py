"""NRM004: objects the team's policy bans (triggers, views, routines, partitions, inheritance)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Literal

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target

Banned = Literal[
    "triggers", "views", "materialized_views", "routines", "functions", "procedures", "partitions",
    "inheritance",
]
ALL: tuple[Banned, ...] = (
    "triggers", "views", "materialized_views", "routines", "partitions", "inheritance",
)
_PLURAL = {"other": "routines", "aggregate": "aggregate functions"}
# what to do instead, by kind of object
_INSTEAD: dict[str, str] = {
    "triggers": "do the work in the application, or capture changes with CDC or an application audit log",
    "views": "keep the query in the application (or a query module under version control)",
    "materialized_views": "build the read model in the application or a scheduled job into a plain table",
    "routines": "move the logic into the application, where it is tested and deployed with the code",
    "partitions": "keep one table; archive old rows with a scheduled job if size is the concern",
    "inheritance": "use one table with a type column, or separate tables that share a key (1:1)",
}


class Options(RuleOptions):
    forbid: list[Banned] = Field(
        default_factory=lambda: list(ALL),
        description="Kinds of objects the policy bans: triggers, views, materialized_views, routines "
        "(or only functions / procedures), partitions, inheritance.",
    )


class BannedObjects(Rule):
    """Objects the team's policy bans: triggers, views, materialized views, routines, partitions, inheritance.

    Why:
        Logic in the database is invisible from the application's code: a
        trigger that rewrites a row, a function a view depends on or a
        partition scheme surprise the next developer, complicate migrations and
        tie the design to one database.  Some teams (and platforms such as
        sharded MySQL or managed services with logical replication) therefore
        ban them.  Where that is the policy, a linter is the place to enforce it.

    Instead:
        Keep the logic in the application, or remove the kind of object from
        ``forbid``.  The rule is off until configured: ``NRM004 = {forbid =
        ["triggers", "routines"]}`` turns it on for those kinds (``routines``
        covers functions and procedures; ``functions`` and ``procedures`` ban
        one of them).
    """

    code = "NRM004"
    name = "banned-objects"
    summary = "Objects the team's policy bans are not used."
    summary_ja = "方針で禁止したオブジェクト(トリガー・ビュー・ルーチン・パーティションなど)を使わないこと。"
    doc_ja = """
    理由:
        データベース内のロジックはアプリケーションのコードから見えません。行を書き換えるトリガー、
        ビューが依存する関数、パーティション構成は次の開発者を驚かせ、マイグレーションを複雑にし、
        設計を特定のデータベースに縛ります。そのためこれらを禁止するチーム(やシャーディングした MySQL、
        論理レプリケーションを使うマネージドサービスなどの基盤)があります。それが方針なら、リンターで
        守らせるのが確実です。

    代わりに:
        ロジックをアプリケーションに置くか、その種類を ``forbid`` から外してください。設定するまで
        このルールは無効です。``NRM004 = {forbid = ["triggers", "routines"]}`` でその種類について有効に
        なります(``routines`` は関数とプロシージャの両方、``functions``・``procedures`` は片方だけ)。
    """
    category = "design"
    severity = "off"
    Options = Options

    def __init__(self, options: RuleOptions | None = None, severity: str | None = None) -> None:
        super().__init__(options, severity)
        # a policy rule: naming what to forbid without a severity turns it on
        if severity is None and self.options.model_fields_set:
            self.level = "warning"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        banned = set(options.forbid)
        schema = ctx.schema
        for key, table in schema.tables.items():
            if "triggers" in banned:
                for position, trigger in enumerate(table.triggers):
                    yield self.finding(
                        Target("trigger", key, trigger.name, position),
                        "triggers are banned by policy",
                        hint=_INSTEAD["triggers"],
                    )
            if "partitions" in banned:
                if table.partition_by:
                    yield self.finding(
                        Target("table", key),
                        f"table is partitioned ({table.partition_by}); partitioning is banned by policy",
                        hint=_INSTEAD["partitions"],
                    )
                elif table.partition_of is not None:
                    parent = schema.table(table.partition_of.parent)
                    if parent is None or not parent.partition_by:
                        yield self.finding(
                            Target("table", key),
                            f"table is a partition of {table.partition_of.parent}; "
                            "partitioning is banned by policy",
                            hint=_INSTEAD["partitions"],
                        )
            if "inheritance" in banned and table.inherits:
                yield self.finding(
                    Target("table", key),
                    f"table inherits from {', '.join(table.inherits)}; table inheritance is banned by policy",
                    hint=_INSTEAD["inheritance"],
                )
        for key, view in schema.views.items():
            kind = "materialized_views" if view.materialized else "views"
            if kind in banned:
                label = "materialized views" if view.materialized else "views"
                yield self.finding(Target("view", key), f"{label} are banned by policy", hint=_INSTEAD[kind])
        kinds: set[str] = set()
        if "routines" in banned:
            kinds = {"function", "procedure", "aggregate", "operator", "cast", "other"}
        if "functions" in banned:
            kinds |= {"function", "aggregate"}
        if "procedures" in banned:
            kinds.add("procedure")
        for routine in schema.routines:
            if routine.kind in kinds:
                finding = self.finding(
                    Target("routine", routine.key),
                    f"{_PLURAL.get(routine.kind, routine.kind + 's')} are banned by policy",
                    hint=_INSTEAD["routines"],
                )
                yield replace(finding, location=routine.loc) if routine.loc is not None else finding
