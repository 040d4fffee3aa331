"""PRV001: columns that look like personal data carry a privacy classification."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.personal import category_of
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target


class Options(RuleOptions):
    ignore: list[str] = Field(
        default_factory=list, description="Categories not to report (e.g. ip_address, gender)."
    )


def _reference(info: ColumnInfo) -> bool:
    """A key that points at personal data (``shipping_address_id``) is not personal data itself.

    That includes ids folded by PostgreSQL (``emailaddressid``) and any
    column of a foreign key.
    """
    family = info.spec.family if info.spec is not None else None
    if family in {"integer", "uuid", "decimal"} and info.lname.endswith(("id", "_ids", "_key", "_no")):
        return True
    if info.lname.endswith(("_id", "_ids")) and family is None:
        return True
    return any(info.column.name in fk.columns for fk in info.table.foreign_keys)


#: Categories whose values are never numbers, flags or timestamps: ``access_token bigint`` is a
#: counter or position, not a secret; ``email_count integer`` counts e-mails.
_TEXTUAL = frozenset({"email", "name", "username", "credentials", "address"})
_NOT_TEXT = frozenset({"integer", "boolean", "float", "datetime"})


class PersonalDataWithoutClassification(Rule):
    """Columns whose name or comment suggests personal data carry a privacy classification.

    Why:
        Privacy laws (GDPR, APPI, CCPA) require knowing where personal data is
        kept: to answer access and deletion requests, to keep a processing
        register and to limit retention.  The schema is where that knowledge is
        cheapest to keep and easiest to check.  Names are recognised in English
        (``email``, ``phone``, ``birth_date``) and Japanese (``メールアドレス``,
        ``電話番号``, ``生年月日``), in the column name or its comment.

    Instead:
        Classify the column: ``privacy: {classification: personal, category:
        email}`` (``sensitive`` for special categories such as health data or
        government ids).  If it is not personal data after all, say so with
        ``privacy: {classification: public}`` or an ``internal`` class.
    """

    code = "PRV001"
    name = "personal-data-without-classification"
    summary = "Columns that look like personal data carry a privacy classification."
    summary_ja = "個人データと思われる列にプライバシー分類があること。"
    doc_ja = """
    理由:
        個人情報保護法・GDPR などの法令は、個人データがどこにあるかを把握することを求めます
        (開示・削除請求への対応、処理記録、保存期間の管理)。その情報はスキーマに持たせるのがもっとも
        安く、検査もしやすい方法です。英語(``email``・``phone``・``birth_date``)と日本語
        (``メールアドレス``・``電話番号``・``生年月日``)の列名やコメントから判定します。

    代わりに:
        列を分類してください: ``privacy: {classification: personal, category: email}``
        (健康情報やマイナンバーなど要配慮情報は ``sensitive``)。個人データでなければ
        ``privacy: {classification: public}`` などと明記してください。
    """
    category = "privacy"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        ignored = set(options.ignore)
        for info in ctx.columns:
            column = info.column
            if column.privacy is not None or _reference(info):
                continue
            category = category_of(column.name, column.comment, info.table.name)
            if category is None or category.name in ignored:
                continue
            if category.name in _TEXTUAL and info.spec is not None and info.spec.family in _NOT_TEXT:
                continue
            level = "sensitive" if category.sensitive else "personal"
            yield self.finding(
                Target("column", info.key, column.name),
                f"looks like {category.name.replace('_', ' ')} data but has no privacy classification",
                hint=f"privacy: {{classification: {level}, category: {category.name}}}",
            )
