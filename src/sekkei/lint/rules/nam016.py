"""NAM016: column names do not repeat their table's name (users.user_email → email)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.fixes import rename_column
from sekkei.lint.naming import (
    TableIndex,
    inherited_columns,
    join_like,
    plural,
    reserved_names,
    singular,
    split_words,
    words,
)
from sekkei.lint.rule import Finding, Fix, Rule, RuleOptions, Target
from sekkei.model.schema import Table

#: What is left after the table name that must keep it: keys and codes that other tables
#: refer to by the same name, and words too generic (or too keyword-like) to stand alone.
KEEP = frozenset(
    """
    id ids uuid guid key code no num number nr ref pk cd
    date time timestamp datetime type year month day hour minute second week interval level value
    values text
    count sum min max avg
    """.split()
)
ALL_FAMILIES = ("postgres", "mysql", "sqlite", "mssql", "oracle", "snowflake", "bigquery")


class Options(RuleOptions):
    allow: list[str] = Field(default_factory=list, description="Column names to accept as they are.")


class ColumnRepeatsTableName(Rule):
    """Column names do not repeat their table's name (``users.user_email`` → ``email``).

    Why:
        Inside ``users`` every column is about a user; ``user_email`` makes
        every query longer (``users.user_email``) without saying more, and the
        next column added will not follow the pattern.  Keys are different:
        ``user_id`` in ``users`` is how other tables refer to it and allows
        ``JOIN … USING (user_id)``, so it is left alone.

    Instead:
        Drop the table name: ``email``, ``name``, ``created_at``.  ``sekkei lint
        --fix`` renames the column and its uses in keys, indexes and checks
        when the shorter name is free (view queries and routines are not
        rewritten: check them).  Kept as they are: key-like remainders
        (``user_id``, ``user_code``, ``user_no``), remainders that would be a
        reserved word or a bare type name (``order_date`` would become
        ``date``), primary key columns, columns that other tables reference,
        and foreign keys named after their target (``user_group_id`` in
        ``users`` pointing at ``user_groups``).
    """

    code = "NAM016"
    name = "column-repeats-table-name"
    summary = "Column names do not repeat their table's name."
    summary_ja = "列名にテーブル名を繰り返さないこと(users.user_email ではなく email)。"
    doc_ja = """
    理由:
        ``users`` の列はどれもユーザーについての列です。``user_email`` は情報を増やさずにクエリを長くし
        (``users.user_email``)、次に追加される列はこの形に従わないでしょう。キーは別です。``users`` の
        ``user_id`` は他のテーブルが参照するときの名前で、``JOIN … USING (user_id)`` と書けるので対象外です。

    代わりに:
        テーブル名を外してください(``email``・``name``・``created_at``)。短い名前が空いていれば
        ``sekkei lint --fix`` が列名と、キー・インデックス・CHECK での使用箇所を変更します(ビューのクエリと
        ルーチンは書き換えないので確認が必要です)。次のものは対象外です: キーのような残り
        (``user_id``・``user_code``・``user_no``)、残りが予約語や型名になるもの(``order_date`` は
        ``date`` になってしまう)、主キーの列、他のテーブルから参照されている列、参照先にちなんだ外部キー
        (``users`` の ``user_group_id`` が ``user_groups`` を参照する場合)。
    """
    category = "naming"
    severity = "info"
    Options = Options
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        allowed = {name.lower() for name in options.allow}
        families = (ctx.family,) if ctx.family else ALL_FAMILIES
        keep = set(KEEP)
        for family in families:
            keep |= reserved_names(family)
        tables = TableIndex(ctx.schema)
        referenced: set[tuple[str, str]] | None = None  # worked out for the first candidate
        inherited: set[tuple[str, str]] | None = None
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            lower_table = table.name.lower()
            first = lower_table[:2]  # two letters: irregular plurals (people, person) still pass
            # the cheap test that rules out nearly every column: it must start like the table
            candidates = [c for c in table.columns if c.lower().startswith(first)]
            if not candidates:
                continue
            table_words = words(table.name)
            if not table_words:
                continue
            heads = {
                (*table_words[:-1], singular(table_words[-1])),
                (*table_words[:-1], plural(table_words[-1])),
                tuple(table_words),
            }
            size = len(table_words)
            pk = table.primary_key.columns if table.primary_key else ()
            for name in candidates:
                if inherited is None:
                    inherited = inherited_columns(ctx)
                if (key, name) in inherited:
                    continue  # reported on the parent
                parts = words(name)
                if len(parts) <= size or tuple(parts[:size]) not in heads or name.lower() in allowed:
                    continue
                rest = "_".join(parts[size:])
                if rest in keep or parts[-1] in {"id", "ids"} or name in pk:
                    continue
                if referenced is None:
                    referenced = self._referenced(tables, ctx.schema.tables.values())
                if (key, name) in referenced or name in self._named_after_target(tables, table):
                    continue
                original = split_words(name)
                if len(original) != len(parts):
                    continue  # digits or separators we cannot map back: no safe suggestion
                better = join_like(name, original[size:])
                if name.isupper():
                    better = better.upper()
                fix = None
                if better not in table.columns and better.lower() not in {c.lower() for c in table.columns}:
                    fix = Fix(
                        f"rename column {key}.{name} to {better}",
                        rename_column(key, name, better),
                        moves=((("tables", key, "columns", name), ("tables", key, "columns", better)),),
                    )
                    hint = f"rename it to {better}"
                else:
                    hint = f"{better} is taken by another column: choose another name"
                yield self.finding(
                    Target("column", key, name),
                    f"column name repeats the table name {table.name!r}",
                    hint=hint,
                    fix=fix,
                )

    @staticmethod
    def _referenced(tables: TableIndex, all_tables: Iterable[Table]) -> set[tuple[str, str]]:
        """(table key, column) pairs that some foreign key points at."""
        found: set[tuple[str, str]] = set()
        for table in all_tables:
            for fk in table.foreign_keys:
                target = tables.get(fk.references.table)
                if target is not None:
                    found.update((target.key, name) for name in tables.referenced_columns(fk))
        return found

    @staticmethod
    def _named_after_target(tables: TableIndex, table: Table) -> set[str]:
        """Foreign key columns whose name starts with their target's name (user_group_id → user_groups)."""
        found: set[str] = set()
        for fk in table.foreign_keys:
            target = tables.get(fk.references.table)
            if target is None:
                continue
            target_words = words(target.name)
            if not target_words:
                continue
            forms = {
                (*target_words[:-1], singular(target_words[-1])),
                tuple(target_words),
            }
            for column in fk.columns:
                parts = words(column)
                if any(tuple(parts[: len(form)]) == form for form in forms):
                    found.add(column)
        return found
