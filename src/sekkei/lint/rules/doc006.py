"""DOC006: views, materialized views, enums and domains have a comment."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target

Kind = Literal["view", "materialized_view", "enum", "domain", "sequence"]
DEFAULT_KINDS: tuple[Kind, ...] = ("view", "materialized_view", "enum", "domain")


class Options(RuleOptions):
    kinds: list[Kind] = Field(
        default_factory=lambda: list(DEFAULT_KINDS),
        description="Which objects need a comment: view, materialized_view, enum, domain, sequence.",
    )
    min_length: int = Field(1, ge=1, description="Shortest comment that counts (in characters).")


class ObjectWithoutComment(Rule):
    """Views, materialized views, enums and domains have a comment.

    Why:
        A view is an interface: people query it without reading its SQL, so
        its comment is where they learn what one row is, which rows are left
        out and who relies on it.  A materialized view also needs to say how
        fresh it is and what refreshes it.  An enum or domain is a vocabulary
        used by many columns; its comment says what the values mean and when
        new ones may be added.

    Instead:
        Add ``comment:`` to the view, enum or domain (``COMMENT ON VIEW …`` in
        SQL).  ``kinds`` chooses which objects are checked; add ``sequence``
        for sequences that are not owned by a column.
    """

    code = "DOC006"
    name = "object-without-comment"
    summary = "Views, materialized views, enums and domains have a comment."
    summary_ja = "ビュー・マテリアライズドビュー・列挙型・ドメインにコメントがあること。"
    doc_ja = """
    理由:
        ビューはインターフェースです。SQL を読まずに問い合わせる人にとって、1 行が何を表すか、どの行が
        除かれるか、誰が使っているかを知る場所はコメントです。マテリアライズドビューでは、どれだけ新しい
        データか、何が更新するかも書く必要があります。列挙型やドメインは多くの列が使う語彙で、コメントは
        値の意味と、値を追加してよい条件を伝えます。

    代わりに:
        ビュー・列挙型・ドメインに ``comment:`` を書いてください(SQL なら ``COMMENT ON VIEW …``)。
        ``kinds`` で対象を選べ、列に属さないシーケンスを対象にするには ``sequence`` を加えます。
    """
    category = "documentation"
    severity = "info"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        kinds = set(options.kinds)
        schema = ctx.schema
        for key, view in schema.views.items():
            kind = "materialized_view" if view.materialized else "view"
            if kind in kinds:
                yield from self._need(
                    Target("view", key), kind.replace("_", " "), view.comment, options.min_length
                )
        if "enum" in kinds:
            for key, enum in schema.enums.items():
                yield from self._need(Target("enum", key), "enum", enum.comment, options.min_length)
        if "domain" in kinds:
            for key, domain in schema.domains.items():
                yield from self._need(Target("domain", key), "domain", domain.comment, options.min_length)
        if "sequence" in kinds:
            for key, sequence in schema.sequences.items():
                if sequence.owned_by is None:
                    yield from self._need(
                        Target("sequence", key), "sequence", sequence.comment, options.min_length
                    )

    def _need(self, target: Target, kind: str, comment: str | None, min_length: int) -> Iterator[Finding]:
        text = (comment or "").strip()
        if len(text) >= min_length:
            return
        message = (
            f"{kind} has no comment"
            if not text
            else f"{kind} comment is shorter than {min_length} characters"
        )
        hint = {
            "view": "comment: what one row is and which rows it leaves out",
            "materialized view": "comment: what one row is, and when and how it is refreshed",
            "enum": "comment: what the values mean",
            "domain": "comment: what values it stands for and why it is constrained",
            "sequence": "comment: what numbers it hands out, and to whom",
        }[kind]
        yield self.finding(target, message, hint=hint)
