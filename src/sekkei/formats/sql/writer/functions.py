"""Default expressions every database has under its own name: now, today, a new UUID.

``now()``, ``CURRENT_TIMESTAMP``, ``GETDATE()``, ``SYSDATE`` and
``datetime('now')`` all mean "the time of the insert"; sqlglot translates some
of them, but the right spelling also depends on the column's type (MySQL
wants ``CURRENT_TIMESTAMP(6)`` on a ``datetime(6)``, SQL Server
``SYSDATETIMEOFFSET()`` on a ``datetimeoffset``).  This module recognises the
meaning; each dialect says how it spells it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sekkei.formats.sql.defaults import strip_parens

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class KnownDefault:
    """A recognised default: `kind` is now, today, time_of_day, uuid or nextval."""

    kind: str
    argument: str | None = None
    """The sequence of ``nextval``."""


_NOW = {
    "now()",
    "current_timestamp",
    "current_timestamp()",
    "localtimestamp",
    "localtimestamp()",
    "getdate()",
    "sysdatetime()",
    "sysdate",
    "systimestamp",
    "datetime('now')",
    "statement_timestamp()",
    "transaction_timestamp()",
    "clock_timestamp()",
    "sysdatetimeoffset()",
    "current_datetime()",
    "now(6)",
    "current_timestamp(6)",
    "current_timestamp(3)",
    "localtimestamp(6)",
    "('now'::text)::timestamp",
    "'now'::text::timestamp",
    "'now'::timestamp",
    "'now'::timestamptz",
    "('now'::text)::timestamp with time zone",
    "('now'::text)::timestamp without time zone",
}
_TODAY = {
    "current_date",
    "current_date()",
    "curdate()",
    "date('now')",
    "trunc(sysdate)",
    "cast(getdate() as date)",
    "convert(date,getdate())",
    "('now'::text)::date",
    "'now'::date",
}
_TIME = {"current_time", "current_time()", "curtime()", "time('now')", "localtime", "localtime()"}
_UUID = {
    "gen_random_uuid()",
    "uuid_generate_v4()",
    "uuid()",
    "newid()",
    "sys_guid()",
    "uuid_string()",
    "generate_uuid()",
    "uuidv4()",
    "uuid_v4()",
    "random_uuid()",
}
_NEXTVAL = [
    re.compile(r"^nextval\(\s*'((?:[^']|'')+)'(?:\s*::\s*regclass)?\s*\)$", re.I),
    re.compile(r"^nextval\(\s*([\w.\"`]+)\s*\)$", re.I),
    re.compile(r"^next\s+value\s+for\s+([\w.\"\[\]`]+)$", re.I),
    re.compile(r"^([\w.\"]+)\.nextval$", re.I),
]


def recognise(sql: str) -> KnownDefault | None:
    """The meaning of a default expression, if it is one of the well-known ones."""
    text = strip_parens(sql)
    compact = _SPACES.sub("", text.lower())
    if compact in _NOW or re.fullmatch(r"(current_timestamp|now|localtimestamp)\(\d\)", compact):
        return KnownDefault("now")
    if compact in _TODAY:
        return KnownDefault("today")
    if compact in _TIME:
        return KnownDefault("time_of_day")
    if compact in _UUID:
        return KnownDefault("uuid")
    spaced = _SPACES.sub(" ", text)
    for pattern in _NEXTVAL:
        match = pattern.match(spaced)
        if match:
            name = match.group(1).replace("''", "'")
            return KnownDefault("nextval", name.strip('"`[]').replace('"', ""))
    return None
