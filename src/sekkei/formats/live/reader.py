"""The steps of reading one live database; each database family overrides what it knows better."""

from __future__ import annotations

import re

from sekkei.formats.live.inspect import ALL_KINDS
from sekkei.formats.live.raw import Context
from sekkei.model.diagnostics import InputError, Problem


class DatabaseReader:
    """Reads through SQLAlchemy's inspector alone: the path for SQL Server, Oracle and others.

    Subclasses add what their catalogs say better (exact type spellings,
    expression texts, objects the inspector does not know).
    """

    #: Inspector kinds worth asking for (a family may read some from its catalog instead).
    inspector_kinds: frozenset[str] = ALL_KINDS

    def begin(self, ctx: Context) -> None:
        """Prepare the session (e.g. a search path that makes names fully qualified)."""

    def end(self, ctx: Context) -> None:
        """Undo what `begin` changed in the session."""

    def namespaces(self, ctx: Context, requested: list[str] | None) -> list[str]:
        """The schemas to read: `requested` (all of which must exist) or the defaults."""
        existing = self.existing_namespaces(ctx)
        if requested is None:
            return self.default_namespaces(ctx)
        missing = [name for name in requested if name not in existing]
        if missing:
            shown = ", ".join(sorted(existing)) or "none"
            raise InputError([Problem(f"namespace {name!r} does not exist in the database",
                                      expected=f"one of: {shown}", code="unknown-namespace")
                              for name in missing])
        return list(dict.fromkeys(requested))

    def existing_namespaces(self, ctx: Context) -> set[str]:
        return set(ctx.inspector.get_schema_names())

    def default_namespaces(self, ctx: Context) -> list[str]:
        default = ctx.inspector.default_schema_name
        return [default] if default else []

    def before_tables(self, ctx: Context) -> None:
        """Objects that column types refer to (enums, domains) and sequences."""

    def table_names(self, ctx: Context, schema: str) -> list[str]:
        return sorted(ctx.inspector.get_table_names(schema=schema))

    def refine(self, ctx: Context) -> None:
        """Correct and complete `ctx.tables` from the database's own catalog."""

    def after_tables(self, ctx: Context) -> None:
        """Views, routines and whatever else hangs off the tables."""
        total = sum(len(ctx.inspector.get_view_names(schema=s)) for s in ctx.namespaces)
        done = 0
        ctx.progress("views", 0, total)
        for schema in ctx.namespaces:
            for name in sorted(ctx.inspector.get_view_names(schema=schema)):
                try:
                    sql = ctx.inspector.get_view_definition(name, schema=schema)
                except NotImplementedError:
                    ctx.notes.info("live-not-supported",
                                   f"the {ctx.dialect} inspector cannot report view definitions")
                    return
                done += 1
                ctx.progress("views", done, total)
                if sql:
                    ctx.builder.add_view(ctx.model_namespace(schema), name, _view_body(sql))


def _view_body(sql: str) -> str:
    """The query of a view, whether the database returns it bare or as CREATE VIEW … AS."""
    text = sql.strip().rstrip(";").strip()
    if text[:6].upper() == "CREATE":
        found = _AS_RE.search(text)
        if found:
            return text[found.end():].strip()
    return text


_AS_RE = re.compile(r"\sAS\s", re.I)
