"""NAM017: identifiers are ASCII (Japanese and other non-ASCII names are reported)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.naming import entries_of, expand_scripts, scripts, subject_name, target_of
from sekkei.lint.rule import Finding, Rule, RuleOptions

_SCRIPT_LABELS = {
    "han": "kanji/Han",
    "hiragana": "hiragana",
    "katakana": "katakana",
    "hangul": "Hangul",
    "fullwidth": "full-width forms",
    "latin": "accented Latin",
    "cjk_symbols": "CJK punctuation",
}


#: Latin letters that do not decompose into an ASCII letter and a mark.
_LATIN_FOLD = {
    "ı": "i",
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "ø": "o",
    "Ø": "O",
    "đ": "d",
    "Đ": "D",
    "ł": "l",
    "Ł": "L",
}


def ascii_letters(name: str) -> str | None:
    """``café`` → ``cafe``, ``bıgınt`` → ``bigint``; None if some character has no ASCII form."""
    text = unicodedata.normalize("NFKD", "".join(_LATIN_FOLD.get(ch, ch) for ch in name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text if text.isascii() else None


class Options(RuleOptions):
    allow: bool | list[str] = Field(
        False,
        description="true to accept every non-ASCII name, or the scripts to accept: japanese, chinese, "
        "korean, han, hiragana, katakana, hangul, latin, cyrillic, greek … (full-width letters and "
        "digits are reported unless 'fullwidth' is listed).",
    )


class NonAsciiIdentifier(Rule):
    """Identifiers are ASCII: Japanese and other non-ASCII names are reported.

    Why:
        Databases accept ``顧客`` or ``受注明細`` as names, but much of the
        tooling around them does not handle them well: ORMs and code generators
        need ASCII class and attribute names, some drivers, BI tools, CSV
        exports and migration tools mangle or reject them, names must be
        quoted in several databases, and PostgreSQL's 63-byte limit is only 21
        Japanese characters.  Full-width letters (``ｉｄ``) look like ASCII but
        are different characters: ``SELECT id`` does not find them.  Teams
        mixing Japanese input methods also end up with look-alike variants
        (``ー`` vs ``－``, ``ヶ`` vs ``ケ``).

    Instead:
        Use an ASCII name — English (``customers``) or romaji (``kokyaku``) —
        and keep the Japanese as the comment (``comment: 顧客``), which
        documentation, ER diagrams and database clients show next to the name.
        If your team decides on Japanese names, say so with ``allow: true`` or
        ``allow: [japanese]``.
    """

    code = "NAM017"
    name = "non-ascii-identifier"
    summary = "Identifiers are ASCII."
    summary_ja = "識別子が ASCII 文字だけでできていること(日本語などの名前を報告)。"
    doc_ja = """
    理由:
        データベース自体は ``顧客`` や ``受注明細`` という名前を受け付けますが、周りのツールはうまく扱えない
        ことが多いのです。ORM やコード生成はクラス名・属性名に ASCII を必要とし、ドライバー・BI ツール・
        CSV 出力・マイグレーションツールの中には文字化けさせたり拒否したりするものがあります。いくつかの
        データベースでは引用符が必要になり、PostgreSQL の上限 63 バイトは日本語ではわずか 21 文字です。
        全角英数字(``ｉｄ``)は ASCII に見えても別の文字なので、``SELECT id`` では見つかりません。
        入力方法の違いから、見た目が同じで別の文字(``ー`` と ``－``、``ヶ`` と ``ケ``)が混ざることもあります。

    代わりに:
        ASCII の名前にしてください。英語(``customers``)でもローマ字(``kokyaku``)でも構いません。
        日本語はコメント(``comment: 顧客``)に残せば、ドキュメント・ER 図・データベースクライアントで名前の
        横に表示されます(いわゆる論理名・物理名の使い分けです)。チームとして日本語の名前を使うと決めて
        いるなら、``allow: true`` または ``allow: [japanese]`` で明示してください。
    """
    category = "naming"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        if options.allow is True:
            return
        allowed = expand_scripts(options.allow) if isinstance(options.allow, list) else frozenset()
        verdicts: dict[str, list[str]] = {}
        for kind, name, comment, owner, _, position, where, columns in entries_of(ctx):
            if name is None or name.isascii():
                continue
            found = verdicts.get(name)
            if found is None:
                found = verdicts[name] = sorted(scripts(name) - allowed)
            if not found:
                continue
            shown = ", ".join(_SCRIPT_LABELS.get(s, s) for s in found)
            what = subject_name(kind, where, name)
            folded = unicodedata.normalize("NFKC", name)
            if found == ["fullwidth"] and folded.isascii():
                yield self.finding(
                    target_of(where, owner, name, position, columns),
                    f"{what} has full-width letters or digits ({name!r} is not {folded!r})",
                    hint=f"rename it to {folded}",
                )
                continue
            plain = ascii_letters(name) if set(found) <= {"latin", "fullwidth"} else None
            if plain is not None:
                odd = ", ".join(repr(ch) for ch in dict.fromkeys(ch for ch in name if not ch.isascii()))
                yield self.finding(
                    target_of(where, owner, name, position, columns),
                    f"{what} has non-ASCII letters ({odd}) that look like ASCII ones",
                    hint=f"rename it to {plain}",
                )
                continue
            spelled = "English or romaji" if {"han", "hiragana", "katakana"} & set(found) else "English"
            if comment and comment.strip():
                hint = f"rename it to an ASCII name ({spelled}); the comment keeps the original wording"
            else:
                hint = f"rename it to an ASCII name ({spelled}) and keep {name!r} as its comment"
            yield self.finding(
                target_of(where, owner, name, position, columns),
                f"{what} has non-ASCII characters ({shown})",
                hint=hint,
            )
