"""NAM015: timestamp and date columns carry the suffix that says what they hold."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.naming import inherited_columns
from sekkei.lint.rule import Finding, Rule, RuleOptions


class Options(RuleOptions):
    timestamp_suffixes: list[str] = Field(
        default_factory=lambda: ["_at"], description="Endings a timestamp column may have (created_at)."
    )
    date_suffixes: list[str] = Field(
        default_factory=lambda: ["_on", "_date"],
        description="Endings a date column may have (born_on, due_date).",
    )
    allow: list[str] = Field(default_factory=list, description="Column names to accept as they are.")


class TemporalColumnSuffix(Rule):
    """Timestamp columns end in ``_at``, date columns in ``_on`` or ``_date``.

    Why:
        ``created_at`` is a moment and ``due_on`` a calendar day; a reader (and
        an ORM, a report builder, a code generator) can tell from the name
        alone, without looking up the type, whether to expect a time zone and a
        time of day.  Names such as ``last_update`` do not say that they hold a
        time at all, and a timestamp called ``…_date`` invites comparisons with
        dates that silently drop every row after midnight.

    Instead:
        Rename timestamps to ``…_at`` (``updated_at``, ``paid_at``) and dates to
        ``…_on`` or ``…_date`` (``born_on``, ``due_date``).  The endings are
        options (``timestamp_suffixes``, ``date_suffixes``); a name that is the
        suffix alone (``date``) is accepted; names you keep go in ``allow``.
        Non-English names are not judged.
    """

    code = "NAM015"
    name = "temporal-column-suffix"
    summary = "Timestamp columns end in _at, date columns in _on or _date."
    summary_ja = "タイムスタンプ列は _at、日付列は _on か _date で終わること。"
    doc_ja = """
    理由:
        ``created_at`` は時点、``due_on`` は暦の日付です。型を調べなくても、名前だけでタイムゾーンや時刻を
        含むかどうかが読み手(と ORM・レポートツール・コード生成)に分かります。``last_update`` のような
        名前は時刻を持つことすら伝えませんし、``…_date`` という名前のタイムスタンプは日付との比較を誘い、
        深夜 0 時より後の行を黙って取りこぼします。

    代わりに:
        タイムスタンプは ``…_at``(``updated_at``・``paid_at``)、日付は ``…_on`` か ``…_date``
        (``born_on``・``due_date``)にしてください。語尾はオプション(``timestamp_suffixes``・
        ``date_suffixes``)で変えられます。語尾そのものだけの名前(``date``)は認め、そのままにする名前は
        ``allow`` に書けます。英語でない名前は判定しません。
    """
    category = "naming"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        allowed = {name.lower() for name in options.allow}
        stamp = tuple(s.lower() for s in options.timestamp_suffixes)
        date = tuple(s.lower() for s in options.date_suffixes)
        inherited = inherited_columns(ctx)  # reported on the parent
        for info in ctx.columns:
            spec = info.spec
            if spec is None or spec.dims or spec.base not in {"timestamp", "timestamptz", "date"}:
                continue
            name = info.lname
            if name in allowed or not name.isascii() or (info.key, info.column.name) in inherited:
                continue
            is_date = spec.base == "date"
            wanted, other = (date, stamp) if is_date else (stamp, date)
            if not wanted or name.endswith(wanted) or name in {s.lstrip("_") for s in wanted}:
                continue
            kind = "date" if is_date else "timestamp"
            misleading = next((s for s in other if name.endswith(s)), None)
            if misleading is not None:
                suggests = "a moment in time" if is_date else "a date without a time of day"
                message = f"{kind} column ends in {misleading!r}, which suggests {suggests}"
                base = name[: -len(misleading)]
            else:
                message = f"{kind} column name does not end in {' or '.join(wanted)}"
                base = _TEMPORAL_END.sub("", name) or name
            yield self.finding(
                info.target, message, hint=f"rename it, e.g. to {_participle(base)}{wanted[0]}"
            )


#: Endings of other conventions, dropped before the wanted one is added (event_date → event_day).
_TEMPORAL_END = re.compile(r"_(?:at|on|date|time|timestamp|ts|dt|day)$")
_PARTICIPLES = {
    "create": "created",
    "update": "updated",
    "delete": "deleted",
    "modify": "modified",
    "insert": "inserted",
    "change": "changed",
    "publish": "published",
    "expire": "expired",
}


def _participle(base: str) -> str:
    """``create_date`` reads better as ``created_at`` than ``create_at``."""
    return "_".join(_PARTICIPLES.get(word, word) for word in base.split("_"))
