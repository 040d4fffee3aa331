"""IDX005: large text and binary columns are indexed only in ways the database accepts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.lint.rules.idx008 import is_blob_or_text
from sekkei.lint.rules.key003 import native_spelling
from sekkei.model.schema import Column, Index, IndexElement, Table
from sekkei.model.types import TypeSpec

_MSSQL_LOB = {"text", "ntext", "image", "xml", "geography", "geometry", "sql_variant"}
_ORACLE_LOB = {"clob", "nclob", "blob", "long", "bfile"}


class Options(RuleOptions):
    postgres_text: bool = Field(
        False,
        description="PostgreSQL: report B-tree indexes on unbounded text and bytea columns (values over "
        "about 2,700 bytes cannot be indexed).",
    )


class LargeColumnIndexed(Rule):
    """Large text and binary columns are indexed only in ways the database accepts.

    Why:
        MySQL refuses an index, primary key or unique key on a ``TEXT`` or
        ``BLOB`` column without a prefix length (``BLOB/TEXT column used in key
        specification without a key length``) and cannot index ``JSON`` columns
        at all; MariaDB silently indexes a prefix of a single column.  SQL
        Server cannot use ``nvarchar(max)``, ``varbinary(max)`` or ``xml`` as key
        columns, nor Oracle ``CLOB``/``BLOB``.  PostgreSQL has no B-tree for
        ``json`` or ``xml``, and accepts one on ``text`` and ``bytea`` — until a
        value longer than about 2,700 bytes arrives and the insert fails
        (``index row size exceeds maximum``).

    Instead:
        Index what queries compare: a prefix (``KEY (title(100))`` in MySQL), a
        hash of the value (a generated column, or an expression index on
        ``md5(body)``), a ``hash`` index for equality (PostgreSQL), a trigram or
        full-text index for searching, or a generated column holding the JSON
        field that is searched.  Refusals are errors.  The PostgreSQL size limit
        is reported (as a note) only with ``postgres_text: true``: most indexed
        text columns hold short values.
    """

    code = "IDX005"
    name = "large-column-indexed"
    summary = "Large text and binary columns are indexed only in ways the database accepts."
    summary_ja = "大きなテキスト・バイナリ列を、データベースが受け付ける方法でだけ索引すること。"
    doc_ja = """
    理由:
        MySQL は ``TEXT``・``BLOB`` 列にプレフィックス長のないインデックス・主キー・一意キーを拒否し
        (``BLOB/TEXT column used in key specification without a key length``)、``JSON`` 列はまったく
        索引できません。MariaDB は単一列なら黙って先頭部分だけを索引します。SQL Server は ``nvarchar(max)``・
        ``varbinary(max)``・``xml`` を、Oracle は ``CLOB``・``BLOB`` をキー列にできません。PostgreSQL には
        ``json``・``xml`` の B-tree がなく、``text``・``bytea`` の B-tree は受け付けますが、約 2,700 バイトを
        超える値が来ると INSERT が失敗します(``index row size exceeds maximum``)。

    代わりに:
        クエリが比較するものを索引してください。先頭部分(MySQL の ``KEY (title(100))``)、値のハッシュ
        (生成列や ``md5(body)`` の式インデックス)、等値検索なら ``hash`` インデックス(PostgreSQL)、
        部分一致ならトライグラムや全文検索インデックス、JSON なら検索するフィールドを持つ生成列などです。
        拒否されるものはエラーです。PostgreSQL のサイズ制限は ``postgres_text: true`` のときだけ情報として
        報告します(索引される文字列列の多くは短い値しか持たないため)。
    """
    category = "indexes"
    severity = "error"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        if ctx.family not in {"mysql", "mssql", "oracle", "postgres"}:
            return
        verdicts: dict[tuple[object, ...], tuple[str, str] | None] = {}
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None:
                continue
            for name, length, kind, where in self._key_parts(table):
                problem = self._verdict(ctx, table, name, verdicts, options.postgres_text)
                if problem is None:
                    continue
                finding = self._judge(ctx, _target(key, table, where), name, length, kind, problem)
                if finding is not None:
                    yield finding

    @staticmethod
    def _key_parts(table: Table) -> Iterator[tuple[str, int | None, str, tuple[str, int | None]]]:
        """(column, prefix length, kind, (group, position)) of every key part of a table."""
        pk = table.primary_key
        if pk is not None:
            for name in pk.columns:
                yield name, None, "primary", ("primary_key", None)
        for position, unique in enumerate(table.uniques):
            for name in unique.columns:
                yield name, None, "unique", ("unique", position)
        for position, index in enumerate(table.indexes):
            if index.kind is not None:
                continue
            for element in index.columns:
                if isinstance(element, str):
                    yield element, None, _index_kind(index, element), ("index", position)
                elif element.column is not None:
                    yield element.column, element.length, _index_kind(index, element), ("index", position)

    def _verdict(
        self,
        ctx: LintContext,
        table: Table,
        name: str,
        verdicts: dict[tuple[object, ...], tuple[str, str] | None],
        postgres_text: bool,
    ) -> tuple[str, str] | None:
        """What is wrong with indexing a column, worked out once per distinct type."""
        column = table.columns.get(name)
        if column is None:
            return None
        cache_key = (column.type, table.namespace, tuple(column.native.items()) if column.native else ())
        if cache_key not in verdicts:
            spec, _ = ctx.base_spec(column.type, table.namespace)
            verdicts[cache_key] = self._problem(ctx, column, spec, postgres_text)
        return verdicts[cache_key]

    @staticmethod
    def _problem(
        ctx: LintContext, column: Column, spec: TypeSpec | None, postgres_text: bool
    ) -> tuple[str, str] | None:
        """(type as the database spells it, what is wrong with indexing it) for a large column."""
        if spec is None:
            return None
        native = native_spelling(column, spec, ctx.dialect) or str(spec)
        word = native.split("(")[0].split()[0] if native else ""
        fam = ctx.family
        if fam == "mysql":
            if word == "json" and ctx.dialect != "mariadb":
                return native, "json"
            return (native, "lob") if is_blob_or_text(native) else None
        if fam == "mssql":
            return (native, "lob") if "(max)" in native or word in _MSSQL_LOB else None
        if fam == "oracle":
            return (native, "lob") if word in _ORACLE_LOB else None
        if spec.kind == "canonical" and not spec.dims:
            if spec.base in {"json", "xml"}:
                return native, "no-btree"
            if postgres_text and (
                spec.base in {"text", "bytes"} or (spec.base == "varchar" and not spec.args)
            ):
                return native, "large"
        return None

    def _judge(
        self,
        ctx: LintContext,
        target: Target,
        name: str,
        length: int | None,
        kind: str,
        problem: tuple[str, str],
    ) -> Finding | None:
        native, what = problem
        fam = ctx.family
        level = "error"
        if fam == "mysql":
            if length is not None and what == "lob":
                return None
            mariadb = ctx.dialect == "mariadb"
            if mariadb and kind in {"unique", "unique-index"}:
                return None  # MariaDB enforces it with a hidden hash of the value
            if what == "json":
                message = f"column {name} is {native}: MySQL cannot index a JSON column"
                hint = f"index a generated column or ((CAST({name}->>'$.field' AS CHAR(64))))"
            else:
                message = f"column {name} is {native} and has no prefix length"
                hint = f"index a prefix, ({name}(100)), or a hash of the value in a generated column"
                if mariadb and kind == "single-index":
                    level = "warning"
                    message += ": MariaDB silently indexes only a prefix"
                elif kind == "primary":
                    hint = f"key the table by another column; keep {name} unique through a hash column"
        elif fam in {"mssql", "oracle"}:
            message = f"column {name} is {native}, which cannot be an index key column"
            hint = f"index a hash or a shorter computed column of {name}" + (
                " (or move it to INCLUDE)" if fam == "mssql" and kind not in {"primary", "unique"} else ""
            )
        elif what == "no-btree":
            if kind == "method":
                return None  # GIN, GiST … on the column: an operator class was chosen for it
            message = f"column {name} is {native}, which has no B-tree operator class"
            hint = f"use jsonb, or index an expression such as (({name}->>'key'))"
        else:
            if kind in {"method"}:
                return None
            level = "info"
            message = f"column {name} is {native}: values over about 2,700 bytes cannot be indexed"
            hint = f"index md5({name}) or use a hash index for equality, pg_trgm (GIN) for searching"
        finding = self.finding(target, message, hint=hint)
        return replace(finding, severity=level) if self.level == self.severity else finding


def _target(key: str, table: Table, where: tuple[str, int | None]) -> Target:
    group, position = where
    if group == "primary_key" and table.primary_key is not None:
        return Target("primary_key", key, table.primary_key.name, None, table.primary_key.columns)
    if group == "unique" and position is not None:
        unique = table.uniques[position]
        return Target("unique", key, unique.name, position, unique.columns)
    index = table.indexes[position or 0]
    return Target("index", key, index.name, position, tuple(index.column_names()))


def _index_kind(index: Index, element: str | IndexElement) -> str:
    if index.method not in {None, "btree"} or (isinstance(element, IndexElement) and element.opclass):
        return "method"
    if index.unique:
        return "unique-index"
    return "single-index" if len(index.columns) == 1 else "index"
