"""DOC004: tables of a large schema carry tags (subject areas)."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target


class Options(RuleOptions):
    min_tables: int = Field(
        30, ge=0, description="Schemas with fewer tables need no tags (unless `required_tags` is set)."
    )
    required_tags: list[str] = Field(
        default_factory=list,
        description="Globs each table must have a matching tag for, e.g. ['area:*', 'owner:*'] "
        "(checked in schemas of any size).",
    )
    diagram_areas: bool = Field(
        True, description="A table placed in a diagram area counts as grouped (for the plain tag check)."
    )


class TableWithoutTags(Rule):
    """Tables of a large schema carry tags, so that docs and diagrams can be grouped.

    Why:
        Beyond a few dozen tables nobody reads a schema as one list or one
        diagram.  Tags (``tags: [billing]``) say which subject area a table
        belongs to: generated documentation groups by them, ER diagrams can
        show one area at a time, and a reviewer sees which team a change
        touches.  Tagging as tables are added costs seconds; tagging hundreds
        later costs days.

    Instead:
        Give each table a tag for its subject area: ``tags: [sales]``.  Placing
        it in a diagram area counts too (``diagram_areas``).  Small schemas
        (fewer than ``min_tables``, 30 by default) need no tags.  With
        ``required_tags`` (globs such as ``area:*`` or ``owner:*``) every table
        must carry a tag matching each of them, whatever the schema's size.
    """

    code = "DOC004"
    name = "table-without-tags"
    summary = "Tables of a large schema carry tags (subject areas)."
    summary_ja = "大きなスキーマのテーブルにタグ(業務領域)が付いていること。"
    doc_ja = """
    理由:
        テーブルが数十を超えると、スキーマを一つの一覧や一枚の図として読む人はいません。タグ
        (``tags: [billing]``)はテーブルがどの業務領域に属するかを示します。生成されるドキュメントはタグで
        まとまり、ER 図は領域ごとに表示でき、レビューする人は変更がどのチームに関わるかが分かります。
        テーブルを追加するときにタグを付けるのは数秒ですが、何百ものテーブルに後から付けるには何日もかかります。

    代わりに:
        各テーブルに業務領域のタグを付けてください(``tags: [sales]``)。ER 図のエリアに配置されていれば、
        それも分類とみなします(``diagram_areas``)。テーブル数が ``min_tables``(既定 30)未満のスキーマでは
        不要です。``required_tags``(``area:*``・``owner:*`` のような glob)を設定すると、スキーマの大きさに
        関係なく、すべてのテーブルがそれぞれに合うタグを持つ必要があります。
    """
    category = "documentation"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        tables = {key: t for key, t in ctx.schema.tables.items() if t.partition_of is None}
        large = len(tables) >= options.min_tables
        if not large and not options.required_tags:
            return
        in_areas: set[str] = set()
        if options.diagram_areas and ctx.schema.diagram is not None:
            for area in ctx.schema.diagram.areas.values():
                in_areas.update(area.tables)
        for key, table in tables.items():
            if options.required_tags:
                missing = [
                    pattern
                    for pattern in options.required_tags
                    if not any(fnmatch.fnmatchcase(tag, pattern) for tag in table.tags)
                ]
                if missing:
                    shown = ", ".join(repr(p) for p in missing)
                    yield self.finding(
                        Target("table", key),
                        f"no tag matches {shown}",
                        hint=f"tags: [{', '.join(p.replace('*', '…') for p in missing)}]",
                    )
            elif large and not table.tags and key not in in_areas:
                yield self.finding(
                    Target("table", key),
                    f"table has no tags (the schema has {len(tables)} tables)",
                    hint="tags: [<subject area>], e.g. tags: [billing]",
                )
