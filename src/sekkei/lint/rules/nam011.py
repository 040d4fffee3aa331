"""NAM011: identity (auto-increment) key columns have the mandated name."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.naming import singular, to_snake, with_last_word
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target


class Options(RuleOptions):
    name: str = Field("id", description="The name an identity column must have.")
    allow_table_prefix: bool = Field(
        True,
        description="Also accept the table name (singular or as is) before it: actor_id in actor, "
        "customer_id in customers.",
    )
    only_primary_key: bool = Field(
        True, description="Check only identity columns that are the whole primary key."
    )


class IdentityColumnName(Rule):
    """Identity (auto-increment) key columns have the mandated name (``id``, or ``{table}_id``).

    Why:
        The surrogate key is the most joined column of every table.  When it is
        always called the same thing, joins and foreign keys are written
        without looking up each table, ORMs map it without configuration, and
        a column called ``id`` is never mistaken for a business identifier such
        as an order number.

    Instead:
        Call the identity key column ``id`` (option ``name``).  With
        ``allow_table_prefix`` (the default) the ``{table}_id`` style is
        accepted too — ``actor.actor_id``, ``customers.customer_id``, also
        with the start or end of the table name (``salesorderheader.salesorderid``)
        — which allows ``JOIN … USING (customer_id)``; set it to false to require
        exactly ``name``.  Identity columns that are not the primary key (a
        sequence number next to a UUID key) are left alone unless
        ``only_primary_key`` is false.
    """

    code = "NAM011"
    name = "identity-column-name"
    summary = "Identity (auto-increment) key columns have the mandated name."
    summary_ja = "自動採番(IDENTITY・AUTO_INCREMENT)の主キー列が決められた名前(id など)であること。"
    doc_ja = """
    理由:
        サロゲートキーはどのテーブルでももっとも多く結合される列です。名前がいつも同じなら、テーブルごとに
        調べなくても結合や外部キーを書け、ORM は設定なしで対応付けられます。``id`` という列が注文番号の
        ような業務上の識別子と取り違えられることもありません。

    代わりに:
        自動採番のキー列は ``id``(オプション ``name``)にしてください。``allow_table_prefix``(既定で有効)
        なら ``{table}_id`` 形式(``actor.actor_id``・``customers.customer_id``、テーブル名の先頭や末尾の部分を
        使った ``salesorderheader.salesorderid`` も)も認めます。この形式なら
        ``JOIN … USING (customer_id)`` と書けます。``name`` どおりだけを認めるなら false にしてください。
        主キーでない自動採番列(UUID キーの横の連番など)は、``only_primary_key`` を false にしない限り
        対象外です。
    """
    category = "naming"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        wanted = options.name.lower()
        prefix = options.allow_table_prefix
        shown = f"{options.name} or {{table}}_{options.name}" if prefix else options.name
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            if options.only_primary_key:
                pk = table.primary_key
                single = table.columns.get(pk.columns[0]) if pk is not None and len(pk.columns) == 1 else None
                candidates = [single] if single is not None else []
            else:
                candidates = list(table.columns.values())
            for column in candidates:
                if column.identity is None:
                    continue
                lname = column.name.lower()
                if lname == wanted or (
                    prefix
                    and (
                        self._part_of(table.name, lname, wanted)
                        or lname in self._prefixed(table.name, wanted)
                    )
                ):
                    continue
                one = with_last_word(table.name, singular)
                other = f" or {to_snake(one) or one}_{options.name}" if prefix and one else ""
                yield self.finding(
                    Target("column", key, column.name),
                    f"identity column is not named {shown}",
                    hint=f"rename it to {options.name}{other}",
                )

    @staticmethod
    def _part_of(table: str, column: str, wanted: str) -> bool:
        """A part of the table's name: ``instance_id`` in ``instance_map``, ``salesorderid`` in
        ``salesorderheader``."""
        if not column.endswith(wanted):
            return False
        stem = column[: -len(wanted)].rstrip("_").replace("_", "")
        whole = table.lower().replace("_", "")
        return len(stem) >= 3 and (whole.startswith(stem) or whole.endswith(stem))

    @staticmethod
    def _prefixed(table: str, wanted: str) -> set[str]:
        """``{table}_id`` spellings: as is and singular, snake or run together (CustomerId)."""
        forms = {table}
        single = with_last_word(table, singular)
        if single:
            forms.add(single)
        found: set[str] = set()
        for form in forms:
            lower = form.lower()
            found |= {f"{to_snake(form) or lower}_{wanted}", f"{lower}{wanted}", f"{lower}_{wanted}"}
        return found
