"""Canonical JSON of a schema and the content hashes built on it.

The canonical form is the file form (no defaults, no locations) with every
collection whose order carries no meaning sorted: tables, enums, views,
indexes and constraints.  Column order, enum value order and key column order
do carry meaning and are kept.  Each table is hashed on its own and the schema
hash is a Merkle root over the per-object hashes, so two versions can be
compared by looking only at the objects whose hash changed.
"""

from __future__ import annotations

import gc
import hashlib
from typing import Any

import orjson

from sekkei.model.base import Node
from sekkei.model.schema import Schema, Table

_UNORDERED_LISTS = ("foreign_keys", "uniques", "checks", "indexes", "triggers")


def _sort_key(item: Any) -> bytes:
    return orjson.dumps(item, option=orjson.OPT_SORT_KEYS)


def canonical_data(node: Node) -> Any:
    """The canonical plain-data form of any schema object."""
    data = node.data()
    return _canonicalize(data)


def _canonicalize(data: Any) -> Any:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            if key in _UNORDERED_LISTS and isinstance(value, list):
                value = sorted((_canonicalize(v) for v in value), key=_sort_key)
            else:
                value = _canonicalize(value)
            out[key] = value
        return out
    if isinstance(data, list):
        return [_canonicalize(v) for v in data]
    return data


def canonical_json(node: Node) -> bytes:
    """Canonical JSON bytes: sorted object keys except where order is meaning.

    Column maps keep their order (it is part of the design); every other map
    is sorted by key.
    """
    return _dumps(canonical_data(node))


def _dumps(data: Any) -> bytes:
    return orjson.dumps(_ordered(data))


def _ordered(data: Any, parent: str | None = None) -> Any:
    if isinstance(data, dict):
        keys = list(data) if parent == "columns" else sorted(data)
        return {k: _ordered(data[k], k) for k in keys}
    if isinstance(data, list):
        return [_ordered(v) for v in data]
    return data


def table_hash(table: Table) -> str:
    """SHA-256 of a table's canonical JSON (hex)."""
    return hashlib.sha256(canonical_json(table)).hexdigest()


def object_hashes(schema: Schema) -> dict[str, str]:
    """Hash of every top-level object, keyed ``kind:key`` (e.g. ``table:sales.order``)."""
    hashes: dict[str, str] = {}
    for kind, mapping in (
        ("namespace", schema.namespaces),
        ("extension", schema.extensions),
        ("enum", schema.enums),
        ("domain", schema.domains),
        ("sequence", schema.sequences),
        ("table", schema.tables),
        ("view", schema.views),
    ):
        for key, item in mapping.items():
            hashes[f"{kind}:{key}"] = hashlib.sha256(canonical_json(item)).hexdigest()
    for routine in schema.routines:
        hashes[f"routine:{routine.key}"] = hashlib.sha256(canonical_json(routine)).hexdigest()
    settings = {
        "name": schema.name,
        "dialect": schema.dialect,
        "comment": schema.comment,
        "diagram": canonical_data(schema.diagram) if schema.diagram else None,
        "meta": schema.meta,
    }
    hashes["schema:"] = hashlib.sha256(_dumps(settings)).hexdigest()
    return hashes


def merkle_root(hashes: dict[str, str]) -> str:
    """Root hash over object hashes: independent of the order objects were added."""
    digest = hashlib.sha256()
    for key in sorted(hashes):
        digest.update(key.encode("utf-8"))
        digest.update(b"\0")
        digest.update(hashes[key].encode("ascii"))
        digest.update(b"\n")
    return digest.hexdigest()


def schema_hash(schema: Schema) -> str:
    """The content address of a schema (Merkle root of its objects)."""
    was_enabled = gc.isenabled()
    gc.disable()  # hashing builds many short-lived acyclic dicts (see formats.gcpause)
    try:
        return merkle_root(object_hashes(schema))
    finally:
        if was_enabled:
            gc.enable()
