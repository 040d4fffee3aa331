"""KEY009: no foreign key is declared twice (same columns to the same referenced columns)."""

from __future__ import annotations

from collections.abc import Iterator

from sekkei.lint.context import LintContext
from sekkei.lint.fixes import drop_item
from sekkei.lint.rule import Finding, Fix, Rule, Target
from sekkei.model.schema import ForeignKey


def _behaviour(fk: ForeignKey) -> tuple[object, ...]:
    return (fk.on_delete, fk.on_update, fk.deferrable, fk.initially_deferred, fk.match)


def _label(fk: ForeignKey) -> str:
    return fk.name or f"({', '.join(fk.columns)})"


class DuplicateForeignKey(Rule):
    """No foreign key is declared twice (same columns referencing the same columns).

    Why:
        A second identical foreign key checks every insert, update and parent
        delete again, for nothing, and takes its locks twice.  When the two
        differ only in their actions (one ``CASCADE``, one ``RESTRICT``) the
        outcome depends on which trigger fires first: the design says two
        contradictory things.  Duplicates usually come from ORMs and migration
        tools adding a named constraint next to an existing unnamed one.

    Instead:
        Keep one.  ``sekkei lint --fix`` drops the later one when both behave
        the same; when their actions differ, decide which is meant and drop the
        other.
    """

    code = "KEY009"
    name = "duplicate-foreign-key"
    summary = "No foreign key is declared twice."
    summary_ja = "同じ外部キーを二重に宣言しないこと。"
    doc_ja = """
    理由:
        同一の外部キーが 2 つあると、INSERT・UPDATE・親の DELETE のたびに無駄に 2 回検査し、ロックも
        2 回取ります。参照動作だけが違う場合(一方が ``CASCADE``、他方が ``RESTRICT``)は、どちらのトリガーが
        先に動くかで結果が変わり、設計が矛盾したことを言っています。ORM やマイグレーションツールが、既存の
        無名の制約の横に名前付きの制約を追加したときによく起きます。

    代わりに:
        1 つだけ残してください。両者の動作が同じなら ``sekkei lint --fix`` が後の方を削除します。参照動作が
        違う場合は、意図した方を決めてもう一方を削除してください。
    """
    category = "keys"
    severity = "warning"
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for key, table in ctx.schema.tables.items():
            if len(table.foreign_keys) < 2 or table.partition_of is not None:
                continue
            seen: dict[tuple[str, frozenset[tuple[str, str]]], ForeignKey] = {}
            for position, fk in enumerate(table.foreign_keys):
                parent = ctx.referenced_table(fk)
                referenced = ctx.referenced_columns(fk)
                if parent is None or len(referenced) != len(fk.columns):
                    continue
                signature = (parent.key, frozenset(zip(fk.columns, referenced, strict=True)))
                first = seen.get(signature)
                if first is None:
                    seen[signature] = fk
                    continue
                target = Target("foreign_key", key, fk.name, position, fk.columns)
                if _behaviour(first) == _behaviour(fk):
                    yield self.finding(
                        target,
                        f"duplicates foreign key {_label(first)} to {parent.key}",
                        hint=f"drop {_label(fk)}",
                        fix=Fix(
                            f"drop the duplicate foreign key {_label(fk)} of {key}",
                            drop_item(key, "foreign_keys", fk),
                        ),
                    )
                else:
                    yield self.finding(
                        target,
                        f"duplicates foreign key {_label(first)} to {parent.key} with different actions: "
                        "both are enforced",
                        hint="keep the one whose ON DELETE / ON UPDATE is meant and drop the other",
                    )
