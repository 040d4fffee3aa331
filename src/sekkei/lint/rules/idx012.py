"""IDX012: a partial index's WHERE names only columns of its table."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import lru_cache

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, Target

_TOKEN = re.compile(
    r"""(?P<string>[A-Za-z_]?'(?:[^']|'')*')"""  # literals, with E'' N'' B'' X'' prefixes
    r"""|(?P<quoted>"(?:[^"]|"")+"|`(?:[^`]|``)+`)"""
    r"""|(?P<bracket>\[[^\]\[]*\])"""  # a SQL Server identifier, or an array literal or subscript
    r"""|(?P<word>[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)"""
    r"""|(?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)"""
    r"""|(?P<cast>::)"""
    r"""|(?P<space>\s+)"""
    r"""|(?P<other>.)""",
    re.S,
)

_BRACKETED = re.compile(r"^\[[A-Za-z_\u0080-\uffff][^,'\"]*\]$")

#: Words of SQL expressions that are not column names (operators, literals, types, functions without
#: parentheses, PostgreSQL system columns).  Being generous here only risks missing a typo.
_NOT_COLUMNS = frozenset(
    """
    and or not is null true false unknown in between symmetric asymmetric like ilike similar to escape
    glob regexp rlike match any all some exists case when then else end cast as collate at time zone
    with without distinct from isnull notnull interval current_date current_time current_timestamp
    localtime localtimestamp current_user session_user user current_role current_schema current_catalog
    date timestamp timestamptz time timetz text varchar char character varying integer int int2 int4 int8
    smallint bigint numeric decimal real double precision float boolean bool json jsonb uuid bytea inet
    cidr year month day hour minute second epoch array row over partition by order asc desc nulls first
    last overlaps escape binary utf8mb4 unsigned signed sysdate systimestamp rownum level
    oid ctid xmin xmax cmin cmax tableoid
    """.split()
)


@lru_cache(maxsize=4096)
def column_references(where: str) -> tuple[tuple[str, bool], ...]:
    """(name, quoted) of each identifier in a predicate that can only be a column.

    Conservative by design: a word followed by ``(`` is a function, by ``.`` a
    qualifier, one after ``::``, ``AS`` or ``COLLATE`` a type or collation, one
    followed by a string literal a typed literal (``date '2024-01-01'``), and
    SQL keywords, literals and PostgreSQL system columns are skipped.
    """
    significant = [
        (m.lastgroup or "other", m.group(0)) for m in _TOKEN.finditer(where) if m.lastgroup != "space"
    ]
    found: dict[tuple[str, bool], None] = {}
    for position, (kind, text) in enumerate(significant):
        before = significant[position - 1] if position else ("", "")
        if kind == "bracket":
            follows_value = (
                before[0] in {"quoted", "bracket"}
                or before[1] == ")"
                or (
                    before[0] == "word"
                    and (before[1].lower() not in _NOT_COLUMNS or before[1].lower() == "array")
                )
            )
            if follows_value or not _BRACKETED.match(text):
                continue  # ARRAY[1, 2], a subscript, or not a name
            kind = "quoted"
        if kind not in {"word", "quoted"}:
            continue
        after = significant[position + 1] if position + 1 < len(significant) else ("", "")
        if after[1] in {"(", "."} or (after[0] == "string" and kind == "word"):
            continue
        if before[0] == "cast" or before[1].lower() in {"as", "collate"}:
            continue
        if kind == "quoted":
            name = text[1:-1] if text[0] == "[" else text[1:-1].replace(text[0] * 2, text[0])
            found[(name, True)] = None
        elif text.lower() not in _NOT_COLUMNS:
            found[(text, False)] = None
    return tuple(found)


def unknown_columns(where: str, columns: set[str], folded: set[str]) -> list[str]:
    """Identifiers of a predicate that name no column (`folded`: the column names in lower case)."""
    return [
        name
        for name, quoted in column_references(where)
        if not (name in columns or (not quoted and name.lower() in folded))
    ]


class PartialIndexUnknownColumn(Rule):
    """A partial index's ``WHERE`` names only columns of its table.

    Why:
        A partial index whose condition names a column the table does not have
        cannot be created: the migration fails (``column "deleted_on" does not
        exist``).  It is nearly always a typo or a column renamed since, and it
        is invisible until the DDL runs.

    Instead:
        Correct the column name in the condition (the hint suggests the closest
        column).
    """

    code = "IDX012"
    name = "partial-index-unknown-column"
    summary = "A partial index's WHERE names only columns of its table."
    summary_ja = "部分インデックスの WHERE がテーブルにある列だけを参照していること。"
    doc_ja = """
    理由:
        存在しない列を条件に書いた部分インデックスは作成できず、マイグレーションが失敗します
        (``column "deleted_on" does not exist``)。ほぼ必ず書き間違いか、後で名前を変えた列で、DDL を実行する
        まで気づきません。

    代わりに:
        条件の列名を直してください(ヒントにもっとも近い列名を示します)。
    """
    category = "indexes"
    severity = "error"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None or not any(index.where for index in table.indexes):
                continue
            columns = set(table.columns)
            folded = {name.lower() for name in columns}
            for position, index in enumerate(table.indexes):
                if not index.where:
                    continue
                missing = [
                    name
                    for name in unknown_columns(index.where, columns, folded)
                    if name.lower() not in ctx.reserved
                ]
                if not missing:
                    continue
                close = difflib.get_close_matches(missing[0], list(columns), n=1)
                names = ", ".join(missing)
                yield self.finding(
                    Target("index", key, index.name, position, tuple(index.column_names())),
                    f"WHERE names {names}, which {'is not' if len(missing) == 1 else 'are not'} in the table",
                    hint=f"did you mean {close[0]!r}?" if close else "name a column of the table",
                )
