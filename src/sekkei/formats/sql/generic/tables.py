"""CREATE TABLE: the head and options from tokens, the body validated by sqlglot element by element."""

from __future__ import annotations

import copy
import re
from typing import Any

from sqlglot import exp
from sqlglot.tokenizer_core import TokenType

from sekkei.formats.sql.builder import Draft
from sekkei.formats.sql.generic.columns import Column, expression_end, read_column, type_end
from sekkei.formats.sql.generic.constraints import CONSTRAINT_WORDS, Constraint, read_constraint
from sekkei.formats.sql.generic.context import Statement, StatementError
from sekkei.formats.sql.generic.mysql_tables import BINARY_MARK, string_type
from sekkei.formats.sql.generic.options import read_table_options
from sekkei.formats.sql.generic.prepare import hidden_ranges
from sekkei.formats.sql.generic.tokens import Span, Tokens, blank
from sekkei.model.schema import SqlExpr, qualified

_CONSTRAINT_NODES = (exp.PrimaryKey, exp.UniqueColumnConstraint, exp.ForeignKey,
                     exp.CheckColumnConstraint, exp.IndexColumnConstraint, exp.Constraint,
                     exp.PrimaryKeyColumnConstraint)
_TABLE_HEAD = "CREATE TABLE _"


def create_table(stmt: Statement) -> None:
    """``CREATE [modifiers] TABLE [IF NOT EXISTS] name (body) [options]``, and the LIKE/AS forms."""
    toks = stmt.tokens
    at = _keyword_index(stmt, "TABLE")
    replace = toks.find(Span(0, at), "OR", "REPLACE") is not None
    i = at + 1
    if_not_exists = toks.seq(i, "IF", "NOT", "EXISTS")
    if if_not_exists:
        i += 3
    loc = stmt.loc_of(i)  # a table is where its name is
    namespace, name, i = stmt.qualified(i)
    builder = stmt.builder
    key = builder.key(namespace, name)
    if stmt.rules.family == "sqlite" and name.lower().startswith("sqlite_"):
        # SQLite's own tables (sqlite_sequence, sqlite_stat1) appear in `.schema` output
        stmt.info("internal-table", f"table {name} belongs to SQLite itself; not part of the design",
                  toks.start(at))
        return
    if toks.kw(i) == "LIKE" or (toks.kind(i) == TokenType.L_PAREN and toks.kw(i + 1) == "LIKE"):
        j = i + 1 if toks.kw(i) == "LIKE" else i + 2
        _create_like(stmt, namespace, name, j, loc)
        return
    i, comment = _before_body(stmt, i)
    if toks.kind(i) != TokenType.L_PAREN:
        found = toks.until(i, len(toks), {"AS", "CLONE", "COPY"})
        if found < len(toks) or i >= len(toks):
            stmt.warn("table-not-read", f"CREATE TABLE {key} without a column list "
                      f"({toks.kw(found) or 'no body'}): its columns are not known, the table is left out",
                      stmt.tokens.start(at))
            return
        raise StatementError(f"expected the column list of table {key} in parentheses",
                             toks.start(min(i, len(toks) - 1)))
    close = toks.close(i)
    if close is None:
        raise StatementError(f"the column list of table {key} is not closed", toks.start(i))
    if key in builder.tables and if_not_exists:
        stmt.info("table-exists", f"CREATE TABLE IF NOT EXISTS {key}: the table exists already, "
                  "this definition changes nothing", toks.start(at))
        return
    if key in builder.tables and not replace:
        builder.add_table(namespace, name, loc)  # reports the second definition
        return
    draft = builder.add_table(namespace, name, loc, replace=True)
    if comment is not None:
        draft["comment"] = comment
    kind = _table_kind(stmt, at)
    if kind:
        draft.setdefault("options", {}).setdefault(stmt.rules.name, {})["kind"] = kind
    read_body(stmt, draft, i, close)
    read_table_options(stmt, draft, close + 1, len(toks))


def _table_kind(stmt: Statement, at: int) -> str | None:
    """Oracle/Db2 ``GLOBAL TEMPORARY`` and Snowflake ``TRANSIENT`` tables are kept, and say so."""
    words = {stmt.tokens.kw(i) for i in range(at)}
    if "GLOBAL" in words and words & {"TEMPORARY", "TEMP"}:
        return "global temporary"
    if "TRANSIENT" in words:
        return "transient"
    return None


def _before_body(stmt: Statement, i: int) -> tuple[int, str | None]:
    """Snowflake allows ``IF NOT EXISTS``, ``COMMENT = ''`` and ``CLUSTER BY …`` before the columns."""
    toks = stmt.tokens
    comment: str | None = None
    while i < len(toks) and toks.kind(i) != TokenType.L_PAREN:
        if toks.seq(i, "IF", "NOT", "EXISTS"):
            i += 3
        elif toks.kw(i) == "COMMENT":
            j = i + 2 if toks.kind(i + 1) == TokenType.EQ else i + 1
            if not toks.is_string(j):
                break
            comment, i = toks.value(j), j + 1
        elif toks.seq(i, "CLUSTER", "BY"):
            i += 2
            if toks.kw(i) == "LINEAR":
                i += 1
            i = toks.skip(i)
        else:
            break
    return i, comment


def _keyword_index(stmt: Statement, word: str) -> int:
    toks = stmt.tokens
    for i in range(len(toks)):
        if toks.kw(i) == word:
            return i
    raise StatementError(f"expected {word}", 0)


def _create_like(stmt: Statement, namespace: str | None, name: str, i: int, loc: Any) -> None:
    """``CREATE TABLE a LIKE b``: a copy of b's columns, keys and indexes (not its foreign keys)."""
    builder = stmt.builder
    src_ns, src_name, _ = stmt.qualified(i)
    source = builder.table(src_ns, src_name, stmt.loc_of(i), what="CREATE TABLE … LIKE")
    if source is None:
        return
    draft = builder.add_table(namespace, name, loc)
    for field_name in ("columns", "primary_key", "uniques", "checks", "indexes", "charset",
                       "collation", "options", "comment"):
        if field_name in source:
            draft[field_name] = copy.deepcopy(source[field_name])


def read_body(stmt: Statement, draft: Draft, open_index: int, close_index: int) -> None:
    """Columns and constraints between the parentheses at `open_index` and `close_index`."""
    toks = stmt.tokens
    body = Span(open_index + 1, close_index)
    lenient = stmt.rules.family in {"mssql", "bigquery", "snowflake"}  # they accept "(a int,)"
    for comma in toks.empty_parts(body, trailing_allowed=lenient):
        stmt.problem(f"table {_key(draft)}: a comma with no column or constraint before it",
                     toks.start(comma), hint="remove the extra comma")
    elements = toks.split(body, angles=stmt.rules.name == "bigquery")
    kinds = _element_kinds(stmt, elements, open_index, close_index)
    for element, kind in zip(elements, kinds, strict=True):
        if kind is None:
            continue
        try:
            if kind == "column":
                apply_column(stmt, draft, read_column(stmt, element))
            elif kind == "constraint":
                apply_constraint(stmt, draft, read_constraint(stmt, element))
            else:
                stmt.info("element-skipped", f"table {_key(draft)}: {kind} is not kept",
                          toks.start(element.first))
        except StatementError as error:
            stmt.problem(error.message, error.offset, hint=error.hint)


def _element_kinds(stmt: Statement, elements: list[Span], open_index: int,
                   close_index: int) -> list[str | None]:
    """What each element is, as sqlglot parsed it (None: it did not parse and was reported)."""
    toks = stmt.tokens
    prepared = stmt.prepared
    body_start = toks.start(open_index)
    ranges: list[tuple[int, int]] = []
    others: dict[int, str] = {}
    for number, element in enumerate(elements):
        label = _NOT_DESIGN.get(toks.kw(element.first) or "")
        if label is not None:
            others[number] = label  # hidden with the comma before it (or after it, if first)
            comma = element.first - 1 if toks.kind(element.first - 1) == TokenType.COMMA else element.stop
            ranges.append((toks.start(min(comma, element.first)), toks.end(max(comma, element.stop - 1))))
            continue
        ranges.extend(hidden_ranges(toks, element, stmt.rules.family))
    text = blank(prepared[:toks.end(close_index)], ranges)
    synthetic = _TABLE_HEAD.ljust(body_start) + text[body_start:]
    parsed = [e for number, e in enumerate(elements) if number not in others]
    try:
        tree = stmt.parse(synthetic)
        nodes = tree.this.expressions if isinstance(tree, exp.Create) and \
            isinstance(tree.this, exp.Schema) else None
    except StatementError:
        nodes = None
    kinds: list[str | None]
    if nodes is not None and len(nodes) == len(parsed):
        kinds = [_kind_of(stmt, node, element) for node, element in zip(nodes, parsed, strict=True)]
    else:
        kinds = [element_kind(stmt, element, text) for element in parsed]
    found = iter(kinds)
    return [others[number] if number in others else next(found) for number in range(len(elements))]


#: Table elements that are no part of a design (kept out of sqlglot's way, noted).
_NOT_DESIGN = {"SUPPLEMENTAL": "supplemental logging (SUPPLEMENTAL LOG …)",
               "PERIOD": "a period definition (PERIOD FOR …)"}


def element_kind(stmt: Statement, element: Span, text: str | None = None) -> str | None:
    """Parse one element alone (to find which one is wrong); None once reported."""
    toks = stmt.tokens
    source = stmt.prepared if text is None else text
    start = toks.start(element.first)
    end = toks.end(element.stop - 1)
    ranges = hidden_ranges(toks, element, stmt.rules.family)
    body = blank(source, ranges)[start:end]
    synthetic = "CREATE TABLE _(".ljust(start) + body + ")"
    tree: exp.Expr | None
    try:
        tree = stmt.parse(synthetic)
    except StatementError as error:
        tree = _parse_neutral(stmt, element, synthetic)
        if tree is None:
            stmt.problem(error.message, error.offset, hint=error.hint, code="syntax")
            return None
        stmt.warn("not-checked", f"sqlglot does not know a type or expression here ({error.message}); "
                  "it is kept as written without being checked", error.offset)
    nodes = tree.this.expressions if isinstance(tree, exp.Create) and \
        isinstance(tree.this, exp.Schema) else None
    if not nodes:
        stmt.problem("sqlglot could not read this table element", start, code="syntax")
        return None
    return _kind_of(stmt, nodes[0], element)


def _parse_neutral(stmt: Statement, element: Span, synthetic: str) -> exp.Expr | None:
    """Parse the element with its type and expressions replaced by neutral ones.

    Databases accept types and functions sqlglot does not know (``POINT SRID
    0``, ``JSON_VALUE(… RETURNING …)``); if the element parses once those are
    out of the way, its structure is sound and their text is kept as written.
    """
    toks = stmt.tokens
    subs: list[tuple[int, int, str]] = []
    first, stop = element.first, element.stop
    if toks.kw(first) not in CONSTRAINT_WORDS:
        end = type_end(toks, first + 1, stop)
        if end > first + 1 and toks.end(end - 1) - toks.start(first + 1) >= 3:
            subs.append((toks.start(first + 1), toks.end(end - 1), "INT"))
    i = first
    while i < stop:
        word = toks.kw(i)
        if word == "DEFAULT" and i + 1 < stop and toks.kw(i - 1) != "BY":
            end = expression_end(toks, i + 1, stop)
            if _broken(toks, Span(i + 1, end)):
                return None
            subs.append((toks.start(i + 1), toks.end(end - 1), "0"))
            i = end
            continue
        if word in {"CHECK", "AS"} and toks.kind(i + 1) == TokenType.L_PAREN:
            group = toks.group(i + 1)
            if not group or _broken(toks, group):
                return None
            subs.append((toks.start(group.first), toks.end(group.stop - 1), "1"))
        i = toks.skip(i)
    if not subs:
        return None
    chars = list(synthetic)
    for start, end, text in subs:
        chars[start:end] = list(text.ljust(end - start))
    try:
        return stmt.parse("".join(chars))
    except StatementError:
        return None


_OPERATORS = frozenset({
    TokenType.PLUS, TokenType.DASH, TokenType.STAR, TokenType.SLASH, TokenType.LT, TokenType.GT,
    TokenType.EQ, TokenType.NEQ, TokenType.LTE, TokenType.GTE, TokenType.COMMA, TokenType.DOT,
    TokenType.AND, TokenType.OR, TokenType.NOT, TokenType.MOD, TokenType.DPIPE, TokenType.CARET,
})


def _broken(toks: Tokens, span: Span) -> bool:
    """An expression that is plainly cut short (``x >``, ``a AND``): an error, not an unknown word."""
    return not span or toks.kind(span.stop - 1) in _OPERATORS or toks.kind(span.first) in (
        _OPERATORS - {TokenType.DASH, TokenType.PLUS, TokenType.NOT, TokenType.STAR})


def _kind_of(stmt: Statement, node: exp.Expr, element: Span) -> str:
    word = stmt.tokens.kw(element.first)
    if word in {"CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK"}:
        return "constraint"  # reserved everywhere: never a column name unless quoted
    if (stmt.rules.is_mysql and word in {"KEY", "INDEX", "FULLTEXT", "SPATIAL"}) or \
            (stmt.rules.family == "mssql" and word == "INDEX"):
        return "constraint"  # an inline index (elsewhere `key` may well name a column)
    if isinstance(node, (exp.ColumnDef, exp.Identifier, exp.Column)):
        return "column"  # a bare name is a column without a type (SQLite)
    if isinstance(node, _CONSTRAINT_NODES):
        return "constraint"
    return " ".join(stmt.tokens.slice(element.first, min(element.stop, element.first + 3)).split())


# -- applying what was read -------------------------------------------------------


def _key(draft: Draft) -> str:
    return qualified(draft.get("namespace"), draft["name"])


def apply_column(stmt: Statement, draft: Draft, col: Column, *, replace: str | None = None,
                 position: int | None = None) -> None:
    """Add `col` to the table draft, at `position`, or in place of column `replace`."""
    builder = stmt.builder
    native = col.type_text
    if not native:
        native = _missing_type(stmt, draft, col)
    charset = col.charset
    binary = False
    if stmt.rules.is_mysql:
        native, implied, binary = string_type(native)
        binary = binary or col.binary
        charset = charset or implied
    columns: dict[str, Any] = draft["columns"]
    if replace is not None and replace in columns:
        position = list(columns).index(replace)
        del columns[replace]
    fields: dict[str, Any] = {
        "nullable": False if col.nullable is False else None,
        "comment": col.comment,
        "collation": col.collation,
        "charset": charset,
        BINARY_MARK: binary or None,
    }
    identity = col.identity
    if col.autoincrement:
        identity = {"generated": "by_default"}
    if identity is not None:
        fields["identity"] = identity
    if col.generated is not None:
        fields["generated"] = {"sql": col.generated[0].strip(), "stored": col.generated[1]}
    if col.on_update is not None and col.on_update.strip():
        fields["on_update"] = SqlExpr(sql=col.on_update)
    draft_column = builder.add_column(draft, col.name, native, stmt.loc(col.offset), **fields)
    if position is not None:
        move_column(draft, col.name, position)
    if col.default is not None:
        value = builder.default(col.default, draft_column["type"])
        if value is not None:
            draft_column["default"] = value
        if col.default_name:
            stmt.reader.default_constraints[(_key(draft), col.default_name)] = col.name
    loc = stmt.loc(col.offset)
    if col.primary_key:
        builder.set_primary_key(draft, [col.name], col.primary_key_name, loc)
        if col.clustered is False:
            draft.setdefault("options", {}).setdefault("mssql", {})["primary_key"] = "nonclustered"
    for name in col.uniques:
        builder.add_unique(draft, [col.name], name, loc)
    for name, sql, offset in col.checks:
        builder.add_check(draft, sql, name, stmt.loc(offset), expression_columns=[col.name])
    for name, ref, offset in col.references:
        if stmt.rules.name == "mysql":
            stmt.info("inline-reference-ignored",
                      f"table {_key(draft)} column {col.name}: MySQL ignores a REFERENCES clause "
                      "written on a column, so no foreign key is created (MariaDB 10.5+ creates one: "
                      "read the file as mariadb if it is meant for MariaDB)", offset)
            continue
        builder.add_foreign_key(draft, [col.name], ref.namespace, ref.table, ref.columns,
                                stmt.loc(offset), name=name, **_actions(stmt, ref.fields))


def _missing_type(stmt: Statement, draft: Draft, col: Column) -> str:
    """A type for a column written without one (SQLite, SQL Server computed columns)."""
    if stmt.rules.family == "sqlite":
        return "ANY"  # no declared type: SQLite's "any" affinity
    if col.generated is not None and stmt.rules.family == "mssql":
        stmt.info("computed-type", f"table {_key(draft)} column {col.name}: a computed column takes "
                  "the type of its expression; recorded as sql_variant", col.offset)
        return "sql_variant"
    raise StatementError(f"column {col.name} has no type", col.offset)


def move_column(draft: Draft, name: str, position: int) -> None:
    """Put column `name` at `position` (0 is first), keeping the order of the others."""
    columns: dict[str, Any] = draft["columns"]
    names = [n for n in columns if n != name]
    names.insert(max(0, min(position, len(names))), name)
    reordered = {n: columns[n] for n in names}
    columns.clear()
    columns.update(reordered)


def apply_constraint(stmt: Statement, draft: Draft, con: Constraint) -> None:
    """Add a table-level constraint or index to the table draft."""
    builder = stmt.builder
    loc = stmt.loc(con.offset)
    mysql = stmt.rules.is_mysql
    if con.kind == "primary_key":
        for part in con.parts:
            if isinstance(part, dict) and part.pop("_autoincrement", False):
                column = draft["columns"].get(part.get("column") or "")
                if column is not None:
                    column["identity"] = {"generated": "by_default"}
        builder.set_primary_key(draft, con.columns, con.name, loc)
        prefixes = [
            f"{part.get('column')}({part['length']})"
            for part in con.parts
            if isinstance(part, dict) and part.get("length") is not None
        ]
        if prefixes:
            # the model's primary key is a list of whole columns; say so rather than lose it quietly
            builder.notes.warning(
                "prefix-length-dropped",
                f"table {draft['name']}: the primary key's prefix lengths ({', '.join(prefixes)}) are "
                "not kept (a primary key in the model is on whole columns)",
                location=loc,
                hint="key on a short varchar column (or a hash of the text) instead of a text prefix",
            )
        if con.clustered is False:
            draft.setdefault("options", {}).setdefault("mssql", {})["primary_key"] = "nonclustered"
    elif con.kind == "unique" and (not mysql or con.simple) and not con.where and not con.include:
        builder.add_unique(draft, con.columns, con.name, loc)
    elif con.kind in {"unique", "index"}:
        index: Draft = {"columns": con.parts, "loc": loc}
        if con.name:
            index["name"] = con.name
        if con.unique or con.kind == "unique":
            index["unique"] = True
        if con.method:
            index["method"] = con.method
        if con.index_kind:
            index["kind"] = con.index_kind
        if con.include:
            index["include"] = con.include
        if con.where:
            index["where"] = con.where.strip()
        if con.clustered:
            index["options"] = {"clustered": "true"}
        builder.add_index(draft, index)
    elif con.kind == "foreign_key":
        ref = con.reference
        assert ref is not None
        name = con.name
        builder.add_foreign_key(draft, con.columns, ref.namespace, ref.table, ref.columns, loc,
                                name=name, **_actions(stmt, ref.fields))
    elif con.kind == "check":
        assert con.sql is not None
        builder.add_check(draft, con.sql, con.name, loc, expression_columns=_mentioned(con.sql, draft))


def _actions(stmt: Statement, fields: dict[str, Any]) -> dict[str, Any]:
    """In MySQL and MariaDB, RESTRICT is NO ACTION by another name (and the catalog says so)."""
    if not stmt.rules.is_mysql:
        return fields
    return {k: (None if k in {"on_delete", "on_update"} and v == "restrict" else v)
            for k, v in fields.items()}


def _mentioned(sql: str, draft: Draft) -> list[str]:
    """The table's columns a condition names, in the order it first names them."""
    found: list[tuple[int, str]] = []
    for column in draft["columns"]:
        match = re.search(r"(?<![\w$])" + re.escape(column) + r"(?![\w$])", sql, re.I)
        if match:
            found.append((match.start(), column))
    return [column for _, column in sorted(found)]
