"""KEY011: a foreign key column has the type of the column it references."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.rule import Finding, Rule, Target
from sekkei.lint.rules.idx008 import column_charset, column_collation
from sekkei.lint.rules.key003 import integer_range, native_spelling
from sekkei.model.schema import ForeignKey, Table

_NUMBERS = {"integer", "decimal", "float"}


def _alike(table: Table, parent: Table, name: str, target_name: str, mysql: bool) -> bool:
    """True when two columns are spelt the same in the same namespace (and, on MySQL, the same text)."""
    mine, theirs = table.columns.get(name), parent.columns.get(target_name)
    if mine is None or theirs is None:
        return True  # refused when the schema is read
    if mine.type != theirs.type or mine.native != theirs.native or table.namespace != parent.namespace:
        return False
    if not mysql:
        return True
    return (mine.charset, mine.collation, table.charset, table.collation) == (
        theirs.charset,
        theirs.collation,
        parent.charset,
        parent.collation,
    )


class ForeignKeyTypeMismatch(Rule):
    """A foreign key column has exactly the type of the column it references.

    Why:
        Values must fit on both sides.  An ``integer`` column referencing a
        ``bigint`` id cannot hold ids above 2,147,483,647; a ``varchar(50)``
        referencing a ``varchar(100)`` cannot hold the longer codes; joins
        between different types need casts that can keep indexes from being
        used.  MySQL refuses the constraint outright (``Foreign key constraint
        is incorrectly formed``) when integer sizes, signedness (``int`` vs
        ``int unsigned``), decimal precision, or the character set or collation
        of text columns differ; every database but SQLite refuses unrelated
        types (``integer`` vs ``uuid``).

    Instead:
        Give the foreign key column the referenced column's exact type (and, on
        MySQL, its character set and collation).  Refused combinations are
        errors; those the database accepts are warnings.
    """

    code = "KEY011"
    name = "foreign-key-type-mismatch"
    summary = "A foreign key column has the type of the column it references."
    summary_ja = "外部キー列の型が参照先の列の型と一致すること。"
    doc_ja = """
    理由:
        値は両側に収まらなければなりません。``bigint`` の ID を参照する ``integer`` 列は 2,147,483,647 を
        超える ID を持てず、``varchar(100)`` を参照する ``varchar(50)`` は長いコードを持てません。型の違う
        結合にはキャストが要り、インデックスが使われなくなることがあります。MySQL は整数の大きさ・符号
        (``int`` と ``int unsigned``)・decimal の精度、文字列の文字セットや照合順序が違うと制約そのものを
        拒否し(``Foreign key constraint is incorrectly formed``)、SQLite 以外のデータベースは無関係な型
        (``integer`` と ``uuid``)を拒否します。

    代わりに:
        外部キー列を参照先の列とまったく同じ型にしてください(MySQL では文字セットと照合順序も)。
        データベースが拒否する組み合わせはエラー、受け付けるものは警告になります。
    """
    category = "keys"
    severity = "error"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        mysql = ctx.family == "mysql"
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            parents = ctx.parents.get(key)
            inherited = (
                {(fk.columns, fk.references.table) for parent in parents for fk in parent.foreign_keys}
                if parents
                else set()
            )
            for position, fk in enumerate(table.foreign_keys):
                if (fk.columns, fk.references.table) in inherited:
                    continue  # the parent's foreign key is reported
                parent = ctx.referenced_table(fk)
                referenced = ctx.referenced_columns(fk)
                if parent is None or len(referenced) != len(fk.columns):
                    continue
                for column, target_column in zip(fk.columns, referenced, strict=True):
                    if _alike(table, parent, column, target_column, mysql):
                        continue  # the usual case, told without resolving anything
                    child = ctx.column_info(key, column)
                    other = ctx.column_info(parent.key, target_column)
                    if child is None or other is None or child.spec is None or other.spec is None:
                        continue
                    finding = self._compare(ctx, key, table, fk, position, child, parent, other)
                    if finding is not None:
                        yield finding

    def _compare(
        self,
        ctx: LintContext,
        key: str,
        table: Table,
        fk: ForeignKey,
        position: int,
        child: ColumnInfo,
        parent: Table,
        other: ColumnInfo,
    ) -> Finding | None:
        fam = ctx.family
        mysql = fam == "mysql"
        child_native = native_spelling(child.column, child.spec, ctx.dialect)
        other_native = native_spelling(other.column, other.spec, ctx.dialect)
        ours = child_native or str(child.spec)
        theirs = other_native or str(other.spec)
        where = f"{parent.key}.{other.column.name}"
        name = child.column.name
        problem = self._type_problem(ctx, child, other, child_native, other_native, where)
        if problem is None and mysql and child.spec is not None and child.spec.family in {"string", "enum"}:
            problem = self._charset_problem(table, child, parent, other, where)
        if problem is None:
            return None
        message, level = problem
        if fam == "sqlite":
            level = "warning"  # SQLite compares whatever it is given
        if fam == "postgres":
            hint = f"ALTER TABLE {key} ALTER COLUMN {name} TYPE {theirs}"
        elif mysql:
            hint = f"ALTER TABLE {key} MODIFY {name} {theirs.upper()}" + (
                " NOT NULL" if not child.column.nullable else ""
            )
            if "character set" in message or "collation" in message:
                hint = f"give {name} the character set and collation of {where}"
        else:
            hint = f"make {name} {theirs}, like {where}"
        if message.startswith(f"{name} is {ours}, wider than"):
            hint = f"widen {where} to {ours} too (KEY003), or make {name} {theirs}"
        if ours == theirs and "character set" not in message and "collation" not in message:
            hint = f"make {name} and {where} the same type"
        finding = self.finding(Target("foreign_key", key, fk.name, position, fk.columns), message, hint=hint)
        return replace(finding, severity=level) if self.level == self.severity else finding

    @staticmethod
    def _type_problem(
        ctx: LintContext,
        child: ColumnInfo,
        other: ColumnInfo,
        child_native: str | None,
        other_native: str | None,
        where: str,
    ) -> tuple[str, str] | None:
        """(message, level) when the types differ, else None."""
        a, b = child.spec, other.spec
        assert a is not None and b is not None
        mysql = ctx.family == "mysql"
        name = child.column.name
        ours = child_native or str(a)
        theirs = other_native or str(b)
        if child.kind == "enum" or other.kind == "enum":
            mine = ctx.resolved(child.column.type, child.table.namespace)
            yours = ctx.resolved(other.column.type, other.table.namespace)
            same = (mine.enum if mine else None) is (yours.enum if yours else None) and str(a) == str(b)
            return None if same else (f"{name} is {ours} but references {where} ({theirs})", "error")
        if str(a) == str(b) and ours == theirs:
            return None
        if a.family != b.family:
            if a.family in _NUMBERS and b.family in _NUMBERS:
                # comparable, through a cast that may keep the parent's index from being used
                return f"{name} is {ours} but references {where} ({theirs})", "error" if mysql else "warning"
            return f"{name} is {ours} but references {where} ({theirs}): the types are unrelated", "error"
        if a.family == "integer":
            mine_range = integer_range(a, child_native, ctx.family, ctx.dialect)
            yours_range = integer_range(b, other_native, ctx.family, ctx.dialect)
            if mine_range is None or yours_range is None or mine_range == yours_range:
                return None
            if mysql:
                return (
                    f"{name} is {ours} but references {where} ({theirs}): MySQL needs the same integer size "
                    "and signedness",
                    "error",
                )
            if mine_range[1] < yours_range[1]:
                return (
                    f"{name} is {ours} but references {where} ({theirs}): values above {mine_range[1]:,} "
                    "cannot be referenced",
                    "warning",
                )
            return f"{name} is {ours}, wider than {where} ({theirs})", "warning"
        if a.family in {"string", "binary"}:
            if a.length is not None and b.length is not None and a.length < b.length:
                return (
                    f"{name} is {ours} but references {where} ({theirs}): values longer than {a.length} "
                    "cannot be referenced",
                    "warning",
                )
            return f"{name} is {ours} but references {where} ({theirs})", "warning"
        return (
            f"{name} is {ours} but references {where} ({theirs})",
            "error" if mysql else "warning",
        )

    @staticmethod
    def _charset_problem(
        table: Table, child: ColumnInfo, parent: Table, other: ColumnInfo, where: str
    ) -> tuple[str, str] | None:
        """MySQL refuses a foreign key between text columns of different character sets or collations."""
        mine = column_charset(table, child.column)
        yours = column_charset(parent, other.column)
        name = child.column.name
        if mine and yours and mine != yours:
            return (
                f"{name} has character set {mine} but references {where}, which has {yours}: MySQL refuses",
                "error",
            )
        mine_collation = column_collation(table, child.column)
        yours_collation = column_collation(parent, other.column)
        if mine_collation and yours_collation and mine_collation != yours_collation:
            return (
                f"{name} has collation {mine_collation} but references {where}, which has {yours_collation}: "
                "MySQL refuses it",
                "error",
            )
        return None
