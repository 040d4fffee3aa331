"""sqlglot's name for each Sekkei dialect (one table, used by readers, writers and comparisons)."""

from __future__ import annotations

from sekkei.model.dialects import family

#: sqlglot's name for each Sekkei dialect; "" is sqlglot's generic SQL (it has no Db2).
SQLGLOT_DIALECTS: dict[str, str] = {
    "postgres": "postgres",
    "cockroachdb": "postgres",
    "yugabytedb": "postgres",
    "mysql": "mysql",
    "mariadb": "mysql",
    "sqlite": "sqlite",
    "mssql": "tsql",
    "oracle": "oracle",
    "snowflake": "snowflake",
    "bigquery": "bigquery",
    "db2": "",
    "generic": "",
}


def sqlglot_dialect(dialect: str | None) -> str:
    """The sqlglot dialect to read or write `dialect` with ("" for generic SQL)."""
    if dialect is None:
        return ""
    return SQLGLOT_DIALECTS.get(dialect, SQLGLOT_DIALECTS.get(family(dialect), ""))
