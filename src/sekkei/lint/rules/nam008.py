"""NAM008: no reserved words of the target dialect as names."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.formats.sql.keywords import MARIADB_EXTRA
from sekkei.lint.context import LintContext
from sekkei.lint.naming import dialect_label, entries_of, reserved_names, subject_name, target_of
from sekkei.lint.rule import Finding, Rule, RuleOptions

KINDS = ("table", "view", "materialized view", "column", "index", "enum", "domain", "sequence", "namespace")


class Options(RuleOptions):
    extra: list[str] = Field(
        default_factory=list,
        description="More words to avoid (e.g. the reserved words of another database you also target).",
    )
    allow: list[str] = Field(default_factory=list, description="Reserved words you accept as names.")
    strict: bool = Field(
        False,
        description="Also report PostgreSQL's non-reserved keywords that cannot be function or type names "
        "(time, position, values …).",
    )
    constraints: bool = Field(
        False, description="Also check the names of keys, foreign keys, unique constraints and checks."
    )


class ReservedWordName(Rule):
    """Tables, columns, views, enums and indexes are not named with reserved words.

    Why:
        A reserved word (``order``, ``user``, ``group``, ``table``) can only be
        used as a name in quotes: ``SELECT "user".name FROM "user"``.  Every
        hand-written query, ORM mapping, report and migration has to remember
        the quotes, and forgetting them gives a syntax error — or, worse, a
        different meaning (``SELECT user`` is the current login in PostgreSQL).
        The rule checks the words the target dialect reserves, so it runs only
        when a dialect is known (``--dialect`` or ``dialect:`` in the schema).

    Instead:
        Choose a name that says more: ``orders``, ``app_user``, ``user_group``,
        ``sort_order``.  Words only another database reserves can be added with
        ``extra``; words you accept go in ``allow``.  ``strict`` adds
        PostgreSQL's "column name" keywords (``time``, ``position``), which work
        as table and column names but not everywhere; ``constraints`` adds key
        and constraint names.
    """

    code = "NAM008"
    name = "reserved-word-name"
    summary = "Names are not reserved words of the target dialect."
    summary_ja = "名前に対象データベースの予約語を使わないこと。"
    doc_ja = """
    理由:
        予約語(``order``・``user``・``group``・``table`` など)は引用符で囲まないと名前に使えません
        (``SELECT "user".name FROM "user"``)。手書きのクエリ・ORM のマッピング・レポート・マイグレーションの
        すべてで引用符を忘れないようにする必要があり、忘れると構文エラーになるか、もっと悪いことに別の意味に
        なります(PostgreSQL の ``SELECT user`` はログイン中のユーザー名を返します)。対象の方言が予約している
        語を調べるので、方言が分かっているとき(``--dialect`` かスキーマの ``dialect:``)だけ動きます。

    代わりに:
        意味がより伝わる名前にしてください(``orders``・``app_user``・``user_group``・``sort_order``)。
        他のデータベースだけが予約している語は ``extra`` で追加でき、許容する語は ``allow`` に書けます。
        ``strict`` を設定すると、テーブル名・列名としては使えても使えない場面がある PostgreSQL の
        「列名キーワード」(``time``・``position`` など)も対象になります。``constraints`` で主キー・制約の
        名前も対象にできます。
    """
    category = "naming"
    severity = "warning"
    dialects = frozenset({"postgres", "mysql", "sqlite", "mssql", "oracle", "snowflake", "bigquery"})
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        if ctx.family is None:
            return
        allowed = {word.lower() for word in options.allow}
        extra = {word.lower() for word in options.extra} - allowed
        reserved = reserved_names(ctx.family, options.strict) - allowed
        label = dialect_label(ctx.dialect)
        kinds = set(KINDS)
        if options.constraints:
            kinds |= {"primary key", "foreign key", "unique constraint", "check"}
        for kind, name, _, owner, _, position, where, columns in entries_of(ctx):
            if name is None or kind not in kinds:
                continue
            word = name.lower()
            if word in reserved:
                dialect = "MariaDB" if ctx.dialect == "mysql" and word in MARIADB_EXTRA else label
                yield self.finding(
                    target_of(where, owner, name, position, columns),
                    f"{subject_name(kind, where, name)} is a reserved word in {dialect}",
                    hint=_hint(kind, word, reserved),
                )
            elif word in extra:
                yield self.finding(
                    target_of(where, owner, name, position, columns),
                    f"{subject_name(kind, where, name)} is on the list of words to avoid",
                    hint=_hint(kind, word, reserved | extra, quoting=False),
                )


_BETTER = {
    "order": ("orders", "sort_order"),
    "user": ("users", "user_name"),
    "group": ("groups", "group_name"),
    "table": ("tables", "table_name"),
    "column": ("columns", "column_name"),
    "key": ("keys", "key_name"),
    "desc": ("descriptions", "description"),
    "comment": ("comments", "comment_text"),
    "level": ("levels", "access_level"),
    "date": ("dates", "event_date"),
    "time": ("times", "event_time"),
    "timestamp": ("timestamps", "recorded_at"),
    "year": ("years", "fiscal_year"),
    "limit": ("limits", "max_count"),
    "default": ("defaults", "is_default"),
    "check": ("checks", "check_result"),
    "index": ("indexes", "position"),
    "option": ("options", "option_value"),
    "role": ("roles", "role_name"),
    "session": ("sessions", "session_id"),
    "status": ("statuses", "status_code"),
}


def _hint(kind: str, word: str, reserved: set[str] | frozenset[str], *, quoting: bool = True) -> str:
    """A better name where a common one is known, else the general advice."""
    text = _advice(kind, word, reserved)
    return text if quoting else text.split(" or quote", 1)[0]


def _advice(kind: str, word: str, reserved: set[str] | frozenset[str]) -> str:
    known = _BETTER.get(word)
    if known is not None:
        better = known[0] if kind in {"table", "view", "materialized view"} else known[1]
        if better not in reserved:
            return f"rename it (e.g. {better}) or quote it in every query"
    if (
        kind in {"table", "view", "materialized view"}
        and not word.endswith("s")
        and f"{word}s" not in reserved
    ):
        return f"rename it (e.g. {word}s) or quote it in every query"
    return (
        "rename it to a more specific name (with a qualifier: sort_order, user_group) or quote it everywhere"
    )
