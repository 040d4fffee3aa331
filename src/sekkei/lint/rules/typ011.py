"""TYP011: columns are NOT NULL unless listed as nullable (a policy rule, off by default)."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target


def matches_any(patterns: list[str], table: str, column: str) -> bool:
    """True if a glob matches the column name or ``table.column``."""
    full = f"{table}.{column}"
    return any(fnmatch.fnmatchcase(column, p) or fnmatch.fnmatchcase(full, p) for p in patterns)


_HINT = "nullable: false (with a default if needed), or list it in allow_nullable"


class Options(RuleOptions):
    allow_nullable: list[str] = Field(
        default_factory=list,
        description="Columns that may be nullable: globs on the column name or TABLE.COLUMN, e.g. "
        "['deleted_at', '*_note', 'users.middle_name'].",
    )


class NullableColumn(Rule):
    """Columns are NOT NULL unless they are listed as nullable.

    Why:
        NULL means "unknown", and SQL's three-valued logic treats it that way:
        ``WHERE status <> 'done'`` skips rows where status is NULL, ``NOT IN`` a
        list with a NULL matches nothing, ``count(col)`` and ``sum`` skip NULLs,
        and unique constraints let any number of NULLs through.  A column that
        is nullable only because nobody said otherwise invites all of these.
        This is a policy: it is off until a team turns it on.

    Instead:
        Declare the column ``nullable: false`` (with a default if rows may be
        written without a value), or list the columns where "unknown" is a real
        state (``deleted_at``, an optional middle name) in ``allow_nullable``.
    """

    code = "TYP011"
    name = "nullable-column"
    summary = "Columns are NOT NULL unless listed as nullable."
    summary_ja = "許可リストにない列は NOT NULL にすること。"
    doc_ja = """
    理由:
        NULL は「不明」を意味し、SQL の三値論理もそのように扱います。``WHERE status <> 'done'`` は
        status が NULL の行を除外し、NULL を含むリストへの ``NOT IN`` は何にも一致せず、
        ``count(col)`` や ``sum`` は NULL を無視し、一意制約は NULL をいくつでも通します。誰も指定
        しなかったために NULL 可になっている列は、これらをすべて招きます。これは方針のルールなので、
        チームが有効にするまでは無効です。

    代わりに:
        列を ``nullable: false`` にしてください(値なしで書き込まれうるなら既定値も)。「不明」が
        本当に意味のある状態である列(``deleted_at``、任意のミドルネームなど)は ``allow_nullable`` に
        列挙してください。
    """
    category = "types"
    severity = "off"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        patterns = options.allow_nullable
        dotted = [p for p in patterns if "." in p]
        verdicts: dict[str, bool] = {}  # by column name: most patterns name columns, not tables
        for info in ctx.columns:
            column = info.column
            if not column.nullable or column.generated is not None or info.table.partition_of is not None:
                continue
            name = column.name
            if patterns:
                allowed = verdicts.get(name)
                if allowed is None:
                    allowed = verdicts[name] = any(fnmatch.fnmatchcase(name, p) for p in patterns)
                if allowed or (dotted and any(fnmatch.fnmatchcase(f"{info.key}.{name}", p) for p in dotted)):
                    continue
            yield self.finding(Target("column", info.key, name), "column is nullable", hint=_HINT)
