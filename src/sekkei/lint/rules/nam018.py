"""NAM018: no two names that differ only by case or underscores."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from sekkei.lint.context import LintContext
from sekkei.lint.naming import dialect_label
from sekkei.lint.rule import Finding, Rule, Target

#: Families where two table names differing only by case are one table: SQLite and SQL Server
#: (case-insensitive collations) always, MySQL/MariaDB with lower_case_table_names = 1 or 2
#: (the default on Windows and macOS, and on some managed services).
_CI_TABLES = frozenset({"sqlite", "mssql", "mysql"})
#: Families where column names are case-insensitive.
_CI_COLUMNS = frozenset({"sqlite", "mssql", "mysql", "bigquery"})


def _key(name: str) -> str:
    return name.lower().replace("_", "")


class NamesDifferOnlyByCase(Rule):
    """No two tables (or two columns of a table) differ only by case or underscores.

    Why:
        ``Users`` and ``users``, or ``order_item`` and ``orderitem``, are two
        objects to PostgreSQL and Oracle but one to SQLite, SQL Server (with its
        default case-insensitive collations), MySQL and MariaDB on Windows and
        macOS or with ``lower_case_table_names`` set (some managed services set
        it), and to MySQL for columns always: the second ``CREATE`` fails or a
        restored dump collides.  Where they do stay apart, every reader and
        every unquoted query confuses them.

    Instead:
        Rename one of them so that the difference is a word, not a letter's
        case or an underscore: ``users`` and ``legacy_users``.  Findings are
        errors when the names would collide in the target dialect (or when no
        dialect is known); a difference only in underscores, or only in case
        where the target keeps them apart, is reported one level lower.
    """

    code = "NAM018"
    name = "names-differ-only-by-case"
    summary = "No two names differ only by case or underscores."
    summary_ja = "大文字・小文字やアンダースコアだけが違う名前を作らないこと。"
    doc_ja = """
    理由:
        ``Users`` と ``users``、``order_item`` と ``orderitem`` は、PostgreSQL や Oracle では別の
        オブジェクトですが、SQLite、既定の大文字小文字を区別しない照合順序の SQL Server、Windows・macOS
        上や ``lower_case_table_names`` を設定した(設定済みのマネージドサービスもあります)MySQL・MariaDB
        では同じものになり、MySQL の列名は常に区別されません。2 つ目の ``CREATE`` が失敗したり、ダンプの
        復元で衝突したりします。区別される場合でも、読み手も引用符のないクエリも取り違えます。

    代わりに:
        違いが文字の大小やアンダースコアではなく単語になるように、どちらかの名前を変えてください
        (``users`` と ``legacy_users``)。対象の方言で衝突する場合(方言が不明な場合も)はエラー、
        アンダースコアだけの違いや、対象が大文字・小文字を区別する場合は一段階低い重大度で報告します。
    """
    category = "naming"
    severity = "error"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        family = ctx.family
        relations: dict[tuple[str, str], tuple[str, str]] = {}
        objects = [(key, t.namespace, t.name, "table") for key, t in ctx.schema.tables.items()]
        objects += [(key, v.namespace, v.name, "view") for key, v in ctx.schema.views.items()]
        for key, namespace, name, kind in objects:
            slot = ((namespace or "").lower(), _key(name))
            first = relations.get(slot)
            if first is None:
                relations[slot] = (name, kind)
                continue
            collides = name.lower() == first[0].lower() and (family is None or family in _CI_TABLES)
            yield self._finding(Target(kind, key), kind, name, first, collides, family, ctx.dialect)
        for key, table in ctx.schema.tables.items():
            seen: dict[str, str] = {}
            for name in table.columns:
                slot_name = _key(name)
                other = seen.get(slot_name)
                if other is None:
                    seen[slot_name] = name
                    continue
                collides = name.lower() == other.lower() and (family is None or family in _CI_COLUMNS)
                yield self._finding(
                    Target("column", key, name),
                    "column",
                    name,
                    (other, "column"),
                    collides,
                    family,
                    ctx.dialect,
                )

    def _finding(
        self,
        target: Target,
        kind: str,
        name: str,
        first: tuple[str, str],
        collides: bool,
        family: str | None,
        dialect: str | None,
    ) -> Finding:
        other, other_kind = first
        if name.lower() == other.lower():
            how = "only by case"
        elif name.replace("_", "") == other.replace("_", ""):
            how = "only by underscores"
        else:
            how = "only by case and underscores"
        if collides:
            where = dialect_label(dialect) if family else "case-insensitive databases"
            message = (
                f"{kind} name differs from {other_kind} {other!r} {how}: they are the same name in {where}"
            )
        else:
            message = f"{kind} name differs from {other_kind} {other!r} {how}"
        finding = self.finding(target, message, hint="rename one of them so that the names differ by a word")
        if not collides:
            finding = dataclasses.replace(finding, severity=_lower(finding.severity))
        return finding


def _lower(level: str) -> str:
    return {"error": "warning", "warning": "info"}.get(level, level)
