"""The house format: a schema as YAML (``*.sekkei.yaml``) or JSON (``*.sekkei.json``).

Both carry exactly the data of `sekkei.model.Schema` (documented by the JSON
Schema that `sekkei json-schema` writes).  Reading reports every mistake with
its line and column; writing is canonical, so `sekkei fmt` and diffs are calm.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

from sekkei.formats.base import Format, ReadOptions, WriteOptions
from sekkei.formats.gcpause import paused_gc
from sekkei.formats.house_data import attach_locations, file_data
from sekkei.formats.validation import build_schema
from sekkei.formats.yaml_read import YamlData, load
from sekkei.formats.yaml_write import collect_comments, dump
from sekkei.model.diagnostics import InputError, Notes, Problem
from sekkei.model.integrity import problems as integrity_problems
from sekkei.model.location import Location, SourceText
from sekkei.model.schema import Schema


def _finish(data: Any, locs: dict[int, Location], options: ReadOptions, notes: Notes) -> Schema:
    if not isinstance(data, dict):
        raise InputError(_not_a_mapping(data, options.source))
    attach_locations(data, Schema, locs, {}, Location(options.source, 1, 1))
    return _checked(build_schema(data), options, notes)


class YamlFormat(Format):
    """The house format as YAML: ``*.sekkei.yaml`` (``*.yaml``/``*.yml`` also read)."""

    name = "yaml"
    extensions = (".sekkei.yaml", ".sekkei.yml", ".yaml", ".yml")
    description = "Sekkei schema file (YAML)"

    def read(self, text: str, options: ReadOptions, notes: Notes) -> Schema:
        with paused_gc():
            loaded = load(text, file=options.source, max_nodes=options.max_nodes,
                          max_depth=options.max_depth, root=Schema)
        data = loaded.value
        if not isinstance(data, dict):
            raise InputError(_not_a_mapping(data, options.source))
        try:
            schema = build_schema(data)
        except InputError as exc:
            # read again, this time recording the position of every key, to point
            # each problem at the exact key rather than at its object
            raise InputError(_relocated(text, options, exc)) from None
        return _checked(schema, options, notes)

    def write(self, schema: Schema, options: WriteOptions, notes: Notes) -> str:
        with paused_gc():
            return dump(file_data(schema))


def _relocated(text: str, options: ReadOptions, exc: InputError) -> list[Problem]:
    precise = load(text, file=options.source, max_nodes=options.max_nodes, max_depth=options.max_depth,
                   track_paths=True, root=Schema)
    try:
        build_schema(precise.value, precise.path_locs)
    except InputError as again:
        return again.problems
    return exc.problems


def _not_a_mapping(data: Any, file: str | None) -> Problem:
    return Problem(f"the top of a schema file must be a mapping, not {type(data).__name__}",
                   Location(file, 1, 1), expected="keys such as `tables:` and `enums:`", code="invalid")


def _checked(schema: Schema, options: ReadOptions, notes: Notes) -> Schema:
    found = integrity_problems(schema)
    if found:
        if options.strict:
            raise InputError(found)
        for problem in found:
            notes.warning(problem.code, problem.message, location=problem.location, hint=problem.hint)
    return schema


def reformat_yaml(text: str, options: ReadOptions, notes: Notes) -> str:
    """Canonical YAML for a YAML schema file, keeping its comments (for `sekkei fmt`)."""
    fmt = YamlFormat()
    schema = fmt.read(text, options, notes)
    loaded: YamlData = load(text, file=options.source, max_nodes=options.max_nodes,
                            max_depth=options.max_depth, track_paths=True)
    comments = collect_comments(text, loaded.line_paths, loaded.scalar_lines)
    return dump(file_data(schema), comments)


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|([{\[])', re.S)


def _json_locations(text: str, data: Any, file: str | None) -> dict[int, Location]:
    """Positions of every object and array, matched to the parsed data in document order."""
    source = SourceText(text, file)
    starts = [m.start() for m in _JSON_TOKENS.finditer(text) if m.group(1)]
    locs: dict[int, Location] = {}
    position = 0

    def walk(value: Any) -> None:
        nonlocal position
        if isinstance(value, dict):
            if position < len(starts):
                locs[id(value)] = source.at(starts[position])
            position += 1
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            if position < len(starts):
                locs[id(value)] = source.at(starts[position])
            position += 1
            for item in value:
                walk(item)

    walk(data)
    return locs


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


class _DuplicateKey(Exception):
    pass


def _depth(value: Any, limit: int) -> int:
    stack = [(value, 1)]
    deepest = 0
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > limit:
            return depth
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


class JsonFormat(Format):
    """The house format as JSON: ``*.sekkei.json`` (``*.json`` also read)."""

    name = "json"
    extensions = (".sekkei.json", ".json")
    description = "Sekkei schema file (JSON)"

    def read(self, text: str, options: ReadOptions, notes: Notes) -> Schema:
        file = options.source
        if not text.strip():
            raise InputError(
                Problem(
                    "the file is empty",
                    Location(file, 1, 1),
                    expected='a JSON object such as {"tables": {}}',
                    code="empty",
                )
            )
        try:
            with paused_gc():
                data = json.loads(text, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as exc:
            raise InputError(
                Problem(f"JSON syntax: {exc.msg}", Location(file, exc.lineno, exc.colno), code="json")
            ) from None
        except _DuplicateKey as exc:
            raise InputError(
                Problem(
                    f"key {exc.args[0]!r} appears twice in the same object",
                    _find_key(text, exc.args[0], file),
                    code="duplicate-key",
                )
            ) from None
        except RecursionError:
            raise InputError(
                Problem("JSON nesting is too deep", Location(file, 1, 1), code="too-deep")
            ) from None
        if _depth(data, options.max_depth) > options.max_depth:
            raise InputError(
                Problem(
                    f"nesting deeper than {options.max_depth} levels", Location(file, 1, 1), code="too-deep"
                )
            )
        locs = _json_locations(text, data, file)
        return _finish(data, locs, options, notes)

    def write(self, schema: Schema, options: WriteOptions, notes: Notes) -> str:
        with paused_gc():
            return orjson.dumps(file_data(schema), option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def _find_key(text: str, key: str, file: str | None) -> Location | None:
    """Where the second occurrence of a duplicated key is (best effort)."""
    needle = json.dumps(key, ensure_ascii=False)
    first = text.find(needle)
    second = text.find(needle, first + 1) if first != -1 else -1
    if second == -1:
        return Location(file, 1, 1)
    return SourceText(text, file).at(second)
