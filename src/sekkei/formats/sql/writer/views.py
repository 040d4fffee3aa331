"""CREATE VIEW and CREATE MATERIALIZED VIEW, in dependency order, with their indexes.

A view whose query cannot be written for the target is skipped with a
warning, and so is every view built on it (it would fail to create).
"""

from __future__ import annotations

from typing import ClassVar

from sekkei.formats.sql.writer.expressions import TranspileError
from sekkei.formats.sql.writer.indexes import IndexWriter
from sekkei.formats.sql.writer.order import view_dependencies, view_order
from sekkei.formats.sql.writer.script import Statement, StatementKind
from sekkei.model.schema import View


class ViewWriter(IndexWriter):
    """Views and materialized views."""

    materialized_views: ClassVar[bool] = False
    materialized_view_indexes: ClassVar[bool] = False
    check_options: ClassVar[frozenset[str]] = frozenset({"local", "cascaded"})
    """CHECK OPTION levels written as such; ``plain`` means WITH CHECK OPTION only."""
    view_kind: ClassVar[StatementKind] = "plain"

    def view_statements(self) -> tuple[list[Statement], list[Statement]]:
        """(CREATE VIEW statements, indexes on materialized views)."""
        views = self.schema.views
        depends = view_dependencies(views)
        skipped: set[str] = set()
        created: list[Statement] = []
        indexes: list[Statement] = []
        for key in view_order(views):
            view = views[key]
            subject = f"view {key}"
            missing = [d for d in depends.get(key, ()) if d in skipped]
            if missing:
                self.warn("view-skipped", f"uses view {missing[0]}, which is not written; "
                          "not written", subject=subject)
                skipped.add(key)
                continue
            try:
                body = self.exprs.query(view.sql)
            except TranspileError as exc:
                self.warn("view-skipped", f"its query cannot be written for {self.title} "
                          f"({exc}); not written", subject=subject)
                skipped.add(key)
                continue
            created.append(Statement(self.view_sql(view, body), self.view_kind))
            if view.indexes:
                indexes.extend(self.view_indexes(key, view))
        return created, indexes

    def view_sql(self, view: View, body: str) -> str:
        subject = f"view {view.key}"
        kind = "VIEW"
        if view.materialized:
            if self.materialized_views:
                kind = "MATERIALIZED VIEW"
            else:
                self.warn("materialized-view-changed", f"{self.title} has no materialized "
                          "views; written as a view", subject=subject)
        text = f"CREATE {kind} {self.ref(view.key)}"
        if view.columns:
            text += f" ({self.columns(view.columns)})"
        text += self.view_options(view)
        text += f" AS\n{body}"
        if view.check_option:
            text += self.check_option(view.check_option, subject)
        return text

    def view_options(self, view: View) -> str:
        return ""

    def check_option(self, level: str, subject: str) -> str:
        if level in self.check_options:
            return f"\nWITH {level.upper()} CHECK OPTION"
        if "plain" in self.check_options:
            return "\nWITH CHECK OPTION"
        self.warn("check-option-dropped", f"WITH {level.upper()} CHECK OPTION is not available "
                  f"in {self.title}", subject=subject)
        return ""

    def view_indexes(self, key: str, view: View) -> list[Statement]:
        if view.materialized and self.materialized_views and self.materialized_view_indexes:
            return self.index_statements(key, view, view.indexes)
        for index in view.indexes:
            self.warn("index-skipped", f"{self.title} cannot index this view; index "
                      f"{index.name or ''} not written".replace("  ", " "),
                      subject=f"view {key}")
        return []
