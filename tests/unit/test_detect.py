"""Guessing the SQL dialect of a file: from its name first, then from tell-tale syntax."""

from __future__ import annotations

import pytest

from sekkei.formats.sql.detect import detect_dialect, dialect_from_name


@pytest.mark.parametrize(
    ("name", "dialect"),
    [
        ("sakila/sqlite-sakila-schema.sql", "sqlite"),
        ("Chinook_SqlServer_AutoIncrementPKs.schema.sql", "mssql"),
        ("sql-server-sakila-schema.sql", "mssql"),
        ("Chinook_PostgreSql_SerialPKs.schema.sql", "postgres"),
        ("main.full.sql.postgres.sql", "postgres"),
        ("db/mysql/schema.sql", None),  # only the file's own name counts
        ("structure.sql", None),
        ("mysql-to-postgres.sql", None),  # two databases named: no answer
    ],
)
def test_dialect_from_the_file_name(name: str, dialect: str | None) -> None:
    assert dialect_from_name(name) == dialect


def test_the_name_beats_the_syntax_and_syntax_decides_otherwise() -> None:
    mysqlish = "CREATE TABLE `t` (id int AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;"
    assert detect_dialect(mysqlish) == ("mysql", True)
    assert detect_dialect(mysqlish, name="sqlite-schema.sql") == ("sqlite", True)
    assert detect_dialect("CREATE TABLE t (id int);") == ("postgres", False)
