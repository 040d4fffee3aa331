"""Connecting to a live database: dialect names, connection errors without secrets, progress."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import URL

from sekkei.formats.live.redact import redact_text, redact_url
from sekkei.model.diagnostics import InputError, Problem
from sekkei.model.dialects import normalize_dialect

Bind = sa.Engine | sa.Connection
ProgressCallback = Callable[[str, int, int], None]

_SA_NAMES = {
    "postgresql": "postgres",
    "sqlite": "sqlite",
    "mssql": "mssql",
    "oracle": "oracle",
}


def dialect_of(bind: Bind) -> str:
    """The Sekkei dialect of a database: postgres, mysql, mariadb, sqlite, mssql, oracle …

    MySQL and MariaDB share a SQLAlchemy dialect and are told apart by the
    server's version string, so an engine that never connected connects once.
    """
    dialect = bind.dialect
    name = dialect.name
    if name in {"mysql", "mariadb"}:
        if getattr(dialect, "server_version_info", None) is None and isinstance(bind, sa.Engine):
            with open_connection(bind):
                pass
        return "mariadb" if getattr(dialect, "is_mariadb", False) or name == "mariadb" else "mysql"
    if name in _SA_NAMES:
        return _SA_NAMES[name]
    try:
        return normalize_dialect(name)
    except ValueError:
        return "generic"


def url_of(bind: Bind) -> URL:
    return bind.engine.url


def describe(bind: Bind) -> str:
    """The database's URL for messages, password masked."""
    return redact_url(url_of(bind).render_as_string(hide_password=True))


def secrets_of(bind: Bind) -> list[str | None]:
    """Values that must never appear in a message: the password, wherever it was given."""
    url = url_of(bind)
    found: list[str | None] = [url.password if isinstance(url.password, str) else None]
    for key, value in url.query.items():
        if "pass" in key.lower() or key.lower() in {"pwd", "secret", "token"}:
            found.extend([value] if isinstance(value, str) else list(value))
    return found


def error_text(exc: BaseException, bind: Bind) -> str:
    """The driver's own message (not SQLAlchemy's wrapper), secrets removed, one paragraph."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc)
    lines = [line.strip() for line in text.splitlines()
             if line.strip() and not line.strip().startswith("(Background on this error")]
    return redact_text(" ".join(lines), secrets_of(bind))


@contextmanager
def open_connection(bind: Bind) -> Iterator[sa.Connection]:
    """A connection from `bind` (the caller's own if it is one), failures as `InputError`."""
    if isinstance(bind, sa.Connection):
        yield bind
        return
    try:
        conn = bind.connect()
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        raise InputError(Problem(
            f"cannot connect to {describe(bind)}: {error_text(exc, bind)}",
            code="connection-failed",
            hint="check the host, port, database name, user and password",
        )) from None
    try:
        yield conn
    finally:
        conn.close()


@contextmanager
def reading_errors(bind: Bind) -> Iterator[None]:
    """Turn a lost connection or a refused catalog query into `InputError`.

    Permission problems and dropped connections are facts about the user's
    database, not bugs in Sekkei; other driver errors propagate as they are.
    """
    try:
        yield
    except (sa.exc.OperationalError, sa.exc.InterfaceError) as exc:
        raise InputError(Problem(
            f"could not read {describe(bind)}: {error_text(exc, bind)}", code="read-failed",
        )) from None
    except sa.exc.DBAPIError as exc:
        state = getattr(getattr(exc, "orig", None), "sqlstate", None)
        if state != "42501":
            raise
        raise InputError(Problem(
            f"could not read {describe(bind)}: {error_text(exc, bind)}", code="permission-denied",
            hint="the user needs read access to the system catalogs of every namespace read",
        )) from None


class Progress:
    """Reports `(stage, done, total)`; costs one attribute test when nobody listens."""

    __slots__ = ("_callback",)

    def __init__(self, callback: ProgressCallback | None) -> None:
        self._callback = callback

    @property
    def enabled(self) -> bool:
        return self._callback is not None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._callback is not None:
            self._callback(stage, done, total)
