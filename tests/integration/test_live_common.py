"""Live reads in general: namespaces, progress, and passwords kept out of every message."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from sekkei.formats.live import dialect_of, redact_url
from sekkei.model import ForeignKey, InputError, Reference
from tests.helpers.db import run_script
from tests.helpers.live import read

pytestmark = pytest.mark.integration

SECRET = "S3cr3t-p@ss:w0rd/?"


TWO_SCHEMAS = """
CREATE SCHEMA sales;
CREATE SCHEMA hr;
CREATE TABLE staff (id int PRIMARY KEY, name text);
CREATE TABLE sales.staff (id int PRIMARY KEY, boss int REFERENCES public.staff);
CREATE TABLE hr.staff (id int PRIMARY KEY, peer int REFERENCES sales.staff, same int REFERENCES hr.staff);
CREATE TYPE sales.level AS ENUM ('junior', 'senior');
CREATE TABLE sales.grade (staff_id int REFERENCES sales.staff, level sales.level);
"""


def test_namespaces_with_the_same_table_name(pg_url: str) -> None:
    run_script(pg_url, TWO_SCHEMAS)
    schema, notes = read(pg_url)
    assert sorted(schema.tables) == ["hr.staff", "sales.grade", "sales.staff", "staff"]
    assert sorted(schema.namespaces) == ["hr", "sales"]
    assert schema.tables["sales.staff"].foreign_keys == (
        ForeignKey(columns=("boss",), references=Reference(table="staff", columns=("id",))),)
    hr = schema.tables["hr.staff"]
    assert hr.namespace == "hr"
    assert {fk.references.table for fk in hr.foreign_keys} == {"sales.staff", "hr.staff"}
    assert schema.tables["sales.grade"].columns["level"].type == "sales.level"
    assert not notes.items


def test_reading_some_namespaces(pg_url: str) -> None:
    run_script(pg_url, TWO_SCHEMAS)
    schema, notes = read(pg_url, namespaces=["sales"])
    assert sorted(schema.tables) == ["sales.grade", "sales.staff"]
    assert list(schema.enums) == ["sales.level"]
    # a foreign key into a namespace not read cannot be kept in a schema that stands alone
    assert schema.tables["sales.staff"].foreign_keys == ()
    assert [n.code for n in notes] == ["live-outside-selection"]
    assert "staff" in notes.items[0].message


def test_unknown_namespaces_are_all_reported(pg_url: str) -> None:
    run_script(pg_url, TWO_SCHEMAS)
    with pytest.raises(InputError) as caught:
        read(pg_url, namespaces=["sales", "nope", "gone"])
    assert [p.code for p in caught.value.problems] == ["unknown-namespace", "unknown-namespace"]
    assert "'nope'" in str(caught.value) and "'gone'" in str(caught.value)
    assert "sales" in (caught.value.problems[0].expected or "")


def test_progress_is_reported_in_increasing_steps(pg_url: str) -> None:
    run_script(pg_url, TWO_SCHEMAS + """
        CREATE VIEW staff_names AS SELECT name FROM staff;
        CREATE FUNCTION one() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
    """)
    calls: list[tuple[str, int, int]] = []
    read(pg_url, progress=lambda stage, done, total: calls.append((stage, done, total)))
    stages: dict[str, list[tuple[int, int]]] = {}
    for stage, done, total in calls:
        stages.setdefault(stage, []).append((done, total))
    assert {"columns", "indexes", "tables", "views", "routines"} <= set(stages)
    for stage, steps in stages.items():
        dones = [done for done, _ in steps]
        assert dones == sorted(dones), stage
        assert all(0 <= done <= total for done, total in steps), stage
        assert steps[-1][0] == steps[-1][1], stage
    assert stages["tables"][-1] == (4, 4)
    assert stages["columns"][-1] == (4, 4)
    assert stages["views"][-1] == (1, 1)


def test_progress_on_mariadb_and_sqlite(mysql_url: str, sqlite_url: str) -> None:
    for url in (mysql_url, sqlite_url):
        run_script(url, "CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (id INTEGER PRIMARY KEY);")
        calls: list[tuple[str, int, int]] = []
        read(url, progress=lambda stage, done, total, seen=calls: seen.append((stage, done, total)))
        assert ("tables", 2, 2) in calls
        assert ("columns", 2, 2) in calls


def test_redact_url() -> None:
    assert redact_url("postgresql://app:s3cret@db:5432/shop") == "postgresql://app:***@db:5432/shop"
    assert redact_url("postgresql://app@db/shop") == "postgresql://app@db/shop"
    assert redact_url("mysql+pymysql://root:@localhost/x") == "mysql+pymysql://root:***@localhost/x"
    assert redact_url("postgresql://db/shop?user=a&password=s3cret&sslmode=require") == (
        "postgresql://db/shop?user=a&password=***&sslmode=require")
    # an unencoded "@", "/" or "?" inside the password is still hidden in full
    assert redact_url(f"postgresql://app:{SECRET}@db/shop") == "postgresql://app:***@db/shop"
    assert SECRET not in redact_url(f"see postgresql://app:{SECRET}@db/shop?x=1 and more")
    assert redact_url("mssql+pyodbc://u:pw@dsn?PWD=pw2&driver=x") == "mssql+pyodbc://u:***@dsn?PWD=***&driver=x"


def _no_secret(error: InputError) -> None:
    text = str(error) + repr(error.problems)
    assert SECRET not in text
    assert sa.engine.URL.create("x", password=SECRET).render_as_string(hide_password=False) not in text
    encoded = SECRET.replace("@", "%40").replace(":", "%3A").replace("/", "%2F").replace("?", "%3F")
    assert encoded not in text


def _with_password(url: str) -> str:
    return sa.engine.make_url(url).set(password=SECRET).render_as_string(hide_password=False)


def test_bad_password_on_mariadb(mysql_url: str) -> None:
    with pytest.raises(InputError) as caught:
        read(_with_password(mysql_url))
    _no_secret(caught.value)
    assert caught.value.problems[0].code == "connection-failed"
    assert "Access denied" in str(caught.value)
    assert "***" in str(caught.value)


def test_missing_database_on_postgres(pg_url: str) -> None:
    url = sa.engine.make_url(_with_password(pg_url)).set(database=f"missing_{uuid.uuid4().hex[:8]}")
    with pytest.raises(InputError) as caught:
        read(url.render_as_string(hide_password=False))
    _no_secret(caught.value)
    assert "does not exist" in str(caught.value)


def test_password_in_the_query_string(pg_url: str) -> None:
    url = sa.engine.make_url(pg_url).set(port=1, query={"password": SECRET, "connect_timeout": "2"})
    with pytest.raises(InputError) as caught:
        read(url.render_as_string(hide_password=False))
    _no_secret(caught.value)
    assert caught.value.__cause__ is None


def test_mysql_url_without_database(mysql_url: str) -> None:
    given = sa.engine.make_url(mysql_url)
    url = sa.engine.URL.create(given.drivername, given.username, given.password, given.host,
                               given.port, None, given.query)
    with pytest.raises(InputError, match="no database"):
        read(url.render_as_string(hide_password=False))


def test_dialect_names(pg_url: str, mysql_url: str, sqlite_url: str) -> None:
    for url, name in ((pg_url, "postgres"), (mysql_url, "mariadb"), (sqlite_url, "sqlite")):
        engine = sa.create_engine(url)
        try:
            assert dialect_of(engine) == name
            with engine.connect() as conn:
                assert dialect_of(conn) == name
        finally:
            engine.dispose()


def test_inspector_alone_degrades_gracefully(pg_url: str, sqlite_url: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The path SQL Server and Oracle take (no catalog queries of their own), run on
    databases that are here: it must read tables, keys, indexes and views, and say
    what it could not read instead of failing."""
    from sekkei.formats import live
    from sekkei.formats.live.reader import DatabaseReader

    monkeypatch.setattr(live, "_reader", lambda dialect: DatabaseReader())
    run_script(pg_url, TWO_SCHEMAS + "CREATE VIEW names AS SELECT name FROM staff;")
    schema, _ = read(pg_url, namespaces=["public", "sales", "hr"], strict=False)
    assert sorted(schema.tables) == ["hr.staff", "sales.grade", "sales.staff", "staff"]
    assert schema.tables["sales.staff"].foreign_keys[0].references.table == "staff"
    assert list(schema.views) == ["names"]
    run_script(sqlite_url, """
        CREATE TABLE a (id INTEGER PRIMARY KEY, n VARCHAR(10) DEFAULT 'x' COLLATE NOCASE);
        CREATE INDEX a_n ON a (n);
        CREATE VIEW v AS SELECT * FROM a;
    """)
    schema, notes = read(sqlite_url)
    column = schema.tables["a"].columns["n"]
    assert (column.type, column.default) == ("varchar(10)", "x")
    assert [index.name for index in schema.tables["a"].indexes] == ["a_n"]
    assert schema.views["v"].sql == "SELECT * FROM a"
    assert [n.code for n in notes] == ["live-not-supported"]


def test_empty_databases(pg_url: str, mysql_url: str, sqlite_url: str) -> None:
    for url, dialect in ((pg_url, "postgres"), (mysql_url, "mariadb"), (sqlite_url, "sqlite")):
        calls: list[tuple[str, int, int]] = []
        schema, notes = read(url, progress=lambda stage, done, total, seen=calls: seen.append(
            (stage, done, total)))
        assert schema.dialect == dialect
        assert schema.counts() == dict.fromkeys(schema.counts(), 0)
        assert not notes.items
        assert ("tables", 0, 0) in calls
