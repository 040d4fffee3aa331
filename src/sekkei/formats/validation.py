"""Turn pydantic's validation errors into Sekkei problems with file positions.

Readers build plain data carrying a ``loc`` entry per object; when the model
rejects a value, the error's path is walked through that data to the nearest
object that knows where it came from.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from sekkei.formats.gcpause import paused_gc
from sekkei.model.diagnostics import InputError, Problem
from sekkei.model.location import Location
from sekkei.model.schema import Schema

_MESSAGES = {
    "extra_forbidden": "unknown key {key!r}",
    "missing": "missing required key {key!r}",
}


def nearest_location(
    data: Any, path: tuple[Any, ...], key_locs: dict[tuple[Any, ...], Location] | None = None
) -> Location | None:
    """The location of the deepest object on `path` that has one."""
    found: Location | None = None
    node = data
    walked: tuple[Any, ...] = ()
    if key_locs and () in key_locs:
        found = key_locs[()]
    for step in path:
        walked = (*walked, step)
        if key_locs and walked in key_locs:
            found = key_locs[walked]
        if isinstance(node, dict):
            loc = node.get("loc")
            if isinstance(loc, Location):
                found = loc
            if step in node:
                node = node[step]
            else:
                break
        elif isinstance(node, (list, tuple)) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            break
    if isinstance(node, dict) and isinstance(node.get("loc"), Location):
        found = node["loc"]
    if key_locs and walked in key_locs:
        found = key_locs[walked]
    return found


def _describe(path: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for step in path:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        else:
            parts.append(("." if parts else "") + str(step))
    return "".join(parts)


def problems_from(
    error: ValidationError, data: Any, key_locs: dict[tuple[Any, ...], Location] | None = None
) -> list[Problem]:
    """One `Problem` per pydantic error, located and phrased for a schema author."""
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for item in error.errors(include_url=False):
        raw_path = tuple(item.get("loc", ()))
        # drop pydantic's union branch labels (e.g. 'str', 'IndexElement', 'function-after[...]')
        path = tuple(p for p in raw_path if isinstance(p, int) or not _is_branch_label(p))
        if path in seen:
            continue
        seen.add(path)
        kind = item.get("type", "")
        key = path[-1] if path else ""
        message = _MESSAGES.get(kind, "").format(key=key) if kind in _MESSAGES else item.get("msg", "invalid")
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        where = _describe(path[:-1] if kind in _MESSAGES else path)
        text = f"{where}: {message}" if where else message
        expected = None
        if kind == "literal_error":
            ctx = item.get("ctx") or {}
            expected = str(ctx.get("expected", "")) or None
            text = f"{_describe(path)}: {item.get('input')!r} is not allowed"
        problems.append(
            Problem(text, nearest_location(data, path, key_locs), expected=expected, code=kind or "invalid")
        )
    return problems


def _is_branch_label(step: Any) -> bool:
    if not isinstance(step, str):
        return False
    return (
        step in {"str", "int", "float", "bool", "IndexElement", "SqlExpr", "list[...]", "dict[str,...]"}
        or step.startswith(("function-", "tagged-union", "nullable", "lax-", "json-or-python"))
        or (
            "[" in step
            and step.endswith("]")
            and step.split("[")[0]
            in {"function-after", "function-before", "function-wrap", "list", "dict", "tuple"}
        )
    )


def build_schema(data: dict[str, Any], key_locs: dict[tuple[Any, ...], Location] | None = None,
                 *, normalized: bool = False) -> Schema:
    """Validate plain data into a `Schema`, or raise `InputError` listing every problem.

    `normalized` tells the model that the data uses no file shorthands (columns are
    mappings of complete column data), which saves a pass over every column.
    """
    try:
        with paused_gc():
            return Schema.model_validate(data, context={"normalized": True} if normalized else None)
    except ValidationError as exc:
        raise InputError(problems_from(exc, data, key_locs)) from None
    except (ValueError, TypeError) as exc:  # raised by our own before-validators
        raise InputError(Problem(str(exc), nearest_location(data, (), key_locs))) from None
