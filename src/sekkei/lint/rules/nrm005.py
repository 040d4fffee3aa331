"""NRM005: numbered columns that repeat one attribute (phone1, phone2 …) belong in a child table."""

from __future__ import annotations

import fnmatch
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.rule import Finding, Rule, RuleOptions, Target

# the last run of digits, and what follows it if that is a separate word: phone2, tag_3_name, 電話番号1
_NUMBERED = re.compile(r"^(?P<stem>.*?)(?P<number>\d{1,2})(?P<rest>(?:[_\- ].*)?)$", re.S)
_SEPARATORS = "_- "


class Options(RuleOptions):
    min_repeats: int = Field(2, ge=2, description="How many numbered columns make a repeating group.")
    allow: list[str] = Field(
        default_factory=lambda: [
            "address", "*_address", "addressline", "*addressline", "address_line", "*_address_line",
            "line", "street", "住所", "*住所", "x", "y", "z", "lat", "lng", "lon", "latitude", "longitude",
        ],
        description="Globs of column stems (the name without its number, lower case) that are numbered "
        "by convention: address lines, coordinates.",
    )


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


class RepeatingColumnGroup(Rule):
    """Numbered columns that repeat one attribute (``phone1``, ``phone2``, ``tag_3``) belong in a child table.

    Why:
        ``phone1``, ``phone2``, ``phone3`` is a repeating group: the first
        normal form's classic violation.  The number of values is fixed by the
        schema (a fourth phone needs a migration), most rows leave most of them
        NULL, and every query has to look in all of them (``WHERE phone1 = ?
        OR phone2 = ? OR …``) — no single index helps, uniqueness across them
        cannot be declared, and the columns drift apart in type and meaning.

    Instead:
        One row per value in a child table: ``customer_phones (customer_id,
        position, phone)`` with a foreign key to the parent, or an array column
        where the database has one.  Conventional numbering such as address
        lines (``address_line1``, ``address_line2``) and coordinates (``x1``,
        ``y1``) is allowed through ``allow``.
    """

    code = "NRM005"
    name = "repeating-column-group"
    summary = "Numbered columns that repeat one attribute belong in a child table."
    summary_ja = "同じ属性を番号付きで繰り返す列(``phone1``・``phone2`` など)は子テーブルにすること。"
    doc_ja = """
    理由:
        ``phone1``・``phone2``・``phone3`` は繰り返し項目で、第一正規形の典型的な違反です。値の数がスキーマで
        固定され(4 つ目の電話番号にはマイグレーションが必要)、ほとんどの行でほとんどが NULL になり、
        どのクエリも全部の列を見なければなりません(``WHERE phone1 = ? OR phone2 = ? OR …``)。一つの
        インデックスでは足りず、列をまたいだ一意性も宣言できず、列ごとに型や意味がずれていきます。

    代わりに:
        値ごとに 1 行とする子テーブルにしてください(親への外部キーを持つ
        ``customer_phones (customer_id, position, phone)`` など)。配列型があるデータベースなら配列列も
        選べます。住所の行(``address_line1``・``address_line2``)や座標(``x1``・``y1``)のような慣習的な
        番号付けは ``allow`` で許可されています。
    """
    category = "design"
    severity = "warning"
    Options = Options

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        allowed = [_normal(a) for a in options.allow]
        allow_cache: dict[str, bool] = {}
        # numbered names, parsed once per distinct name
        named: dict[tuple[str, str], list[tuple[int, list[ColumnInfo]]]] = defaultdict(list)
        for lname, infos in ctx.columns_by_name.items():
            if not any(c.isdigit() for c in lname):
                continue
            match = _NUMBERED.match(_normal(lname))
            if match is None:
                continue
            stem = match.group("stem").rstrip(_SEPARATORS)
            if stem and stem[-1].isalpha():
                named[(stem, match.group("rest"))].append((int(match.group("number")), infos))
        # then by table, only for names whose numbers could form a run anywhere
        by_table: dict[str, dict[tuple[str, str], dict[int, str]]] = defaultdict(dict)
        for group, found in named.items():
            numbers = {number for number, _ in found}
            if len(numbers) + 1 < options.min_repeats or not numbers & {0, 1, 2}:
                continue
            for number, infos in found:
                for info in infos:
                    if info.table.partition_of is None:
                        by_table[info.key].setdefault(group, {}).setdefault(number, info.column.name)
        for key, groups in by_table.items():
            table = ctx.schema.tables[key]
            for (stem, rest), numbered in groups.items():
                if len(numbered) + 1 < options.min_repeats or not numbered.keys() & {0, 1, 2}:
                    continue  # too few, or no run can start (slug_10 alone)
                members = dict(numbered)
                if 1 not in members and 0 not in members:
                    # `phone` beside `phone2`, `phone3` is the first of the group
                    match = _NUMBERED.match(unicodedata.normalize("NFKC", next(iter(numbered.values()))))
                    base = (match.group("stem").rstrip(_SEPARATORS) + match.group("rest")) if match else ""
                    if base in table.columns:
                        members[1] = base
                run = _run_from_start(members)
                if len(run) < options.min_repeats:
                    continue
                if stem not in allow_cache:
                    allow_cache[stem] = any(fnmatch.fnmatchcase(stem, pattern) for pattern in allowed)
                if allow_cache[stem]:
                    continue
                columns = [members[n] for n in run]
                label = stem + rest if rest else stem
                yield self.finding(
                    Target("table", key),
                    f"columns {', '.join(columns)} repeat one attribute ({label})",
                    hint=f"move them to a child table with one row per value, e.g. "
                    f"{_child(table.name, stem)} (key of {table.name}, position, {stem.strip(_SEPARATORS)})",
                )


def _run_from_start(members: dict[int, str]) -> list[int]:
    """The consecutive numbers from 0 or 1 up (sha1 and sha256, or 2019 and 2020, are no group)."""
    start = 0 if 0 in members else 1
    run: list[int] = []
    number = start
    while number in members:
        run.append(number)
        number += 1
    return run


def _child(table: str, stem: str) -> str:
    """A name for the child table: customers + phone → customer_phones."""
    if not (table.isascii() and stem.isascii()):
        return f"{table}_{stem}"
    owner = table[:-1] if table.endswith("s") and not table.endswith("ss") else table
    item = stem.strip(_SEPARATORS).replace("-", "_").replace(" ", "_")
    return f"{owner}_{item}s" if not item.endswith("s") else f"{owner}_{item}"
