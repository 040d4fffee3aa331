"""Objects created before the tables: namespaces, extensions, enum types, domains, sequences."""

from __future__ import annotations

from typing import ClassVar

from sekkei.formats.sql.writer.comments import CommentWriter
from sekkei.formats.sql.writer.script import Statement, StatementKind
from sekkei.model.schema import Sequence


class CatalogWriter(CommentWriter):
    """CREATE SCHEMA, CREATE EXTENSION, CREATE TYPE, CREATE DOMAIN, CREATE SEQUENCE."""

    namespace_kind: ClassVar[StatementKind] = "plain"
    sequences_supported: ClassVar[bool] = False

    def namespaces_used(self) -> list[str]:
        """Namespaces to create: declared ones and any an object lives in."""
        names = list(self.schema.namespaces)
        for namespace, _ in self.names.values():
            if namespace and namespace not in names:
                names.append(namespace)
        for extension in self.schema.extensions.values():
            if extension.namespace and extension.namespace not in names:
                names.append(extension.namespace)
        default = (self.default_namespace or "").lower()
        return [n for n in names if n.lower() != default]

    def namespace_statements(self) -> list[Statement]:
        if not self.has_namespaces:
            return []
        return [Statement(self.namespace_sql(name), self.namespace_kind)
                for name in self.namespaces_used()]

    def namespace_sql(self, name: str) -> str:
        return f"CREATE SCHEMA {self.quoter.ident(name)}"

    def extension_statements(self) -> list[Statement]:
        for extension in self.schema.extensions.values():
            self.warn("extension-skipped", f"extensions exist in PostgreSQL only; {extension.name} "
                      f"is not written for {self.title}", subject=f"extension {extension.name}")
        return []

    def enum_statements(self) -> list[Statement]:
        return []

    def domain_statements(self) -> list[Statement]:
        return []

    def sequence_statements(self) -> list[Statement]:
        found: list[Statement] = []
        for key, sequence in self.schema.sequences.items():
            if not self.sequences_supported:
                self.warn("sequence-skipped", f"{self.title} has no sequences; not written",
                          subject=f"sequence {key}")
                continue
            found.append(Statement(self.sequence_sql(key, sequence)))
        return found

    def sequence_sql(self, key: str, sequence: Sequence) -> str:
        """CREATE SEQUENCE in the standard spelling most databases share."""
        parts = [f"CREATE SEQUENCE {self.ref(key)}"]
        parts.extend(self.sequence_options(key, sequence))
        return " ".join(parts)

    def sequence_options(self, key: str, sequence: Sequence) -> list[str]:
        parts: list[str] = []
        if sequence.start is not None:
            parts.append(f"START WITH {sequence.start}")
        if sequence.increment is not None:
            parts.append(f"INCREMENT BY {sequence.increment}")
        if sequence.min_value is not None:
            parts.append(f"MINVALUE {sequence.min_value}")
        if sequence.max_value is not None:
            parts.append(f"MAXVALUE {sequence.max_value}")
        if sequence.cache is not None:
            parts.append(f"CACHE {sequence.cache}")
        if sequence.cycle:
            parts.append("CYCLE")
        return parts

    def sequence_ownership(self) -> list[Statement]:
        for key, sequence in self.schema.sequences.items():
            if sequence.owned_by and self.sequences_supported:
                self.info("owned-by-dropped", f"OWNED BY {sequence.owned_by} exists in "
                          f"PostgreSQL only; the sequence outlives the column in {self.title}",
                          subject=f"sequence {key}")
        return []
