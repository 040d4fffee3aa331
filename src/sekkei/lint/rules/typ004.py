"""TYP004: column types from a configured deny list."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import Field, field_validator

from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target
from sekkei.model.dialects import family, normalize_dialect
from sekkei.model.types import ALIASES, TypeSpec, parse_type

#: Names that stand for more than one canonical type.
_GROUPS = {"float": frozenset({"real", "double"})}


@dataclass(frozen=True)
class Denied:
    """One deny-list entry: a type name (or exact type), optionally for one database family only."""

    text: str
    family: str | None
    names: frozenset[str]  # base names (lower case) that match, when `exact` is None
    exact: str | None  # a canonical type string with parameters, e.g. varchar(255)


def _entry(text: str) -> Denied:
    raw = text.strip()
    fam: str | None = None
    body = raw
    head, sep, rest = raw.partition(":")
    if sep and rest and not rest.startswith(":"):
        try:
            fam = family(normalize_dialect(head))
        except ValueError:
            fam = None
        else:
            body = rest.strip()
    lowered = " ".join(body.lower().split())
    if "(" in lowered or lowered.endswith("]") or " unsigned" in lowered:
        return Denied(raw, fam, frozenset(), str(parse_type(body)))
    base = ALIASES.get(lowered, lowered)
    return Denied(raw, fam, _GROUPS.get(base, frozenset({base})), None)


class Options(RuleOptions):
    deny: list[str] = Field(
        default_factory=list,
        description="Types not to use: canonical names (json, float, bytes, enum, set), exact "
        "types (varchar(255)), native types (mediumblob, tsvector) or DATABASE:TYPE for one "
        "database only (postgres:money, mysql:set).",
    )
    reason: str | None = Field(None, description="Why these types are denied (shown in the message).")

    @field_validator("deny")
    @classmethod
    def _readable(cls, value: list[str]) -> list[str]:
        for item in value:
            try:
                _entry(item)
            except ValueError as exc:
                raise ValueError(f"deny: {item!r} is not a type: {exc}") from None
        return value


_PARAMETERS = re.compile(r"\s*\([^)]*\)")


def _bare(spelling: str) -> str:
    """A native spelling without parameters, lower case: ``mediumblob``, ``timestamp with time zone``."""
    return " ".join(_PARAMETERS.sub("", spelling).lower().split())


def _names(spec: TypeSpec, native: dict[str, str], fam: str | None) -> set[str]:
    """Every name a column's type goes by: canonical or native base, and its native spellings."""
    element = spec.element()
    names = {_bare(element.base)}
    for dialect, spelling in native.items():
        if fam is None or family(dialect) == fam:
            names.add(_bare(spelling))
            names.add(_bare(spelling).removesuffix(" unsigned").removesuffix(" zerofill"))
    return names


class DeniedType(Rule):
    """Columns do not use types from the configured deny list.

    Why:
        Teams rule out types for reasons of their own: ``json`` where the
        data belongs in columns, ``float`` in an accounting system, ``bytes``
        because files go to object storage, MySQL ``set`` because it cannot be
        indexed or joined.  A deny list keeps those decisions from being
        re-argued in every review.  Nothing is denied until ``deny`` is set.

    Instead:
        Use the type the team agreed on (say which in ``reason``).  Entries are
        canonical names (``json``, ``float``, ``bytes``), exact types
        (``varchar(255)``), native names (``mediumblob``) or ``DATABASE:TYPE``
        to deny a type on one database only (``postgres:money``).
    """

    code = "TYP004"
    name = "denied-type"
    summary = "Columns do not use types from the configured deny list."
    summary_ja = "設定した禁止リストの型を列に使わないこと。"
    doc_ja = """
    理由:
        チームは独自の理由で型を禁止します。列に分けるべきデータの ``json``、会計システムでの
        ``float``、ファイルはオブジェクトストレージに置くための ``bytes``、インデックスも結合もできない
        MySQL の ``set`` などです。禁止リストがあれば、その判断をレビューのたびに議論し直さずに
        済みます。``deny`` を設定するまでは何も禁止しません。

    代わりに:
        チームで合意した型を使ってください(``reason`` に理由を書けます)。項目には正規の型名
        (``json``・``float``・``bytes``)、パラメーター付きの型(``varchar(255)``)、ネイティブ型名
        (``mediumblob``)、特定のデータベースだけで禁止する ``DATABASE:TYPE``(``postgres:money``)が
        書けます。
    """
    category = "types"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        entries = [_entry(item) for item in options.deny]
        if not entries:
            return
        suffix = f": {options.reason}" if options.reason else ""
        verdicts: dict[tuple[str, tuple[tuple[str, str], ...]], Denied | None] = {}
        for info in ctx.columns:
            if info.table.partition_of is not None or info.spec is None:
                continue
            column = info.column
            seen = (column.type, tuple(column.native.items())) if column.native else (column.type, ())
            if info.kind != "canonical" or seen not in verdicts:
                verdicts[seen] = _denied(entries, info, ctx.family)
            found = verdicts[seen]
            if found is not None:
                yield self.finding(
                    info.target, f"type {_shown(info)} is denied ({found.text}){suffix}"
                )
        for key, domain in ctx.schema.domains.items():
            spec, _ = ctx.base_spec(domain.type, domain.namespace)
            if spec is None:
                continue
            names = _names(spec, domain.native, ctx.family)
            hit = _match(entries, spec, names, ctx.family)
            if hit is not None:
                yield self.finding(Target("domain", key), f"type {spec} is denied ({hit.text}){suffix}")


def _shown(info: ColumnInfo) -> str:
    return info.column.type if info.kind != "domain" else f"{info.column.type} ({info.spec})"


def _denied(entries: list[Denied], info: ColumnInfo, fam: str | None) -> Denied | None:
    spec = info.spec
    assert spec is not None
    if info.kind == "domain":
        # the domain's own type is reported on the domain; here only a ban on the domain by name
        named = {info.column.type.lower().replace('"', "")}
        return next((e for e in entries if e.exact is None and e.names & named), None)
    names = _names(spec, info.column.native, fam)
    if info.kind == "enum":
        names |= {"enum", info.column.type.lower().replace('"', "")}
    return _match(entries, spec, names, fam)


def _match(entries: list[Denied], spec: TypeSpec, names: set[str], fam: str | None) -> Denied | None:
    """The first entry that denies the type (an entry for one database needs that target or
    a native type of that database)."""
    text = str(spec)
    element = str(spec.element())
    own = family(spec.dialect) if spec.kind == "native" and spec.dialect else None
    for entry in entries:
        if entry.family is not None and entry.family not in {fam, own}:
            continue
        if entry.exact is not None:
            if entry.exact in {text, element}:
                return entry
        elif entry.names & names:
            return entry
    return None
