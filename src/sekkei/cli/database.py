"""Connecting to a live database from a URL (the only place Sekkei opens connections)."""

from __future__ import annotations

from sekkei.cli.common import progress_bar
from sekkei.model.diagnostics import InputError, Notes, Problem, UsageError
from sekkei.model.schema import Schema

#: Drivers used when a URL names only the database (postgresql://, mysql://, …).
_DEFAULT_DRIVERS = {
    "postgres": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
    "pg": "postgresql+psycopg",
    "mysql": "mysql+pymysql",
    "mariadb": "mariadb+pymysql",
}


#: pip packages of drivers SQLAlchemy may ask for.
_DRIVER_PACKAGES = {
    "oracledb": "oracledb",
    "cx_Oracle": "oracledb",
    "pyodbc": "pyodbc",
    "pymssql": "pymssql",
    "psycopg2": "psycopg2-binary",
    "MySQLdb": "mysqlclient",
    "mariadb": "mariadb",
    "snowflake": "snowflake-sqlalchemy",
}


def normalize_url(url: str) -> str:
    """Fill in the driver Sekkei installs when the URL leaves it out."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise UsageError(f"not a database URL: {url!r}")
    driver = _DEFAULT_DRIVERS.get(scheme.lower())
    return f"{driver}://{rest}" if driver else url


def redact(url: str) -> str:
    from sekkei.formats.live import redact_url

    return redact_url(url)


def read_url(
    url: str,
    *,
    notes: Notes,
    strict: bool = True,
    show_progress: bool = True,
    namespaces: list[str] | None = None,
) -> Schema:
    """Read a live database; connection problems become errors without the password."""
    import sqlalchemy as sa

    from sekkei.formats.live import read_database

    safe = redact(url)
    try:
        engine = sa.create_engine(normalize_url(url), pool_pre_ping=False)
    except ModuleNotFoundError as exc:
        package = _DRIVER_PACKAGES.get(exc.name or "", exc.name)
        raise InputError(
            Problem(
                f"cannot use database URL {safe}: its driver {exc.name!r} is not installed",
                hint=f"install it next to Sekkei: pip install {package}" if package else None,
                code="connection",
            )
        ) from None
    except Exception as exc:  # unknown dialect/driver, malformed URL
        message = str(exc).replace(url, safe)
        raise InputError(
            Problem(
                f"cannot use database URL {safe}: {redact(message)}",
                hint="URLs look like postgresql://user@host/db, "
                "mysql://root@127.0.0.1/db or sqlite:///file.db",
                code="connection",
            )
        ) from None
    try:
        with progress_bar(show_progress) as progress:
            return read_database(engine, notes=notes, namespaces=namespaces, progress=progress, strict=strict)
    finally:
        engine.dispose()
