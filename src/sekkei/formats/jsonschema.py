"""The JSON Schema of the house format, generated from the model classes.

Editors (VS Code with the YAML extension, JetBrains IDEs) use it to validate
and autocomplete ``*.sekkei.yaml`` files.  It is the model's own schema with
the file format's conveniences added: names come from mapping keys, columns
may be written as just their type, and keys may be declared on a column.
"""

from __future__ import annotations

import copy
from typing import Any

from sekkei import __version__
from sekkei.model import schema as model
from sekkei.model.types import canonical_names

SCHEMA_ID = "https://sekkei.dev/schema/sekkei-1.json"

_KEYED = {
    "Column": ("name",),
    "Table": ("name", "namespace"),
    "Enum": ("name", "namespace"),
    "Domain": ("name", "namespace"),
    "Sequence": ("name", "namespace"),
    "View": ("name", "namespace"),
    "Namespace": ("name",),
    "Extension": ("name",),
}


def house_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a Sekkei schema file."""
    raw = model.Schema.model_json_schema(mode="validation", ref_template="#/$defs/{model}")
    result: dict[str, Any] = copy.deepcopy(raw)
    defs: dict[str, Any] = result.setdefault("$defs", {})
    for name, keys in _KEYED.items():
        definition = defs.get(name)
        if definition and "required" in definition:
            definition["required"] = [r for r in definition["required"] if r not in keys]
            if not definition["required"]:
                definition.pop("required")
    _column_sugar(defs)
    _table_sugar(defs)
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    result["$id"] = SCHEMA_ID
    result["title"] = "Sekkei schema file"
    result["description"] = (
        f"A database design in Sekkei's house format (sekkei {__version__}). "
        "Named objects are mappings keyed by name; see https://sekkei.dev/docs/format"
    )
    return result


def _column_sugar(defs: dict[str, Any]) -> None:
    column = defs["Column"]
    props = column["properties"]
    types = ", ".join(canonical_names())
    props["type"]["description"] = (
        (props["type"].get("description") or "")
        + f" Canonical names: {types}; also serial/bigserial/smallserial (an identity)."
    ).strip()
    props["type"]["examples"] = [
        "bigint",
        "varchar(255)",
        "numeric(10,2)",
        "timestamptz",
        "text[]",
        "enum('draft','published')",
        "postgres:tsvector",
    ]
    props["primary_key"] = {
        "type": "boolean",
        "description": "Shorthand: this column alone is the primary key.",
    }
    props["unique"] = {
        "type": "boolean",
        "description": "Shorthand: a unique constraint on this column alone.",
    }
    props["references"] = {
        "description": "Shorthand for a one-column foreign key: TABLE.COLUMN, or a mapping.",
        "anyOf": [
            {"type": "string", "pattern": r"^.+\..+$"},
            {
                "type": "object",
                "required": ["table", "column"],
                "additionalProperties": False,
                "properties": {
                    "table": {"type": "string"},
                    "column": {"type": "string"},
                    "name": {"type": "string"},
                    "on_delete": {"$ref": "#/$defs/Action"},
                    "on_update": {"$ref": "#/$defs/Action"},
                    "deferrable": {"type": "boolean"},
                    "initially_deferred": {"type": "boolean"},
                },
            },
        ],
    }
    defs["Action"] = {"enum": ["no action", "restrict", "cascade", "set null", "set default"]}


def _table_sugar(defs: dict[str, Any]) -> None:
    table = defs["Table"]["properties"]
    table["columns"] = {
        "description": "Columns in order, keyed by name. A column may be written as just its type.",
        "anyOf": [
            {
                "type": "object",
                "additionalProperties": {"anyOf": [{"$ref": "#/$defs/Column"}, {"type": "string"}]},
            },
            {"type": "array", "items": {"$ref": "#/$defs/Column"}},
        ],
    }
    pk = table.get("primary_key", {})
    table["primary_key"] = {
        "description": "The primary key: a list of columns, or a mapping with a name.",
        "anyOf": [
            {"$ref": "#/$defs/PrimaryKey"},
            {"type": "array", "items": {"type": "string"}},
            {"type": "null"},
        ],
    }
    if "default" in pk:
        table["primary_key"]["default"] = pk["default"]
