"""Shared fixtures: real databases on loopback, the shared corpus, and a CLI runner.

Integration tests get a fresh, empty database per test.  When a service is
unreachable they skip with the reason, except under SEKKEI_REQUIRE_SERVICES=1
(set by .ci/run), where they fail.  Corpus tests do the same with
SEKKEI_REQUIRE_CORPUS=1.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("SEKKEI_CORPUS", ROOT.parent / "shared" / "corpus"))

PG_HOST = os.environ.get("SEKKEI_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("SEKKEI_TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("SEKKEI_TEST_PG_USER", "postgres")
MY_HOST = os.environ.get("SEKKEI_TEST_MYSQL_HOST", "127.0.0.1")
MY_PORT = int(os.environ.get("SEKKEI_TEST_MYSQL_PORT", "3306"))
MY_USER = os.environ.get("SEKKEI_TEST_MYSQL_USER", "root")
MY_PASSWORD = os.environ.get("SEKKEI_TEST_MYSQL_PASSWORD", "")


def _require(kind: str) -> bool:
    return os.environ.get(f"SEKKEI_REQUIRE_{kind}", "") == "1"


def _unavailable(kind: str, reason: str) -> None:
    if _require(kind):
        pytest.fail(f"{reason} (SEKKEI_REQUIRE_{kind}=1, so this is a failure, not a skip)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus directory (skips, or fails under SEKKEI_REQUIRE_CORPUS=1)."""
    if not (CORPUS / "real-world").is_dir():
        _unavailable("CORPUS", f"shared corpus not found at {CORPUS}")
    return CORPUS


def _pg_admin():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(
        host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres", autocommit=True, connect_timeout=5
    )


@pytest.fixture(scope="session")
def pg_available() -> bool:
    try:
        with _pg_admin() as conn:
            conn.execute("select 1")
    except Exception as exc:  # any connection failure means "not available"
        _unavailable("SERVICES", f"PostgreSQL is not reachable at {PG_HOST}:{PG_PORT}: {exc}")
    return True


def _fresh_pg() -> Iterator[str]:
    name = f"sekkei_t_{uuid.uuid4().hex[:12]}"
    with _pg_admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        with _pg_admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_available: bool) -> Iterator[str]:
    """SQLAlchemy URL of a fresh PostgreSQL database, dropped afterwards."""
    yield from _fresh_pg()


@pytest.fixture
def pg_url2(pg_available: bool) -> Iterator[str]:
    """A second fresh PostgreSQL database (for copies and fixpoints)."""
    yield from _fresh_pg()


def _my_admin():  # type: ignore[no-untyped-def]
    import pymysql

    return pymysql.connect(
        host=MY_HOST, port=MY_PORT, user=MY_USER, password=MY_PASSWORD, autocommit=True, connect_timeout=5
    )


@pytest.fixture(scope="session")
def mysql_available() -> bool:
    try:
        conn = _my_admin()
        conn.close()
    except Exception as exc:
        _unavailable("SERVICES", f"MariaDB/MySQL is not reachable at {MY_HOST}:{MY_PORT}: {exc}")
    return True


@pytest.fixture
def mysql_url(mysql_available: bool) -> Iterator[str]:
    """SQLAlchemy URL of a fresh MariaDB database, dropped afterwards."""
    name = f"sekkei_t_{uuid.uuid4().hex[:12]}"
    conn = _my_admin()
    try:
        with conn.cursor() as cur:
            cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    finally:
        conn.close()
    try:
        password = f":{MY_PASSWORD}" if MY_PASSWORD else ""
        yield f"mysql+pymysql://{MY_USER}{password}@{MY_HOST}:{MY_PORT}/{name}?charset=utf8mb4"
    finally:
        conn = _my_admin()
        try:
            with conn.cursor() as cur:
                cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        finally:
            conn.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """SQLAlchemy URL of a fresh SQLite file."""
    path = tmp_path / "test.db"
    sqlite3.connect(path).close()
    return f"sqlite:///{path}"


# -- a summary of corpus results at the end of the run (works under xdist too) --------------

_SUMMARIES: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call":
        _SUMMARIES.extend(str(value) for name, value in report.user_properties if name == "summary")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _SUMMARIES:
        terminalreporter.section("corpus results")
        for line in sorted(_SUMMARIES):
            terminalreporter.write_line(line)
