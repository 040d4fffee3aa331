"""PRV002: sensitive columns say how they are masked (privacy.masking)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.model.schema import Privacy

# a reasonable way to show each category of data to people without clearance
_SUGGESTED = {
    "email": "partial",
    "phone": "partial",
    "name": "partial",
    "username": "partial",
    "address": "partial",
    "ip_address": "partial",
    "government_id": "partial",
    "payment_card": "partial",
    "birth_date": "range",
    "location": "range",
    "credentials": "full",
    "health": "full",
    "religion_ethnicity": "full",
    "gender": "full",
}


class Options(RuleOptions):
    levels: list[Literal["personal", "sensitive", "confidential"]] = Field(
        default=["sensitive"],
        description="Classifications that need a masking method (add `personal` to cover all personal data).",
    )


def privacy_hint(privacy: Privacy, **changes: str) -> str:
    """The column's privacy setting as a house-format flow mapping, with `changes` applied."""
    data = {k: v for k, v in privacy.model_dump(exclude={"loc"}).items() if v is not None}
    data.update(changes)
    return "privacy: {" + ", ".join(f"{k}: {v}" for k, v in data.items()) + "}"


class SensitiveWithoutMasking(Rule):
    """Sensitive columns say how they are masked (``privacy.masking``).

    Why:
        Admin screens, support tools, exports to analysts and generated
        documentation all show column values to people who do not need the
        real thing.  If the schema says how each sensitive column is masked
        (``partial``: ``****-1234``; ``range``: birth year only; ``hash``;
        ``full``), every tool can apply the same rule; if it does not, each tool
        decides — or shows the value in full.

    Instead:
        Set ``privacy.masking`` on the column: ``full``, ``partial``, ``hash``,
        ``range``, a named masking policy, or ``none`` when showing it is a
        conscious decision.  By default only ``sensitive`` columns are checked;
        add ``personal`` to ``levels`` to cover all personal data.
    """

    code = "PRV002"
    name = "sensitive-without-masking"
    summary = "Sensitive columns say how they are masked."
    summary_ja = "要配慮の列にマスキング方法(``privacy.masking``)が指定されていること。"
    doc_ja = """
    理由:
        管理画面・サポートツール・分析者向けのエクスポート・生成されたドキュメントは、実際の値を
        必要としない人にも列の値を見せます。スキーマが要配慮の列ごとにマスキング方法
        (``partial``: ``****-1234``、``range``: 生年のみ、``hash``、``full``)を持っていれば、どのツールも
        同じ規則を適用できます。なければツールごとに判断が分かれ、値がそのまま表示されることもあります。

    代わりに:
        列に ``privacy.masking`` を設定してください: ``full``・``partial``・``hash``・``range``・マスキング
        ポリシー名、または意識して表示する場合は ``none``。既定では ``sensitive`` の列だけを検査します。
        個人データ全体を対象にするには ``levels`` に ``personal`` を加えてください。
    """
    category = "privacy"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        levels = set(options.levels)
        for info in ctx.classified:
            privacy = info.column.privacy
            if privacy is None or privacy.classification not in levels or privacy.masking:
                continue
            suggestion = _SUGGESTED.get(privacy.category or "", "full")
            yield self.finding(
                Target("column", info.key, info.column.name),
                f"{privacy.classification} data has no masking method",
                hint=privacy_hint(privacy, masking=suggestion),
            )
