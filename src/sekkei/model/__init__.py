"""The schema model: pure data, no I/O.  Everything else in Sekkei builds on it."""

from __future__ import annotations

from sekkei.model.base import Node
from sekkei.model.canonical import canonical_json, object_hashes, schema_hash, table_hash
from sekkei.model.diagnostics import (
    InputError,
    Note,
    Notes,
    Problem,
    SekkeiError,
    Severity,
    UsageError,
)
from sekkei.model.integrity import ResolvedType, problems, resolve_type
from sekkei.model.location import Location, SourceText
from sekkei.model.schema import (
    Area,
    Check,
    Column,
    Diagram,
    Domain,
    Enum,
    Extension,
    ForeignKey,
    Generated,
    Identity,
    Index,
    IndexElement,
    Namespace,
    PartitionOf,
    PrimaryKey,
    Privacy,
    Reference,
    Routine,
    Schema,
    Sequence,
    SqlExpr,
    StickyNote,
    Table,
    TableLayout,
    Trigger,
    Unique,
    View,
    qualified,
    split_qualified,
)
from sekkei.model.types import TypeSpec, parse_type

__all__ = [
    "Area", "Check", "Column", "Diagram", "Domain", "Enum", "Extension", "ForeignKey",
    "Generated", "Identity", "Index", "IndexElement", "InputError", "Location", "Namespace",
    "Node", "Note", "Notes", "PartitionOf", "PrimaryKey", "Privacy", "Problem", "Reference",
    "ResolvedType", "Routine", "Schema", "SekkeiError", "Sequence", "Severity", "SourceText",
    "SqlExpr", "StickyNote", "Table", "TableLayout", "Trigger", "TypeSpec", "Unique",
    "UsageError", "View", "canonical_json", "object_hashes", "parse_type", "problems",
    "qualified", "resolve_type", "schema_hash", "split_qualified", "table_hash",
]
