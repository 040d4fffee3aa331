"""NAM010: identifiers that the target dialect can only read in quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from sekkei.formats.sql.writer.quoting import FOLDING
from sekkei.lint.context import LintContext
from sekkei.lint.naming import dialect_label, entries_of, subject_name, target_of, to_snake
from sekkei.lint.rule import Finding, Rule, RuleOptions
from sekkei.model.dialects import family as family_of

#: Characters a bare identifier may hold after its first one, per family ("\w" is Unicode-aware).
_BARE = {
    "postgres": re.compile(r"[^\W\d]|[_\d$]|[^\x00-\x7f]"),
    "mysql": re.compile(r"[\w$]|[^\x00-\x7f]"),
    "sqlite": re.compile(r"[\w$]|[^\x00-\x7f]"),
    "mssql": re.compile(r"[\w@$#]"),
    "oracle": re.compile(r"[\w$#]"),
    "snowflake": re.compile(r"[A-Za-z0-9_$]"),
    "bigquery": re.compile(r"[A-Za-z0-9_]"),
    None: re.compile(r"\w"),
}


_PLAIN_LOWER = re.compile(r"[a-z][a-z0-9_]*\Z")


class Options(RuleOptions):
    allow: list[str] = Field(default_factory=list, description="Names you accept although they need quotes.")


def quoting_reason(name: str, family: str | None, source_fold: str) -> str | None:
    """Why `name` needs quotes in `family` (None if it can be written bare)."""
    if _PLAIN_LOWER.match(name) and (family not in {"oracle", "snowflake"} or source_fold == "lower"):
        return None  # the common case, bare everywhere: no need to look at each character
    if not name:
        return "it is empty"
    if any(ch.isspace() for ch in name):
        return "it contains a space"
    bare = _BARE.get(family, _BARE[None])
    odd = sorted({ch for ch in name if not bare.fullmatch(ch)})
    if odd:
        shown = ", ".join(repr(ch) for ch in odd[:3])
        return f"it contains {shown}"
    first = name[0]
    if family == "mysql":
        if name.isdigit() or re.fullmatch(r"\d+[eE]\d*", name):
            return "it reads as a number"
    elif family == "mssql" and first in "@#":
        return f"it starts with {first!r}, which marks variables and temporary tables"
    elif not (first.isalpha() or (first == "_" and family != "oracle")):
        return "it starts with a digit" if first.isdigit() else f"it starts with {first!r}"
    folding = FOLDING.get(family or "")
    if folding is not None and name.isascii():
        folded = name.lower() if folding == "lower" else name.upper()
        if folded != name:
            # a name in the folded case of the database it came from is case-insensitive (see the writer)
            source_folded = name.lower() if source_fold == "lower" else name.upper()
            if source_folded != name or source_fold == folding:
                how = "lower" if folding == "lower" else "upper"
                return f"unquoted names fold to {how} case"
    return None


class QuotedIdentifier(Rule):
    """Identifiers can be written without quotes in the target dialect.

    Why:
        A name with upper-case letters in PostgreSQL (which folds unquoted names
        to lower case), mixed case in Oracle or Snowflake (which fold to upper
        case), spaces, hyphens or other punctuation, or a leading digit, exists
        only in quotes: ``SELECT "OrderId" FROM "Order Items"``.  Every query,
        ORM mapping, BI tool and shell one-liner must quote it exactly, forever;
        ``SELECT OrderId`` fails with "column orderid does not exist".  Without
        a target dialect the rule reports only what every database needs quoted
        (spaces, punctuation, a leading digit).

    Instead:
        Use names made of letters, digits and underscores that start with a
        letter, in the case the database folds to — lower snake_case works
        bare everywhere: ``order_items.order_id``.  NAM001 and NAM002 offer
        renames to snake_case; reserved words are NAM008's.
    """

    code = "NAM010"
    name = "quoted-identifier"
    summary = "Identifiers can be written without quotes in the target dialect."
    summary_ja = "識別子が対象データベースで引用符なしに書けること。"
    doc_ja = """
    理由:
        PostgreSQL(引用符のない名前を小文字に畳み込みます)で大文字を含む名前、Oracle や Snowflake
        (大文字に畳み込みます)で大文字・小文字が混ざった名前、空白・ハイフンなどの記号を含む名前、
        数字で始まる名前は、引用符の中でしか存在しません(``SELECT "OrderId" FROM "Order Items"``)。
        すべてのクエリ・ORM のマッピング・BI ツール・シェルのワンライナーで、ずっと正確に引用符を付け続ける
        必要があり、``SELECT OrderId`` は「列 orderid は存在しません」で失敗します。対象の方言がないときは、
        どのデータベースでも引用符が要るもの(空白・記号・先頭の数字)だけを報告します。

    代わりに:
        英字で始まり、英数字とアンダースコアだけからなる名前を、データベースが畳み込む側の大文字・小文字で
        付けてください。小文字のスネークケースならどこでも引用符なしで書けます(``order_items.order_id``)。
        スネークケースへの名前変更は NAM001・NAM002 が提案します。予約語は NAM008 の対象です。
    """
    category = "naming"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        allowed = set(options.allow)
        family = ctx.family
        schema_family = family_of(ctx.schema.dialect) if ctx.schema.dialect else None
        source_fold = "upper" if FOLDING.get(schema_family or "") == "upper" else "lower"
        label = dialect_label(ctx.dialect) if family else "most databases"
        reasons: dict[str, str | None] = {}
        for kind, name, _, owner, _, position, where, columns in entries_of(ctx):
            if name is None or name in allowed:
                continue
            if name in reasons:
                reason = reasons[name]
            else:
                reason = reasons[name] = quoting_reason(name, family, source_fold)
            if reason is None:
                continue
            better = to_snake(name)
            yield self.finding(
                target_of(where, owner, name, position, columns),
                f"{subject_name(kind, where, name)} needs quotes in {label}: {reason}",
                hint=f"rename it to {better}"
                if better and better != name
                else "rename it to a name that starts with a letter and holds only letters, digits and _",
            )
