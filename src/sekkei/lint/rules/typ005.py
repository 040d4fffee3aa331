"""TYP005: amounts of money are not stored in floating-point columns."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.personal import words_of
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.lint.rules.typ001 import typed_columns, typed_domains
from sekkei.model.types import TypeSpec

#: Words that name an amount of money wherever they are in a name (``unit_price``, ``price_usd``).
MONEY_WORDS = frozenset(
    """
    price prices amount amounts cost costs fee fees payment payments refund refunds salary salaries
    wage wages revenue expense expenses freight budget payout payouts invoice tuition commission
    earnings msrp
    """.split()
)
#: Words that name money only as the last word: ``order_total`` and ``income_tax`` are money,
#: ``total_distance`` and ``bonus_points`` are not.
LAST_WORDS = frozenset(
    """
    total subtotal balance charge charges tax taxes vat credit debit premium deposit rent fare tip
    tips bonus income spend
    """.split()
)
#: Japanese names: any of these inside the name marks money.
MONEY_JA = (
    "金額", "価格", "料金", "単価", "税額", "残高", "給与", "費用", "手数料", "売上", "代金", "運賃",
    "値段", "請求額", "支払額", "予算",
)
#: Words that make a money word mean something else (a rate, a count, a share).
NOT_MONEY = frozenset(
    "rate rates ratio pct percent percentage count counts qty quantity weight score factor share "
    "multiplier index rank level".split()
)
def is_money_name(name: str, extra: frozenset[str] = frozenset()) -> bool:
    """True if a column name says it holds an amount of money."""
    if any(word in name for word in MONEY_JA):
        return True
    words = words_of(name)
    if not words or NOT_MONEY.intersection(words):
        return False
    return words[-1] in LAST_WORDS or any(w in MONEY_WORDS or w in extra for w in words)


class Options(RuleOptions):
    all_floats: bool = Field(False, description="Report every float column, not only money-like ones.")
    names: list[str] = Field(
        default_factory=list, description="More words that mark a money column (e.g. 'points', 'yen')."
    )


def _float(spec: TypeSpec) -> bool:
    return spec.kind == "canonical" and spec.base in {"real", "double"}


class FloatForMoney(Rule):
    """Amounts of money are not stored in floating-point columns.

    Why:
        ``real`` and ``double precision`` store binary fractions: 0.1 + 0.2 is
        0.30000000000000004, sums over many rows drift, and equality tests on
        amounts fail.  Rounding errors in money end up as differences between
        invoices and ledgers.  Columns are recognised by words in their names
        (``price``, ``amount``, ``total``, ``cost``, ``fee``, ``balance`` …,
        ``金額``, ``価格``, ``料金``); rates, ratios and counts are left alone.

    Instead:
        Use ``numeric(p,s)`` with the scale the currency needs, e.g.
        ``numeric(12,2)``, or an integer number of the smallest unit
        (``bigint`` cents).  Set ``all_floats = true`` to report every float
        column, e.g. in an accounting schema.
    """

    code = "TYP005"
    name = "float-for-money"
    summary = "Amounts of money are not stored in floating-point columns."
    summary_ja = "金額を浮動小数点型の列に保存しないこと。"
    doc_ja = """
    理由:
        ``real`` や ``double precision`` は 2 進の小数を保存するため、0.1 + 0.2 は
        0.30000000000000004 になり、多くの行の合計はずれ、金額の等値比較は失敗します。金額の丸め誤差は
        請求書と元帳の食い違いになります。列名の単語(``price``・``amount``・``total``・``cost``・
        ``fee``・``balance``、``金額``・``価格``・``料金`` など)で判定し、率・比率・件数は対象外です。

    代わりに:
        通貨に必要な桁数の ``numeric(p,s)``(例: ``numeric(12,2)``)か、最小単位の整数
        (``bigint`` のセント単位など)を使ってください。会計システムなどでは ``all_floats = true`` で
        すべての浮動小数点列を報告できます。
    """
    category = "types"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        extra = frozenset(n.lower() for n in options.names)
        for info in typed_columns(ctx, _float):
            name = info.column.name
            money = is_money_name(name, extra)
            if not money and (not options.all_floats or info.kind == "domain"):
                continue  # with all_floats a domain is reported once, on the domain
            assert info.spec is not None
            what = "an amount of money" if money else "a value"
            via = f" (domain {info.column.type})" if info.kind == "domain" else ""
            yield self.finding(
                info.target,
                f"{info.spec.element()}{via} stores {what} as a binary fraction: rounding errors",
                hint="use numeric(p,s), e.g. numeric(12,2), or bigint in the smallest unit",
            )
        if options.all_floats:
            for key, _domain, spec in typed_domains(ctx, _float):
                yield self.finding(
                    Target("domain", key),
                    f"{spec.element()} stores values as binary fractions: rounding errors",
                    hint="use numeric(p,s)",
                )
