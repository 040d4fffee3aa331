"""NRM006: columns of the same name (the same logical value) have the same type in every table."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from pydantic import Field

from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.fixes import set_column
from sekkei.lint.rule import Finding, Fix, Rule, RuleOptions
from sekkei.model.schema import ForeignKey
from sekkei.model.types import TypeSpec

_INTEGER_RANK = {"tinyint": 1, "smallint": 2, "mediumint": 3, "integer": 4, "bigint": 5}


class Options(RuleOptions):
    ignore: list[str] = Field(
        default_factory=lambda: [
            "id", "name", "code", "type", "kind", "category", "status", "state", "value", "description",
            "title", "label", "comment", "comments", "note", "notes", "key", "data", "content", "body",
            "text", "position", "sort_order", "version", "level", "priority", "score", "rating", "reason",
            "source", "error", "message", "result", "details", "metadata", "options", "settings", "flags",
            "mode", "format", "token", "hash", "size", "duration",
        ],
        description="Column names (case-insensitive) that mean different things in different tables.",
    )


# the fractional-second precision a time type has when none is written, per dialect family
_DEFAULT_PRECISION = {"postgres": 6, "oracle": 6, "mssql": 7, "mysql": 0}
_TIMES = frozenset({"time", "timetz", "timestamp", "timestamptz"})
_AFFINITY = {"integer": "integer", "string": "text", "float": "real", "binary": "blob"}


def _key(spec: TypeSpec, family: str | None) -> str:
    """How a type compares: ``timestamp(6)`` is ``timestamp`` in PostgreSQL, ``varchar`` is ``text``.

    SQLite stores by affinity only: every integer type is one 64-bit integer and
    lengths are ignored, so only the affinity counts there.
    """
    if family == "sqlite" and spec.kind == "canonical" and not spec.dims:
        return _AFFINITY.get(spec.family, str(spec))
    if spec.kind == "canonical" and not spec.dims:
        if spec.base in _TIMES and spec.args and spec.args[0] == _DEFAULT_PRECISION.get(family or ""):
            return spec.base
        if spec.base == "varchar" and not spec.args and family == "postgres":
            return "text"
    return str(spec)


def _widens(old: TypeSpec, new: TypeSpec) -> bool:
    """True if every value of `old` fits `new` unchanged (a safe automatic change)."""
    if old.kind != "canonical" or new.kind != "canonical" or old.dims != new.dims:
        return False
    if old.base in _INTEGER_RANK and new.base in _INTEGER_RANK:
        return old.unsigned == new.unsigned and _INTEGER_RANK[new.base] > _INTEGER_RANK[old.base]
    if old.base == "varchar" and new.base in {"varchar", "text"}:
        return new.base == "text" or (new.length or 0) > (old.length or 0) > 0
    if old.base == "numeric" and new.base == "numeric" and len(old.args) == 2 and len(new.args) == 2:
        (p1, s1), (p2, s2) = old.args, new.args
        if all(isinstance(v, int) for v in (p1, s1, p2, s2)):
            assert isinstance(p1, int) and isinstance(s1, int) and isinstance(p2, int) and isinstance(s2, int)
            return p2 - s2 >= p1 - s1 and s2 >= s1 and (p2, s2) != (p1, s1)
    return False


def _width(group: list[ColumnInfo]) -> tuple[int, int]:
    """How wide a type is, to break ties towards the wider type (so fixes only widen)."""
    spec = group[0].spec if group else None
    if spec is None:
        return (0, 0)
    if spec.base in _INTEGER_RANK:
        return (1, _INTEGER_RANK[spec.base])
    if spec.base == "text":
        return (1, 1 << 30)
    return (1, spec.length or 0) if spec.length is not None else (0, 0)


class InconsistentColumnType(Rule):
    """Columns of the same name (the same logical value) have the same type in every table.

    Why:
        ``user_id bigint`` in ``orders`` but ``integer`` in ``reviews`` is one
        value stored two ways: joins compare across types (the database may not
        use an index), the narrow copy overflows first, and ``email
        varchar(255)`` in one table but ``varchar(100)`` in another means some
        addresses fit in one place and not the other.  Copies without a foreign
        key are where this drifts unnoticed (KEY011 checks foreign keys against
        the columns they reference).

    Instead:
        Give every copy the type of the value's source: the table whose primary
        key it is (``customers.customer_id``), else the column a foreign key of
        that name references, else the type most tables use.  ``sekkei lint
        --fix`` widens a narrower copy when the source is known and the change
        is safe (``integer`` to ``bigint``, ``varchar(100)`` to ``varchar(255)``).
        Names that mean different things in different tables (``name``,
        ``status``) are in ``ignore``.
    """

    code = "NRM006"
    name = "inconsistent-column-type"
    summary = "Columns of the same name have the same type in every table."
    summary_ja = "同じ名前の列(同じ意味の値)の型が、どのテーブルでも同じであること。"
    doc_ja = """
    理由:
        ``orders`` では ``user_id bigint``、``reviews`` では ``integer`` というのは、一つの値を二通りに
        持つことです。結合で型をまたいだ比較が起き(インデックスが使われないことがあります)、狭い方が
        先に桁あふれします。``email`` があるテーブルでは ``varchar(255)``、別のテーブルでは
        ``varchar(100)`` なら、ある場所には入るアドレスが別の場所には入りません。外部キーのない写しほど
        気づかれずにずれていきます(外部キーと参照先の型は KEY011 が検査します)。

    代わりに:
        写しには値の元の型を使ってください。その値を主キーとするテーブル(``customers.customer_id``)、
        なければ同名の外部キーが参照する列、それもなければ多くのテーブルが使う型です。
        ``sekkei lint --fix`` は、元が分かっていて安全な場合(``integer`` から ``bigint``、
        ``varchar(100)`` から ``varchar(255)``)に狭い方を広げます。テーブルごとに意味が違う名前
        (``name``・``status`` など)は ``ignore`` にあります。
    """
    category = "design"
    severity = "warning"
    Options = Options
    fixable = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, Options)
        ignored = {name.lower() for name in options.ignore}
        view = _Keys(ctx)
        for lname, infos in ctx.columns_by_name.items():
            if lname in ignored or len(infos) < 2:
                continue
            yield from self._group(view, lname, infos)

    def _group(self, view: _Keys, lname: str, infos: list[ColumnInfo]) -> Iterator[Finding]:
        # the context resolves each type string once, so columns of one type share one spec object:
        # group by that identity (cheap), then compare the types of the groups exactly
        by_spec: dict[int, list[ColumnInfo]] = {}
        for info in infos:
            if info.spec is not None:
                by_spec.setdefault(id(info.spec), []).append(info)
        if len(by_spec) < 2:
            return
        counts: Counter[str] = Counter()
        members: dict[str, list[ColumnInfo]] = {}
        text_of: dict[int, str] = {}
        for spec_id, group in by_spec.items():
            text = text_of[spec_id] = view.type_of(group[0])
            kept = [i for i in group if i.key not in view.partitions] if view.partitions else group
            counts[text] += len(kept)
            members.setdefault(text, []).extend(kept)
        counts = +counts  # partitions only: not a type of the design
        if len(counts) < 2:
            return
        total = sum(counts.values())
        source, where = view.source(lname, members)
        if source is not None:
            reference = view.type_of(source)
        else:
            # the type most tables use; a tie goes to the wider type (so a fix would only widen)
            reference = max(counts, key=lambda text: (counts[text], _width(members[text])))
            if counts[reference] * 2 < total:
                return  # no type has half of them: the name means different things in different tables
            others = members[reference]
            shown = ", ".join(i.key for i in others[:3]) + (", …" if len(others) > 3 else "")
            where = f"{len(others)} other table{'s' if len(others) > 1 else ''} ({shown})"
        model = source or members[reference][0]
        for info in infos:
            found = text_of.get(id(info.spec))
            if found is None or found == reference or info.key in view.partitions:
                continue
            if (info.key, info.column.name) in view.in_foreign_key:
                continue  # foreign key columns are checked against their targets by KEY011
            assert info.spec is not None and model.spec is not None
            fix = None
            if source is not None and _widens(info.spec, model.spec):
                fix = Fix(
                    f"change {info.key}.{info.column.name} to {model.column.type}",
                    set_column(info.key, info.column.name, type=model.column.type, native={}),
                )
            used = f"the type of {where}" if source is not None else f"used for {info.column.name} in {where}"
            yield self.finding(
                info.target,
                f"type {info.spec} differs from {reference}, {used}",
                hint=f"change it to {reference}",
                fix=fix,
            )


class _Keys:
    """Keys of the schema worked out once per run: who defines a value, who references it."""

    def __init__(self, ctx: LintContext) -> None:
        self.ctx = ctx
        self.family = ctx.family
        self._types: dict[str, str] = {}
        self.partitions = {key for key, table in ctx.schema.tables.items() if table.partition_of is not None}
        self.in_foreign_key: set[tuple[str, str]] = set()
        # single-column primary keys and foreign keys, by lower-case column name
        self.own_keys: dict[str, list[str]] = defaultdict(list)
        self.single_fks: dict[str, list[ForeignKey]] = defaultdict(list)
        for key, table in ctx.schema.tables.items():
            if table.primary_key is not None and len(table.primary_key.columns) == 1:
                self.own_keys[table.primary_key.columns[0].lower()].append(key)
            for fk in table.foreign_keys:
                self.in_foreign_key.update((key, c) for c in fk.columns)
                if len(fk.columns) == 1:
                    self.single_fks[fk.columns[0].lower()].append(fk)

    def type_of(self, info: ColumnInfo) -> str:
        """The type as compared, worked out once per type string (canonical types mean the same anywhere)."""
        text = info.column.type
        found = self._types.get(text) if info.kind == "canonical" else None
        if found is None:
            assert info.spec is not None
            found = _key(info.spec, self.family)
            if info.kind == "canonical":
                self._types[text] = found
        return found

    def source(self, lname: str, members: dict[str, list[ColumnInfo]]) -> tuple[ColumnInfo | None, str]:
        """Where the value comes from, if that is known for certain, and how to name it."""
        ctx, type_of = self.ctx, self.type_of
        # the table that defines the value has it as its own primary key (customers.customer_id)
        keys = set(self.own_keys.get(lname, ()))
        definers = [
            i
            for group in members.values()
            for i in group
            if i.key in keys and (i.key, i.column.name) not in self.in_foreign_key
        ] if keys else []
        if len({type_of(i) for i in definers}) > 1:
            # several tables have it as their primary key (1:1 side tables): the referenced one defines it
            referenced = [i for i in definers if ctx.incoming.get(i.key)]
            definers = referenced if len({type_of(i) for i in referenced}) == 1 else []
        if definers:
            return definers[0], f"the primary key {definers[0].key}.{definers[0].column.name}"
        # else what foreign keys of that name reference (orders.user_id -> users.id)
        targets: dict[str, ColumnInfo] = {}
        for fk in self.single_fks.get(lname, ()):
            target = ctx.referenced_table(fk)
            columns = ctx.referenced_columns(fk)
            found = ctx.column_info(target.key, columns[0]) if target is not None and columns else None
            if found is not None and found.spec is not None:
                targets.setdefault(type_of(found), found)
        if len(targets) == 1:
            found = next(iter(targets.values()))
            return found, f"{found.key}.{found.column.name}, which foreign keys of that name reference"
        return None, ""
