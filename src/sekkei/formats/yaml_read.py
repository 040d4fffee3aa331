"""Read YAML into plain data, with the position of every object, safely and fast.

libyaml (through PyYAML's C parser) produces the event stream; this module
builds the data from the events itself instead of through PyYAML's composer
and resolver, which are Python code and took most of the time on big files.
Along the way it:

- resolves scalars by YAML 1.2 (``on``, ``no`` and ``yes`` are strings, as most
  people expect of a column called ``on``); keys are always strings;
- reports duplicate keys as errors, not silent overwrites;
- refuses aliases that expand without bound ("billion laughs") and absurd nesting;
- supports ``<<`` merge keys, so column templates can be shared;
- attaches a ``loc`` to every mapping that is a schema object, guided by the
  model's shape (`sekkei.formats.shape`), so no second pass is needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from sekkei.formats.shape import Slot, slots
from sekkei.model.base import Node
from sekkei.model.diagnostics import InputError, Problem
from sekkei.model.location import Location
from sekkei.model.schema import Column, Table

try:  # the C parser is ~10x faster; fall back to the pure-Python one
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader

_STR_TAGS = {"tag:yaml.org,2002:str", "!!str", "!"}
_NULL = re.compile(r"^(?:null|Null|NULL|~|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_FIRST_TYPED = frozenset("0123456789+-.~nNtTfF")


def resolve_plain(value: str) -> Any:
    """A plain (unquoted) scalar under the YAML 1.2 core schema."""
    if not value or value[0] not in _FIRST_TYPED:
        return value if value else None
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value


@dataclass
class YamlData:
    """The data of a YAML file and where its parts came from."""

    value: Any
    line_paths: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    """0-based line -> path of the first key on that line (for comments)."""
    scalar_lines: set[int] = field(default_factory=set)
    """0-based lines inside multi-line scalars (not comments)."""
    path_locs: dict[tuple[Any, ...], Location] | None = None
    """Path of every key -> its position (only when asked for: used to place errors)."""


_PLAIN = Slot("plain")
_COLUMN_MAP = Slot("map", Column)


class _Builder:
    """Builds data from libyaml events, attaching locations to schema objects."""

    def __init__(self, loader: Any, file: str | None, max_nodes: int, max_depth: int,
                 track: bool) -> None:
        self.loader = loader
        self.file = file
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.track = track
        self.values = 0  # values produced, aliases counted at their full size
        self.events = 0  # values actually written in the file
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.out = YamlData(None)
        if track:
            self.out.path_locs = {}

    def loc(self, mark: Any) -> Location:
        return Location(self.file, mark.line + 1, mark.column + 1)

    def _count(self, amount: int, mark: Any) -> None:
        self.values += amount
        # a schema file reuses an alias now and then; ten times the file's own size
        # is a bomb, not a schema
        if self.values > self.max_nodes or self.values > max(100_000, 10 * self.events):
            raise InputError(Problem(
                f"the document expands to more than {min(self.max_nodes, max(100_000, 10 * self.events)):,} "
                "values (aliases that repeat each other, e.g. a 'billion laughs' file?)",
                self.loc(mark), hint="schema files do not need deeply nested aliases; expand them by hand",
                code="too-large"))

    def value(self, depth: int, path: tuple[Any, ...], slot: Slot) -> Any:
        """The next value; `slot` says what the model expects here."""
        event = self.loader.get_event()
        kind = type(event)
        if kind is yaml.AliasEvent:
            found = self.anchors.get(event.anchor)
            if found is None:
                raise InputError(Problem(f"alias *{event.anchor} names no anchor defined before it",
                                         self.loc(event.start_mark), code="yaml"))
            self._count(found[1], event.start_mark)
            return found[0]
        self.events += 1
        before = self.values
        if depth > self.max_depth:
            raise InputError(Problem(
                f"nesting deeper than {self.max_depth} levels", self.loc(event.start_mark),
                expected="a schema (a few levels of mappings and lists)", code="too-deep"))
        if kind is yaml.ScalarEvent:
            self._count(1, event.start_mark)
            result = self.scalar(event)
        elif kind is yaml.MappingStartEvent:
            self._check_tag(event)
            self._count(1, event.start_mark)
            result = self.mapping(event, depth, path, slot)
        elif kind is yaml.SequenceStartEvent:
            self._check_tag(event)
            self._count(1, event.start_mark)
            result = self.sequence(depth, path, slot)
        else:
            raise InputError(Problem("unexpected YAML content", self.loc(event.start_mark), code="yaml"))
        if event.anchor:
            self.anchors[event.anchor] = (result, self.values - before)
        return result

    def _check_tag(self, event: Any) -> None:
        tag = event.tag
        if tag and tag not in {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}:
            raise InputError(Problem(f"YAML tag {tag!r} is not used in schema files",
                                     self.loc(event.start_mark), code="yaml"))

    def scalar(self, event: Any) -> Any:
        if self.track and event.end_mark.line > event.start_mark.line:
            self.out.scalar_lines.update(range(event.start_mark.line, event.end_mark.line + 1))
        tag = event.tag
        if tag is not None and tag not in _STR_TAGS:
            if tag.startswith("tag:yaml.org,2002:"):
                return resolve_plain(event.value)
            raise InputError(Problem(f"YAML tag {tag!r} is not used in schema files",
                                     self.loc(event.start_mark), code="yaml"))
        if event.style or tag is not None:
            return event.value
        return resolve_plain(event.value)

    def sequence(self, depth: int, path: tuple[Any, ...], slot: Slot) -> list[Any]:
        items: list[Any] = []
        # a list of objects, or a map of objects written as a list of named mappings
        item_slot = Slot("node", slot.cls) if slot.kind in {"list", "map"} and slot.cls else _PLAIN
        check = self.loader.check_event
        index = 0
        while not check(yaml.SequenceEndEvent):
            items.append(self.value(depth + 1, (*path, index) if self.track else path, item_slot))
            index += 1
        self.loader.get_event()
        return items

    def mapping(self, start: Any, depth: int, path: tuple[Any, ...], slot: Slot) -> dict[str, Any]:
        result: dict[str, Any] = {}
        node_cls = slot.cls if slot.kind == "node" else None
        fields = slots(node_cls) if node_cls is not None else None
        if node_cls is not None:
            result["loc"] = self.loc(start.start_mark)
        member = Slot("node", slot.cls) if slot.kind == "map" and slot.cls else None
        merged: list[Any] = []
        loader = self.loader
        while not loader.check_event(yaml.MappingEndEvent):
            key_event = loader.get_event()
            if type(key_event) is not yaml.ScalarEvent:
                raise InputError(Problem("mapping keys must be plain names", self.loc(key_event.start_mark),
                                         expected="a name such as users or email", code="yaml"))
            self.events += 1
            key = key_event.value
            if key == "<<" and not key_event.style:
                merged.append((self.value(depth + 1, path, slot), key_event.start_mark))
                continue
            if key == "loc" and node_cls is not None:
                raise InputError(Problem("unknown key 'loc'", self.loc(key_event.start_mark),
                                         code="extra_forbidden"))
            if key in result:
                raise InputError(Problem(f"key {key!r} appears twice in the same mapping",
                                         self.loc(key_event.start_mark),
                                         hint="remove or rename one of them", code="duplicate-key"))
            child_path = (*path, key) if self.track else path
            if self.track:
                line = self.loc(key_event.start_mark).line - 1
                if line not in self.out.line_paths:
                    self.out.line_paths[line] = child_path
                assert self.out.path_locs is not None
                self.out.path_locs[child_path] = self.loc(key_event.start_mark)
            if member is not None:
                value = self.value(depth + 1, child_path, member)
                if isinstance(value, dict):
                    value["loc"] = self.loc(key_event.start_mark)
                elif member.cls is Column and isinstance(value, str):
                    value = {"type": value, "loc": self.loc(key_event.start_mark)}
            elif fields is not None:
                child_slot = fields.get(key, _PLAIN)
                if node_cls is Table and key == "columns":
                    child_slot = _COLUMN_MAP
                value = self.value(depth + 1, child_path, child_slot)
            else:
                value = self.value(depth + 1, child_path, _PLAIN)
            result[key] = value
        loader.get_event()
        for source, mark in merged:
            sources = source if isinstance(source, list) else [source]
            for item in sources:
                if not isinstance(item, dict):
                    raise InputError(Problem("a << merge needs a mapping (or a list of mappings)",
                                             self.loc(mark), code="yaml"))
                for key, value in item.items():
                    if key not in result and key != "loc":
                        result[key] = value
        return result


def load(text: str, *, file: str | None, max_nodes: int, max_depth: int,
         track_paths: bool = False, root: type[Node] | None = None) -> YamlData:
    """Parse YAML text; `InputError` with a location for any syntax or limit problem.

    `root` is the model class the document describes (locations are attached to
    its objects); `track_paths` also records where every key is and which lines
    hold what (for error placement and for keeping comments).
    """
    loader = _Loader(text)
    builder = _Builder(loader, file, max_nodes, max_depth, track_paths)
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            raise InputError(Problem("the file is empty", Location(file, 1, 1),
                                     expected="a schema mapping such as `tables: {…}`", code="empty"))
        loader.get_event()  # document start
        if loader.check_event(yaml.DocumentEndEvent):
            raise InputError(Problem("the file is empty", Location(file, 1, 1),
                                     expected="a schema mapping such as `tables: {…}`", code="empty"))
        slot = Slot("node", root) if root is not None else _PLAIN
        builder.out.value = builder.value(0, (), slot)
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.peek_event()
            mark = event.start_mark
            raise InputError(Problem("a schema file holds one YAML document; found a second",
                                     builder.loc(mark) if mark is not None else None, code="yaml"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(file, mark.line + 1, mark.column + 1) if mark else None
        message = exc.problem or "invalid YAML"
        if exc.context:
            message = f"{message} ({exc.context})"
        raise InputError(Problem(f"YAML syntax: {message}", loc, code="yaml")) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem(f"YAML syntax: {exc}", Location(file, 1, 1), code="yaml")) from None
    except RecursionError:
        raise InputError(Problem("YAML nesting is too deep", Location(file, 1, 1), code="too-deep")) from None
    finally:
        loader.dispose()
    return builder.out
