"""TYP001: timestamps carry a time zone where the database has a zone-aware type.

Also home of `typed_columns` and `typed_domains`, which the other type rules use
to judge each distinct type once instead of each column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pydantic import Field

from sekkei.formats.sql.typemap import write_type
from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.fixes import change_column_type
from sekkei.lint.rule import Finding, Fix, Rule, RuleOptions, Target
from sekkei.lint.rules.typ011 import matches_any
from sekkei.lint.rules.typ024 import temporal_name
from sekkei.model.dialects import family
from sekkei.model.schema import Domain
from sekkei.model.types import TypeSpec, parse_type


def typed_columns(ctx: LintContext, wanted: Callable[[TypeSpec], bool]) -> Iterator[ColumnInfo]:
    """Columns of tables (partitions left out) whose resolved type passes `wanted`.

    A partition has its parent's columns: a finding there would only repeat
    the parent's.  Canonical type strings stand for one spec wherever they
    appear, so `wanted` runs once per distinct type, not once per column.
    """
    for infos in ctx.columns_by_type.values():
        first = infos[0]
        if first.kind == "canonical":
            if first.spec is None or not wanted(first.spec):
                continue
            for info in infos:
                if info.table.partition_of is None:
                    yield info
            continue
        for info in infos:  # enums, domains and names resolve per namespace
            if info.spec is not None and info.table.partition_of is None and wanted(info.spec):
                yield info


def typed_domains(
    ctx: LintContext, wanted: Callable[[TypeSpec], bool]
) -> Iterator[tuple[str, Domain, TypeSpec]]:
    """Domains whose (base) type passes `wanted`: a finding on the domain, not on each column."""
    for key, domain in ctx.schema.domains.items():
        spec, _ = ctx.base_spec(domain.type, domain.namespace)
        if spec is not None and wanted(spec):
            yield key, domain, spec


#: How each family spells the zone-aware type (for messages).
_ZONED = {
    "postgres": "timestamptz",
    "oracle": "TIMESTAMP WITH TIME ZONE",
    "mssql": "datetimeoffset",
    "snowflake": "TIMESTAMP_TZ",
    "bigquery": "TIMESTAMP",
}


class Options(RuleOptions):
    ignore: list[str] = Field(
        default_factory=list,
        description="Columns that hold local (wall-clock) times on purpose: globs on the column "
        "name or TABLE.COLUMN, e.g. ['*_local', 'shifts.starts_at'].",
    )


def _naive(spec: TypeSpec) -> bool:
    return spec.kind == "canonical" and spec.base == "timestamp"


class TimestampWithoutTimeZone(Rule):
    """Timestamps carry a time zone where the database has a zone-aware type.

    Why:
        A timestamp without time zone is a wall-clock reading with no place
        attached: the same value means different instants for an application
        server in Tokyo and one in UTC, daylight-saving changes make some values
        ambiguous or impossible, and comparing with ``now()`` silently depends on
        the session's time zone.  PostgreSQL (``timestamptz``), Oracle
        (``TIMESTAMP WITH TIME ZONE``), SQL Server (``datetimeoffset``),
        Snowflake (``TIMESTAMP_TZ``) and BigQuery (``TIMESTAMP``) store an
        instant instead.  MySQL and SQLite have no such type and are not checked.

    Instead:
        Use ``timestamptz`` (PostgreSQL's ``timestamptz`` takes no more space
        than ``timestamp``).  Keep a plain timestamp only for local times that
        are meant to float, such as an opening hour, and list those in the
        ``ignore`` option.  A column named as a day (``birth_date``,
        ``rental_date``) may hold a moment or a day: use ``date`` for a day (a
        time zone would shift it); no fix is offered there, and Oracle's
        ``DATE``, which is its date type, is accepted.  ``sekkei lint
        --fix`` changes the type in the design (not for columns in a foreign
        key or computed columns, whose partners must change too).
    """

    code = "TYP001"
    name = "timestamp-without-time-zone"
    summary = "Timestamps carry a time zone where the database has a zone-aware type."
    summary_ja = "タイムゾーン付きの型がある DB では、タイムスタンプをタイムゾーン付きにすること。"
    doc_ja = """
    理由:
        タイムゾーンなしのタイムスタンプは「どこの」時計の値かを持たない壁時計の読みです。東京の
        アプリケーションサーバーと UTC のサーバーでは同じ値が別の瞬間を表し、夏時間の切り替えでは
        あいまいな値や存在しない値が生まれ、``now()`` との比較はセッションのタイムゾーンに黙って
        依存します。PostgreSQL(``timestamptz``)・Oracle(``TIMESTAMP WITH TIME ZONE``)・
        SQL Server(``datetimeoffset``)・Snowflake(``TIMESTAMP_TZ``)・BigQuery(``TIMESTAMP``)は
        瞬間そのものを保存できます。MySQL と SQLite にはこの型がないため対象外です。

    代わりに:
        ``timestamptz`` を使ってください(PostgreSQL の ``timestamptz`` は ``timestamp`` と同じ
        サイズです)。営業開始時刻のように地域の時刻として扱うべき値だけは素のタイムスタンプのままにし、
        ``ignore`` オプションに列挙してください。日を表す名前の列(``birth_date``・``rental_date``)は
        時点か日かが分からないため修正は提案しません。日なら ``date`` を使ってください(タイムゾーンを
        付けると日がずれます)。Oracle の日付型である ``DATE`` はその場合は許可します。
        ``sekkei lint --fix`` で設計上の型を変更できます(外部キーに含まれる列と計算列は相手側も
        変える必要があるため対象外)。
    """
    category = "types"
    severity = "warning"
    dialects = frozenset(_ZONED)
    Options = Options
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        fam = ctx.family or ""
        zoned = _ZONED.get(fam, "timestamptz")
        for info in typed_columns(ctx, _naive):
            column = info.column
            if info.kind == "domain" or matches_any(options.ignore, info.key, column.name):
                continue
            spec = info.spec
            assert spec is not None
            native = _native_spelling(column.native, fam)
            if temporal_name(column.name) == "date":
                # rental_date may be a moment or a day: which type is right cannot be told, so no fix
                if not (fam == "oracle" and (native or "").upper() == "DATE"):
                    yield self.finding(
                        info.target,
                        f"{native or spec} has no time zone",
                        hint=f"use {zoned} if it holds a moment, or date if it holds a day (a time zone "
                        "would shift a day)",
                    )
                continue
            new_type = str(TypeSpec("canonical", "timestamptz", spec.args, dims=spec.dims))
            fix = None
            if info.kind == "canonical" and column.generated is None and not in_foreign_key(ctx, info):
                fix = Fix(
                    f"change {info.key}.{column.name} to {new_type}",
                    change_column_type(info.key, column.name, column.type, new_type, {fam}),
                )
            yield self.finding(
                info.target,
                f"{native or spec} has no time zone",
                hint=f"use {_written(new_type, ctx.dialect, zoned)}",
                fix=fix,
            )
        for key, _domain, spec in typed_domains(ctx, _naive):
            new_type = str(TypeSpec("canonical", "timestamptz", spec.args, dims=spec.dims))
            yield self.finding(
                Target("domain", key),
                "domain is a timestamp without time zone",
                hint=f"base the domain on {_written(new_type, ctx.dialect, zoned)}",
            )


def in_foreign_key(ctx: LintContext, info: ColumnInfo) -> bool:
    """True if the column is in a foreign key, on either side (its type must match the other side)."""
    name = info.column.name
    if any(name in fk.columns for fk in info.table.foreign_keys):
        return True
    return any(name in ctx.referenced_columns(fk) for _, fk in ctx.incoming.get(info.key, ()))


def _native_spelling(native: dict[str, str], fam: str) -> str | None:
    for dialect, text in native.items():
        if family(dialect) == fam:
            return text
    return None


def _written(canonical: str, dialect: str | None, fallback: str) -> str:
    """The zone-aware type as the target spells it (canonical name in brackets if different)."""
    if dialect is None:
        return fallback
    try:
        text = write_type(parse_type(canonical), dialect).text
    except ValueError:
        return fallback
    return text if text == canonical else f"{text} ({canonical})"
