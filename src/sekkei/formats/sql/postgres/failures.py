"""Statements PostgreSQL's parser rejects: what kind they were, and how much that matters."""

from __future__ import annotations

from sekkei.formats.sql.postgres import lexer
from sekkei.formats.sql.postgres.context import Reader
from sekkei.formats.sql.postgres.parse import Failure

#: Statements whose failure to parse loses part of the design (an error in strict mode).
_SCHEMA_OBJECTS = {"TABLE", "INDEX", "VIEW", "TYPE", "DOMAIN", "SEQUENCE"}
_CREATE_MODIFIERS = {
    "OR",
    "REPLACE",
    "UNIQUE",
    "TEMP",
    "TEMPORARY",
    "UNLOGGED",
    "GLOBAL",
    "LOCAL",
    "MATERIALIZED",
    "RECURSIVE",
    "FOREIGN",
}


def statement_kind(data: bytes | bytearray, start: int, end: int) -> str:
    """``CREATE TABLE``, ``ALTER TABLE``, ``COMMENT ON`` … from the first words of a statement."""
    words: list[str] = []
    for token in lexer.scan(data, start, end):
        word = lexer.word(data, token)
        if not word:
            break
        words.append(word)
        if len(words) >= 6:
            break
    if not words:
        return ""
    if words[0] == "CREATE":
        rest = [w for w in words[1:] if w not in _CREATE_MODIFIERS]
        if words[1:2] == ["UNIQUE"] or (rest and rest[0] == "INDEX"):
            return "CREATE INDEX"
        return f"CREATE {rest[0]}" if rest else "CREATE"
    if words[:2] == ["COMMENT", "ON"]:
        return "COMMENT ON"
    return " ".join(words[:2])


def report(r: Reader, failure: Failure) -> None:
    """A lost table, index, view, type or ALTER TABLE is an error (strict) or a warning;
    anything else (a function with an odd body, an unknown command) only a warning."""
    kind = statement_kind(r.data, failure.start, failure.end)
    loc = r.loc(failure.position)
    what = kind or "statement"
    message = f"PostgreSQL cannot parse this {what}: {failure.message}"
    relevant = kind in {"ALTER TABLE", "COMMENT ON"} or (
        kind.startswith("CREATE ") and kind.split(" ", 1)[1] in _SCHEMA_OBJECTS
    )
    if relevant:
        r.builder.problem(
            message, loc, code="syntax", hint="fix the statement, or read leniently (--lenient) to skip it"
        )
    else:
        r.notes.warning("syntax", message + "; it was skipped", location=loc)
