"""DOC007: comments are written in the required language(s) (off by default)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.naming import entries_of, scripts, target_of
from sekkei.lint.rule import Finding, Rule, RuleOptions

Language = Literal["ja", "zh", "ko", "en"]
DEFAULT_LANGUAGES: tuple[Language, ...] = ("ja",)
_LABELS = {"ja": "Japanese", "zh": "Chinese", "ko": "Korean", "en": "English"}
_LATIN = re.compile(r"[A-Za-z]{2,}")


def has_language(text: str, language: str) -> bool:
    """True if `text` has a character of the language's script (kana or kanji for Japanese …)."""
    if language == "en":
        return _LATIN.search(text) is not None
    found = scripts(text)
    if language == "ja":
        return bool(found & {"hiragana", "katakana", "han"})
    if language == "zh":
        return "han" in found
    return "hangul" in found


class Options(RuleOptions):
    languages: list[Language] = Field(
        default_factory=lambda: list(DEFAULT_LANGUAGES),
        description="Languages comments are written in: ja, zh, ko, en (a letter of the script is enough).",
    )
    mode: Literal["any", "all"] = Field(
        "any", description="any: one of the languages is enough; all: every comment is bilingual."
    )


class CommentLanguage(Rule):
    """Comments are written in the team's language(s) — off by default.

    Why:
        Comments are read by the people who run and use the database: if
        they work in Japanese, an English-only comment (often copied from an
        upstream project or written by a contractor) does not reach them, and
        the generated documentation mixes languages.  Teams that keep
        bilingual comments want each one to have both halves.

    Instead:
        Write the comment in the required language: ``comment: 注文の合計金額(税込)``.
        The rule is off by default; enable it with a severity and set
        ``languages`` (``ja`` by default: kana or kanji; ``zh``: Han; ``ko``:
        Hangul; ``en``: Latin letters).  ``mode: all`` requires every listed
        language in each comment (``顧客 / customer``).
    """

    code = "DOC007"
    name = "comment-language"
    summary = "Comments are written in the required language(s) (off by default)."
    summary_ja = "コメントが決められた言語で書かれていること(既定では無効)。"
    doc_ja = """
    理由:
        コメントを読むのはデータベースを運用し利用する人たちです。日本語で仕事をしているなら、英語だけの
        コメント(上流のプロジェクトからの流用や外部の開発者が書いたもの)は届かず、生成されるドキュメントも
        言語が混ざります。コメントを二か国語で書くチームは、どのコメントにも両方が揃っていることを求めます。

    代わりに:
        決められた言語でコメントを書いてください(``comment: 注文の合計金額(税込)``)。このルールは既定で
        無効です。重大度を設定して有効にし、``languages`` を指定してください(既定は ``ja``: かなか漢字、
        ``zh``: 漢字、``ko``: ハングル、``en``: ラテン文字)。``mode: all`` にすると、各コメントに指定した
        すべての言語を求めます(``顧客 / customer``)。
    """
    category = "documentation"
    severity = "off"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        languages = list(dict.fromkeys(options.languages))
        if not languages:
            return
        wanted = (
            " and ".join(_LABELS[lang] for lang in languages)
            if options.mode == "all"
            else " or ".join(_LABELS[lang] for lang in languages)
        )
        for kind, name, raw, owner, _, position, where, columns in entries_of(ctx):
            comment = (raw or "").strip()
            if not comment:
                continue
            present = [has_language(comment, lang) for lang in languages]
            if all(present) if options.mode == "all" else any(present):
                continue
            missing = [_LABELS[lang] for lang, ok in zip(languages, present, strict=True) if not ok]
            shown = comment if len(comment) <= 40 else comment[:39] + "…"
            yield self.finding(
                target_of(where, owner, name, position, columns),
                f"{kind} comment {shown!r} is not in {wanted}",
                hint=f"write it in {' and '.join(missing)}",
            )
