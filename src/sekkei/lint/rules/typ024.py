"""TYP024: dates and times are not stored as text or numbers."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.personal import words_of
from sekkei.lint.rule import Finding, Rule, RuleOptions
from sekkei.lint.rules.typ011 import matches_any

#: Verbs whose ``<verb>_on`` names a day: created_on, expires_on, paid_on …
_ON_WORDS = frozenset(
    """
    created updated modified deleted posted published expired expires started ended completed closed
    opened joined registered issued paid shipped delivered received sent approved submitted signed
    born due effective archived cancelled canceled scheduled added changed visited purchased ordered
    hired terminated processed released resolved verified confirmed accepted rejected renewed
    """.split()
)
#: Japanese name endings: 日時 and 時刻 are points in time, the others days.
_JA_TIMES = ("日時", "時刻", "タイムスタンプ")
_JA_DATES = (
    "日付", "年月日", "作成日", "更新日", "登録日", "削除日", "開始日", "終了日", "誕生日", "入社日",
    "退社日", "発行日", "支払日", "出荷日", "納品日", "受注日", "発注日", "予定日", "期日", "締切日",
    "変更日", "申込日", "契約日", "解約日", "完了日", "有効期限",
)
#: How every temporal name ends, in lower case (createdAt is createdat).
_TAILS = ("at", "date", "datetime", "timestamp", "on", *_JA_TIMES, *_JA_DATES)
_TEXT = frozenset({"char", "varchar", "text"})
_NUMBERS = frozenset({"integer", "bigint", "numeric", "real", "double"})
#: How each family spells (point in time, day).
_SPELLING = {
    "postgres": ("timestamptz", "date"),
    "mysql": ("datetime", "date"),
    "mssql": ("datetimeoffset", "date"),
    "oracle": ("TIMESTAMP WITH TIME ZONE", "DATE"),
    "snowflake": ("TIMESTAMP_TZ", "DATE"),
    "bigquery": ("TIMESTAMP", "DATE"),
}


def temporal_name(name: str) -> str | None:
    """``time`` or ``date`` if a column name says it holds a point in time or a day, else None."""
    if name.endswith(_JA_TIMES):
        return "time"
    if name.endswith(_JA_DATES):
        return "date"
    words = words_of(name)
    if not words:
        return None
    last = words[-1]
    if len(words) == 1:
        return {"date": "date", "datetime": "time", "timestamp": "time"}.get(last)
    if last == "at" or last in {"datetime", "timestamp"}:
        return "time"
    if last == "date" or (last == "on" and words[-2] in _ON_WORDS):
        return "date"
    return None


class Options(RuleOptions):
    numbers: bool = Field(
        True, description="Also report numbers (Unix timestamps, 20240131-style dates), not only text."
    )
    ignore: list[str] = Field(
        default_factory=list, description="Columns to leave alone: globs on the column name or TABLE.COLUMN."
    )


class TemporalAsText(Rule):
    """Dates and times are stored in date and time columns, not text or numbers.

    Why:
        A date kept as text sorts wrongly as soon as one value is written
        differently (``'2024-1-5'``, ``'05/01/2024'``), accepts ``'2024-02-30'``
        and ``'soon'``, cannot be compared with ``now()`` or used in date
        arithmetic without a conversion that defeats indexes, and needs every
        reader to guess the format and the time zone.  A Unix timestamp in an
        integer column hides its unit (seconds or milliseconds?) and its zone,
        and a ``20240131`` integer accepts ``20241399``.  Columns are recognised
        by their names (``created_at``, ``due_date``, ``expires_on``, ``日時``,
        ``日付``).  SQLite has no date types and is not checked.

    Instead:
        ``timestamptz`` for points in time (``datetime`` in MySQL) and ``date``
        for days.  Set ``numbers = false`` where numeric timestamps are a
        deliberate convention, or list columns in ``ignore``.
    """

    code = "TYP024"
    name = "temporal-as-text"
    summary = "Dates and times are stored in date and time columns, not text or numbers."
    summary_ja = "日付と日時は文字列や数値ではなく日付・日時の型の列に保存すること。"
    doc_ja = """
    理由:
        文字列の日付は、書式の違う値が一つ混ざるだけ(``'2024-1-5'``・``'05/01/2024'``)で正しく
        並ばなくなり、``'2024-02-30'`` や ``'未定'`` も入り、インデックスが効かなくなる変換なしには
        ``now()`` との比較や日付計算もできず、読む人はみな書式とタイムゾーンを推測することになります。
        整数の Unix 時刻は単位(秒かミリ秒か)とタイムゾーンを隠し、``20240131`` 形式の整数には
        ``20241399`` も入ります。列名(``created_at``・``due_date``・``expires_on``・``日時``・
        ``日付``)で判定します。日付型のない SQLite は対象外です。

    代わりに:
        時点には ``timestamptz``(MySQL では ``datetime``)、日には ``date`` を使ってください。
        数値のタイムスタンプが意図した規約であれば ``numbers = false`` に、個別の列は ``ignore`` に
        指定してください。
    """
    category = "types"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        if ctx.family == "sqlite":
            return
        point, day = _SPELLING.get(ctx.family or "", ("timestamptz", "date"))
        families = {"string"} | ({"integer", "decimal", "float"} if options.numbers else set())
        for lname, infos in ctx.columns_by_name.items():
            if not lname.rstrip("0123456789_").endswith(_TAILS):
                continue  # no spelling of this name can be temporal
            first = infos[0].column.name
            first_kind = temporal_name(first)
            for info in infos:
                # one lower-case name, usually one spelling: camelCase ones are judged on their own
                name = info.column.name
                kind = first_kind if name == first else temporal_name(name)
                if kind is None:
                    continue
                spec = info.spec
                if spec is None or spec.dims or spec.kind != "canonical" or spec.family not in families:
                    continue
                if spec.family == "string" and spec.base not in _TEXT:
                    continue
                if spec.family != "string" and spec.base not in _NUMBERS:
                    continue
                column = info.column
                if info.table.partition_of is not None or matches_any(options.ignore, info.key, column.name):
                    continue
                if any(column.name in fk.columns for fk in info.table.foreign_keys):
                    continue  # a key into a calendar table
                wanted = day if kind == "date" else point
                held = "a day" if kind == "date" else "a point in time"
                yield self.finding(
                    info.target,
                    f"named like {held} but stored as {spec}",
                    hint=f"use {wanted}",
                )
