"""Names of the SQL dialects Sekkei knows, and the spellings users type for them."""

from __future__ import annotations

#: Dialects with a DDL reader and writer.
DIALECTS: tuple[str, ...] = (
    "postgres",
    "mysql",
    "mariadb",
    "sqlite",
    "mssql",
    "oracle",
    "snowflake",
    "bigquery",
)

#: Dialects that are read (close relatives of the above) but not written.
READ_ONLY_DIALECTS: tuple[str, ...] = ("db2", "cockroachdb", "yugabytedb", "generic")

ALIASES: dict[str, str] = {
    "pg": "postgres",
    "postgresql": "postgres",
    "psql": "postgres",
    "maria": "mariadb",
    "sqlserver": "mssql",
    "sql-server": "mssql",
    "tsql": "mssql",
    "t-sql": "mssql",
    "sqlite3": "sqlite",
    "cockroach": "cockroachdb",
    "crdb": "cockroachdb",
    "yugabyte": "yugabytedb",
    "ansi": "generic",
}


def normalize_dialect(name: str) -> str:
    """The canonical dialect name for a user spelling; ValueError if unknown."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key in DIALECTS or key in READ_ONLY_DIALECTS:
        return key
    known = ", ".join(DIALECTS + READ_ONLY_DIALECTS)
    raise ValueError(f"unknown dialect {name!r} (expected one of: {known})")


def family(dialect: str) -> str:
    """The dialect whose rules a close relative follows (mariadb -> mysql)."""
    return {
        "mariadb": "mysql",
        "cockroachdb": "postgres",
        "yugabytedb": "postgres",
    }.get(dialect, dialect)
