"""NRM007: columns named after a table (``user_id`` beside a ``users`` table) have a foreign key."""

from __future__ import annotations

import fnmatch
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.personal import words_of
from sekkei.lint.rule import Finding, Rule, RuleOptions
from sekkei.lint.rules._inflect import plural, singular
from sekkei.model.schema import Table

# user_id, user_ID, userId, UserID, 顧客ID, and customerid as PostgreSQL folds CustomerID
_REFERENCE = re.compile(r"^(?P<stem>.+?)[_ ]?id$", re.I)
_CJK_TABLE_SUFFIXES = ("マスタ", "マスター", "テーブル", "情報", "一覧", "台帳")
# a type column beside X_id makes it a polymorphic association (NRM009), which no FK can express
_POLYMORPHIC = ("_type", "_table", "_model", "_class")
_COMPATIBLE = {
    "integer": "number", "decimal": "number", "string": "string", "uuid": "uuid", "binary": "binary",
}


class Options(RuleOptions):
    ignore: list[str] = Field(
        default_factory=list, description="Globs of column names (or TABLE.COLUMN) that are not references."
    )
    table_prefixes: list[str] = Field(
        default_factory=lambda: ["tbl_", "tb_", "t_", "m_", "mst_"],
        description="Prefixes a team puts in front of table names (m_user for users), ignored when matching.",
    )


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _table_names(table: Table, prefixes: list[str]) -> set[str]:
    """The forms under which `table` is found: users → users; m_user → user; 顧客マスタ → 顧客."""
    name = _normal(table.name)
    found = {name.replace("_", "")}
    for prefix in prefixes:
        if name.startswith(prefix) and len(name) > len(prefix):
            found.add(name[len(prefix) :].replace("_", ""))
    if not name.isascii():
        for suffix in _CJK_TABLE_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                found.add(name[: -len(suffix)])
    return found


def _stem_forms(words: list[str]) -> list[tuple[str, bool]]:
    """Table names a stem may refer to, longest tail first; the flag says the whole stem was used.

    ``parent_category`` → parentcategory, parentcategories, category, categories.
    """
    forms: list[tuple[str, bool]] = []
    for start in range(len(words)):
        tail = words[start:]
        last = tail[-1]
        if len(last) < 2:
            continue
        head = "".join(tail[:-1])
        for variant in dict.fromkeys((last, singular(last), plural(singular(last)), plural(last))):
            forms.append((head + variant, start == 0))
    return forms


def _key_column(table: Table, column: str) -> str | None:
    """The single column a foreign key to `table` would reference (None if there is none)."""
    if table.primary_key is not None and len(table.primary_key.columns) == 1:
        return table.primary_key.columns[0]
    singles = [u.columns[0] for u in table.uniques if len(u.columns) == 1]
    for index in table.indexes:
        names = index.column_names()
        if index.unique and index.where is None and len(index.columns) == 1 and names:
            singles.append(names[0])
    for name in singles:
        if name.lower() in {column.lower(), "id"}:
            return name
    return None


def _compatible(mine: ColumnInfo, theirs: ColumnInfo | None) -> bool:
    if theirs is None or mine.spec is None or theirs.spec is None:
        return True
    a, b = _COMPATIBLE.get(mine.spec.family), _COMPATIBLE.get(theirs.spec.family)
    return a is not None and a == b


class MissingForeignKey(Rule):
    """Columns named after a table (``user_id`` beside a ``users`` table) have a foreign key.

    Why:
        ``orders.user_id`` next to a ``users`` table is a reference in all but
        name.  Without the foreign key nothing stops an order from pointing at a
        user who never existed or was deleted: orphans accumulate, joins
        silently drop rows, and diagrams, ORMs and documentation tools cannot
        see the relationship.

    Instead:
        Declare the foreign key (``ALTER TABLE orders ADD FOREIGN KEY (user_id)
        REFERENCES users (id)``), after cleaning up orphan rows.  The rule fires
        only when a table of that name (singular or plural, with the prefixes in
        ``table_prefixes`` ignored) exists and has a key of a compatible type,
        so ids of other systems are not reported; list deliberate exceptions in
        ``ignore``.  It has no automatic fix: which key the column refers to
        is a guess until you confirm it.
    """

    code = "NRM007"
    name = "missing-foreign-key"
    summary = "Columns named after a table have a foreign key to it."
    summary_ja = "テーブル名に対応する列(``users`` があるときの ``user_id`` など)に外部キーがあること。"
    doc_ja = """
    理由:
        ``users`` テーブルの隣にある ``orders.user_id`` は、名前以外は参照そのものです。外部キーがないと、
        存在しない・削除されたユーザーを指す注文を防げません。孤立した行がたまり、結合で行が黙って
        落ち、ER 図・ORM・ドキュメント生成ツールも関連を認識できません。

    代わりに:
        孤立行を片付けたうえで外部キーを宣言してください
        (``ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id)``)。このルールは、その名前の
        テーブル(単数形・複数形、``table_prefixes`` の接頭辞は無視)が存在し、型の合うキーを持つ場合に
        だけ報告するので、他システムの ID は対象になりません。意図的な例外は ``ignore`` に書いてください。
        参照先は確認するまで推測なので、自動修正はありません。
    """
    category = "design"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        prefixes = [_normal(p) for p in options.table_prefixes]
        tables: dict[str, list[Table]] = defaultdict(list)
        for table in ctx.schema.tables.values():
            if table.partition_of is None:
                for form in _table_names(table, prefixes):
                    tables[form].append(table)
        if not tables:
            return
        # foreign keys declared on partitions or child tables cover their parent's column too
        child_keys: dict[str, set[str]] = defaultdict(set)
        for table in ctx.schema.tables.values():
            parents = [table.partition_of.parent] if table.partition_of is not None else list(table.inherits)
            for parent_key in parents:
                parent = ctx.schema.table(parent_key)
                if parent is not None:
                    child_keys[parent.key].update(c for fk in table.foreign_keys for c in fk.columns)
        stems: dict[str, list[tuple[str, bool]]] = {}
        covered: dict[str, set[str]] = {}
        for lname, infos in ctx.columns_by_name.items():
            # only names ending in id can be references: look at each distinct name once
            if _REFERENCE.match(_normal(lname)) is None:
                continue
            for info in infos:
                table, key, column = info.table, info.key, info.column.name
                if table.partition_of is not None:
                    continue
                if key not in covered:
                    covered[key] = self._covered(ctx, table, child_keys)
                if column in covered[key] or (options.ignore and _ignored(key, column, options.ignore)):
                    continue
                match = _REFERENCE.match(unicodedata.normalize("NFKC", column))
                if match is None:
                    continue
                raw = match.group("stem")
                stem = raw.lower()
                partners = (ctx.columns_by_name.get(stem + suffix, ()) for suffix in _POLYMORPHIC)
                if any(other.key == key for group in partners for other in group):
                    continue
                if raw not in stems:
                    words = words_of(raw) if stem.isascii() else [stem.strip("_ ")]
                    stems[raw] = _stem_forms(words) if words else []
                found = self._target(ctx, info, table, stems[raw], tables)
                if found is None:
                    continue
                target, referenced = found
                yield self.finding(
                    info.target,
                    f"looks like a reference to {target.key} but has no foreign key",
                    hint=f"ALTER TABLE {key} ADD FOREIGN KEY ({column}) "
                    f"REFERENCES {target.key} ({referenced})",
                )

    @staticmethod
    def _covered(ctx: LintContext, table: Table, child_keys: dict[str, set[str]]) -> set[str]:
        """Columns of `table` that a foreign key covers, or that it inherits from a parent."""
        covered = {c for fk in table.foreign_keys for c in fk.columns} | child_keys.get(table.key, set())
        # columns a child table inherits are its parent's business (payment_p2007_01.payment_id)
        for parent_key in table.inherits:
            parent = ctx.schema.table(parent_key)
            if parent is not None:
                covered.update(parent.columns)
        return covered

    @staticmethod
    def _target(
        ctx: LintContext,
        info: ColumnInfo,
        table: Table,
        forms: list[tuple[str, bool]],
        tables: dict[str, list[Table]],
    ) -> tuple[Table, str] | None:
        for form, whole in forms:
            candidates = tables.get(form)
            if not candidates:
                continue
            same = [t for t in candidates if t.namespace == table.namespace]
            chosen = same or candidates
            if len(chosen) != 1:
                return None  # ambiguous: tables of that name in several namespaces
            target = chosen[0]
            if target is table and whole:
                return None  # the table's own key (users.user_id), not a reference
            referenced = _key_column(target, info.column.name)
            if referenced is None or (target is table and referenced == info.column.name):
                return None
            if not _compatible(info, ctx.column_info(target.key, referenced)):
                return None
            return target, referenced
        return None


def _ignored(table: str, column: str, patterns: list[str]) -> bool:
    qualified = f"{table}.{column}"
    return any(fnmatch.fnmatchcase(column, p) or fnmatch.fnmatchcase(qualified, p) for p in patterns)
