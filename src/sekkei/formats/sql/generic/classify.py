"""Tell schema statements from data, session and tool statements by their leading keywords.

Dumps are mostly data: a mysqldump of a few tables holds thousands of INSERTs.
Classifying by the first words, before any parsing, keeps reading fast and
lets each skipped kind be reported once ("skipped 3,362 INSERT statements").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sekkei.formats.sql.generic.context import DialectRules


@dataclass(frozen=True, slots=True)
class Kind:
    """What to do with a statement: run `handler`, or skip it as `label` for `reason`."""

    handler: str | None = None
    label: str = ""
    reason: str = ""
    words: tuple[str, ...] = ()


DATA = "data, not schema"
SESSION = "session or tool setting, not schema"
QUERY = "query, not schema"
ACCESS = "access control, not schema"
PROCEDURAL = "procedural code outside a routine, not schema"
SERVER = "server or database object, not part of a schema design"
OTHER_OBJECT = "not a table, view, index, sequence, trigger or routine"
SILENT = Kind(None, "", "")

#: First word -> reason, for statements that are never part of a design.
_SKIP_FIRST: dict[str, str] = {
    **dict.fromkeys(("INSERT", "REPLACE", "UPDATE", "DELETE", "MERGE", "UPSERT", "COPY", "LOAD",
                     "TRUNCATE", "CALL", "IMPORT", "EXPORT", "UNLOAD", "PUT", "GET", "REMOVE"), DATA),
    **dict.fromkeys(("SELECT", "WITH", "VALUES", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "TABLE",
                     "LIST", "LS"), QUERY),
    **dict.fromkeys(("SET", "USE", "LOCK", "UNLOCK", "PRAGMA", "ANALYZE", "VACUUM", "REINDEX",
                     "CHECKPOINT", "BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE",
                     "END", "FLUSH", "OPTIMIZE", "CHECK", "REPAIR", "CHECKSUM", "PURGE", "RESET",
                     "KILL", "SPOOL", "PROMPT", "CONNECT", "CONN", "DISCONNECT", "DEFINE",
                     "UNDEFINE", "WHENEVER", "EXIT", "QUIT", "HOST", "COLUMN", "TTITLE", "BTITLE",
                     "ATTACH", "DETACH", "RUNSTATS", "REORG", "TERMINATE", "SOURCE", "GO",
                     "DBCC", "BACKUP", "RESTORE", "CLOSE", "OPEN", "FETCH", "DEALLOCATE",
                     "PREPARE", "HANDLER", "DO", "INSTALL", "UNINSTALL", "SHUTDOWN", "CACHE",
                     "NOTIFY", "LISTEN", "DISCARD", "REFRESH", "CLUSTER", "REVERT", "UNDROP",
                     "UNSET", "AUDIT", "NOAUDIT", "ASSOCIATE", "DISASSOCIATE", "XA", "BINLOG",
                     "STOP", "CHANGE", "SETUSER", "READTEXT", "WRITETEXT", "UPDATETEXT",
                     "BULK", "SHUTDOWN", "MSCK", "OUTPUT", "PUT"), SESSION),
    **dict.fromkeys(("GRANT", "REVOKE", "DENY"), ACCESS),
    **dict.fromkeys(("IF", "ELSE", "WHILE", "DECLARE", "PRINT", "RAISERROR", "THROW", "RETURN",
                     "GOTO", "WAITFOR", "TRY", "CATCH", "LEAVE", "ITERATE", "LOOP", "REPEAT",
                     "SIGNAL", "RESIGNAL", "FOR", "CASE", "EXECUTE", "EXEC", "@", "@@"), PROCEDURAL),
}

_SILENT_FIRST = frozenset({"REM", "REMARK"})

#: Words between CREATE and the object keyword that change nothing for the design.
_CREATE_MODIFIERS = frozenset({
    "OR", "REPLACE", "ALTER", "DEFINER", "CURRENT_USER", "SQL", "SECURITY", "INVOKER", "FORCE",
    "NOFORCE", "EDITIONABLE", "NONEDITIONABLE", "EDITIONING", "SECURE", "RECURSIVE", "UNIQUE",
    "CLUSTERED", "NONCLUSTERED", "FULLTEXT", "SPATIAL", "BITMAP", "MULTISET", "AGGREGATE",
    "IF", "NOT", "EXISTS", "UNLOGGED", "HYBRID", "DYNAMIC", "ICEBERG", "COLUMNSTORE", "ONLINE",
    "OFFLINE", "COLUMN", "TRANSIENT", "MATERIALIZED", "PUBLIC", "GLOBAL", "LOCAL", "NO", "SHARDED",
    "DUPLICATED", "BLOCKCHAIN", "IMMUTABLE", "CONSTRAINT", "XML", "PRIMARY", "DISTINCT", "HASH",
    "VECTOR", "SEARCH",
})
_TEMPORARY = frozenset({"TEMPORARY", "TEMP", "VOLATILE"})

#: CREATE <object> -> handler name (None: skipped as a server object).
_CREATE_OBJECTS: dict[str, str | None] = {
    "TABLE": "table", "INDEX": "index", "VIEW": "view", "SEQUENCE": "sequence",
    "SCHEMA": "schema", "TRIGGER": "trigger", "FUNCTION": "routine", "PROCEDURE": "routine",
    "PROC": "routine", "PACKAGE": "routine", "TYPE": "type", "DOMAIN": "domain",
    "VIRTUAL": "virtual", "EVENT": None, "DATABASE": None, "USER": None, "ROLE": None,
    "LOGIN": None, "SYNONYM": None, "TABLESPACE": None, "DIRECTORY": None, "WAREHOUSE": None,
    "STAGE": None, "PIPE": None, "STREAM": None, "TASK": None, "FILE": None, "INTEGRATION": None,
    "SHARE": None, "PROFILE": None, "CONTEXT": None, "SERVER": None, "STATISTICS": None,
    "ALIAS": None, "BUFFERPOOL": None, "STOGROUP": None, "NICKNAME": None, "WRAPPER": None,
    "LIBRARY": "routine", "JAVA": "routine", "ASSEMBLY": None, "CERTIFICATE": None,
    "CREDENTIAL": None, "MASTER": None, "SECURITY": None, "APPLICATION": None,
    "RESOURCE": None, "NETWORK": None, "EXTERNAL": None, "FULLTEXT": None, "PARTITION": None,
    "DATABASE LINK": None, "MODEL": None, "SNAPSHOT": "view", "ROW": None, "POLICY": None,
    "MASKING": None, "TAG": None, "NOTIFICATION": None, "CONNECTION": None, "REPLICATION": None,
    "QUEUE": None, "MESSAGE": None, "CONTRACT": None, "ROUTE": None, "SERVICE": None,
    "EXTENSION": None, "CATALOG": None, "CAST": None, "OPERATOR": None, "COLLATION": None,
    "LANGUAGE": None, "PUBLICATION": None, "SUBSCRIPTION": None, "RULE": None, "MASK": None,
    "PERMISSION": None, "VARIABLE": None, "DEFAULT": None, "SPFILE": None, "PFILE": None,
    "CONTROLFILE": None, "OUTLINE": None, "DIMENSION": None, "CLUSTER": None,
    "MATERIALIZED": "view", "ANALYTIC": None, "HIERARCHY": None, "EDITION": None,
    "LOGFILE": None, "UNDO": None, "REFERENCE": None, "INSTANCE": None,
}

#: ALTER <object> that change a design; every other ALTER is skipped.
_ALTER_OBJECTS: dict[str, str | None] = {
    "TABLE": "alter", "VIEW": "view", "TRIGGER": "trigger", "FUNCTION": "routine",
    "PROCEDURE": "routine", "PROC": "routine", "SEQUENCE": "alter_sequence",
}

_DROP_OBJECTS = frozenset({"TABLE", "VIEW", "INDEX", "SEQUENCE", "TRIGGER", "FUNCTION",
                           "PROCEDURE", "PROC", "TYPE", "SCHEMA", "PACKAGE", "MATERIALIZED",
                           "DOMAIN"})

_QUOTED_RE = re.compile(r"'[^']*(?:''[^']*)*'?|\"[^\"]*\"?|`[^`]*`?|\[[^\]]*\]?")
_ASSIGN_RE = re.compile(r"\b(?:DEFINER|ALGORITHM)\s*=\s*(?:CURRENT_USER(?:\(\))?|[^\s]+)", re.I)
_COMMENTS_RE = re.compile(r"/\*.*?(?:\*/|\Z)|--[^\n]*", re.S)
_HASH_COMMENTS_RE = re.compile(r"/\*.*?(?:\*/|\Z)|--[^\n]*|#[^\n]*", re.S)
_EXTENDED_PROPERTY_RE = re.compile(
    r"EXEC(?:UTE)?\s+(?:(?:\[?\w+\]?\s*\.\s*){1,2})?\[?sp_(?:add|update)extendedproperty\b", re.I)
_WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_$#]*|@@?|\S")


def head_words(text: str, rules: DialectRules, count: int = 12) -> tuple[str, ...]:
    """The first words of a statement, upper case, with comments and quoted names left out."""
    window = text[:600]
    comments = _HASH_COMMENTS_RE if rules.family in {"mysql", "bigquery"} else _COMMENTS_RE
    window = comments.sub(" ", window)
    window = _ASSIGN_RE.sub(" ", window)
    window = _QUOTED_RE.sub(" \x00 ", window)
    words: list[str] = []
    for match in _WORD_RE.finditer(window):
        word = match.group(0)
        words.append("\x00" if word == "\x00" else word.upper())
        if len(words) >= count:
            break
    return tuple(words)


def classify(text: str, rules: DialectRules) -> Kind:
    """How to treat a statement (after MySQL executable comments were opened)."""
    words = head_words(text, rules)
    if not words:
        return SILENT
    first = words[0]
    if first == "(":
        return Kind(None, "SELECT", QUERY, words)
    if first in _SILENT_FIRST:
        return SILENT
    if first == "CREATE":
        return _create(words, rules)
    if first == "ALTER":
        second = words[1] if len(words) > 1 else ""
        handler = _ALTER_OBJECTS.get(second)
        if handler is not None:
            return Kind(handler, f"ALTER {second}", words=words)
        reason = SESSION if second in {"SESSION", "SYSTEM", ""} else SERVER
        return Kind(None, f"ALTER {second}".strip(), reason, words)
    if first == "DROP":
        second = words[1] if len(words) > 1 else ""
        if rules.is_mysql and second in {"SCHEMA", "DATABASE"}:
            return Kind(None, "DROP DATABASE", SERVER, words)
        if second in _DROP_OBJECTS:
            return Kind("drop", f"DROP {second}", words=words)
        return Kind(None, f"DROP {second}".strip(), SERVER, words)
    if first == "COMMENT" and len(words) > 1 and words[1] == "ON":
        return Kind("comment", "COMMENT ON", words=words)
    if first == "RENAME":
        if len(words) > 1 and words[1] in {"USER", "ROLE", "DATABASE", "SCHEMA"}:
            return Kind(None, f"RENAME {words[1]}", ACCESS if words[1] in {"USER", "ROLE"} else SERVER,
                        words)
        return Kind("rename", "RENAME", words=words)
    if first in {"EXEC", "EXECUTE"} and _EXTENDED_PROPERTY_RE.match(text.lstrip()):
        return Kind("extended_property", "sp_addextendedproperty", words=words)
    if first == "DECLARE" and rules.family == "oracle":
        return Kind(None, "PL/SQL block", PROCEDURAL, words)
    if first == "BEGIN" and rules.family == "oracle":
        return Kind(None, "PL/SQL block", PROCEDURAL, words)
    skip_reason = _SKIP_FIRST.get(first)
    if skip_reason is not None:
        label = first
        if first in {"START", "BEGIN", "COMMIT", "ROLLBACK", "END", "SAVEPOINT", "RELEASE"}:
            label = "transaction control"
        return Kind(None, label, skip_reason, words)
    return Kind(None, first, "", words)


def _create(words: tuple[str, ...], rules: DialectRules) -> Kind:
    temporary = False
    global_temp = False
    i = 1
    while i < len(words):
        word = words[i]
        if word in _TEMPORARY:
            temporary = True
        elif word == "GLOBAL":
            global_temp = True
        elif word == "DATABASE" and i + 1 < len(words) and words[i + 1] == "LINK":
            return Kind(None, "CREATE DATABASE LINK", SERVER, words)
        elif word == "MATERIALIZED" and i + 1 < len(words) and words[i + 1] == "VIEW":
            return Kind("view", "CREATE MATERIALIZED VIEW", words=words)
        elif word in _CREATE_OBJECTS and word not in _CREATE_MODIFIERS:
            break
        elif word not in _CREATE_MODIFIERS:
            return Kind(None, f"CREATE {word}", OTHER_OBJECT, words)
        i += 1
    else:
        return Kind(None, "CREATE", "", words)
    obj = words[i]
    handler = _CREATE_OBJECTS[obj]
    if rules.is_mysql and obj == "SCHEMA":
        handler = None
    label = f"CREATE {obj}"
    if obj == "TABLE" and i + 1 < len(words) and words[i + 1] == "#":
        temporary = True  # SQL Server #temp and ##global temp tables
    if obj == "TABLE" and temporary and not (global_temp and rules.family in {"oracle", "db2"}):
        return Kind(None, "CREATE TEMPORARY TABLE", "a temporary table lives only for a session",
                    words)
    if handler is None:
        return Kind(None, label, SERVER, words)
    return Kind(handler, label, words=words)

