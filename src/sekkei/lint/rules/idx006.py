"""IDX006: index methods are ones the target database has (and, optionally, from an allow list)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target

#: Index methods each database family builds (besides its default B-tree).
_BUILT_IN: dict[str, frozenset[str]] = {
    "postgres": frozenset({"btree", "hash", "gin", "gist", "brin", "spgist"}),
    "mysql": frozenset({"btree", "hash", "fulltext", "spatial"}),
    "mssql": frozenset({"btree", "clustered", "nonclustered", "columnstore", "spatial", "fulltext", "xml"}),
    "oracle": frozenset({"btree", "bitmap"}),
    "sqlite": frozenset({"btree"}),
}
#: PostgreSQL index methods that extensions provide, and the extension.
_EXTENSION_METHODS = {
    "bloom": "bloom",
    "hnsw": "vector",
    "ivfflat": "vector",
    "rum": "rum",
    "pgroonga": "pgroonga",
    "bm25": "pg_search",
    "zombodb": "zombodb",
    "diskann": "vectorscale",
}
_IN_MEMORY = {"memory", "heap", "ndb", "ndbcluster"}


class Options(RuleOptions):
    allow: list[str] | None = Field(
        None,
        description="Index methods allowed by policy (btree, hash, gin, gist, brin, spgist, fulltext, "
        "spatial …); by default every method the target database has.",
    )


class IndexMethod(Rule):
    """Index methods are ones the target database builds, and on the allow list if one is set.

    Why:
        An index method the database does not have fails the migration, or is
        quietly replaced: InnoDB accepts ``USING HASH`` and builds a B-tree (only
        MEMORY and NDB tables have hash indexes), MySQL has no GIN or GiST, and
        PostgreSQL methods such as ``hnsw`` (pgvector) or ``bloom`` need their
        extension installed first.  Teams also restrict methods on purpose: a
        BRIN or hash index is easy to choose wrongly.

    Instead:
        Use a method the target database has (a plain B-tree is the default
        everywhere), declare the extension a method needs, and list allowed
        methods in ``allow`` to enforce a policy.
    """

    code = "IDX006"
    name = "index-method"
    summary = "Index methods are ones the target database has, and allowed by policy."
    summary_ja = "インデックスの方式が対象データベースにあり、方針で許可されたものであること。"
    doc_ja = """
    理由:
        データベースにないインデックス方式はマイグレーションを失敗させるか、黙って置き換えられます。InnoDB は
        ``USING HASH`` を受け付けて B-tree を作り(ハッシュインデックスがあるのは MEMORY と NDB だけ)、MySQL に
        GIN や GiST はなく、PostgreSQL の ``hnsw``(pgvector)や ``bloom`` は先に拡張機能が必要です。方式を
        方針で制限するチームもあります(BRIN やハッシュは選び間違えやすい)。

    代わりに:
        対象データベースにある方式を使い(既定の B-tree はどこにでもあります)、方式に必要な拡張機能を
        宣言し、方針として許可する方式は ``allow`` に列挙してください。
    """
    category = "indexes"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        allow = {m.lower() for m in options.allow} if options.allow is not None else None
        fam = ctx.family
        extensions = {name.lower() for name in ctx.schema.extensions}
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            engine = table.options.get("mysql", table.options.get("mariadb", {})).get("engine", "").lower()
            for position, index in enumerate(table.indexes):
                method = index.kind or (index.method or "btree").lower()
                target = Target("index", key, index.name, position, tuple(index.column_names()))
                if allow is not None and method not in allow:
                    yield self.finding(
                        target,
                        f"index method {method} is not allowed (allowed: {', '.join(sorted(allow))})",
                        hint="use one of the allowed methods, or add this one to `allow`",
                    )
                    continue
                problem = self._unsupported(method, fam, engine, extensions)
                if problem is not None:
                    message, hint = problem
                    yield self.finding(target, message, hint=hint)

    @staticmethod
    def _unsupported(
        method: str, fam: str | None, engine: str, extensions: set[str]
    ) -> tuple[str, str] | None:
        if fam is None or method == "btree":
            return None
        if fam == "mysql" and method == "hash" and engine not in _IN_MEMORY:
            return (
                "InnoDB builds USING HASH as a B-tree (hash indexes exist only for MEMORY and NDB tables)",
                "drop USING HASH: the index is a B-tree either way",
            )
        if fam == "postgres" and method in _EXTENSION_METHODS:
            needed = _EXTENSION_METHODS[method]
            if extensions and needed not in extensions:
                return (
                    f"index method {method} needs the {needed} extension, which the schema does not declare",
                    f"CREATE EXTENSION {needed}",
                )
            return None
        known = _BUILT_IN.get(fam)
        if (
            known is not None
            and method not in known
            and not (fam == "postgres" and method not in _all_known())
        ):
            return (
                f"{fam} has no {method} indexes",
                "use a B-tree index, or a method this database has",
            )
        return None


def _all_known() -> frozenset[str]:
    """Every method some database builds: an unknown one may come from an extension we do not know."""
    return frozenset().union(*_BUILT_IN.values(), _EXTENSION_METHODS)
