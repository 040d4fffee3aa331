"""NAM012: table names are consistently plural or singular."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.naming import grammatical_number, head_index, plural, singular, split_words, with_word
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target

#: Last words that describe a table's format or state rather than name what a row is.
DESCRIPTORS = frozenset(
    "json jsonb xml csv yaml staging current latest earliest legacy tmp temp backup old new raw main "
    "master".split()
)


def table_number(name: str) -> tuple[str, int] | None:
    """(``plural`` or ``singular``, index of the head word) of an English table name, or None.

    The head is the last word, or the last before a preposition
    (``changes_in_room`` is plural); mappings (``a_to_b``) are not judged.
    A singular head after a plural word
    (``device_lists_stream``, ``users_pending_deactivation``) describes
    something about a collection and is not judged; nor are adjectives and
    participles (``receipts_linearized``), gerunds (``billing``) and format
    words (``event_json``).
    """
    if not name.isascii():
        return None
    parts = split_words(name)
    if not parts or any(p.lower() == "to" for p in parts[1:]):
        return None  # a mapping (event_to_state_groups): neither form names its rows
    head = head_index(parts)
    word = parts[head].lower()
    if not word.isalpha():
        return None
    number = grammatical_number(word)
    if number == "singular" and (
        word in DESCRIPTORS
        or word.endswith(("ed", "ing"))
        or any(grammatical_number(p) == "plural" for p in parts[:head])
    ):
        return None
    return (number, head) if number else None


class Options(RuleOptions):
    style: Literal["consistent", "plural", "singular"] = Field(
        "consistent",
        description="consistent: report the less common form; plural or singular: require that form.",
    )
    allow: list[str] = Field(default_factory=list, description="Table names not to judge.")


class TableNameNumber(Rule):
    """Table names are consistently plural or singular.

    Why:
        Whether a table is ``users`` or ``user`` is a matter of taste, but a
        schema with ``orders`` next to ``customer`` makes every name a guess
        (``SELECT … FROM customers`` fails), and ORMs that derive class and
        table names from each other (Rails, Django, Laravel) need one rule to
        map them without configuration.

    Instead:
        Pick one form and rename the others: the hint gives the name in the
        majority form (``customer`` → ``customers``).  With ``style:
        plural`` or ``singular`` the form is fixed instead of taken from the
        majority.  The head word decides: the last English word, or the last
        before a preposition (``order_items`` and ``changes_in_room`` are
        plural).  Skipped: words that are the same in both forms (``data``,
        ``staff``, ``series``, ``news``), mappings (``user_to_group``), format
        and state words (``events_json``), participles and gerunds
        (``receipts_linearized``, ``billing``), a singular word after a plural
        one (``device_lists_stream``), and non-English names.  A tie is
        reported once for the schema.  Tables are not renamed
        automatically: application code refers to them.
    """

    code = "NAM012"
    name = "table-name-number"
    summary = "Table names are consistently plural or singular."
    summary_ja = "テーブル名が複数形か単数形のどちらかに揃っていること。"
    doc_ja = """
    理由:
        テーブル名を ``users`` にするか ``user`` にするかは好みですが、``orders`` の隣に ``customer`` が
        あるスキーマでは名前を毎回推測することになります(``SELECT … FROM customers`` が失敗します)。
        クラス名とテーブル名を相互に導く ORM(Rails・Django・Laravel)も、設定なしで対応付けるには
        規則が一つである必要があります。

    代わりに:
        どちらかの形に決めて、他を変更してください。ヒントには多数派の形での名前が出ます
        (``customer`` → ``customers``)。``style: plural`` または ``singular`` を設定すると多数派ではなく
        その形を求めます。判定するのは中心となる語、つまり最後の英単語か、前置詞の直前の語です
        (``order_items`` も ``changes_in_room`` も複数形)。次のものは対象外です: 単複同形の語
        (``data``・``staff``・``series``・``news``)、対応表(``user_to_group``)、形式や状態を表す語
        (``events_json``)、分詞や動名詞(``receipts_linearized``・``billing``)、複数形の語の後に続く
        単数形(``device_lists_stream``)、英語でない名前。同数のときはスキーマに一度だけ報告します。アプリケーションのコードが参照しているため、テーブル名は自動では変更しません。
    """
    category = "naming"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        allowed = {name.lower() for name in options.allow}
        judged: dict[str, list[tuple[str, str, int]]] = {"plural": [], "singular": []}
        for key, table in ctx.schema.tables.items():
            if table.partition_of is not None or table.name.lower() in allowed:
                continue
            found = table_number(table.name)
            if found is not None:
                judged[found[0]].append((key, table.name, found[1]))
        plurals, singulars = len(judged["plural"]), len(judged["singular"])
        if options.style == "consistent":
            if not plurals or not singulars:
                return
            if plurals == singulars:
                yield self.finding(
                    Target("schema"),
                    f"table names are as often plural ({plurals}) as singular ({singulars})",
                    hint="choose one form (option style: plural or singular) and rename the others",
                )
                return
            wanted = "plural" if plurals > singulars else "singular"
        else:
            wanted = options.style
        other = "singular" if wanted == "plural" else "plural"
        counts = f"{plurals} plural, {singulars} singular"
        change = plural if wanted == "plural" else singular
        for key, name, head in judged[other]:
            better = with_word(name, head, change)
            why = (
                f"most table names are {wanted} ({counts})"
                if options.style == "consistent"
                else f"style is {wanted}"
            )
            yield self.finding(
                Target("table", key),
                f"table name is {other}; {why}",
                hint=f"rename it to {better}" if better and better != name else None,
            )
