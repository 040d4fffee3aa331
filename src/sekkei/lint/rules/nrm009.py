"""NRM009: polymorphic associations (commentable_type + commentable_id) cannot have a foreign key."""

from __future__ import annotations

from collections.abc import Iterator

from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.personal import words_of
from sekkei.lint.rule import Finding, Rule, Target

# X_table, X_model, X_class beside X_id name where X_id points: always polymorphic
_STRONG = ("table", "model", "class", "entity", "table_name", "model_name", "class_name", "entity_type")
# X_type beside X_id is polymorphic when X is a role, not a thing (a document_type is a kind of document)
_ROLES = frozenset(
    """owner target subject object parent resource entity item source record related context reference ref
    linked holder origin container subscribable notifiable trackable auditable attachable""".split()
)
# Django's generic relation
_DJANGO = (("content_type_id", "object_id"), ("content_type_id", "object_pk"), ("content_type", "object_id"))


def _in_key(info: ColumnInfo) -> bool:
    """True if a foreign key covers the column (then the pair is a discriminator, not polymorphic)."""
    return any(info.column.name in fk.columns for fk in info.table.foreign_keys)


class PolymorphicAssociation(Rule):
    """Polymorphic associations (``commentable_type`` + ``commentable_id``) cannot have a foreign key.

    Why:
        A pair such as ``commentable_type = 'Post'``, ``commentable_id = 42``
        points into a different table per row, so no foreign key can protect
        it: comments on deleted posts stay behind, a typo in the type column
        points nowhere, the database cannot cascade, and every query needs a
        ``CASE`` or one join per possible table.  ORMs make the pattern easy
        (Rails, Laravel, Django's ``GenericForeignKey``), the data pays for it.

    Instead:
        Either one nullable foreign key column per target (``post_id``,
        ``photo_id``) with a ``CHECK`` that exactly one is set, or a supertype
        table (``commentables``) that each target table references and that
        the comments reference.  Both keep real foreign keys.
    """

    code = "NRM009"
    name = "polymorphic-association"
    summary = "Polymorphic associations cannot have a foreign key."
    summary_ja = "ポリモーフィック関連(``commentable_type`` と ``commentable_id``)には外部キーを張れない。"
    doc_ja = """
    理由:
        ``commentable_type = 'Post'``・``commentable_id = 42`` のような組は、行ごとに別のテーブルを指すので、
        外部キーで守れません。削除された投稿へのコメントは残り、種別列の誤記はどこも指さず、
        データベースは連鎖削除もできず、すべてのクエリに ``CASE`` か対象テーブルごとの結合が必要です。
        ORM(Rails・Laravel・Django の ``GenericForeignKey``)はこの形を簡単に作れますが、そのつけは
        データが払います。

    代わりに:
        参照先ごとに NULL 可の外部キー列(``post_id``・``photo_id``)を持ち、ちょうど一つが設定されることを
        ``CHECK`` で保証するか、各参照先テーブルが参照するスーパータイプのテーブル(``commentables``)を
        作ってコメントからそれを参照してください。どちらも本物の外部キーを保てます。
    """
    category = "design"
    severity = "info"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        by_name = ctx.columns_by_name
        reported: set[tuple[str, str]] = set()

        def partner(key: str, stem: str, suffixes: tuple[str, ...]) -> str | None:
            """The column `stem_suffix` (or stemSuffix) of table `key`, if it has one."""
            glued = stem.replace("_", "")
            for suffix in suffixes:
                for lname in (f"{stem}_{suffix}", glued + suffix.replace("_", "")):
                    for info in by_name.get(lname, ()):
                        if info.key == key:
                            return info.column.name
            return None

        for lname, infos in by_name.items():
            if not lname.endswith("id") or lname == "id":
                continue
            for info in infos:
                snake = "_".join(words_of(info.column.name))
                if not snake.endswith("_id") or info.table.partition_of is not None or _in_key(info):
                    continue
                stem = snake[:-3]
                found = partner(info.key, stem, _STRONG)
                if found is None and (stem.endswith("able") or stem.rsplit("_", 1)[-1] in _ROLES):
                    found = partner(info.key, stem, ("type",))
                if found is not None:
                    reported.add((info.key, info.column.name))
                    yield self._finding(info.key, found, info.column.name)
        for type_name, id_name in _DJANGO:
            types = {info.key: info for info in by_name.get(type_name, ())}
            for info in by_name.get(id_name, ()):
                kind = types.get(info.key)
                if kind is None or (info.key, info.column.name) in reported or _in_key(info):
                    continue
                reported.add((info.key, info.column.name))
                yield self._finding(info.key, kind.column.name, info.column.name)

    def _finding(self, key: str, type_column: str, id_column: str) -> Finding:
        return self.finding(
            Target("column", key, id_column),
            f"{type_column} and {id_column} form a polymorphic association: {id_column} points into a "
            "different table per row, so no foreign key can protect it",
            hint="use one nullable foreign key column per target table with a CHECK that exactly one is set, "
            "or a supertype table that every target references",
        )
