"""Guess the SQL dialect of a file from tell-tale syntax, when the user did not say."""

from __future__ import annotations

import re

_SIGNS: dict[str, list[tuple[str, int]]] = {
    "postgres": [
        (r"PostgreSQL database dump", 50),
        (r"::\s*(?:regclass|text|character varying|integer|numeric)\b", 8),
        (r"\bnextval\s*\(", 6),
        (r"\bSET\s+search_path\b", 10),
        (r"\bCREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\b[^;]*\$\w*\$", 8),
        (r"\bserial\b|\bbigserial\b", 4),
        (r"\bjsonb\b|\btimestamptz\b|\bbytea\b", 5),
        (r"\bALTER\s+TABLE\s+ONLY\b", 10),
        (r"\bOWNER\s+TO\b", 6),
        (r"\bCOPY\s+\S+.*FROM\s+stdin", 20),
        (r"\bCREATE\s+EXTENSION\b", 10),
        (r"\bwithout\s+time\s+zone\b", 6),
    ],
    "mysql": [
        (r"`\w+`", 3),
        (r"\bENGINE\s*=", 10),
        (r"\bAUTO_INCREMENT\b", 6),
        (r"/\*!\d{5}", 15),
        (r"\bDEFAULT\s+CHARSET\b", 8),
        (r"\bUNSIGNED\b", 3),
        (r"\bLOCK\s+TABLES\b", 10),
        (r"^\s*DELIMITER\b", 10),
        (r"\bTINYINT\s*\(", 3),
    ],
    "mariadb": [(r"MariaDB dump", 50)],
    "sqlite": [
        (r"\bAUTOINCREMENT\b", 10),
        (r"\bWITHOUT\s+ROWID\b", 10),
        (r"\bPRAGMA\b", 10),
        (r"\bsqlite_", 8),
        (r"BEGIN\s+TRANSACTION;", 2),
    ],
    "mssql": [
        (r"\[\w+\]\.\[\w+\]", 6),
        (r"^\s*GO\s*$", 15),
        (r"\bNVARCHAR\b", 4),
        (r"\bIDENTITY\s*\(", 8),
        (r"\bdbo\.", 5),
        (r"\bUNIQUEIDENTIFIER\b", 8),
        (r"\bCLUSTERED\b", 6),
        (r"\bsp_\w+", 5),
    ],
    "oracle": [
        (r"\bVARCHAR2\b", 10),
        (r"\bNUMBER\s*\(", 6),
        (r"^\s*/\s*$", 5),
        (r"\bNVARCHAR2\b", 8),
        (r"\bPL/SQL\b|\bDBMS_\w+", 6),
        (r"\bCLOB\b", 3),
        (r"\bSYSDATE\b", 5),
    ],
    "snowflake": [
        (r"\bVARIANT\b", 8),
        (r"\bTIMESTAMP_(?:NTZ|LTZ|TZ)\b", 10),
        (r"\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:TRANSIENT|STAGE|WAREHOUSE)\b", 10),
    ],
    "bigquery": [
        (r"\bINT64\b|\bFLOAT64\b", 10),
        (r"\bSTRUCT<|\bARRAY<", 8),
        (r"`[\w-]+\.[\w-]+\.[\w-]+`", 10),
    ],
}
_COMPILED = {d: [(re.compile(p, re.I | re.M), w) for p, w in signs] for d, signs in _SIGNS.items()}


#: Words in a file name that say which database it is for (``mysql-sakila-schema.sql``).
_NAME_WORDS: dict[str, str] = {
    "postgres": "postgres",
    "postgresql": "postgres",
    "pgsql": "postgres",
    "psql": "postgres",
    "mysql": "mysql",
    "mariadb": "mariadb",
    "sqlite": "sqlite",
    "sqlite3": "sqlite",
    "sqlserver": "mssql",
    "mssql": "mssql",
    "tsql": "mssql",
    "oracle": "oracle",
    "plsql": "oracle",
    "db2": "db2",
    "snowflake": "snowflake",
    "bigquery": "bigquery",
    "cockroachdb": "cockroachdb",
    "cockroach": "cockroachdb",
    "yugabytedb": "yugabytedb",
    "yugabyte": "yugabytedb",
}


def dialect_from_name(name: str | None) -> str | None:
    """The dialect a file's name announces (one clear word), else None.

    Projects that ship one schema per database name the files so
    (``Chinook_SqlServer.schema.sql``, ``sqlite-sakila-schema.sql``); that
    beats guessing from syntax, which files in portable SQL do not show.
    """
    if not name:
        return None
    stem = re.split(r"[\\/]", name)[-1].lower()
    stem = stem.replace("sql-server", "sqlserver").replace("sql_server", "sqlserver")
    found = {_NAME_WORDS[word] for word in re.split(r"[^a-z0-9]+", stem) if word in _NAME_WORDS}
    return found.pop() if len(found) == 1 else None


def detect_dialect(text: str, sample: int = 200_000, name: str | None = None) -> tuple[str, bool]:
    """(dialect, confident): the file name's dialect, else the best guess from the SQL."""
    named = dialect_from_name(name)
    if named is not None:
        return named, True
    head = text[:sample]
    scores: dict[str, int] = {}
    for dialect, signs in _COMPILED.items():
        score = 0
        for pattern, weight in signs:
            hits = len(pattern.findall(head))
            if hits:
                score += weight * min(hits, 5)
        scores[dialect] = score
    if scores.get("mariadb", 0) and scores["mariadb"] >= 50:
        return "mariadb", True
    scores.pop("mariadb", None)
    best = max(scores, key=lambda d: scores[d])
    if scores[best] == 0:
        return "postgres", False
    return best, True
