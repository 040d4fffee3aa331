"""PRV003: tables that hold personal data name an owner and a retention period."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.model.schema import Column


class Options(RuleOptions):
    levels: list[Literal["personal", "sensitive", "confidential"]] = Field(
        default=["personal", "sensitive"],
        description="Classifications that make a table need an owner and a retention.",
    )
    require: list[Literal["owner", "retention"]] = Field(
        default=["owner", "retention"], description="What such a table must declare."
    )


class PersonalDataWithoutOwner(Rule):
    """Tables that hold personal data name an owner and a retention period.

    Why:
        Privacy law asks who is responsible for personal data and how long it
        is kept (GDPR art. 5 and 30, APPI): a deletion request, a breach or an
        audit starts with "whose table is this, and why is a 2015 row still
        here?".  A table without an owner is nobody's to clean up, and data
        without a retention period is kept forever by default.

    Instead:
        Declare ``owner`` (a team, not a person who will leave) and ``retention``
        (an ISO 8601 duration such as ``P3Y``, or a named policy) on the table;
        a retention on every classified column (``privacy.retention``) also
        counts.  Choose the classifications that need it with ``levels`` and
        what to require with ``require``.
    """

    code = "PRV003"
    name = "personal-data-without-owner"
    summary = "Tables that hold personal data name an owner and a retention period."
    summary_ja = "個人データを持つテーブルに、責任者(owner)と保存期間(retention)が宣言されていること。"
    doc_ja = """
    理由:
        個人情報保護法や GDPR(第 5 条・第 30 条)は、個人データの責任者と保存期間を求めます。削除請求・
        漏えい・監査は「これは誰のテーブルで、なぜ 2015 年の行がまだあるのか」から始まります。責任者の
        いないテーブルは誰も片付けず、保存期間のないデータは既定で永久に残ります。

    代わりに:
        テーブルに ``owner``(辞めていく個人ではなくチーム)と ``retention``(``P3Y`` のような ISO 8601 の
        期間、または名前付きのポリシー)を宣言してください。分類された列すべてに ``privacy.retention`` が
        あればそれでも構いません。対象とする分類は ``levels``、求める項目は ``require`` で選べます。
    """
    category = "privacy"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        levels = set(options.levels)
        # classified columns by table, in one pass over the columns
        by_table: dict[str, list[Column]] = {}
        for info in ctx.classified:
            privacy = info.column.privacy
            if privacy is not None and privacy.classification in levels:
                by_table.setdefault(info.key, []).append(info.column)
        for key, classified in by_table.items():
            table = ctx.schema.tables[key]
            if table.partition_of is not None:
                continue  # a partition belongs to its parent's owner and retention
            missing: list[str] = []
            if "owner" in options.require and not table.owner:
                missing.append("owner")
            if (
                "retention" in options.require
                and not table.retention
                and not all(c.privacy is not None and c.privacy.retention for c in classified)
            ):
                missing.append("retention")
            if not missing:
                continue
            kinds = sorted({c.privacy.classification for c in classified if c.privacy is not None})
            shown = ", ".join(c.name for c in classified[:3]) + (", …" if len(classified) > 3 else "")
            hint = {
                "owner": "owner: <team>",
                "retention": "retention: P3Y (an ISO 8601 duration or a policy name)",
            }
            yield self.finding(
                Target("table", key),
                f"holds {' and '.join(kinds)} data ({shown}) but declares no {' and no '.join(missing)}",
                hint="on the table: " + ", ".join(hint[m] for m in missing),
            )
