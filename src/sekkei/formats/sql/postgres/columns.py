"""Columns and constraints as CREATE TABLE and ALTER TABLE write them (shared by both)."""

from __future__ import annotations

from typing import Any

from sekkei.formats.sql.builder import Draft
from sekkei.formats.sql.postgres import lexer
from sekkei.formats.sql.postgres.context import Reader
from sekkei.formats.sql.postgres.nodes import (
    SERIAL_TYPES,
    Node,
    column_refs,
    def_elems,
    number,
    object_name,
    relation,
    strings,
    type_name,
)
from sekkei.model.location import Location
from sekkei.model.schema import qualified

_ACTIONS = {"r": "restrict", "c": "cascade", "n": "set null", "d": "set default"}
_MATCH = {"f": "full", "p": "partial"}
_KEY_KINDS = {"CONSTR_PRIMARY", "CONSTR_UNIQUE", "CONSTR_FOREIGN"}


def table_key(table: Draft) -> str:
    return qualified(table.get("namespace"), table["name"])


def type_text(r: Reader, node: Node, base: int) -> tuple[str, bool]:
    """(type as written, True for the serial pseudo-types) of a column's ``TypeName``."""
    names = node.get("names")
    if names and r.dialect != "cockroachdb":
        try:
            last = names[-1]["String"]["sval"]
            first = names[0]["String"]["sval"] if len(names) > 1 else ""
            mods = node.get("typmods")
            bounds = node.get("arrayBounds")
            if mods is None and bounds is None:
                key: tuple[Any, ...] = (first, last, len(names))
            else:
                key = (
                    first,
                    last,
                    len(names),
                    tuple(m["A_Const"]["ival"].get("ival", 0) for m in mods) if mods else (),
                    len(bounds) if bounds else 0,
                )
        except (KeyError, TypeError, AttributeError):
            return _type_text(r, node, base)  # a modifier that is not a number: no cache
        hit = r.type_texts.get(key)
        if hit is None:
            hit = r.type_texts[key] = _type_text(r, node, base)
        return hit
    return _type_text(r, node, base)


def _type_text(r: Reader, node: Node, base: int) -> tuple[str, bool]:
    text, bare, builtin = type_name(node, r.default_namespace)
    if not text:
        # a modifier that is not a constant, e.g. geometry(Point, 4326): keep the source
        start = base + node.get("location", 0)
        close = None
        for kind, s, _ in lexer.scan(r.data, start, len(r.data)):
            if kind == "open":
                close = lexer.group_end(r.data, s, len(r.data))
                break
        text = r.text(start, close or start) + "[]" * len(node.get("arrayBounds") or ())
        if text.startswith(f"{r.default_namespace}."):
            text = text[len(f"{r.default_namespace}.") :]
    elif r.dialect == "cockroachdb":
        text = _cockroach_type(r, node, base, text, bare, builtin)
    serial = not builtin and bare in SERIAL_TYPES and not node.get("arrayBounds")
    return text, serial


#: CockroachDB names for PostgreSQL types (its INT is 64-bit; only INT4 is 32-bit).
_COCKROACH_TYPES = {"string": "text", "bytes": "bytea", "int64": "int8", "float": "float8", "blob": "bytea"}


def _cockroach_type(r: Reader, node: Node, base: int, text: str, bare: str, builtin: bool) -> str:
    """CockroachDB's spellings in PostgreSQL's words, so the model keeps no misleading native type."""
    if builtin and bare == "int4":
        start = base + node.get("location", 0)
        written = lexer.text(r.data, start, start + 8).split("(")[0].split("[")[0].split()
        if written and written[0].lower() in {"int", "integer"}:
            return "int8" + text[4:]
        return text
    if not builtin and bare in _COCKROACH_TYPES and len(node.get("names") or ()) == 1:
        replacement = _COCKROACH_TYPES[bare]
        rest = text[len(bare) :]
        if bare == "string" and rest.startswith("("):
            replacement = "varchar"
        return replacement + rest
    return text


def add_column(r: Reader, table: Draft, node: Node, base: int, limit: int) -> Draft | None:
    """A ``ColumnDef`` added to `table` (or merged into an inherited column of the same name)."""
    name = node.get("colname", "")
    loc = r.loc(base + node.get("location", 0))
    existing = table["columns"].get(name)
    type_node = node.get("typeName")
    if existing is None and type_node is not None:
        written, serial = type_text(r, type_node, base)
        column: Draft = r.builder.add_column(table, name, written, loc)
        if serial:
            column["identity"] = {"generated": "serial"}
            column["nullable"] = False
    elif type_node is None:
        if existing is None:
            r.problem(
                f"table {table_key(table)}: column {name} is not a column of the table",
                base + node.get("location", 0),
                code="missing-column",
            )
            return None
        column = existing
    elif id(existing) in r.inherited_columns:
        # a local definition of an inherited column: PostgreSQL merges the two
        column = existing
        r.inherited_columns.discard(id(existing))
        column["loc"] = loc
    else:
        column = r.builder.add_column(table, name, type_text(r, type_node, base)[0], loc)
    collation = node.get("collClause")
    if collation:
        column["collation"] = object_name(collation.get("collname"), r.default_namespace)
    constraints = node.get("constraints")
    if constraints:
        column_constraints(
            r,
            table,
            column,
            [c["Constraint"] for c in constraints if "Constraint" in c],
            base,
            limit,
            collation,
        )
    return column


def column_constraints(
    r: Reader,
    table: Draft,
    column: Draft,
    constraints: list[Node],
    base: int,
    limit: int,
    collation: Node | None = None,
) -> None:
    """Apply a column's constraint list (NOT NULL, DEFAULT, keys, identity …)."""
    last_key: Draft | None = None
    name = column["name"]
    for c in constraints:
        kind = c.get("contype", "CONSTR_NULL")
        if kind == "CONSTR_NOTNULL":
            column["nullable"] = False
            continue
        start = base + c.get("location", 0)
        if kind == "CONSTR_NULL":
            column["nullable"] = True
        elif kind == "CONSTR_DEFAULT":
            # the expression ends where the next clause of the column begins
            bounds = sorted(base + other.get("location", 0) for other in constraints)
            if collation and collation.get("location", -1) >= 0:
                bounds = sorted([*bounds, base + collation["location"]])
            text = default_text(r, start, limit, bounds)
            value = r.default(text, column["type"]) if text else None
            if value is None:
                column.pop("default", None)
            else:
                column["default"] = value
        elif kind == "CONSTR_IDENTITY":
            column["identity"] = identity(r, c, start, f"{table_key(table)}.{name}")
            column["nullable"] = False
        elif kind == "CONSTR_GENERATED":
            group = lexer.first_group(r.data, start, limit)
            if group is not None:
                column["generated"] = {
                    "sql": lexer.text(r.data, *group),
                    "stored": c.get("generated_kind", "s") != "v",
                }
        elif kind in {"CONSTR_ATTR_DEFERRABLE", "CONSTR_ATTR_DEFERRED"}:
            if last_key is not None:
                last_key["deferrable"] = True
                if kind == "CONSTR_ATTR_DEFERRED":
                    last_key["initially_deferred"] = True
        elif kind in {"CONSTR_ATTR_NOT_DEFERRABLE", "CONSTR_ATTR_IMMEDIATE"}:
            if last_key is not None and kind == "CONSTR_ATTR_NOT_DEFERRABLE":
                last_key.pop("deferrable", None)
                last_key.pop("initially_deferred", None)
        elif kind in {"CONSTR_ATTR_ENFORCED", "CONSTR_ATTR_NOT_ENFORCED"}:
            if kind == "CONSTR_ATTR_NOT_ENFORCED":
                r.unsupported("NOT ENFORCED constraint", start)
        else:
            found = table_constraint(r, table, c, base, limit, columns=[name])
            if kind in _KEY_KINDS:
                last_key = found


def default_text(r: Reader, start: int, limit: int, bounds: list[int]) -> str | None:
    """The expression after DEFAULT, up to the next constraint of the column or its end."""
    begin = lexer.after_word(r.data, start, limit, "DEFAULT")
    if begin is None:
        return None
    stop = limit
    for bound in bounds:
        if bound > begin:
            stop = bound
            break
    stop = lexer.element_end(r.data, begin, stop)
    text = r.text(begin, stop)
    return text or None


def identity(r: Reader, c: Node, start: int, subject: str) -> Draft:
    """The identity of a ``GENERATED … AS IDENTITY`` constraint (START/INCREMENT kept)."""
    draft: Draft = {"generated": "always" if c.get("generated_when") == "a" else "by_default"}
    extra: list[str] = []
    for option, arg in def_elems(c.get("options")):
        value = number(arg)
        if option in {"start", "increment"}:
            if value not in (None, 1):
                draft[option] = value
        elif not _default_sequence_option(option, arg, value):
            extra.append(option.upper())
    if extra:
        r.notes.info(
            "identity-options",
            f"identity options {', '.join(extra)} are not kept (only START and INCREMENT are)",
            location=r.loc(start),
            subject=subject,
        )
    return draft


def _default_sequence_option(option: str, arg: Node | None, value: int | None) -> bool:
    """True for identity sequence options that say what PostgreSQL would do anyway."""
    if option in {"sequence_name", "as", "restart"}:
        return True
    if option == "cache":
        return value in (None, 1)
    if option in {"minvalue", "maxvalue"}:
        return arg is None
    if option == "cycle":
        return not value
    return False


def table_constraint(
    r: Reader, table: Draft, c: Node, base: int, limit: int, columns: list[str] | None = None
) -> Draft | None:
    """A PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK constraint; returns its draft."""
    kind = c.get("contype", "")
    start = base + c.get("location", 0)
    loc = r.loc(start)
    name = c.get("conname")
    builder = r.builder
    if c.get("skip_validation"):
        r.notes.info(
            "not-valid",
            f"constraint {name or ''} is NOT VALID: existing rows are not "
            "checked, but it is read as a constraint".replace("  ", " "),
            location=loc,
            subject=table_key(table),
        )
    if kind == "CONSTR_PRIMARY":
        keys = columns or strings(c.get("keys"))
        if not keys and c.get("indexname"):
            keys = _index_columns(r, table, str(c["indexname"]))
        builder.set_primary_key(table, keys, name, loc)
        _not_modelled_key_options(r, c, start)
        return table.get("primary_key")
    if kind == "CONSTR_UNIQUE":
        keys = columns or strings(c.get("keys"))
        if not keys and c.get("indexname"):
            keys = _index_columns(r, table, str(c["indexname"]))
        builder.add_unique(
            table,
            keys,
            name,
            loc,
            nulls_distinct=False if c.get("nulls_not_distinct") else None,
            deferrable=True if c.get("deferrable") else None,
            initially_deferred=True if c.get("initdeferred") else None,
        )
        _not_modelled_key_options(r, c, start)
        return table["uniques"][-1]  # type: ignore[no-any-return]
    if kind == "CONSTR_FOREIGN":
        return foreign_key(r, table, c, loc, start, columns)
    if kind == "CONSTR_CHECK":
        group = lexer.first_group(r.data, start, limit)
        if group is None:
            return None
        builder.add_check(
            table, lexer.text(r.data, *group), name, loc, expression_columns=column_refs(c.get("raw_expr"))
        )
        if c.get("is_no_inherit"):
            r.unsupported("CHECK … NO INHERIT", start)
        return table["checks"][-1]  # type: ignore[no-any-return]
    if kind == "CONSTR_EXCLUSION":
        r.unsupported("EXCLUDE constraint", start)
        return None
    if kind == "CONSTR_NOTNULL":
        for key in strings(c.get("keys")):
            column = table["columns"].get(key)
            if column is not None:
                column["nullable"] = False
        return None
    r.unsupported(f"constraint {kind.removeprefix('CONSTR_')}", start)
    return None


def foreign_key(
    r: Reader, table: Draft, c: Node, loc: Location, start: int, columns: list[str] | None
) -> Draft:
    schema, target = relation(c.get("pktable"))
    key = r.reference(r.builder.tables, schema, target)
    fields: dict[str, Any] = {}
    for field, value in (
        ("name", c.get("conname")),
        ("on_delete", _ACTIONS.get(c.get("fk_del_action", "a"))),
        ("on_update", _ACTIONS.get(c.get("fk_upd_action", "a"))),
        ("deferrable", c.get("deferrable")),
        ("initially_deferred", c.get("initdeferred")),
        ("match", _MATCH.get(c.get("fk_matchtype", "s"))),
    ):
        if value:
            fields[field] = value
    if c.get("fk_del_set_cols"):
        r.unsupported("ON DELETE SET NULL/DEFAULT (columns)", start)
    r.builder.add_foreign_key(
        table, columns or strings(c.get("fk_attrs")), None, key, strings(c.get("pk_attrs")), loc, **fields
    )
    return table["foreign_keys"][-1]  # type: ignore[no-any-return]


def _not_modelled_key_options(r: Reader, c: Node, start: int) -> None:
    if c.get("including"):
        r.unsupported("INCLUDE columns of a key constraint", start)
    if c.get("without_overlaps"):
        r.unsupported("WITHOUT OVERLAPS", start)


def _index_columns(r: Reader, table: Draft, index_name: str) -> list[str]:
    """``… USING INDEX name``: the index becomes the constraint, so it leaves `indexes`."""
    for index in list(table.get("indexes", [])):
        if index.get("name") == index_name:
            table["indexes"].remove(index)
            return [part if isinstance(part, str) else part.get("column") or "" for part in index["columns"]]
    return []
