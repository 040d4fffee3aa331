"""NRM011: text columns that hold lists (tag_ids, keywords, カンマ区切り) want a junction table."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.personal import words_of
from sekkei.lint.rule import Finding, Rule, RuleOptions
from sekkei.model.types import TypeSpec

_CJK_ENDINGS = ("一覧", "リスト", "複数", "区切り", "列表", "清单", "목록", "리스트")
_COMMENT_MARKS = (
    "comma-separated", "comma separated", "comma-delimited", "comma delimited", "space-separated",
    "space separated", "semicolon-separated", "separated by", "delimited by", "csv",
    "カンマ区切り", "コンマ区切り", "区切り", "複数指定", "逗号分隔", "逗號分隔", "分隔",
    "쉼표로 구분", "구분자",
)


class Options(RuleOptions):
    suffixes: list[str] = Field(
        default_factory=lambda: [
            "ids", "list", "csv", "tags", "tag_string", "keywords", "codes", "emails", "roles",
        ],
        description="Last words of column names (snake_case, any case style matches) that mean a list.",
    )


def _listy_name(name: str, suffixes: tuple[str, ...]) -> bool:
    """True if a column name means a list: tag_ids, relatedPostIds, 担当者一覧."""
    name = unicodedata.normalize("NFKC", name)
    words = "_".join(words_of(name))
    if words and (words in suffixes or words.endswith(tuple("_" + s for s in suffixes))):
        return True
    return not name.isascii() and name.endswith(_CJK_ENDINGS)


def _listy_comment(comment: str | None) -> bool:
    """True if a comment says the value is a list ("comma-separated", "カンマ区切り")."""
    if not comment:
        return False
    text = comment.lower()
    return any(mark in text for mark in _COMMENT_MARKS)


class MultiValuedTextColumn(Rule):
    """Text columns that hold lists (``tag_ids``, ``keywords``, comma-separated values) want a junction table.

    Why:
        ``'3,17,42'`` in a ``tag_ids varchar`` column is a list the database
        cannot see into: no foreign key checks the ids, no index finds the rows
        with tag 17 (``LIKE '%17%'`` also matches 117), updating one element
        rewrites the string, counting needs string functions, and the separator
        is a convention nothing enforces.  It breaks the first normal form.

    Instead:
        A junction table, one row per element: ``post_tags (post_id, tag_id)``
        with foreign keys to both sides and a primary key on the pair.  Where
        the list is a value of its own, an array column (``bigint[]``,
        ``text[]`` in PostgreSQL) or JSON at least keeps the elements apart.
        Names that mean a list are in ``suffixes``; a comment saying the value
        is comma-separated counts too.
    """

    code = "NRM011"
    name = "multi-valued-text-column"
    summary = "Text columns that hold lists want a junction table or an array."
    summary_ja = "リストを入れる文字列列(``tag_ids``・カンマ区切りの値など)は、関連テーブルか配列にすること。"
    doc_ja = """
    理由:
        ``tag_ids varchar`` 列の ``'3,17,42'`` は、データベースが中を見られないリストです。外部キーで ID を
        検査できず、タグ 17 を持つ行をインデックスで探せず(``LIKE '%17%'`` は 117 にも一致します)、
        要素を一つ変えるにも文字列全体を書き換え、数えるには文字列関数が必要で、区切り文字は誰も守らせ
        ない約束事にすぎません。第一正規形に反します。

    代わりに:
        要素ごとに 1 行の関連テーブルにしてください(両側への外部キーと組の主キーを持つ
        ``post_tags (post_id, tag_id)``)。リスト自体が一つの値なら、配列列(PostgreSQL の ``bigint[]``・
        ``text[]``)か JSON でも要素は区別できます。リストを表す名前は ``suffixes`` で設定でき、値が
        カンマ区切りだとするコメントも判定に使います。
    """
    category = "design"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        suffixes = tuple(s.lower() for s in options.suffixes)
        names: dict[str, bool] = {}  # judged once per distinct name
        for info in ctx.columns:
            spec = info.spec
            if spec is None or spec.family != "string" or spec.base == "xml":
                continue
            name = info.column.name
            named = names.get(name)
            if named is None:
                named = names[name] = _listy_name(name, suffixes)
            reason = "name" if named else "comment" if _listy_comment(info.column.comment) else None
            if reason is not None and info.table.partition_of is None:
                yield from self._report(info, spec, reason)

    def _report(self, info: ColumnInfo, spec: TypeSpec, reason: str) -> Iterator[Finding]:
        pk = info.table.primary_key
        if pk is not None and info.column.name in pk.columns:
            return
        item = _element(info.column.name)
        yield self.finding(
            info.target,
            f"{spec} column whose {reason} suggests a list of values in one string",
            hint=f"a junction table with one row per {item} and foreign keys to both sides, "
            "or an array column (text[], bigint[]) where the database has one",
        )


def _element(name: str) -> str:
    """What one element of the list is: tag_ids → tag id, keywords → keyword."""
    words = words_of(name)
    if not words:
        return "element"
    last = words[-1]
    if last in {"list", "csv", "string"} and len(words) > 1:
        return " ".join(words[:-1])
    if last == "ids":
        return " ".join([*words[:-1], "id"]) if len(words) > 1 else "id"
    return " ".join([*words[:-1], last[:-1] if last.endswith("s") else last])
