"""DOC003: checks and partial or expression indexes whose meaning is not obvious have a comment."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.model.schema import Index

_STRING = re.compile(r"'(?:[^']|'')*'")
_CAST = re.compile(r"::\s*[A-Za-z_][\w ]*(?:\([^)]*\))?(?:\[\])*")
_WORD = re.compile(r'"(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[A-Za-z_][\w$]*')
#: Words of a condition that say nothing about which columns it involves.
_KEYWORDS = frozenset(
    "and not in is null true false between like ilike distinct from unknown current_date current_timestamp "
    "now localtimestamp value any all some array".split()
)
#: Functions that keep a condition obvious (``length(code) = 3``, ``lower(email)``).
_SIMPLE_FUNCTIONS = frozenset(
    "lower upper length char_length character_length octet_length trim btrim ltrim rtrim coalesce abs "
    "to_tsvector array_to_tsvector".split()
)
#: Signs of logic worth a sentence: alternatives, branches, patterns, subqueries.
_COMPLEX = re.compile(r"\b(?:or|case|select|exists|similar|regexp|rlike|glob)\b|~", re.IGNORECASE)


@lru_cache(maxsize=16384)
def is_simple(sql: str) -> bool:
    """True for conditions a reader understands at a glance: one or two columns, no alternatives.

    ``price >= 0``, ``status IN ('a', 'b')``, ``end_date > start_date`` and
    ``length(code) = 3`` are simple; ``OR``, ``CASE``, pattern matches,
    subqueries and other function calls are not.
    """
    text = _CAST.sub(" ", _STRING.sub(" ", sql))
    if _COMPLEX.search(text):
        return False
    columns: set[str] = set()
    for match in _WORD.finditer(text):
        word = match.group(0)
        lower = word.lower()
        if lower in _KEYWORDS:
            continue
        following = text[match.end() :].lstrip()[:1]
        if following == "(" and word[0] not in '"`[':
            if lower not in _SIMPLE_FUNCTIONS:
                return False
            continue
        columns.add(lower.strip('"`[]'))
    return len(columns) <= 2


class Options(RuleOptions):
    all: bool = Field(
        False,
        description="Require a comment on every check, partial index and expression index, simple or not.",
    )


class ConstraintWithoutComment(Rule):
    """Checks and partial or expression indexes whose meaning is not obvious have a comment.

    Why:
        ``CHECK (price >= 0)`` explains itself; ``CHECK (status <> 'shipped'
        OR shipped_at IS NOT NULL)`` encodes a business rule somebody will
        have to reverse-engineer before changing it.  A unique index over part
        of a table (``UNIQUE (customer_id) WHERE is_default``) states a rule
        ("one default address per customer") that nothing else in the schema
        says; partial and expression indexes exist for a query someone wrote,
        and without a note nobody dares to drop them.

    Instead:
        Add ``comment:`` to the check or index saying which rule or query it
        serves.  Checks over one or two columns without ``OR``, ``CASE``,
        regular expressions, subqueries or function calls (other than ``lower``,
        ``length``, ``trim``, ``coalesce`` …) count as obvious, as do
        non-unique indexes with such a condition or expression; ``all: true``
        requires comments on all of them.
    """

    code = "DOC003"
    name = "constraint-without-comment"
    summary = "Checks and partial or expression indexes whose meaning is not obvious have a comment."
    summary_ja = "意味が一目で分からない CHECK 制約・部分インデックス・式インデックスにコメントがあること。"
    doc_ja = """
    理由:
        ``CHECK (price >= 0)`` は見れば分かりますが、``CHECK (status <> 'shipped' OR shipped_at IS NOT NULL)``
        は業務ルールを表していて、変更する人はまずそれを読み解かなければなりません。テーブルの一部にだけ
        張るユニークインデックス(``UNIQUE (customer_id) WHERE is_default``)は、スキーマの他のどこにも
        書かれていないルール(「顧客ごとに既定の住所は一つ」)を表します。部分インデックスや式インデックスは
        誰かが書いたクエリのために存在し、説明がなければ誰も削除できなくなります。

    代わりに:
        CHECK やインデックスに ``comment:`` を書き、どのルールやクエリのためのものかを説明してください。
        1〜2 列だけを使い、``OR``・``CASE``・正規表現・サブクエリ・関数呼び出し(``lower``・``length``・
        ``trim``・``coalesce`` などを除く)を含まない CHECK は自明とみなし、そのような条件や式の非ユニーク
        インデックスも同様です。``all: true`` ですべてにコメントを求めます。
    """
    category = "documentation"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            for position, check in enumerate(table.checks):
                if (check.comment or "").strip():
                    continue
                if options.all or not is_simple(check.sql):
                    yield self.finding(
                        Target("check", key, check.name, position),
                        "check has no comment" if options.all else "check is not obvious and has no comment",
                        hint="comment: the business rule it enforces",
                    )
            for position, index in enumerate(table.indexes):
                reason = self._index_reason(index, options.all)
                if reason is not None:
                    target = Target("index", key, index.name, position, tuple(index.column_names()))
                    yield self.finding(
                        target, f"{reason} has no comment", hint="comment: the rule or the query it serves"
                    )
        for key, view in ctx.schema.views.items():
            for position, index in enumerate(view.indexes):
                reason = self._index_reason(index, options.all)
                if reason is not None:
                    target = Target("view_index", key, index.name, position, tuple(index.column_names()))
                    yield self.finding(
                        target, f"{reason} has no comment", hint="comment: the rule or the query it serves"
                    )

    @staticmethod
    def _index_reason(index: Index, require_all: bool) -> str | None:
        """What makes the index need a comment (None when it does not)."""
        if (index.comment or "").strip():
            return None
        expressions = [part.sql for part in index.columns if not isinstance(part, str) and part.sql]
        if index.where is None and not expressions:
            return None
        kind = "partial" if index.where is not None else "expression"
        label = f"{kind} {'unique ' if index.unique else ''}index"
        if require_all or (index.unique and index.where is not None):
            return label
        if (index.where is not None and not is_simple(index.where)) or any(
            not is_simple(e) for e in expressions
        ):
            return label
        return None
