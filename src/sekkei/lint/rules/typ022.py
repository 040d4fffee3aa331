"""TYP022: column types can be represented exactly in the target database."""

from __future__ import annotations

from collections.abc import Iterator

from sekkei.formats.sql.typemap import write_type
from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, Target
from sekkei.model.dialects import family
from sekkei.model.types import TypeSpec

#: Types written without their length limit, by family: (longest varchar kept, what replaces it).
_VARCHAR_LIMITS = {"mysql": 16_383, "mssql": 4_000, "oracle": 4_000}


def loss_of(spec: TypeSpec, dialect: str) -> str | None:
    """What writing `spec` for `dialect` loses, in words (None: it is exact, or not judged)."""
    try:
        written = write_type(spec, dialect)
    except ValueError:
        return None
    if written.loss is not None:
        if spec.base == "numeric" and not spec.args and not spec.dims:
            return None  # TYP019 reports numeric without precision
        return written.loss
    length = spec.length
    limit = _VARCHAR_LIMITS.get(family(dialect))
    if spec.base == "varchar" and length is not None and limit is not None and length > limit:
        return f"longer than {dialect} keeps as varchar; written as {written.text} without the length limit"
    return None


def _hint(spec: TypeSpec, dialect: str) -> str:
    if spec.dims:
        return "a child table with one row per element, or a json column"
    if spec.unsigned:
        return f"a signed type with CHECK (… >= 0), or native: {{{dialect}: …}} to choose the type"
    if spec.base == "interval":
        return "a number of seconds (or months), or a start and an end timestamp"
    if spec.base in {"timetz"}:
        return "a time in UTC plus the zone's name in its own column"
    if spec.base == "varchar":
        return "text with a CHECK on the length, or a shorter varchar"
    if spec.base == "set":
        return "a link table with one row per member"
    if spec.base in {"json", "jsonb"}:
        return "add a CHECK that the text is JSON (SQL Server: ISJSON(col) = 1, Oracle: col IS JSON)"
    if spec.kind == "native":
        return f"a portable type, or the {dialect} spelling in native: {{{dialect}: …}}"
    return f"choose the {dialect} type with native: {{{dialect}: …}}"


class InexactTypeForTarget(Rule):
    """Column types can be represented exactly in the target database.

    Why:
        A design can use types the target database does not have: arrays in
        MySQL, SQL Server or Oracle, ``interval`` or ``inet`` in MySQL,
        ``bigint unsigned`` in PostgreSQL, PostgreSQL's ``tsvector`` anywhere
        else, a ``varchar`` longer than the target keeps.  The DDL then uses the
        nearest thing (``json``, ``varchar(64)``, ``text``) and something is lost
        on the way: element types, validation, range or the length limit.
        Better to decide that in the design than to find out from the data.
        Checked against the target dialect (``dialect`` in the configuration,
        else the schema's own).

    Instead:
        Use a type the target has (the hint says which), or state the target's
        exact spelling in ``native: {mysql: …}`` where the approximation is
        what you want.
    """

    code = "TYP022"
    name = "inexact-type-for-target"
    summary = "Column types can be represented exactly in the target database."
    summary_ja = "列の型を対象のデータベースで正確に表現できること。"
    doc_ja = """
    理由:
        設計には対象のデータベースにない型を書けます。MySQL・SQL Server・Oracle の配列、MySQL の
        ``interval`` や ``inet``、PostgreSQL の ``bigint unsigned``、PostgreSQL 以外での ``tsvector``、
        対象が保持できる長さを超える ``varchar`` などです。DDL は近い型(``json``・``varchar(64)``・
        ``text``)を使い、要素の型・検証・範囲・長さ制限のどれかが失われます。データで気づくより設計の
        段階で決める方が安全です。設定の ``dialect``(なければスキーマ自身の方言)に対して検査します。

    代わりに:
        対象にある型を使うか(ヒントに示します)、近似で構わない場合は ``native: {mysql: …}`` に
        対象での正確な綴りを書いてください。
    """
    category = "types"
    severity = "warning"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        dialect = ctx.dialect
        fam = ctx.family
        if dialect is None or fam is None:
            return
        losses: dict[TypeSpec, str | None] = {}
        for infos in ctx.columns_by_type.values():
            first = infos[0]
            if first.kind not in {"canonical", "native"}:
                continue  # enums and domains are written as such; domains are checked below
            for info in infos:
                spec = info.spec
                if spec is None:
                    continue
                if spec not in losses:
                    losses[spec] = loss_of(spec, dialect)
                loss = losses[spec]
                if loss is None:
                    if first.kind == "canonical":
                        break  # one spec for the whole group: nothing is lost
                    continue
                if info.table.partition_of is not None or any(family(d) == fam for d in info.column.native):
                    continue  # a partition repeats its parent; a native spelling is written as is
                yield self.finding(info.target, f"{spec}: {loss}", hint=_hint(spec, dialect))
        for key, domain in ctx.schema.domains.items():
            spec, _ = ctx.base_spec(domain.type, domain.namespace)
            if spec is None or any(family(d) == fam for d in domain.native):
                continue
            loss = loss_of(spec, dialect)
            if loss is not None:
                yield self.finding(Target("domain", key), f"{spec}: {loss}", hint=_hint(spec, dialect))
