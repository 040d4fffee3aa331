"""TYP018: a column's default value fits the column's type."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import math
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, Target
from sekkei.lint.rules.typ008 import zero_date
from sekkei.lint.rules.typ013 import NOW_SQL
from sekkei.model.dialects import family
from sekkei.model.schema import DefaultValue, SqlExpr
from sekkei.model.types import TypeSpec

#: Value ranges of the canonical integer types: (signed, unsigned).
INTEGER_RANGES: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "tinyint": ((-(2**7), 2**7 - 1), (0, 2**8 - 1)),
    "smallint": ((-(2**15), 2**15 - 1), (0, 2**16 - 1)),
    "integer": ((-(2**31), 2**31 - 1), (0, 2**32 - 1)),
    "bigint": ((-(2**63), 2**63 - 1), (0, 2**64 - 1)),
}
#: Families that turn true/false into 1/0 wherever a number is expected.
_BOOLEANS_ARE_NUMBERS = frozenset({"mysql", "sqlite", "mssql", "oracle", "snowflake"})
#: Words PostgreSQL reads as booleans (a unique prefix of true/false/yes/no works too).
_PG_BOOLEAN_WORDS = frozenset("t f true false y n yes no on off 1 0".split())
#: PostgreSQL's special date/time inputs that are fixed values, and those that are "now".
_PG_FIXED_TIMES = frozenset({"epoch", "infinity", "-infinity", "allballs"})
_PG_RELATIVE_TIMES = frozenset({"now", "today", "tomorrow", "yesterday"})
_NUMBER = re.compile(r"^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$")
_INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")
_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(r"(?:^|[ T])(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?")
_HEX = re.compile(r"^[0-9a-fA-F]{32}$")
_MAC = re.compile(r"^[0-9a-fA-F]{2}([:-]?)[0-9a-fA-F]{2}(?:\1[0-9a-fA-F]{2}){4}$")
#: A default that is the current time and nothing else: now(), CURRENT_TIMESTAMP(6), getdate() …
_BARE_NOW = re.compile(r"^[(\s]*(?:" + NOW_SQL.pattern + r")\s*\d*\s*\)?[)\s]*$", re.I)
#: What MySQL accepts without parentheses, and only on DATETIME and TIMESTAMP columns.
_MYSQL_KEYWORD = re.compile(
    r"^\s*(?:current_timestamp|now|localtimestamp|localtime)\s*(?:\(\s*\d*\s*\))?\s*$", re.I
)


def _shown(value: DefaultValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    return str(value)


class DefaultDoesNotFit(Rule):
    """A column's default value fits the column's type.

    Why:
        A default that does not fit breaks the DDL or, worse, the data: most
        are refused at ``CREATE TABLE`` ("Invalid default value", "invalid
        input syntax"), some only by the first insert that relies on them (a
        value outside an enum that is written as a CHECK), and others are
        silently changed — ``1.5`` becomes ``2`` in an integer column,
        ``4.999`` becomes ``5.00`` in ``numeric(4,2)``.  Checked: strings
        in number, date, time, uuid, json and network columns; numbers out of
        range or with too many digits; strings longer than ``varchar(n)``; values
        outside an enum; booleans in non-boolean columns (and numbers in boolean
        ones) where the database rejects them; PostgreSQL's ``'now'`` and
        ``'today'``, which are read once, when the table is created, so every row
        gets that moment; and the current time as the default of a non-time
        column.  Expressions are judged only when they are plainly the current
        time.  SQLite, which stores any value in any column, is not checked.

    Instead:
        Write the default as a value of the column's type (``0``, ``'2024-01-31'``,
        ``false``), use ``now()``/``CURRENT_TIMESTAMP`` rather than ``'now'``, or
        fix the column's type if the default shows what it should be.
    """

    code = "TYP018"
    name = "default-does-not-fit"
    summary = "A column's default value fits the column's type."
    summary_ja = "列の既定値が列の型に合っていること。"
    doc_ja = """
    理由:
        型に合わない既定値は DDL か、さらに悪いことにデータを壊します。多くは ``CREATE TABLE`` で
        拒否され("Invalid default value"、"invalid input syntax")、一部はその既定値に頼る最初の
        INSERT で初めて失敗し(CHECK として出力される enum の範囲外の値など)、黙って変えられるものも
        あります(整数列の ``1.5`` は ``2`` に、``numeric(4,2)`` の ``4.999`` は ``5.00`` になります)。
        検査するのは、数値・日付・時刻・uuid・json・ネットワーク型の
        列の文字列、範囲外や桁数超過の数値、``varchar(n)`` より長い文字列、enum にない値、データベースが
        拒否する真偽値以外の列の真偽値(と真偽値列の数値)、テーブル作成時に一度だけ読まれて全行が
        その時刻になる PostgreSQL の ``'now'``・``'today'``、時刻以外の列の現在時刻です。式は明らかに
        現在時刻である場合だけ判定します。どの列にもどんな値でも保存する SQLite は対象外です。

    代わりに:
        列の型の値として既定値を書いてください(``0``・``'2024-01-31'``・``false``)。``'now'`` ではなく
        ``now()``/``CURRENT_TIMESTAMP`` を使い、既定値の方が正しい型を示しているなら列の型を直して
        ください。
    """
    category = "types"
    severity = "error"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        fam = ctx.family
        if fam == "sqlite":
            return  # SQLite stores any value in any column: no default is refused or changed
        source = ctx.schema.dialect
        # expressions written in MySQL and created in MySQL (not MariaDB, which takes more)
        mysql_only = ctx.dialect == "mysql" and (source is None or family(source) == "mysql")
        for info in ctx.columns:
            default = info.column.default
            if default is None or info.spec is None or info.table.partition_of is not None:
                continue
            values: tuple[str, ...] = ()
            if info.kind == "enum":
                resolved = ctx.resolved(info.column.type, info.table.namespace)
                values = resolved.enum.values if resolved and resolved.enum else ()
            problem = misfit(default, info.spec, values, fam, mysql_only)
            if problem is not None:
                yield self.finding(info.target, problem[0], hint=problem[1])
        for key, domain in ctx.schema.domains.items():
            if domain.default is None:
                continue
            spec, _ = ctx.base_spec(domain.type, domain.namespace)
            if spec is not None:
                problem = misfit(domain.default, spec, (), fam, mysql_only)
                if problem is not None:
                    yield self.finding(Target("domain", key), problem[0], hint=problem[1])


Misfit = tuple[str, str | None]


def misfit(
    value: DefaultValue, spec: TypeSpec, enum_values: tuple[str, ...], fam: str | None, mysql_only: bool
) -> Misfit | None:
    """Why `value` cannot be a default of type `spec` (message, hint), or None if it fits or is not judged."""
    if spec.dims or spec.kind == "native":
        return None
    if isinstance(value, SqlExpr):
        return _expression(value.sql, spec, mysql_only)
    if enum_values or spec.base in {"enum", "set"}:
        return _enum(value, spec, enum_values or spec.values, fam)
    if spec.kind != "canonical":
        return None
    group = spec.family
    if group == "integer":
        return _integer(value, spec, fam)
    if group in {"decimal", "float"}:
        return _number(value, spec, fam)
    if group == "boolean":
        return _boolean(value, fam)
    if group == "string" and spec.base != "xml":
        return _string(value, spec)
    if group == "datetime":
        return _temporal(value, spec, fam)
    if group in {"uuid", "json", "network"}:
        return _formatted(value, spec, fam)
    return None


def _expression(sql: str, spec: TypeSpec, mysql_only: bool) -> Misfit | None:
    if not _BARE_NOW.match(sql):
        return None
    if spec.family in {"integer", "decimal", "float", "boolean", "uuid", "json", "network", "binary", "enum"}:
        return (f"default {sql} is the current time, but the column is {spec}", "use a date/time column")
    if mysql_only and _MYSQL_KEYWORD.match(sql) and spec.base not in {"timestamp", "timestamptz"}:
        better = "(CURRENT_DATE)" if spec.base == "date" else "(CURRENT_TIME)" if spec.base == "time" else (
            f"({sql.strip()})"
        )
        return (
            f"MySQL accepts DEFAULT {sql.strip()} only on DATETIME and TIMESTAMP columns",
            f"write DEFAULT {better} (MySQL 8.0.13+)",
        )
    return None


def _boolean_in_number(value: DefaultValue, spec: TypeSpec, fam: str | None) -> Misfit | None:
    if isinstance(value, bool) and fam not in _BOOLEANS_ARE_NUMBERS:
        return (
            f"default {_shown(value)} is a boolean, but the column is {spec}",
            f"write {int(value)}, or make the column boolean",
        )
    return None


def _integer(value: DefaultValue, spec: TypeSpec, fam: str | None) -> Misfit | None:
    if isinstance(value, bool):
        return _boolean_in_number(value, spec, fam)
    number: int
    if isinstance(value, str):
        if not _INTEGER.match(value):
            return (f"default {value!r} is not an integer", None)
        number = int(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            return (f"default {value} is not an integer", None)
        if value != int(value):
            rounded = Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)  # as SQL rounds
            return (f"default {value} has a fraction; {spec} stores it rounded to {rounded}", None)
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        return None
    low, high = INTEGER_RANGES[spec.base][1 if spec.unsigned else 0]
    if not low <= number <= high:
        return (
            f"default {number} is out of range for {spec} ({low:,} to {high:,})",
            "use a wider integer type, or another default",
        )
    return None


def _number(value: DefaultValue, spec: TypeSpec, fam: str | None) -> Misfit | None:
    if isinstance(value, bool):
        return _boolean_in_number(value, spec, fam)
    text = value if isinstance(value, str) else repr(value)
    if isinstance(value, str) and not _NUMBER.match(value):
        if fam == "postgres" and value.strip().lower() in {"nan", "infinity", "-infinity", "inf", "-inf"}:
            return None
        return (f"default {value!r} is not a number", None)
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return (f"default {value!r} is not a number", None)
    if spec.unsigned and number < 0:
        return (f"default {text.strip()} is negative, but {spec} is unsigned", None)
    if spec.base != "numeric" or not spec.args:
        return None
    precision = spec.args[0]
    scale = spec.args[1] if len(spec.args) > 1 else 0
    if not isinstance(precision, int) or not isinstance(scale, int):
        return None
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    integer_digits = max(len(digits) + exponent, 0) if number != 0 else 0
    if integer_digits > precision - scale:
        return (
            f"default {text.strip()} does not fit {spec} (at most {precision - scale} digits before the "
            "point)",
            f"widen the type to numeric({integer_digits + scale},{scale})",
        )
    try:
        rounded = number.quantize(Decimal(1).scaleb(-scale))
    except InvalidOperation:
        return None
    if -exponent > scale and number != rounded:
        return (f"default {text.strip()} has more than {scale} decimal places; {spec} stores {rounded}", None)
    return None


def _boolean(value: DefaultValue, fam: str | None) -> Misfit | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value in {0, 1}:
        if fam in _BOOLEANS_ARE_NUMBERS:
            return None
        return (
            f"default {value} is a number, but the column is boolean: PostgreSQL rejects it",
            f"write {'true' if value else 'false'}",
        )
    if isinstance(value, str):
        word = value.strip().lower()
        if fam == "postgres" and word in _PG_BOOLEAN_WORDS:
            return None
        return (f"default {value!r} is a string, but the column is boolean", "write true or false")
    return (f"default {_shown(value)} is not a truth value", "write true or false")


def _string(value: DefaultValue, spec: TypeSpec) -> Misfit | None:
    if isinstance(value, bool):
        return (
            f"default {_shown(value)} is a boolean in a {spec} column: stored as "
            f"'{_shown(value)}' in PostgreSQL but '{int(value)}' in MySQL",
            f"write the text you mean, e.g. {_shown(str(value).lower())}",
        )
    length = spec.length
    text = value if isinstance(value, str) else str(value)
    if length is not None and spec.base in {"char", "varchar"} and len(text) > length:
        return (
            f"default {text!r} has {len(text)} characters; {spec} holds {length}",
            f"shorten the default or widen the column to {spec.base}({len(text)})",
        )
    return None


def _enum(value: DefaultValue, spec: TypeSpec, values: tuple[str, ...], fam: str | None) -> Misfit | None:
    if not isinstance(value, str):
        if fam == "mysql" and isinstance(value, int) and not isinstance(value, bool):
            return None  # MySQL reads a number as the value's position
        return (f"default {_shown(value)} is not one of the values ({_list(values)})", None)
    wanted = [value] if spec.base != "set" else [v for v in value.split(",") if v]
    fold = fam == "mysql"  # MySQL compares ENUM and SET values with the column's (usually _ci) collation
    known = {v.casefold() for v in values} if fold else set(values)
    missing = [v for v in wanted if (v.casefold() if fold else v) not in known]
    if missing:
        return (f"default {value!r} is not one of the values ({_list(values)})", None)
    return None


def _list(values: tuple[str, ...]) -> str:
    shown = ", ".join(values[:8])
    return shown + (", …" if len(values) > 8 else "")


def _temporal(value: DefaultValue, spec: TypeSpec, fam: str | None) -> Misfit | None:
    base = spec.base
    if base == "interval":
        return None
    if not isinstance(value, str):
        if isinstance(value, bool) or fam != "mysql":
            return (f"default {_shown(value)} is not a {base}", "write it as a string, e.g. '2024-01-31'")
        return None  # MySQL reads numbers as YYYYMMDD[hhmmss]
    word = value.strip().lower()
    if word in _PG_RELATIVE_TIMES:
        if fam == "postgres":
            return (
                f"default {value!r} is read once, when the table is created: every row gets that moment",
                "use now() or CURRENT_TIMESTAMP (CURRENT_DATE for dates)",
            )
        return (f"default {value!r} is not a {base}", "use CURRENT_TIMESTAMP (CURRENT_DATE for dates)")
    if fam in {"postgres", None} and word in _PG_FIXED_TIMES:
        return None
    if zero_date(value) is not None:
        return None  # TYP008 reports zero dates
    if not any(ch.isdigit() for ch in value):
        return (f"default {value!r} is not a {base}", None)
    if base in {"date", "timestamp", "timestamptz"}:
        match = _DATE.match(value)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                dt.date(year, month, day)
            except ValueError:
                return (f"default {value!r} is not a valid date", None)
    if base != "date":
        found = _TIME.search(value)
        if found:
            hour, minute = int(found.group(1)), int(found.group(2))
            second = int(found.group(3) or 0)
            if hour > 24 or minute > 59 or second > 60:
                return (f"default {value!r} is not a valid time", None)
    return None


def _formatted(value: DefaultValue, spec: TypeSpec, fam: str | None) -> Misfit | None:
    base = spec.base
    if not isinstance(value, str):
        if base in {"json", "jsonb"} and fam not in {"postgres", None}:
            return None
        return (f"default {_shown(value)} is not a {base} value", "write it as a string")
    text = value.strip()
    if base == "uuid":
        bare = text.strip("{}").replace("-", "")
        if not _HEX.match(bare):
            return (f"default {value!r} is not a uuid", None)
    elif base in {"json", "jsonb"}:
        try:
            json.loads(text)
        except ValueError:
            return (f"default {value!r} is not valid JSON", "e.g. '{}' or '[]'")
    elif base in {"inet", "cidr"}:
        try:
            if base == "inet":
                ipaddress.ip_interface(text)
            else:
                ipaddress.ip_network(text, strict=True)
        except ValueError:
            return (f"default {value!r} is not a valid {base} value", None)
    elif base == "macaddr" and not _MAC.match(text):
        return (f"default {value!r} is not a MAC address", None)
    return None
