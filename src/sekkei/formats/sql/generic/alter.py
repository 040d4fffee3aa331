"""ALTER TABLE: each action (ADD, DROP, MODIFY, CHANGE, ALTER COLUMN, RENAME …) applied to the draft."""

from __future__ import annotations

from sqlglot.tokenizer_core import TokenType

from sekkei.formats.sql.builder import Draft
from sekkei.formats.sql.generic.columns import expression_end, read_column, type_text
from sekkei.formats.sql.generic.constraints import CONSTRAINT_WORDS, read_constraint
from sekkei.formats.sql.generic.context import Statement, StatementError
from sekkei.formats.sql.generic.edits import (
    drop_column,
    drop_named,
    rename_column,
    rename_named,
    rename_table,
    table_key,
)
from sekkei.formats.sql.generic.options import read_table_options
from sekkei.formats.sql.generic.tables import (
    apply_column,
    apply_constraint,
    element_kind,
    move_column,
)
from sekkei.formats.sql.generic.tokens import Span

_OPTION_WORDS = frozenset({"ENGINE", "COMMENT", "DEFAULT", "CHARSET", "CHARACTER", "COLLATE",
                           "AUTO_INCREMENT", "ROW_FORMAT", "TYPE", "AVG_ROW_LENGTH", "CHECKSUM",
                           "COMPRESSION", "KEY_BLOCK_SIZE", "MAX_ROWS", "MIN_ROWS", "PACK_KEYS",
                           "STATS_PERSISTENT", "TABLESPACE", "ENCRYPTION", "CLUSTER", "OPTIONS"})
#: Actions that change nothing a design records.
_NO_OPS = frozenset({"ENABLE", "DISABLE", "LOCK", "ALGORITHM", "FORCE", "ORDER", "DISCARD",
                     "IMPORT", "NOCHECK", "VALIDATE", "COALESCE", "REORGANIZE", "EXCHANGE",
                     "ANALYZE", "OPTIMIZE", "REBUILD", "REPAIR", "TRUNCATE", "REMOVE", "UPGRADE",
                     "SWITCH", "SET", "UNSET", "SWAP", "SUSPEND", "RESUME", "RECLUSTER",
                     "MOVE", "SHRINK", "ALLOCATE", "DEALLOCATE", "PARALLEL", "NOPARALLEL",
                     "LOGGING", "NOLOGGING", "CACHE", "NOCACHE", "PCTFREE", "STORAGE",
                     "WAIT", "NOWAIT", "ONLINE", "OWNER", "INHERIT", "NO", "REPLICA", "ATTACH",
                     "DETACH", "PARTITION", "IGNORE", "WITH", "CHECK", "AUDIT", "MONITORING",
                     "COMPRESS", "NOCOMPRESS", "SECONDARY_LOAD", "SECONDARY_UNLOAD",
                     "DATA"})


def alter_table(stmt: Statement) -> None:
    """``ALTER TABLE [IF EXISTS] name action [, action …]``."""
    toks = stmt.tokens
    i = 1
    while i < len(toks) and toks.kw(i) != "TABLE":
        i += 1
    i += 1
    if toks.seq(i, "IF", "EXISTS"):
        i += 2
    if toks.kw(i) == "ONLY":
        i += 1
    at = i
    namespace, name, i = stmt.qualified(i)
    draft = stmt.builder.table(namespace, name, stmt.loc_of(at), what="ALTER TABLE")
    if draft is None:
        return
    verb: tuple[str, ...] = ()
    for action in toks.split(Span(i, len(toks))):
        try:
            verb = _action(stmt, draft, action, verb)
        except StatementError as error:
            stmt.problem(error.message, error.offset, hint=error.hint)


def _action(stmt: Statement, draft: Draft, span: Span, verb: tuple[str, ...]) -> tuple[str, ...]:
    """Apply one action; returns the verb a following verb-less action continues (T-SQL lists)."""
    toks = stmt.tokens
    i = span.first
    while toks.kw(i) == "WITH" and toks.kw(i + 1) in {"CHECK", "NOCHECK"}:
        i += 2
    word = toks.kw(i) or ""
    if word == "ADD":
        _add(stmt, draft, Span(i + 1, span.stop))
        return ("ADD",)
    if word == "DROP":
        _drop(stmt, draft, Span(i + 1, span.stop))
        return ("DROP", toks.kw(i + 1) or "") if toks.kw(i + 1) in {"COLUMN", "CONSTRAINT"} else ("DROP",)
    if word in {"MODIFY", "CHANGE"}:
        j = i + 1
        if toks.kw(j) == "COLUMN":
            j += 1
        if word == "CHANGE":
            old = stmt.ident(j)
            _redefine(stmt, draft, Span(j + 1, span.stop), replace=old)
        else:
            _modify(stmt, draft, Span(j, span.stop))
        return (word,)
    if word == "ALTER":
        j = i + 1
        if toks.kw(j) == "COLUMN":
            j += 1
        _alter_column(stmt, draft, Span(j, span.stop))
        return ("ALTER",)
    if word == "RENAME":
        _rename(stmt, draft, Span(i + 1, span.stop))
        return ()
    if word == "CONVERT" and toks.seq(i + 1, "TO"):
        read_table_options(stmt, draft, i + 2, span.stop)
        return ()
    if word in _OPTION_WORDS or toks.kind(i + 1) == TokenType.EQ:
        read_table_options(stmt, draft, i, span.stop)
        return ()
    # T-SQL lists: ALTER TABLE t ADD a INT, b INT / DROP COLUMN a, b / DROP CONSTRAINT x, y
    if verb and verb[0] == "ADD" and (word not in _NO_OPS or word == "CHECK"):
        _add(stmt, draft, span)
        return verb
    if verb and verb[0] == "DROP" and word not in _NO_OPS:
        _drop(stmt, draft, span, verb[1] if len(verb) > 1 else None)
        return verb
    if word in _NO_OPS:
        return ()
    stmt.info("alter-skipped", f"ALTER TABLE {table_key(draft)}: action {word or toks.raw(i)} "
              "is not read", toks.start(i))
    return ()


# -- ADD ------------------------------------------------------------------------------


def _add(stmt: Statement, draft: Draft, span: Span) -> None:
    toks = stmt.tokens
    i = span.first
    column_word = toks.kw(i) == "COLUMN"
    if column_word:
        i += 1
    if toks.seq(i, "IF", "NOT", "EXISTS"):
        i += 3
    if toks.kind(i) == TokenType.L_PAREN and toks.close(i) is not None:
        group = toks.group(i)
        assert group is not None
        for element in toks.split(group):
            _add_element(stmt, draft, element, column_word)
        return
    _add_element(stmt, draft, Span(i, span.stop), column_word)


def _add_element(stmt: Statement, draft: Draft, span: Span, column_word: bool) -> None:
    toks = stmt.tokens
    word = toks.kw(span.first)
    if not column_word and stmt.rules.family == "mssql" and _default_for(stmt, draft, span):
        return
    if not column_word and word in CONSTRAINT_WORDS:
        if element_kind(stmt, span) is None:
            return
        apply_constraint(stmt, draft, read_constraint(stmt, span))
        return
    span, anchor = _position(stmt, span)
    if element_kind(stmt, span) is None:
        return
    column = read_column(stmt, span)
    if column.name in draft["columns"] and toks.seq(span.first - 3, "IF", "NOT", "EXISTS"):
        return
    apply_column(stmt, draft, column)
    _place(draft, column.name, anchor)


def _default_for(stmt: Statement, draft: Draft, span: Span) -> bool:
    """T-SQL ``[CONSTRAINT name] DEFAULT expr FOR column [WITH VALUES]``."""
    toks = stmt.tokens
    i = span.first
    name = None
    if toks.kw(i) == "CONSTRAINT":
        name = stmt.ident(i + 1)
        i += 2
    if toks.kw(i) != "DEFAULT":
        return False
    target = toks.find(Span(i + 1, span.stop), "FOR")
    if target is None:
        raise StatementError("expected DEFAULT … FOR column", toks.start(i))
    column_name = stmt.ident(target + 1)
    column = draft["columns"].get(column_name)
    if column is None:
        raise StatementError(f"table {table_key(draft)} has no column {column_name}",
                             toks.start(target + 1))
    stmt.check_expression(Span(i + 1, target))
    value = stmt.builder.default(toks.slice(i + 1, target), column["type"])
    if value is None:
        column.pop("default", None)
    else:
        column["default"] = value
    if name is not None:
        stmt.reader.default_constraints[(table_key(draft), name)] = column_name
    return True


def _position(stmt: Statement, span: Span) -> tuple[Span, str | None]:
    """MySQL ``FIRST`` / ``AFTER column`` at the end of a column definition: ("" or the column)."""
    toks = stmt.tokens
    if not stmt.rules.is_mysql or span.stop - span.first < 3:
        return span, None
    if toks.kw(span.stop - 1) == "FIRST":
        return Span(span.first, span.stop - 1), ""
    if toks.kw(span.stop - 2) == "AFTER":
        return Span(span.first, span.stop - 2), stmt.ident(span.stop - 1)
    return span, None


def _place(draft: Draft, name: str, anchor: str | None) -> None:
    if anchor is None:
        return
    if anchor == "":
        move_column(draft, name, 0)
        return
    others = [n for n in draft["columns"] if n != name]
    if anchor in others:
        move_column(draft, name, others.index(anchor) + 1)


# -- DROP ---------------------------------------------------------------------------


def _drop(stmt: Statement, draft: Draft, span: Span, continued: str | None = None) -> None:
    toks = stmt.tokens
    i = span.first
    word = toks.kw(i) or ""
    if continued is not None:
        word = continued
    elif word in {"COLUMN", "CONSTRAINT", "INDEX", "KEY", "CHECK"}:
        i += 1
    elif word == "FOREIGN" and toks.kw(i + 1) == "KEY":
        i += 2
    elif word == "PRIMARY" and toks.kw(i + 1) == "KEY":
        draft.pop("primary_key", None)
        return
    elif word == "UNIQUE" and toks.kind(i + 1) == TokenType.L_PAREN:
        group = toks.group(i + 1)
        columns = stmt.column_list(group) if group else []
        draft["uniques"] = [u for u in draft.get("uniques", []) if u["columns"] != columns]
        return
    elif word in {"PARTITION", "SYSTEM", "PERIOD", "DEFAULT"}:
        return
    else:
        word = "COLUMN"
    if toks.seq(i, "IF", "EXISTS"):
        i += 2
    name = stmt.ident(i)
    if word == "COLUMN":
        if not drop_column(draft, name):
            _missing(stmt, draft, "column", name, i)
        return
    groups = {"INDEX": ("indexes", "uniques"), "KEY": ("indexes", "uniques"),
              "FOREIGN": ("foreign_keys",), "CHECK": ("checks",)}.get(
        word, ("uniques", "indexes", "foreign_keys", "checks"))
    if drop_named(draft, name, groups, primary_key=word == "CONSTRAINT"):
        return
    column = stmt.reader.default_constraints.pop((table_key(draft), name), None)
    if column is not None and column in draft["columns"]:
        draft["columns"][column].pop("default", None)
        return
    _missing(stmt, draft, word.lower(), name, i)


def _missing(stmt: Statement, draft: Draft, what: str, name: str, index: int) -> None:
    stmt.info("nothing-to-drop", f"ALTER TABLE {table_key(draft)}: no {what} {name} to drop",
              stmt.tokens.start(index))


# -- MODIFY / CHANGE / ALTER COLUMN ------------------------------------------------------


def _modify(stmt: Statement, draft: Draft, span: Span) -> None:
    """MySQL MODIFY replaces a definition; Oracle MODIFY (…) changes what it names."""
    toks = stmt.tokens
    if toks.kind(span.first) == TokenType.L_PAREN and toks.close(span.first) is not None:
        group = toks.group(span.first)
        assert group is not None
        for element in toks.split(group):
            _modify(stmt, draft, element)
        return
    if stmt.rules.is_mysql:
        _redefine(stmt, draft, span, replace=stmt.ident(span.first))
    elif toks.kw(span.first) in {"CONSTRAINT", "PRIMARY", "UNIQUE", "PARTITION", "LOB", "DEFAULT"}:
        return  # Oracle MODIFY CONSTRAINT c DISABLE and friends: a state, not a design
    else:
        _merge(stmt, draft, span)


def _redefine(stmt: Statement, draft: Draft, span: Span, *, replace: str) -> None:
    if replace not in draft["columns"]:
        raise StatementError(f"table {table_key(draft)} has no column {replace}",
                             stmt.tokens.start(span.first))
    span, anchor = _position(stmt, span)
    if element_kind(stmt, span) is None:
        return
    column = read_column(stmt, span)
    if replace != column.name:
        # CHANGE old new …: keys, indexes and references follow the column to its new name
        rename_column(stmt.builder, draft, replace, column.name)
    apply_column(stmt, draft, column, replace=column.name)
    _place(draft, column.name, anchor)


def _merge(stmt: Statement, draft: Draft, span: Span) -> None:
    """Change only what the definition says (Oracle MODIFY, T-SQL ALTER COLUMN)."""
    toks = stmt.tokens
    name = stmt.ident(span.first)
    column = draft["columns"].get(name)
    if column is None:
        raise StatementError(f"table {table_key(draft)} has no column {name}", toks.start(span.first))
    if span.stop - span.first > 1 and element_kind(stmt, span) is None:
        return
    spec = read_column(stmt, span)
    builder = stmt.builder
    if spec.type_text:
        canonical, native = builder.column_type(spec.type_text, draft.get("namespace"))
        column["type"] = canonical
        column.pop("native", None)
        if native:
            key = stmt.rules.name if stmt.rules.name in _NATIVE_KEYS else stmt.rules.family
            column["native"] = {key: native}
    if spec.nullable is not None:
        if spec.nullable:
            column.pop("nullable", None)
        else:
            column["nullable"] = False
    elif stmt.rules.family == "mssql" and spec.type_text:
        column.pop("nullable", None)  # T-SQL ALTER COLUMN without NOT NULL makes it nullable
    if spec.default is not None:
        value = builder.default(spec.default, column["type"])
        if value is None:
            column.pop("default", None)
        else:
            column["default"] = value
    if spec.comment is not None:
        column["comment"] = spec.comment
    if spec.collation is not None:
        column["collation"] = spec.collation
    for unique_name in spec.uniques:
        builder.add_unique(draft, [name], unique_name, stmt.loc(spec.offset))
    for check_name, sql, offset in spec.checks:
        builder.add_check(draft, sql, check_name, stmt.loc(offset), expression_columns=[name])
    if spec.primary_key:
        builder.set_primary_key(draft, [name], spec.primary_key_name, stmt.loc(spec.offset))


_NATIVE_KEYS = {"postgres", "mysql", "mariadb", "sqlite", "mssql", "oracle", "snowflake", "bigquery"}


def _alter_column(stmt: Statement, draft: Draft, span: Span) -> None:
    toks = stmt.tokens
    name = stmt.ident(span.first)
    column = draft["columns"].get(name)
    if column is None:
        raise StatementError(f"table {table_key(draft)} has no column {name}", toks.start(span.first))
    i = span.first + 1
    word = toks.kw(i)
    if toks.seq(i, "SET", "DEFAULT"):
        end = expression_end(toks, i + 2, span.stop)
        stmt.check_expression(Span(i + 2, end))
        value = stmt.builder.default(toks.slice(i + 2, end), column["type"])
        if value is None:
            column.pop("default", None)
        else:
            column["default"] = value
    elif toks.seq(i, "DROP", "DEFAULT"):
        column.pop("default", None)
    elif toks.seq(i, "SET", "NOT", "NULL"):
        column["nullable"] = False
    elif toks.seq(i, "DROP", "NOT", "NULL") or toks.seq(i, "SET", "NULL"):
        column.pop("nullable", None)
    elif word in {"TYPE", "SET"} and (toks.kw(i + 1) in {"DATA", "TYPE"} or word == "TYPE"):
        j = i + 1
        while toks.kw(j) in {"DATA", "TYPE"}:
            j += 1
        end = toks.until(j, span.stop, {"USING", "COLLATE", "NOT", "NULL", "DEFAULT"})
        native = type_text(toks, j, end)
        canonical, kept = stmt.builder.column_type(native, draft.get("namespace"))
        column["type"] = canonical
        column.pop("native", None)
        if kept:
            key = stmt.rules.name if stmt.rules.name in _NATIVE_KEYS else stmt.rules.family
            column["native"] = {key: kept}
    elif word in {"COMMENT"} or toks.seq(i, "SET", "COMMENT"):
        j = i + (2 if word == "SET" else 1)
        if toks.is_string(j):
            column["comment"] = toks.value(j)
    elif toks.seq(i, "UNSET", "COMMENT"):
        column.pop("comment", None)
    elif word in {"SET", "DROP", "ADD"}:
        return  # visibility, masking policies, statistics: not design
    else:
        _merge(stmt, draft, span)


# -- RENAME ------------------------------------------------------------------------------


def _rename(stmt: Statement, draft: Draft, span: Span) -> None:
    toks = stmt.tokens
    i = span.first
    word = toks.kw(i)
    if word == "COLUMN":
        old = stmt.ident(i + 1)
        if toks.kw(i + 2) != "TO":
            raise StatementError("expected RENAME COLUMN old TO new", toks.start(i))
        new = stmt.ident(i + 3)
        if not rename_column(stmt.builder, draft, old, new):
            raise StatementError(f"table {table_key(draft)} has no column {old}", toks.start(i + 1))
        return
    if word in {"INDEX", "KEY", "CONSTRAINT"}:
        old = stmt.ident(i + 1)
        new = stmt.ident(i + 3)
        if not rename_named(draft, old, new):
            _missing(stmt, draft, word.lower(), old, i + 1)
        return
    if word in {"TO", "AS"}:
        i += 1
    namespace, name, _ = stmt.qualified(i)
    rename_table(stmt.builder, draft, namespace, name)

