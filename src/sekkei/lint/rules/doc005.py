"""DOC005: comments say something: no placeholders, no mere repetition of the name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.naming import entries_of, singular, target_of, words
from sekkei.lint.rule import Finding, Rule, RuleOptions

#: Whole comments that stand in for a description not written yet.
PLACEHOLDERS = frozenset(
    """
    todo tbd tba fixme xxx xx x ? ?? ??? - -- . ... n/a na none null nil tmp temp test dummy
    comment description desc column field table no_comment wip
    未定 未設定 未記入 未入力 なし 無し 仮 テスト あとで 後で 要確認 ダミー 検討中 調査中
    """.split()
)
_TODO = re.compile(r"^\s*(?:todo|fixme|tbd|xxx|要確認|未定)\b", re.IGNORECASE)
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*")
#: Words that add nothing when a comment restates a name ("the user id column").
_FILLER = frozenset("the a an of for this that column field table value is are".split())


class Options(RuleOptions):
    min_length: int = Field(2, ge=1, description="Shortest comment that says anything (in characters).")
    placeholders: list[str] = Field(
        default_factory=list,
        description="More texts that count as placeholders (compared case-insensitively).",
    )
    repeats_name: bool = Field(True, description="Report English comments that only repeat the name.")


@lru_cache(maxsize=65536)
def _words(text: str) -> frozenset[str]:
    """The English words of a name or comment, singular, without filler words (cached: names repeat)."""
    found: set[str] = set()
    for token in _LATIN.findall(text):
        for word in words(token) or [token.lower()]:
            if word not in _FILLER:
                found.add(singular(word))
    return frozenset(found)


QualityOptions = Options


class CommentQuality(Rule):
    """Comments say something: no placeholders, nothing shorter than a word, not the name again.

    Why:
        A comment of ``TODO``, ``未定``, ``xxx`` or ``-`` is worse than none: the
        coverage report says the column is documented, and readers learn
        nothing.  ``user id`` on ``user_id`` or ``Email`` on ``email`` repeats
        what the name already says, and so does a comment identical to the
        name in any language (``会員`` on ``会員``).  A Japanese comment on an
        English name (``ユーザーID`` on ``user_id``) is not a repetition: it is
        the logical name, which Japanese teams rely on.

    Instead:
        Write what the name does not say: the meaning, the unit, the allowed
        values, where the value comes from (``login e-mail, unique,
        lower-cased``).  Remove placeholders until there is something to say.
        ``placeholders`` adds texts of your team; ``repeats_name: false``
        turns off the repetition check; ``min_length`` (2) sets the shortest
        comment.
    """

    code = "DOC005"
    name = "comment-quality"
    summary = "Comments say something: no placeholders, no mere repetition of the name."
    summary_ja = "コメントに中身があること(仮の文言や名前の繰り返しでないこと)。"
    doc_ja = """
    理由:
        ``TODO``・``未定``・``xxx``・``-`` といったコメントは、ないより悪いものです。網羅率の集計では説明
        済みと数えられるのに、読み手は何も得られません。``user_id`` に ``user id``、``email`` に ``Email`` と
        書くのは名前の繰り返しで、どの言語でも名前とまったく同じコメント(``会員`` に ``会員``)も同様です。
        英語の名前に日本語のコメント(``user_id`` に ``ユーザーID``)は繰り返しではありません。日本のチームが
        頼りにしている論理名です。

    代わりに:
        名前から分からないことを書いてください。意味・単位・取り得る値・値の出どころなどです
        (``ログイン用メールアドレス、一意、小文字に正規化``)。書くことが決まるまでは仮の文言を消して
        おいてください。``placeholders`` でチーム独自の仮の文言を追加でき、``repeats_name: false`` で
        繰り返しの検査を止められ、``min_length``(既定 2)で最短の長さを設定できます。
    """
    category = "documentation"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        placeholders = PLACEHOLDERS | frozenset(p.strip().lower() for p in options.placeholders)
        for kind, name, raw, owner, _, position, where, columns in entries_of(ctx):
            comment = raw.strip() if raw else ""
            if not comment:
                continue
            problem = self._problem(comment, name, placeholders, options)
            if problem is not None:
                message, hint = problem
                yield self.finding(
                    target_of(where, owner, name, position, columns), f"{kind} {message}", hint=hint
                )

    @staticmethod
    def _problem(
        comment: str, name: str | None, placeholders: frozenset[str], options: QualityOptions
    ) -> tuple[str, str] | None:
        """(message, hint) for a comment that says nothing, or None."""
        lower = comment.lower()
        if lower.rstrip("。.!！ ") in placeholders or lower in placeholders:
            return (
                f"comment {comment!r} is a placeholder",
                "write what it means, or remove the comment until you can",
            )
        if _TODO.match(comment):
            return (
                f"comment is a to-do note ({comment[:40]!r})",
                "write the description, and track the to-do elsewhere",
            )
        if len(comment) < options.min_length:
            return (
                f"comment {comment!r} is shorter than {options.min_length} characters",
                "write what it means: its purpose, unit or allowed values",
            )
        if options.repeats_name and name and _repeats(name, comment):
            return (
                f"comment {comment!r} only repeats the name",
                "say what the name does not: meaning, unit, allowed values, origin",
            )
        return None


def _repeats(name: str, comment: str) -> bool:
    """The comment is the name again: word for word in English, or character for character."""
    if comment.casefold() == name.casefold():
        return True
    if not comment.isascii() or len(comment) > 2 * len(name) + 12:
        return False  # longer than any restatement of the name: saves splitting every comment
    mine = _words(name)
    return bool(mine) and _words(comment) == mine
