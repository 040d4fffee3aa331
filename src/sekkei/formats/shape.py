"""Which parts of house-format data are schema objects, derived from the model classes.

Readers of YAML and JSON know where every mapping came from; this module tells
them which mappings are objects (a column, an index) as opposed to plain maps
(``native``, ``options``, ``meta``), so that a location is attached to the
former and never added as a bogus key to the latter.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from sekkei.model.base import Node


@dataclass(frozen=True)
class Slot:
    """What a field holds: an object, a map of objects, a list of objects, or plain data."""

    kind: str  # "node" | "map" | "list" | "plain"
    cls: type[Node] | None = None


def _node_in(annotation: Any) -> type[Node] | None:
    """The Node class somewhere in an annotation (unions, Annotated, Optional)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _node_in(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            found = _node_in(arg)
            if found is not None:
                return found
        return None
    if isinstance(annotation, type) and issubclass(annotation, Node):
        return annotation
    return None


def _slot(annotation: Any) -> Slot:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _slot(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            slot = _slot(arg)
            if slot.kind != "plain":
                return slot
        return Slot("plain")
    if origin is dict:
        value = get_args(annotation)[1]
        cls = _node_in(value)
        return Slot("map", cls) if cls else Slot("plain")
    if origin in (tuple, list):
        args = [a for a in get_args(annotation) if a is not Ellipsis]
        cls = _node_in(args[0]) if args else None
        return Slot("list", cls) if cls else Slot("plain")
    cls = _node_in(annotation)
    if cls is not None:
        return Slot("node", cls)
    return Slot("plain")


@cache
def slots(cls: type[Node]) -> dict[str, Slot]:
    """The slot of every field of a model class (cached)."""
    return {name: _slot(field.annotation) for name, field in cls.model_fields.items() if name != "loc"}
