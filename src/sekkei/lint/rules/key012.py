"""KEY012: SET NULL and SET DEFAULT actions can be carried out on their columns."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, Target
from sekkei.model.schema import ForeignKey, Table

_SETTING = frozenset({"set null", "set default"})


class ImpossibleReferentialAction(Rule):
    """``SET NULL`` and ``SET DEFAULT`` actions can be carried out on their foreign key columns.

    Why:
        ``ON DELETE SET NULL`` on a ``NOT NULL`` column cannot succeed: deleting
        the parent row fails (PostgreSQL: ``null value violates not-null
        constraint``), and MySQL refuses to create such a foreign key.
        ``SET DEFAULT`` on a column without a default sets NULL — an error when
        the column is ``NOT NULL``, and a disguised ``SET NULL`` otherwise.
        MySQL's InnoDB refuses ``SET DEFAULT`` altogether (MariaDB accepts it
        but behaves as ``RESTRICT``).  The design promises an action that will
        never happen.

    Instead:
        Decide what deleting the parent means: ``RESTRICT`` / ``NO ACTION`` (the
        child must go first), ``CASCADE`` (the child goes too), or make the
        column nullable for ``SET NULL``, or give it a default (that exists in
        the parent) for ``SET DEFAULT``.
    """

    code = "KEY012"
    name = "impossible-referential-action"
    summary = "SET NULL and SET DEFAULT actions can be carried out on their columns."
    summary_ja = "SET NULL・SET DEFAULT の参照動作が、その列で実行可能であること。"
    doc_ja = """
    理由:
        ``NOT NULL`` 列の ``ON DELETE SET NULL`` は成功しません。親の行を削除すると失敗し(PostgreSQL:
        ``null value violates not-null constraint``)、MySQL はそもそもその外部キーを作成できません。既定値の
        ない列の ``SET DEFAULT`` は NULL を設定するので、``NOT NULL`` ならエラー、そうでなければ実質
        ``SET NULL`` です。MySQL の InnoDB は ``SET DEFAULT`` を拒否します(MariaDB は受け付けますが
        ``RESTRICT`` として動作します)。設計が決して起きない動作を約束しています。

    代わりに:
        親の削除が何を意味するかを決めてください。``RESTRICT`` / ``NO ACTION``(子を先に消す)、
        ``CASCADE``(子も消える)、あるいは ``SET NULL`` なら列を NULL 許可に、``SET DEFAULT`` なら
        (親に存在する値の)既定値を列に与えてください。
    """
    category = "keys"
    severity = "error"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        mysql = ctx.family == "mysql"
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            for position, fk in enumerate(table.foreign_keys):
                if fk.on_delete not in _SETTING and fk.on_update not in _SETTING:
                    continue
                target = Target("foreign_key", key, fk.name, position, fk.columns)
                for event, action in (("DELETE", fk.on_delete), ("UPDATE", fk.on_update)):
                    if action == "set null":
                        finding = self._set_null(table, fk, event, target)
                    elif action == "set default":
                        finding = self._set_default(table, fk, event, target, mysql)
                    else:
                        continue
                    if finding is not None:
                        yield finding

    def _set_null(self, table: Table, fk: ForeignKey, event: str, target: Target) -> Finding | None:
        required = [c for c in fk.columns if c in table.columns and not table.columns[c].nullable]
        if not required:
            return None
        names = ", ".join(required)
        return self.finding(
            target,
            f"ON {event} SET NULL, but {names} {'is' if len(required) == 1 else 'are'} NOT NULL: "
            f"{event.lower()}s of the parent row fail",
            hint=f"make {names} nullable, or use ON {event} RESTRICT or CASCADE",
        )

    def _set_default(
        self, table: Table, fk: ForeignKey, event: str, target: Target, mysql: bool
    ) -> Finding | None:
        if mysql:
            return self.finding(
                target,
                f"ON {event} SET DEFAULT: InnoDB refuses it (MySQL) or treats it as RESTRICT (MariaDB)",
                hint=f"use ON {event} SET NULL, RESTRICT or CASCADE",
            )
        columns = [table.columns[c] for c in fk.columns if c in table.columns]
        missing = [c for c in columns if c.default is None and c.identity is None and c.generated is None]
        if not missing:
            return None
        names = ", ".join(c.name for c in missing)
        if any(not c.nullable for c in missing):
            return self.finding(
                target,
                f"ON {event} SET DEFAULT, but {names} has no default and is NOT NULL: {event.lower()}s of "
                "the parent row fail",
                hint=f"give {names} a default that exists in {fk.references.table}, or use RESTRICT or "
                "CASCADE",
            )
        finding = self.finding(
            target,
            f"ON {event} SET DEFAULT, but {names} has no default: it sets NULL",
            hint=f"say ON {event} SET NULL, or give {names} a default",
        )
        return replace(finding, severity="warning") if self.level == self.severity else finding
