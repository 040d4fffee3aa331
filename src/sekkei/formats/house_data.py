"""The house format's data: a schema as the plain, ordered data of a YAML/JSON file, and back.

Writing puts keys in the order a reader wants (a table's comment before its
columns), leaves out what a key already says (names), and uses the short forms
people write by hand (``primary_key: true`` on a column, ``id: bigint``).
Reading attaches the position of every object to it before validation, so
every later message can point into the file.
"""

from __future__ import annotations

from typing import Any

from sekkei.formats.shape import slots
from sekkei.model.base import Node
from sekkei.model.location import Location
from sekkei.model.schema import Column, Schema, Table

_ORDER: dict[str, tuple[str, ...]] = {
    "Schema": (
        "sekkei",
        "name",
        "dialect",
        "comment",
        "namespaces",
        "extensions",
        "enums",
        "domains",
        "sequences",
        "tables",
        "views",
        "routines",
        "diagram",
        "meta",
    ),
    "Table": (
        "comment",
        "tags",
        "owner",
        "retention",
        "columns",
        "primary_key",
        "uniques",
        "foreign_keys",
        "checks",
        "indexes",
        "triggers",
        "partition_by",
        "partition_of",
        "inherits",
        "charset",
        "collation",
        "options",
    ),
    "Column": (
        "type",
        "native",
        "primary_key",
        "unique",
        "nullable",
        "default",
        "identity",
        "generated",
        "on_update",
        "collation",
        "charset",
        "comment",
        "tags",
        "privacy",
    ),
    "View": ("comment", "tags", "materialized", "columns", "sql", "check_option", "indexes"),
    "Index": (
        "name",
        "unique",
        "kind",
        "method",
        "columns",
        "include",
        "where",
        "nulls_distinct",
        "options",
        "comment",
    ),
    "ForeignKey": (
        "name",
        "columns",
        "references",
        "on_delete",
        "on_update",
        "match",
        "deferrable",
        "initially_deferred",
        "comment",
    ),
}


def _ordered(data: dict[str, Any], cls_name: str) -> dict[str, Any]:
    order = _ORDER.get(cls_name)
    if not order:
        return data
    result = {k: data[k] for k in order if k in data}
    for k, v in data.items():
        if k not in result:
            result[k] = v
    return result


def _node_data(node: Node, *, in_map: bool) -> dict[str, Any]:
    data = node.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    return _shape(node, data, in_map=in_map)


def _shape(node: Node, data: dict[str, Any], *, in_map: bool) -> dict[str, Any]:
    """Order keys, drop key fields, recurse into child objects."""
    cls = type(node)
    if in_map:
        for key_field in cls.key_fields:
            data.pop(key_field, None)
    for always in cls.always_fields:
        if always not in data:
            data[always] = getattr(node, always)
    for field, slot in slots(cls).items():
        if field not in data or slot.kind == "plain":
            continue
        value = getattr(node, field)
        if slot.kind == "node" and isinstance(value, Node):
            data[field] = _shape(value, data[field], in_map=False)
        elif slot.kind == "map" and isinstance(value, dict):
            data[field] = {
                k: _shape(v, data[field][k], in_map=True) if isinstance(v, Node) else data[field][k]
                for k, v in value.items()
            }
        elif slot.kind == "list":
            data[field] = [
                _shape(v, d, in_map=False) if isinstance(v, Node) and isinstance(d, dict) else d
                for v, d in zip(value, data[field], strict=True)
            ]
    if isinstance(node, Table):
        data = _table_sugar(node, data)
    return _ordered(data, cls.__name__)


def _table_sugar(table: Table, data: dict[str, Any]) -> dict[str, Any]:
    columns: dict[str, Any] = data.get("columns", {})
    pk = table.primary_key
    if pk is not None:
        for name in pk.columns:
            column = columns.get(name)
            if isinstance(column, dict) and column.get("nullable") is False:
                column.pop("nullable")
        if pk.name is None and pk.comment is None:
            if len(pk.columns) == 1 and pk.columns[0] in columns:
                columns[pk.columns[0]]["primary_key"] = True
                columns[pk.columns[0]] = _ordered(columns[pk.columns[0]], "Column")
                data.pop("primary_key", None)
            else:
                data["primary_key"] = list(pk.columns)
    if table.uniques:
        kept: list[Any] = []
        used: set[str] = set()
        for unique, raw in zip(table.uniques, data.get("uniques", []), strict=True):
            simple = (
                len(unique.columns) == 1
                and unique.name is None
                and unique.comment is None
                and unique.nulls_distinct
                and not unique.deferrable
                and unique.columns[0] in columns
                and unique.columns[0] not in used
            )
            if simple:
                name = unique.columns[0]
                used.add(name)
                columns[name]["unique"] = True
                columns[name] = _ordered(columns[name], "Column")
            else:
                kept.append(raw)
        if kept:
            data["uniques"] = kept
        else:
            data.pop("uniques", None)
    for name, column in list(columns.items()):
        if isinstance(column, dict) and set(column) == {"type"}:
            columns[name] = column["type"]
    return data


def file_data(schema: Schema) -> dict[str, Any]:
    """The schema as ordered plain data for a YAML or JSON file."""
    data = _node_data(schema, in_map=False)
    data["sekkei"] = 1
    return _ordered(data, "Schema")


# -- reading ------------------------------------------------------------------


def attach_locations(
    data: Any,
    cls: type[Node],
    locs: dict[int, Location],
    key_locs: dict[tuple[int, str], Location],
    own: Location | None = None,
) -> None:
    """Add a ``loc`` entry to every object mapping in `data` (in place)."""
    if not isinstance(data, dict):
        return
    loc = own or locs.get(id(data))
    if loc is not None and "loc" not in data:
        data["loc"] = loc
    for field, slot in slots(cls).items():
        if slot.kind == "plain" or slot.cls is None or field not in data:
            continue
        value = data[field]
        if slot.kind == "node":
            attach_locations(value, slot.cls, locs, key_locs)
        elif slot.kind == "map" and isinstance(value, dict):
            # JSON has no position for a member's key: the enclosing object's is the closest
            fallback = locs.get(id(value), loc)
            for key, item in list(value.items()):
                key_loc = key_locs.get((id(value), key)) or (fallback if not isinstance(item, dict) else None)
                if slot.cls is Column and isinstance(item, str):
                    item = {"type": item}
                    value[key] = item
                attach_locations(item, slot.cls, locs, key_locs, key_loc)
        elif slot.kind == "list" and isinstance(value, list):
            for item in value:
                attach_locations(item, slot.cls, locs, key_locs)
    if cls is Table and isinstance(data.get("columns"), list):
        for item in data["columns"]:
            attach_locations(item, Column, locs, key_locs)
