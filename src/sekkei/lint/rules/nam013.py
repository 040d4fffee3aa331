"""NAM013: single-column foreign key columns are named after what they reference."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, field_validator

from sekkei.lint.context import LintContext
from sekkei.lint.naming import (
    TableIndex,
    expand,
    join_like,
    singular,
    split_words,
    template_tokens,
    with_last_word,
    words,
)
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.model.schema import split_qualified

TOKENS = frozenset({"ref_table", "ref_table_singular", "ref_column"})


class Options(RuleOptions):
    template: str | None = Field(
        None,
        description="The exact name a foreign key column must have, e.g. {ref_table_singular}_{ref_column} "
        "(tokens {ref_table}, {ref_table_singular}, {ref_column}). By default the column must end with the "
        "last word of the referenced column (…_id).",
    )
    allow_role_prefix: bool = Field(
        True,
        description="With `template`, also accept a role in front: billing_address_id, manager_staff_id.",
    )

    @field_validator("template")
    @classmethod
    def _known_tokens(cls, value: str | None) -> str | None:
        if value is not None:
            unknown = template_tokens(value) - TOKENS
            if unknown:
                known = "{ref_table}, {ref_table_singular}, {ref_column}"
                raise ValueError(f"unknown token {{{sorted(unknown)[0]}}} (known: {known})")
        return value


ColumnNameOptions = Options
#: Last words that mark a key column (longest first, so that ``uuid`` wins over ``id``).
KEY_WORDS = ("uuid", "code", "key", "num", "id", "no", "cd")


def _recased(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if "_" in like or like.islower():
        return word.lower()
    return word[:1].upper() + word[1:]


class ForeignKeyColumnName(Rule):
    """Single-column foreign key columns are named after what they reference (``owner_id``, not ``owner``).

    Why:
        A column called ``owner`` or ``parent`` could hold a name, a JSON blob
        or a key; ``owner_id`` says it holds the key of another row, so readers
        join it correctly and do not compare it with a name.  The suffix also
        frees the bare word for the object itself in ORMs (``order.owner``
        loads the user, ``order.owner_id`` is the key).

    Instead:
        End the column with the last word of the referenced column:
        ``owner_id`` for ``users.id``, ``country_code`` for
        ``countries.code``; a role in front is fine (``billing_address_id``).
        With ``template`` (e.g. ``{ref_table_singular}_{ref_column}``) the
        name is prescribed exactly, still allowing a role prefix unless
        ``allow_role_prefix`` is false.
    """

    code = "NAM013"
    name = "foreign-key-column-name"
    summary = "Single-column foreign key columns are named after what they reference."
    summary_ja = "単一列の外部キー列が参照先にちなんだ名前(owner ではなく owner_id)であること。"
    doc_ja = """
    理由:
        ``owner`` や ``parent`` という列には名前も JSON もキーも入り得ますが、``owner_id`` なら別の行の
        キーを持つと分かるので、読み手は正しく結合し、名前と比較するような誤りをしません。接尾辞があれば
        ORM でもそのままの語をオブジェクト自身に使えます(``order.owner`` はユーザー、``order.owner_id`` は
        キー)。

    代わりに:
        参照先の列名の最後の語で終わる名前にしてください(``users.id`` なら ``owner_id``、
        ``countries.code`` なら ``country_code``)。前に役割が付くのは構いません(``billing_address_id``)。
        ``template``(例: ``{ref_table_singular}_{ref_column}``)を設定すると名前をそのとおりに求めます。
        その場合も ``allow_role_prefix`` を false にしない限り役割の接頭辞は認めます。
    """
    category = "naming"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        tables = TableIndex(ctx.schema)
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            for fk in table.foreign_keys:
                if len(fk.columns) != 1:
                    continue
                referenced = tables.referenced_columns(fk)
                if len(referenced) != 1:
                    continue
                column, ref_column = fk.columns[0], referenced[0]
                target_table = tables.get(fk.references.table)
                ref_table = target_table.name if target_table else split_qualified(fk.references.table)[1]
                if options.template is not None:
                    problem = self._by_template(options, column, ref_table, ref_column)
                else:
                    problem = self._by_suffix(column, ref_column)
                if problem is not None:
                    message, better = problem
                    yield self.finding(
                        Target("column", key, column),
                        message,
                        hint=f"rename it to {better}" if better else None,
                    )

    @staticmethod
    def _by_suffix(column: str, ref_column: str) -> tuple[str, str | None] | None:
        mine, theirs = words(column), words(ref_column)
        if not mine or not theirs:
            return None  # not English words: nothing to compare
        if mine[-len(theirs) :] == theirs or mine[-1] == theirs[-1]:
            return None
        # run-together names (personid → businessentityid) share at least the key word at the end
        key_word = next((k for k in KEY_WORDS if theirs[-1].endswith(k)), None)
        if key_word is not None and mine[-1].endswith(key_word):
            return None
        suffix = _recased(key_word if key_word and len(theirs) == 1 else split_words(ref_column)[-1], column)
        if mine[-1] in KEY_WORDS:  # user_id → users.name: the key word is the wrong one
            better = join_like(column, [*split_words(column)[:-1], suffix])
            return f"foreign key column ends with _{mine[-1]} but references {ref_column}", better
        better = join_like(column, [*split_words(column), suffix])
        return (
            f"foreign key column does not end with _{suffix.lower()} like the referenced {ref_column}",
            better,
        )

    @staticmethod
    def _by_template(
        options: ColumnNameOptions, column: str, ref_table: str, ref_column: str
    ) -> tuple[str, str | None] | None:
        template = options.template or ""
        single = with_last_word(ref_table, singular) or ref_table
        expected = expand(template, ref_table=ref_table, ref_table_singular=single, ref_column=ref_column)
        lower, wanted = column.lower(), expected.lower()
        if lower == wanted or (options.allow_role_prefix and lower.endswith("_" + wanted)):
            return None
        better = expected
        role = [w for w in words(column) if w not in KEY_WORDS]
        if options.allow_role_prefix and role and "_".join(role) not in wanted:
            better = f"{expected} or {'_'.join(role)}_{expected}"  # owner_id → owner_user_id keeps the role
        return f"foreign key column is not named {expected} (template {template})", better
