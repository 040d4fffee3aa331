"""Read YAML into plain data, with the position of every mapping and key, safely.

libyaml (through PyYAML's C composer) builds the node tree; this module turns
nodes into data itself so that:

- scalars follow YAML 1.2 (``on``, ``no`` and ``yes`` are strings, as most
  people expect of a column called ``on``); keys are always strings;
- duplicate keys are errors, not silent overwrites;
- aliases cannot expand without bound ("billion laughs") and nesting is capped;
- ``<<`` merge keys work, so column templates can be shared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from sekkei.model.diagnostics import InputError, Problem
from sekkei.model.location import Location

try:  # the C composer is ~10x faster; fall back to the pure-Python one
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader

_MERGE_TAG = "tag:yaml.org,2002:merge"
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:merge",
    "tag:yaml.org,2002:binary",
    "tag:yaml.org,2002:omap",
    "tag:yaml.org,2002:set",
    "tag:yaml.org,2002:value",
}

_NULL = re.compile(r"^(?:null|Null|NULL|~|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


def resolve_plain(value: str) -> Any:
    """A plain (unquoted) scalar under the YAML 1.2 core schema."""
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
    locs: dict[int, Location] = field(default_factory=dict)
    """id(dict or list) -> where the mapping/sequence starts."""
    key_locs: dict[tuple[int, str], Location] = field(default_factory=dict)
    """(id(dict), key) -> where the key is."""
    line_paths: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    """0-based line -> path of the first key on that line (for comments)."""
    scalar_lines: set[int] = field(default_factory=set)
    """0-based lines inside multi-line scalars (not comments)."""
    path_locs: dict[tuple[Any, ...], Location] | None = None


class _Limits(Exception):
    pass


class _Converter:
    def __init__(self, file: str | None, max_nodes: int, max_depth: int, track_paths: bool) -> None:
        self.file = file
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.count = 0
        self.track = track_paths
        self.out = YamlData(None)
        if track_paths:
            self.out.path_locs = {}

    def loc(self, mark: Any) -> Location:
        return Location(self.file, mark.line + 1, mark.column + 1)

    def convert(self, node: yaml.Node, depth: int, path: tuple[Any, ...]) -> Any:
        self.count += 1
        if self.count > self.max_nodes:
            raise InputError(
                Problem(
                    f"the document expands to more than {self.max_nodes:,} values (aliases that "
                    "repeat each other, e.g. a 'billion laughs' file?)",
                    self.loc(node.start_mark),
                    hint="schema files do not need deeply nested aliases; expand them by hand",
                    code="too-large",
                )
            )
        if depth > self.max_depth:
            raise InputError(
                Problem(
                    f"nesting deeper than {self.max_depth} levels",
                    self.loc(node.start_mark),
                    expected="a schema (a few levels of mappings and lists)",
                    code="too-deep",
                )
            )
        if node.tag not in _STANDARD_TAGS and not node.tag.startswith("tag:yaml.org,2002:"):
            raise InputError(
                Problem(
                    f"YAML tag {node.tag!r} is not used in schema files",
                    self.loc(node.start_mark),
                    code="yaml",
                )
            )
        if isinstance(node, yaml.ScalarNode):
            if node.end_mark.line > node.start_mark.line:
                self.out.scalar_lines.update(range(node.start_mark.line, node.end_mark.line + 1))
            if not node.style:  # plain ('' from libyaml, None from pure Python)
                # libyaml resolved plain scalars by YAML 1.1 rules; re-resolve by 1.2
                # unless it already says "string" (that includes explicit !!str)
                if node.tag == "tag:yaml.org,2002:str":
                    return node.value
                return resolve_plain(node.value)
            return node.value
        if isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            self.out.locs[id(items)] = self.loc(node.start_mark)
            for index, child in enumerate(node.value):
                items.append(self.convert(child, depth + 1, (*path, index) if self.track else path))
            return items
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, depth, path)
        raise InputError(Problem("unexpected YAML node", self.loc(node.start_mark), code="yaml"))

    def mapping(self, node: yaml.MappingNode, depth: int, path: tuple[Any, ...]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        self.out.locs[id(result)] = self.loc(node.start_mark)
        merged: list[dict[str, Any]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG or (
                isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<" and not key_node.style
            ):
                merged.extend(self.merge_sources(value_node, depth, path))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError(
                    Problem(
                        "mapping keys must be plain names",
                        self.loc(key_node.start_mark),
                        expected="a name such as users or email",
                        code="yaml",
                    )
                )
            key = key_node.value
            key_loc = self.loc(key_node.start_mark)
            if key in result:
                raise InputError(
                    Problem(
                        f"key {key!r} appears twice in the same mapping",
                        key_loc,
                        hint="remove or rename one of them",
                        code="duplicate-key",
                    )
                )
            line = key_node.start_mark.line
            child_path = (*path, key)
            if line not in self.out.line_paths:
                self.out.line_paths[line] = child_path
            if self.out.path_locs is not None:
                self.out.path_locs[child_path] = key_loc
            result[key] = self.convert(value_node, depth + 1, child_path)
            self.out.key_locs[(id(result), key)] = key_loc
        for source in merged:
            for key, value in source.items():
                if key not in result:
                    result[key] = value
                    if (id(source), key) in self.out.key_locs:
                        self.out.key_locs[(id(result), key)] = self.out.key_locs[(id(source), key)]
        return result

    def merge_sources(self, node: yaml.Node, depth: int, path: tuple[Any, ...]) -> list[dict[str, Any]]:
        value = self.convert(node, depth + 1, path)
        sources = value if isinstance(value, list) else [value]
        for source in sources:
            if not isinstance(source, dict):
                raise InputError(
                    Problem(
                        "a << merge needs a mapping (or a list of mappings)",
                        self.loc(node.start_mark),
                        code="yaml",
                    )
                )
        return sources


def _distinct_nodes(root: yaml.Node) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
    return len(seen)


def load(
    text: str, *, file: str | None, max_nodes: int, max_depth: int, track_paths: bool = False
) -> YamlData:
    """Parse YAML text; `InputError` with a location for any syntax or limit problem."""
    try:
        root = yaml.compose(text, Loader=_Loader)
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
    if root is None:
        raise InputError(
            Problem(
                "the file is empty",
                Location(file, 1, 1),
                expected="a schema mapping such as `tables: {…}`",
                code="empty",
            )
        )
    # aliases may legitimately be reused; a file whose expansion is more than
    # ten times its distinct nodes is a bomb, not a schema
    distinct = _distinct_nodes(root)
    limit = min(max_nodes, max(100_000, 10 * distinct))
    converter = _Converter(file, limit, max_depth, track_paths)
    try:
        converter.out.value = converter.convert(root, 0, ())
    except RecursionError:
        raise InputError(Problem("YAML nesting is too deep", Location(file, 1, 1), code="too-deep")) from None
    return converter.out
