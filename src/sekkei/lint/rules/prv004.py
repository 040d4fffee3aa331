"""PRV004: personal data copied into another table is classified there too."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.personal import category_of
from sekkei.lint.rule import Finding, Rule, RuleOptions
from sekkei.lint.rules._inflect import singular
from sekkei.model.schema import Privacy


class Options(RuleOptions):
    levels: list[Literal["personal", "sensitive", "confidential"]] = Field(
        default=["personal", "sensitive"],
        description="Classifications whose copies must be classified.",
    )
    generic: list[str] = Field(
        default_factory=lambda: [
            "id", "name", "title", "code", "value", "description", "comment", "comments", "note", "notes",
            "status", "type", "kind", "label", "data", "content", "body", "text", "created_at", "updated_at",
        ],
        description="Names that mean different things in different tables: a copy of one is reported only "
        "if it also looks like personal data where it is (name in customers, not in products).",
    )


def _hint(privacy: Privacy) -> str:
    parts = [f"classification: {privacy.classification}"]
    if privacy.category:
        parts.append(f"category: {privacy.category}")
    return "privacy: {" + ", ".join(parts) + "} — or classify it public/internal if it holds something else"


class UnclassifiedCopy(Rule):
    """Personal data copied into another table is classified there too.

    Why:
        Classifying ``customers.email`` does little if ``orders.customer_email``
        and ``newsletter.email`` hold the same addresses unclassified: a
        deletion request misses them, masking and retention rules do not
        apply, and the privacy register is wrong.  Copies are common —
        denormalised order snapshots, exports, caches, audit tables.

    Instead:
        Classify every copy like its source (``privacy: {classification:
        personal, category: email}``), or mark the column ``public`` or
        ``internal`` if it holds something else.  A copy is a column of the same
        name as a classified one, or one named after it through a foreign key
        (``orders.customer_email`` where ``orders`` references ``customers``).
        Names such as ``name`` and ``title`` (``generic``) count only when they
        also look like personal data in their own table.
    """

    code = "PRV004"
    name = "unclassified-copy"
    summary = "Personal data copied into another table is classified there too."
    summary_ja = "別のテーブルに写した個人データにも、写し先でプライバシー分類があること。"
    doc_ja = """
    理由:
        ``customers.email`` を分類しても、``orders.customer_email`` や ``newsletter.email`` が同じアドレスを
        分類なしで持っていれば意味が薄れます。削除請求から漏れ、マスキングや保存期間の規則が適用されず、
        処理記録も誤ります。写しはよくあります(非正規化した注文時点の情報、エクスポート、キャッシュ、
        監査テーブル)。

    代わりに:
        写しもすべて元と同じように分類するか(``privacy: {classification: personal, category: email}``)、
        別物なら ``public``・``internal`` と明記してください。写しとは、分類済みの列と同じ名前の列、または
        外部キーをたどって元の列にちなんだ名前の列(``orders`` が ``customers`` を参照するときの
        ``orders.customer_email``)です。``name``・``title`` のような名前(``generic``)は、自分のテーブルでも
        個人データらしく見える場合だけ対象にします。
    """
    category = "privacy"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        levels = set(options.levels)
        generic = {name.lower() for name in options.generic}
        sources: dict[str, ColumnInfo] = {}
        by_table: dict[str, list[ColumnInfo]] = defaultdict(list)
        for info in ctx.classified:
            privacy = info.column.privacy
            if privacy is not None and privacy.classification in levels:
                sources.setdefault(info.lname, info)
                by_table[info.key].append(info)
        if not sources:
            return
        reported: set[tuple[str, str]] = set()
        # the same name elsewhere
        for lname, source in sources.items():
            for info in ctx.columns_by_name.get(lname, ()):
                if info.key == source.key or not self._unclassified_copy(info, lname in generic):
                    continue
                reported.add((info.key, info.column.name))
                yield self._finding(info, source)
        # a name made of the referenced table and a classified column: orders.customer_email
        for target_key, classified in by_table.items():
            target = ctx.schema.tables[target_key]
            for key, fk in ctx.incoming.get(target_key, ()):
                table = ctx.schema.tables[key]
                if key == target_key or table.partition_of is not None:
                    continue
                prefixes = {target.name.lower(), singular(target.name.lower())}
                if len(fk.columns) == 1 and fk.columns[0].lower().endswith("_id"):
                    prefixes.add(fk.columns[0].lower()[:-3])
                columns = {info.lname: info for info in ctx.columns_by_table.get(key, ())}
                for source in classified:
                    for prefix in prefixes:
                        copy = columns.get(f"{prefix}_{source.lname}")
                        if copy is None or (key, copy.column.name) in reported:
                            continue
                        if self._unclassified_copy(copy, False):
                            reported.add((key, copy.column.name))
                            yield self._finding(copy, source)

    @staticmethod
    def _unclassified_copy(info: ColumnInfo, generic: bool) -> bool:
        column = info.column
        if column.privacy is not None or info.table.partition_of is not None:
            return False
        return not generic or category_of(column.name, column.comment, info.table.name) is not None

    def _finding(self, info: ColumnInfo, source: ColumnInfo) -> Finding:
        privacy = source.column.privacy
        assert privacy is not None
        return self.finding(
            info.target,
            f"copies {source.key}.{source.column.name} ({privacy.classification} data) but has no "
            "privacy classification",
            hint=_hint(privacy),
        )
