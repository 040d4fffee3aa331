"""Load SQL into real databases and read back what the database itself reports.

The counts here come from the databases' own catalogs, never from Sekkei, so
tests that compare them with what Sekkei read are comparing with the truth.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import sqlalchemy as sa


@dataclass(frozen=True)
class CatalogCounts:
    tables: int
    columns: int
    foreign_keys: int
    indexes: int


def run_script(url: str, sql: str) -> None:
    """Execute a multi-statement SQL script in one go, as the database's own client would."""
    engine = sa.create_engine(url)
    try:
        if engine.dialect.name == "sqlite":
            path = url.split("///", 1)[1]
            conn = sqlite3.connect(path)
            try:
                conn.executescript(sql)
            finally:
                conn.close()
        elif engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                raw = conn.connection.driver_connection
                raw.autocommit = True  # type: ignore[union-attr]
                raw.execute(sql)  # type: ignore[union-attr]
        else:
            with engine.connect() as conn:
                raw = conn.connection.driver_connection
                with raw.cursor() as cur:  # type: ignore[union-attr]
                    for statement in split_mysql_script(sql):
                        cur.execute(statement)
                raw.commit()  # type: ignore[union-attr]
    finally:
        engine.dispose()


def split_mysql_script(sql: str) -> list[str]:
    """Split a MySQL script the way the mysql client does (DELIMITER aware)."""
    statements: list[str] = []
    delimiter = ";"
    buf: list[str] = []
    i = 0
    n = len(sql)
    quote: str | None = None
    line_start = True
    while i < n:
        ch = sql[i]
        if quote is None and line_start:
            rest = sql[i : i + 10].upper()
            if rest.startswith("DELIMITER ") or rest.startswith("DELIMITER\t"):
                end = sql.find("\n", i)
                end = n if end == -1 else end
                delimiter = sql[i + 10 : end].strip()
                i = end + 1
                continue
        line_start = ch == "\n"
        if quote:
            buf.append(ch)
            if ch == "\\" and quote in "'\"" and i + 1 < n:
                buf.append(sql[i + 1])
                i += 2
                continue
            if ch == quote:
                quote = None
            i += 1
            continue
        if ch in "'\"`":
            quote = ch
            buf.append(ch)
            i += 1
            continue
        if (ch == "-" and sql.startswith("-- ", i)) or ch == "#":
            end = sql.find("\n", i)
            end = n if end == -1 else end
            i = end
            continue
        if ch == "/" and sql.startswith("/*", i) and not sql.startswith("/*!", i):
            end = sql.find("*/", i + 2)
            i = n if end == -1 else end + 2
            continue
        if sql.startswith(delimiter, i):
            text = "".join(buf).strip()
            if text:
                statements.append(text)
            buf = []
            i += len(delimiter)
            continue
        buf.append(ch)
        i += 1
    text = "".join(buf).strip()
    if text:
        statements.append(text)
    return statements


def catalog_counts(url: str, *, namespaces: list[str] | None = None) -> CatalogCounts:
    """Tables, columns, foreign keys and explicit indexes as the database reports them.

    Indexes that only back a primary key or unique constraint are not counted
    (they are constraints in the design, not indexes); on MySQL/MariaDB an
    index that exists only because a foreign key needs one is not counted either.
    """
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            name = engine.dialect.name
            if name == "postgresql":
                return _pg_counts(conn, namespaces)
            if name in {"mysql", "mariadb"}:
                return _my_counts(conn)
            if name == "sqlite":
                return _sqlite_counts(conn)
            raise ValueError(name)
    finally:
        engine.dispose()


def _pg_counts(conn: sa.Connection, namespaces: list[str] | None) -> CatalogCounts:
    ns_filter = "n.nspname not in ('pg_catalog','information_schema') and n.nspname not like 'pg_toast%'"
    if namespaces:
        ns_filter = "n.nspname = any(:ns)"
    params = {"ns": namespaces} if namespaces else {}
    tables = conn.execute(
        sa.text(
            f"select count(*) from pg_class c join pg_namespace n on n.oid=c.relnamespace "
            f"where c.relkind in ('r','p') and {ns_filter} "
            "and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')"
        ),
        params,
    ).scalar_one()
    columns = conn.execute(
        sa.text(
            f"select count(*) from pg_attribute a join pg_class c on c.oid=a.attrelid "
            f"join pg_namespace n on n.oid=c.relnamespace where c.relkind in ('r','p') and a.attnum>0 "
            f"and not a.attisdropped and {ns_filter} "
            "and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')"
        ),
        params,
    ).scalar_one()
    fks = conn.execute(
        sa.text(
            f"select count(*) from pg_constraint k join pg_class c on c.oid=k.conrelid "
            f"join pg_namespace n on n.oid=c.relnamespace where k.contype='f' and k.conparentid = 0 "
            f"and {ns_filter}"
        ),
        params,
    ).scalar_one()
    indexes = conn.execute(
        sa.text(
            f"select count(*) from pg_index i join pg_class c on c.oid=i.indexrelid "
            f"join pg_class t on t.oid=i.indrelid join pg_namespace n on n.oid=c.relnamespace "
            f"where t.relkind in ('r','p','m') and {ns_filter} "
            "and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid "
            "and k.contype in ('p','u','x')) "
            "and not exists (select 1 from pg_inherits h where h.inhrelid = i.indexrelid)"
        ),
        params,
    ).scalar_one()
    return CatalogCounts(tables, columns, fks, indexes)


def _my_counts(conn: sa.Connection) -> CatalogCounts:
    db = conn.execute(sa.text("select database()")).scalar_one()
    tables = conn.execute(
        sa.text(
            "select count(*) from information_schema.tables where table_schema=:d and table_type='BASE TABLE'"
        ),
        {"d": db},
    ).scalar_one()
    columns = conn.execute(
        sa.text(
            "select count(*) from information_schema.columns c join information_schema.tables t "
            "on t.table_schema=c.table_schema and t.table_name=c.table_name "
            "where c.table_schema=:d and t.table_type='BASE TABLE'"
        ),
        {"d": db},
    ).scalar_one()
    fks = conn.execute(
        sa.text("select count(*) from information_schema.referential_constraints where constraint_schema=:d"),
        {"d": db},
    ).scalar_one()
    indexes = conn.execute(
        sa.text(
            "select count(distinct s.table_name, s.index_name) from information_schema.statistics s "
            "where s.table_schema=:d and s.non_unique=1 and s.index_name not in ("
            "  select k.constraint_name from information_schema.table_constraints k "
            "  where k.table_schema=s.table_schema and k.table_name=s.table_name "
            "  and k.constraint_type='FOREIGN KEY')"
        ),
        {"d": db},
    ).scalar_one()
    return CatalogCounts(tables, columns, fks, indexes)


def _sqlite_counts(conn: sa.Connection) -> CatalogCounts:
    names = [
        r[0]
        for r in conn.execute(
            sa.text("select name from sqlite_master where type='table' and name not like 'sqlite_%'")
        )
    ]
    columns = fks = indexes = 0
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        # table_xinfo also lists generated columns (hidden = 2 or 3); 1 marks virtual-table internals
        columns += sum(1 for r in conn.execute(sa.text(f"pragma table_xinfo({quoted})")) if r[6] != 1)
        fks += len({r[0] for r in conn.execute(sa.text(f"pragma foreign_key_list({quoted})"))})
        indexes += sum(1 for r in conn.execute(sa.text(f"pragma index_list({quoted})")) if r[3] == "c")
    return CatalogCounts(len(names), columns, fks, indexes)
