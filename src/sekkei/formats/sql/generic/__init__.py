"""DDL reader for MySQL, MariaDB, SQLite, SQL Server, Oracle, Snowflake, BigQuery, Db2 and ANSI SQL."""

from sekkei.formats.sql.generic.reader import read_generic

__all__ = ["read_generic"]
