"""The base class of every schema object: frozen data with an optional source location."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, InstanceOf
from pydantic.json_schema import SkipJsonSchema

from sekkei.model.location import Location


class Node(BaseModel):
    """A schema object.

    Frozen so that versions can share objects safely.  `loc` records where the
    object was read from; it is not data: it is never serialised and two
    objects that differ only in where they were read from are equal.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        use_attribute_docstrings=True,
        validate_default=False,
    )

    #: Fields that a reader fills from the mapping key the object sits under.
    key_fields: ClassVar[tuple[str, ...]] = ()
    #: Fields written to files even when they hold their default (for clarity).
    always_fields: ClassVar[tuple[str, ...]] = ()

    loc: SkipJsonSchema[InstanceOf[Location] | None] = Field(default=None, exclude=True, repr=False)

    def __eq__(self, other: object) -> bool:
        if type(self) is not type(other):
            return NotImplemented
        mine = self.__dict__
        theirs = other.__dict__
        for name in type(self).model_fields:
            if name != "loc" and mine[name] != theirs[name]:
                return False
        return True

    # equal objects must hash alike; objects holding dicts cannot, so none do
    __hash__ = None  # type: ignore[assignment]

    def data(self) -> dict[str, Any]:
        """The object as plain JSON-ready data, without defaults (the file form)."""
        return self.model_dump(mode="json", exclude_defaults=True, by_alias=True)

    def at(self, loc: Location | None) -> Any:
        """A copy placed at `loc` (readers use this to attach positions)."""
        return self.model_copy(update={"loc": loc})
