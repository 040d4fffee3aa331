"""Table options after the column list: what a design keeps (engine, charset, comment …)."""

from __future__ import annotations

from sqlglot.tokenizer_core import TokenType

from sekkei.formats.sql.builder import Draft
from sekkei.formats.sql.generic.context import Statement
from sekkei.model.schema import qualified

#: Options that describe storage or load state, not the design: dropped without a word.
_PHYSICAL = frozenset({
    "AUTO_INCREMENT", "AVG_ROW_LENGTH", "MAX_ROWS", "MIN_ROWS", "PACK_KEYS", "CHECKSUM",
    "DELAY_KEY_WRITE", "STATS_PERSISTENT", "STATS_AUTO_RECALC", "STATS_SAMPLE_PAGES",
    "KEY_BLOCK_SIZE", "TABLESPACE", "ON", "TEXTIMAGE_ON", "FILESTREAM_ON", "IN", "INDEX",
    "LONG", "PCTFREE", "PCTUSED", "INITRANS", "MAXTRANS", "STORAGE", "LOGGING", "NOLOGGING",
    "SEGMENT", "CACHE", "NOCACHE", "PARALLEL", "NOPARALLEL", "MONITORING", "NOMONITORING",
    "COMPUTE", "DATA_RETENTION_TIME_IN_DAYS", "MAX_DATA_EXTENSION_TIME_IN_DAYS",
    "CHANGE_TRACKING", "COPY", "STAGE_FILE_FORMAT", "STAGE_COPY_OPTIONS", "DEFAULT_DDL_COLLATION",
    "WITH", "LOB", "COMPRESS", "NOCOMPRESS", "ORGANIZE", "DATA", "DISTRIBUTE", "CCSID",
    "PAGE_CHECKSUM", "TRANSACTIONAL", "ENCRYPTION", "ENCRYPTED", "ENCRYPTION_KEY_ID",
    "ROW", "ENABLE", "DISABLE", "RESULT_CACHE", "FLASHBACK", "INMEMORY", "NO", "UNION",
    "INSERT_METHOD", "CONNECTION", "SECONDARY_ENGINE", "AUTOEXTEND_SIZE", "COMPRESSION",
    "IEC_COMPRESSION", "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL",
    "SEQUENCE", "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE", "DIRECTORY", "VALUE",
})


#: Options this reader keeps.
_KEPT = frozenset({"DEFAULT", "CHARSET", "CHARACTER", "COLLATE", "COMMENT", "ENGINE", "TYPE",
                   "ROW_FORMAT", "WITHOUT", "STRICT", "PARTITION", "CLUSTER", "OPTIONS"})


def read_table_options(stmt: Statement, draft: Draft, first: int, stop: int) -> None:
    """Read the options at tokens ``[first, stop)`` into the table draft."""
    toks = stmt.tokens
    family = stmt.rules.family
    options: dict[str, str] = {}
    dropped: list[str] = []
    in_run = False  # inside an option we do not keep: its other words are not named again
    i = first
    while i < stop:
        if toks.kind(i) in (TokenType.COMMA, TokenType.SEMICOLON):
            in_run = False
            i += 1
            continue
        word = toks.kw(i) or ""
        if word == "AS":
            break  # CREATE TABLE t (…) AS SELECT …: the query fills the table, it adds no design
        if in_run and word not in _PHYSICAL and word not in _KEPT:
            i, _ = _skip_option(stmt, i, stop)
            continue
        in_run = False
        if word == "DEFAULT":
            i += 1
            continue
        if word in {"CHARSET", "CHARACTER"}:
            j = i + 2 if word == "CHARACTER" else i + 1
            value, i = _value(stmt, j, stop)
            if value:
                draft["charset"] = value
            continue
        if word == "COLLATE":
            value, i = _value(stmt, i + 1, stop)
            if value:
                draft["collation"] = value
            continue
        if word == "COMMENT":
            value, i = _value(stmt, i + 1, stop)
            if value is not None:
                draft["comment"] = value
            continue
        if word in {"ENGINE", "TYPE"} and family == "mysql":
            value, i = _value(stmt, i + 1, stop)
            if value:
                options["engine"] = value
            continue
        if word == "ROW_FORMAT":
            value, i = _value(stmt, i + 1, stop)
            if value:
                options["row_format"] = value
            continue
        if word == "WITHOUT" and toks.kw(i + 1) == "ROWID":
            options["without_rowid"] = "true"
            i += 2
            continue
        if word == "STRICT" and family == "sqlite":
            options["strict"] = "true"
            i += 1
            continue
        if word == "PARTITION" and toks.kw(i + 1) == "BY":
            end = stop if family != "bigquery" else toks.until(i + 2, stop, {"CLUSTER", "OPTIONS"})
            draft["partition_by"] = " ".join(toks.slice(i + 2, end).split())
            i = end
            continue
        if word == "CLUSTER" and toks.kw(i + 1) == "BY":
            end = toks.until(i + 2, stop, {"OPTIONS", "COMMENT", "PARTITION", "WITH",
                                           "DATA_RETENTION_TIME_IN_DAYS", "CHANGE_TRACKING"})
            options["cluster_by"] = " ".join(toks.slice(i + 2, end).split())
            i = end
            continue
        if word == "OPTIONS" and toks.kind(i + 1) == TokenType.L_PAREN:
            group = toks.group(i + 1)
            if group is not None:
                for part in toks.split(group):
                    if toks.kw(part.first) == "DESCRIPTION" and toks.is_string(part.stop - 1):
                        draft["comment"] = toks.value(part.stop - 1)
            i = toks.skip(i + 1)
            continue
        if word and word not in _PHYSICAL and toks.kind(i) not in (TokenType.L_PAREN, TokenType.EQ):
            dropped.append(word)
        i, had_value = _skip_option(stmt, i, stop)
        in_run = not had_value
    if options:
        key = "mysql" if family == "mysql" else stmt.rules.name
        draft.setdefault("options", {}).setdefault(key, {}).update(options)
    if dropped:
        table = qualified(draft.get("namespace"), draft["name"])
        names = ", ".join(dict.fromkeys(dropped))
        stmt.info("table-options-skipped", f"table {table}: options not kept: {names}",
                  toks.start(first))


def _value(stmt: Statement, i: int, stop: int) -> tuple[str | None, int]:
    """``[=] value`` at `i`: a word, a name or a string's text."""
    toks = stmt.tokens
    if toks.kind(i) == TokenType.EQ:
        i += 1
    if i >= stop:
        return None, i
    return toks.value(i), i + 1


def _skip_option(stmt: Statement, i: int, stop: int) -> tuple[int, bool]:
    """Past one word of an option we do not keep (and its ``= value``, if it has one)."""
    toks = stmt.tokens
    i = toks.skip(i)
    if i < stop and toks.kind(i) == TokenType.EQ:
        i += 1
        if i < stop:
            i = toks.skip(i)
        return i, True
    return i, False
