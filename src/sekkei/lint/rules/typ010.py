"""TYP010: MySQL tables use InnoDB (or another allowed storage engine)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target

#: What goes wrong with each well-known engine, in a few words.
_WHY = {
    "myisam": "no transactions, no foreign keys, table-level locks and no crash recovery",
    "mrg_myisam": "a union of MyISAM tables: no transactions, no foreign keys",
    "aria": "no transactions and no foreign keys",
    "memory": "rows are lost on every restart; no transactions, no foreign keys, table-level locks",
    "csv": "no indexes, no transactions, no foreign keys",
    "archive": "insert-only, no indexes beyond the key, no transactions",
    "blackhole": "discards every row written",
    "federated": "rows live on another server; no transactions",
}
_NO_FOREIGN_KEYS = frozenset(_WHY)


class Options(RuleOptions):
    engines: list[str] = Field(
        default_factory=lambda: ["InnoDB"],
        description="Storage engines tables may use (e.g. add 'ROCKSDB' or 'ndbcluster' where they are "
        "deliberate).",
    )


class StorageEngine(Rule):
    """MySQL tables use InnoDB (or another allowed storage engine).

    Why:
        InnoDB is the only general-purpose MySQL engine with transactions,
        foreign keys, row-level locking and crash recovery.  A MyISAM table
        silently ignores the foreign keys declared on it, loses writes in a
        crash and is left half-updated when a statement fails; a MEMORY table
        loses its rows on every restart.  Mixing engines also breaks
        transactions that touch both kinds of table.

    Instead:
        ``options: {mysql: {engine: InnoDB}}`` — or leave the engine out, since
        InnoDB is the default.  Full-text and spatial indexes work in InnoDB.
        List deliberately different engines (``ROCKSDB``, ``ndbcluster``) in
        ``engines``.
    """

    code = "TYP010"
    name = "storage-engine"
    summary = "MySQL tables use InnoDB (or another allowed storage engine)."
    summary_ja = "MySQL のテーブルは InnoDB(または許可されたストレージエンジン)を使うこと。"
    doc_ja = """
    理由:
        MySQL の汎用エンジンでトランザクション・外部キー・行ロック・クラッシュリカバリをすべて
        備えるのは InnoDB だけです。MyISAM のテーブルは宣言された外部キーを黙って無視し、クラッシュで
        書き込みを失い、文が失敗すると中途半端に更新されたまま残ります。MEMORY のテーブルは再起動の
        たびに行が消えます。エンジンが混在すると、両方に触れるトランザクションも成り立ちません。

    代わりに:
        ``options: {mysql: {engine: InnoDB}}`` にするか、既定が InnoDB なのでエンジン指定を
        省いてください。全文検索や空間インデックスも InnoDB で使えます。意図して別のエンジン
        (``ROCKSDB``・``ndbcluster``)を使う場合は ``engines`` に列挙してください。
    """
    category = "types"
    severity = "warning"
    dialects = frozenset({"mysql"})
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        allowed = {e.lower() for e in options.engines}
        for key, table in ctx.schema.tables.items():
            engine = None
            for dialect in ("mysql", "mariadb"):
                engine = table.options.get(dialect, {}).get("engine") or engine
            if not engine or engine.lower() in allowed:
                continue
            why = _WHY.get(engine.lower(), "not an allowed engine")
            if engine.lower() in _NO_FOREIGN_KEYS:
                if table.foreign_keys:
                    why += "; its foreign keys are silently ignored"
                if ctx.incoming.get(key):
                    why += "; foreign keys that reference it cannot be created"
            yield self.finding(
                Target("table", key),
                f"engine {engine}: {why}",
                hint="use InnoDB (the default): options: {mysql: {engine: InnoDB}}",
            )
