"""NAM014: boolean columns are named as predicates (is_active, has_children, deleted)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.naming import head_index, inherited_columns, join_like, split_words, words
from sekkei.lint.rule import Finding, Rule, RuleOptions

PREFIXES = [
    "is", "has", "have", "can", "should", "must", "was", "were", "will", "did", "does", "do",
    "allow", "allows", "needs", "requires", "uses", "use", "show", "include", "includes", "enable",
    "accepts", "supports", "contains", "exclude",
]  # fmt: skip

#: Adjectives and irregular past participles that read as a state on their own.
ADJECTIVES = frozenset(
    """
    active inactive valid invalid public private visible invisible hidden default primary required
    optional mandatory online offline open closed free paid locked unlocked internal external
    global local final current live ready complete incomplete available enabled disabled premium
    secure insecure dirty clean empty blank new read unread seen sent done built shown known
    written given taken held sold won lost kept made found bound broken chosen frozen forgotten
    overridden spoken stolen drawn undone deleted pending featured pinned starred muted blocked
    banned verified confirmed subscribed unsubscribed anonymous temporary permanent static dynamic
    recurring readonly writable unique exclusive inclusive sensitive favorite
    favourite urgent important official native remote dry on off in out up safe unsafe
    """.split()
)
#: Word endings of adjectives and participles: deleted, editable, visible, active, successful.
ENDINGS = ("ed", "able", "ible", "ive", "ful", "less", "ous")


class Options(RuleOptions):
    prefixes: list[str] = Field(
        default_factory=lambda: list(PREFIXES),
        description="Leading words that make a predicate (is, has, can …); replaces the default list.",
    )
    allow: list[str] = Field(default_factory=list, description="Boolean column names to accept as they are.")


class BooleanColumnName(Rule):
    """Boolean columns read as predicates: ``is_active``, ``has_children``, ``deleted``.

    Why:
        ``WHERE admin`` or ``if user.notification`` leaves the reader guessing
        what true means — is the user an admin, or does the row hold admin
        settings?  ``WHERE is_admin``, ``if user.wants_notifications`` and
        ``WHERE NOT archived`` read as sentences and cannot be mistaken for a
        foreign key, a name or a count.

    Instead:
        Start the name with a verb such as ``is_``, ``has_``, ``can_``,
        ``should_`` (option ``prefixes``), or end it in a past participle or
        adjective (``deleted``, ``enabled``, ``visible``, ``active``).  Names
        that are fine as they are go in ``allow``.  Non-English names are not
        judged.
    """

    code = "NAM014"
    name = "boolean-column-name"
    summary = "Boolean columns are named as predicates."
    summary_ja = "真偽値の列名が述語として読めること(is_active・has_children・deleted など)。"
    doc_ja = """
    理由:
        ``WHERE admin`` や ``if user.notification`` では、真が何を意味するのか(ユーザーが管理者なのか、
        管理者用の設定を持つ行なのか)を読み手が推測することになります。``WHERE is_admin``・
        ``if user.wants_notifications``・``WHERE NOT archived`` なら文として読め、外部キーや名前、件数と
        取り違えることもありません。

    代わりに:
        ``is_``・``has_``・``can_``・``should_`` などの動詞で始める(オプション ``prefixes``)か、過去分詞・
        形容詞で終わる名前(``deleted``・``enabled``・``visible``・``active``)にしてください。そのままで
        よい名前は ``allow`` に書けます。英語でない名前は判定しません。
    """
    category = "naming"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        prefixes = {p.lower().rstrip("_") for p in options.prefixes}
        allowed = {name.lower() for name in options.allow}
        verdicts: dict[str, bool] = {}
        inherited = inherited_columns(ctx)
        for info in ctx.columns:
            spec = info.spec
            if spec is None or spec.base != "boolean" or spec.dims or info.lname in allowed:
                continue
            name = info.column.name
            if (info.key, name) in inherited:
                continue  # reported on the parent
            ok = verdicts.get(name)
            if ok is None:
                ok = verdicts[name] = _reads_as_predicate(words(name), prefixes)
            if ok:
                continue
            better = _suggestion(name, prefixes)
            yield self.finding(
                info.target,
                "boolean column does not read as a predicate (is_…, has_…, …_enabled)",
                hint=f"rename it to {better}, or add it to allow",
            )


def _reads_as_predicate(parts: list[str], prefixes: set[str]) -> bool:
    if not parts:
        return True  # not English: not ours to judge
    if parts[0] in prefixes:
        return True
    if len(parts) == 1 and any(
        parts[0].startswith(p) and len(parts[0]) > len(p) + 2 for p in prefixes if len(p) >= 3 or p == "is"
    ):
        return True  # run together: isonlystateprovinceflag, hasattachments
    head = parts[head_index(parts)]
    return any(
        word in ADJECTIVES or (len(word) >= 4 and word.endswith(ENDINGS)) for word in {parts[-1], head}
    )


#: Words that only say "this is a boolean": ``active_flag``, ``activebool``, ``deleted_yn``.
_MARKERS = ("flag", "bool", "boolean", "yn", "ind")


def _suggestion(name: str, prefixes: set[str]) -> str:
    """``admin`` → ``is_admin``; ``active_flag`` and ``activebool`` → ``active``; case kept."""
    parts = split_words(name)
    shorter: list[str] = []
    if len(parts) > 1 and parts[-1].lower() in _MARKERS:
        shorter = parts[:-1]
    elif len(parts) == 1:
        marker = next(
            (m for m in _MARKERS if parts[0].lower().endswith(m) and len(parts[0]) > len(m) + 2), None
        )
        if marker is not None:
            shorter = [parts[0][: -len(marker)]]
    if shorter and _reads_as_predicate([p.lower() for p in shorter], prefixes):
        return join_like(name, shorter)
    if parts and parts[0].lower() in PREFIXES:  # has_children when only is_ is allowed
        return "a name that starts with " + " or ".join(f"{p}_" for p in sorted(prefixes))
    return join_like(name, ["IS" if name.isupper() else "is", *parts])
