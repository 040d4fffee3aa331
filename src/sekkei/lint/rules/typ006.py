"""TYP006: value lists inside column types (inline enum and set)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.lint.rules.typ001 import typed_columns
from sekkei.model.types import TypeSpec


class Options(RuleOptions):
    max_values: int | None = Field(
        None,
        description="Inline enums with at most this many values are accepted (none: report every "
        "inline enum); set columns are always reported.",
    )
    named_enums: bool = Field(
        False, description="Also report enum types declared in the schema (CREATE TYPE … AS ENUM)."
    )


def _inline(spec: TypeSpec) -> bool:
    return spec.kind == "canonical" and spec.base in {"enum", "set"}


class EnumColumn(Rule):
    """Value lists live in a lookup table or a CHECK, not in the column type.

    Why:
        An inline ``enum('a','b')`` puts the list of values into the table's
        definition: changing it is an ``ALTER TABLE`` — in MySQL adding a value
        at the end is quick, but inserting, reordering or removing one, or
        growing past 255 values, copies the whole table under lock.  The values
        cannot carry a label, an order or an "active" flag, and other tables
        cannot reference them.  A MySQL ``set`` packs several values into one
        column: no index can find rows by one member, and it cannot be joined.

    Instead:
        For values that change, a lookup table with a foreign key; for a short
        list that is fixed, a ``varchar`` column with ``CHECK (status IN (…))``
        — which is how Sekkei writes an inline enum for databases other than
        MySQL, so there only ``set`` is reported.  For ``set``, a link table
        with one row per member.  ``max_values``
        accepts short inline enums; ``named_enums`` also reports PostgreSQL
        enum types (values can be added and renamed there, never removed).
    """

    code = "TYP006"
    name = "enum-column"
    summary = "Value lists live in a lookup table or a CHECK, not in the column type."
    summary_ja = "値のリストは列の型ではなく参照テーブルか CHECK に置くこと。"
    doc_ja = """
    理由:
        インラインの ``enum('a','b')`` は値のリストをテーブル定義に埋め込みます。変更には
        ``ALTER TABLE`` が必要で、MySQL では末尾への追加は速いものの、途中への挿入・並べ替え・削除や
        255 値を超える追加はロックしたままテーブル全体をコピーします。値にラベル・並び順・有効フラグを
        持たせられず、他のテーブルから参照もできません。MySQL の ``set`` は複数の値を 1 列に詰め込むため、
        要素単位で行を探すインデックスも結合もできません。

    代わりに:
        変わりうる値なら参照テーブルと外部キーを、固定の短いリストなら ``varchar`` 列と
        ``CHECK (status IN (…))`` を使ってください(MySQL 以外では Sekkei はインライン enum をこの形で
        出力するため、そこでは ``set`` だけを報告します)。``set`` は要素ごとに 1 行の関連テーブルにします。
        ``max_values`` で短いインライン enum を許可でき、``named_enums`` で PostgreSQL の enum 型
        (値の追加と名前変更はできても削除はできません)も報告します。
    """
    category = "types"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        limit = options.max_values
        # elsewhere an inline enum is written as text with a CHECK, which is what this rule asks for
        native_enums = ctx.family in {None, "mysql"}
        for info in typed_columns(ctx, _inline):
            spec = info.spec
            assert spec is not None
            count = len(spec.values)
            if spec.base == "set":
                yield self.finding(
                    info.target,
                    f"set of {count} values packs several values into one column: it cannot be "
                    "indexed by member or joined",
                    hint="a link table with one row per member",
                )
            elif native_enums and (limit is None or count > limit):
                yield self.finding(
                    info.target,
                    f"inline enum of {count} values: changing the list is an ALTER TABLE "
                    "(MySQL copies the table unless a value is added at the end)",
                    hint=f"a lookup table with a foreign key, or varchar with CHECK ({info.column.name} "
                    "IN (…))",
                )
        if not options.named_enums:
            return
        for key, enum in ctx.schema.enums.items():
            count = len(enum.values)
            if limit is None or count > limit:
                yield self.finding(
                    Target("enum", key),
                    f"enum type of {count} values: values can be added but never removed",
                    hint="a lookup table with a foreign key, if the values change",
                )
