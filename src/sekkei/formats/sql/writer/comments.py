"""Comments on objects, in each database's own way of storing them.

PostgreSQL, Oracle and Snowflake use COMMENT ON statements; SQL Server uses
the ``MS_Description`` extended property; MySQL/MariaDB and BigQuery write
comments inside the CREATE statements (handled there); SQLite has nowhere to
keep them.  Comments a target cannot attach to a kind of object are reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sekkei.formats.sql.naming import postgres_default_name
from sekkei.formats.sql.writer.script import Statement
from sekkei.formats.sql.writer.views import ViewWriter
from sekkei.model.schema import Check, ForeignKey, PrimaryKey, Unique


@dataclass(frozen=True)
class CommentTarget:
    """One comment: on what (`kind` as in COMMENT ON), written how (`target`)."""

    kind: str
    target: str
    text: str
    subject: str
    owner: str | None = None
    """The table a constraint belongs to (``COMMENT ON CONSTRAINT c ON t``)."""
    column: str | None = None
    key: str | None = None


class CommentWriter(ViewWriter):
    """COMMENT ON statements (and notes for comments that cannot be kept)."""

    comment_kinds: ClassVar[frozenset[str]] = frozenset({
        "schema", "type", "domain", "sequence", "table", "column", "view", "materialized view",
        "index", "constraint",
    })
    inline_comment_kinds: ClassVar[frozenset[str]] = frozenset()
    """Kinds written inside CREATE statements (MySQL, BigQuery)."""

    def comment_targets(self) -> list[CommentTarget]:
        schema = self.schema
        found: list[CommentTarget] = []
        if schema.comment and self.default_namespace:
            found.append(CommentTarget("schema", self.quoter.ident(self.default_namespace),
                                       schema.comment, "schema"))
        for name, namespace in schema.namespaces.items():
            if namespace.comment:
                found.append(CommentTarget("schema", self.quoter.ident(name), namespace.comment,
                                           f"namespace {name}", key=name))
        for key, enum in schema.enums.items():
            if enum.comment:
                found.append(CommentTarget("type", self.ref(key), enum.comment, f"enum {key}"))
        for key, domain in schema.domains.items():
            if domain.comment:
                found.append(CommentTarget("domain", self.ref(key), domain.comment,
                                           f"domain {key}"))
        for key, sequence in schema.sequences.items():
            if sequence.comment:
                found.append(CommentTarget("sequence", self.ref(key), sequence.comment,
                                           f"sequence {key}"))
        for key in self.table_keys_written():
            found.extend(self._table_comments(key))
        for key, view in schema.views.items():
            kind = "materialized view" if view.materialized and self.materialized_views else "view"
            if view.comment:
                found.append(CommentTarget(kind, self.ref(key), view.comment, f"view {key}",
                                           key=key))
            for index in view.indexes:
                if index.comment and id(index) in self.index_names_written:
                    found.append(CommentTarget("index", self._index_ref(view.namespace, index),
                                               index.comment, f"view {key} index {index.name}"))
        return found

    def table_keys_written(self) -> list[str]:
        return [k for k in self.schema.tables if k in self.written_tables]

    def _table_comments(self, key: str) -> list[CommentTarget]:
        table = self.schema.tables[key]
        ref = self.ref(key)
        found: list[CommentTarget] = []
        if table.comment:
            found.append(CommentTarget("table", ref, table.comment, f"table {key}", key=key))
        for column in table.columns.values():
            if column.comment:
                found.append(CommentTarget("column", f"{ref}.{self.ident(column.name)}",
                                           column.comment, f"table {key} column {column.name}",
                                           column=column.name, key=key))
        constraints: list[tuple[str, PrimaryKey | Unique | ForeignKey | Check]] = []
        if table.primary_key is not None:
            constraints.append(("primary_key", table.primary_key))
        constraints.extend(("unique", u) for u in table.uniques)
        constraints.extend(("foreign_key", f) for f in table.foreign_keys)
        constraints.extend(("check", c) for c in table.checks)
        for kind, constraint in constraints:
            if not constraint.comment:
                continue
            columns = getattr(constraint, "columns", ())
            # PostgreSQL's own names for unnamed keys are predictable; a check's is not
            predictable = self.family == "postgres" and kind != "check"
            written = constraint.name or (postgres_default_name(kind, table.name, list(columns))
                                          if predictable else None)
            subject = f"table {key} constraint {written or ', '.join(columns)}"
            if written is None or id(constraint) not in self.constraints_written:
                self.info("comment-skipped", "the constraint is unnamed or not written; its "
                          "comment is not written", subject=subject)
                continue
            found.append(CommentTarget("constraint", self.ident(written), constraint.comment,
                                       subject, owner=ref))
        for index in table.indexes:
            if index.comment and id(index) in self.index_names_written:
                found.append(CommentTarget("index", self._index_ref(table.namespace, index),
                                           index.comment, f"table {key} index {index.name}"))
        return found

    def _index_ref(self, namespace: str | None, index: object) -> str:
        name = self.index_names_written[id(index)]
        if namespace and self.has_namespaces:
            return f"{self.quoter.ident(namespace)}.{name}"
        return name

    def comment_statements(self) -> list[Statement]:
        targets = self.comment_targets()
        if self.comment_style == "none":
            if targets:
                self.info("comments-not-stored", f"{self.title} does not store comments; "
                          f"{len(targets)} comment(s) are not written")
            return []
        found: list[Statement] = []
        for target in targets:
            if target.kind in self.inline_comment_kinds:
                continue
            if target.kind not in self.comment_kinds:
                self.info("comment-skipped", f"{self.title} keeps no comment on this {target.kind};"
                          " not written", subject=target.subject)
                continue
            found.append(self.comment_statement(target))
        return found

    def comment_statement(self, target: CommentTarget) -> Statement:
        on = f" ON {target.owner}" if target.owner else ""
        return Statement(f"COMMENT ON {target.kind.upper()} {target.target}{on} IS "
                         f"{self.string(target.text)}")
