"""TYP015: no PostgreSQL money type."""

from __future__ import annotations

from collections.abc import Iterator

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, Target
from sekkei.lint.rules.typ001 import typed_columns, typed_domains
from sekkei.model.types import TypeSpec

_HINT = "use numeric(p,s), e.g. numeric(19,4), with a currency column if amounts come in several currencies"


def _money(spec: TypeSpec) -> bool:
    return spec.kind == "canonical" and spec.base == "money"


class MoneyType(Rule):
    """PostgreSQL columns do not use the money type.

    Why:
        ``money`` formats and parses values with the server's ``lc_monetary``
        setting: a dump restored on a server with another locale reads
        ``$1,000.00`` wrongly or not at all, and the number of decimal places
        (and the rounding) follow the locale too.  It holds no currency, so
        amounts in yen and dollars look alike, and dividing one ``money`` by
        another or multiplying by a fraction rounds in surprising ways.  The
        PostgreSQL wiki lists it under "Don't Do This".

    Instead:
        ``numeric(p,s)`` — e.g. ``numeric(19,4)`` or ``numeric(12,2)`` — with a
        separate currency code column when amounts come in more than one
        currency.
    """

    code = "TYP015"
    name = "money-type"
    summary = "PostgreSQL columns do not use the money type."
    summary_ja = "PostgreSQL の列に money 型を使わないこと。"
    doc_ja = """
    理由:
        ``money`` はサーバーの ``lc_monetary`` 設定で値を書式化・解析します。ロケールの違うサーバーに
        ダンプを復元すると ``$1,000.00`` を誤って読むか読めず、小数点以下の桁数と丸めもロケールに
        従います。通貨を持たないため円とドルの金額が同じに見え、``money`` 同士の割り算や小数との
        掛け算は意外な丸め方をします。PostgreSQL の wiki は「してはいけないこと」に挙げています。

    代わりに:
        ``numeric(p,s)``(例: ``numeric(19,4)`` や ``numeric(12,2)``)を使い、複数の通貨を扱うなら
        通貨コードの列を別に設けてください。
    """
    category = "types"
    severity = "warning"
    dialects = frozenset({"postgres"})

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        message = "money depends on the server's locale (lc_monetary) and has no currency"
        for info in typed_columns(ctx, _money):
            if info.kind != "domain":
                yield self.finding(info.target, message, hint=_HINT)
        for key, _domain, _spec in typed_domains(ctx, _money):
            yield self.finding(Target("domain", key), message, hint=_HINT)
