"""KEY008: foreign keys do not cascade deletes, except where a child belongs to its parent."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.lint.rules.key010 import glob_matcher


class Options(RuleOptions):
    allow_for: list[str] = Field(
        default_factory=list,
        description="Globs of referencing tables that may cascade (rows owned by their parent, e.g. "
        "'order_items', '*_translations').",
    )
    allow_identifying: bool = Field(
        True,
        description="Allow cascades where the foreign key columns are part of the referencing table's "
        "primary key (an identifying relationship: link tables, order lines).",
    )


class OnDeleteCascade(Rule):
    """Foreign keys do not use ``ON DELETE CASCADE``, except for rows owned by their parent.

    Why:
        With ``ON DELETE CASCADE`` one ``DELETE`` of a parent row silently
        removes every row that references it, and every row that references
        those, across tables: a mistaken delete of a customer takes their orders,
        invoices and payments with it, and nothing in the statement says so.
        The cascade also takes locks on all those rows in one transaction.

    Instead:
        Use the default (``NO ACTION``) or ``RESTRICT`` and delete children
        explicitly, or soft-delete.  Cascading is right for rows that belong to
        their parent (order lines, translations, link tables): those whose
        foreign key is part of their primary key are allowed by default
        (``allow_identifying``), and ``allow_for`` lists others.
    """

    code = "KEY008"
    name = "on-delete-cascade"
    summary = "Foreign keys do not cascade deletes, except for rows owned by their parent."
    summary_ja = "外部キーに ON DELETE CASCADE を使わないこと(親に従属する行を除く)。"
    doc_ja = """
    理由:
        ``ON DELETE CASCADE`` では、親の行を 1 行 ``DELETE`` するだけで、それを参照するすべての行と、さらに
        それらを参照する行までがテーブルをまたいで黙って消えます。顧客を誤って削除すると注文・請求・支払いも
        一緒に消え、文からはそれが分かりません。カスケードは 1 つのトランザクションでそれらすべての行を
        ロックします。

    代わりに:
        既定(``NO ACTION``)か ``RESTRICT`` にして子の行は明示的に削除するか、論理削除にしてください。
        親に属する行(注文明細・翻訳・関連テーブル)のカスケードは妥当です。外部キーが主キーの一部である
        テーブルは既定で許可され(``allow_identifying``)、その他は ``allow_for`` に列挙できます。
    """
    category = "keys"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        allowed = glob_matcher(options.allow_for)
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None or allowed(key):
                continue
            cascading = [(n, fk) for n, fk in enumerate(table.foreign_keys) if fk.on_delete == "cascade"]
            if not cascading:
                continue
            pk = set(table.primary_key.columns) if table.primary_key is not None else set()
            onward = sorted(
                {child for child, child_fk in ctx.incoming.get(key, ()) if child_fk.on_delete == "cascade"}
                - {key}
            )
            further = ""
            if onward:
                more = f" and {len(onward) - 3} more" if len(onward) > 3 else ""
                further = f", and in turn rows of {', '.join(onward[:3])}{more}"
            for position, fk in cascading:
                if options.allow_identifying and set(fk.columns) <= pk:
                    continue
                parent = ctx.referenced_table(fk)
                parent_name = parent.key if parent is not None else fk.references.table
                yield self.finding(
                    Target("foreign_key", key, fk.name, position, fk.columns),
                    f"ON DELETE CASCADE: deleting a row of {parent_name} silently deletes rows here{further}",
                    hint="use NO ACTION or RESTRICT and delete children explicitly, or list the table in "
                    "allow_for if its rows belong to the parent",
                )
