"""Dependency order: tables after the tables they reference, views after their views.

Both sorts are stable: among objects whose dependencies are satisfied, the one
that comes first in the schema goes first, so output is deterministic and
close to the author's order.  A cycle does not stop the sort: the earliest
remaining object is taken and the rest continues (foreign keys are added after
all tables, so a cycle of references is harmless).
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Mapping

from sekkei.model.schema import Schema, Table, View


def stable_topological(keys: list[str], depends: Mapping[str, Iterable[str]]) -> list[str]:
    """`keys` ordered so that each comes after what it depends on (where possible)."""
    position = {key: i for i, key in enumerate(keys)}
    waiting: dict[str, set[str]] = {}
    dependents: dict[str, list[str]] = {key: [] for key in keys}
    for key in keys:
        needs = {d for d in depends.get(key, ()) if d in position and d != key}
        waiting[key] = needs
        for dep in needs:
            dependents[dep].append(key)
    ready = [position[k] for k in keys if not waiting[k]]
    heapq.heapify(ready)
    done: list[str] = []
    placed: set[str] = set()
    while len(done) < len(keys):
        if not ready:
            # a cycle: take the earliest object still waiting
            first = min((k for k in keys if k not in placed), key=position.__getitem__)
            waiting[first] = set()
            heapq.heappush(ready, position[first])
        key = keys[heapq.heappop(ready)]
        if key in placed:
            continue
        placed.add(key)
        done.append(key)
        for other in dependents[key]:
            pending = waiting[other]
            pending.discard(key)
            if not pending and other not in placed:
                heapq.heappush(ready, position[other])
    return done


def table_order(schema: Schema, keys: list[str]) -> list[str]:
    """Tables in dependency order: referenced tables, parents and partitioned tables first."""
    depends: dict[str, list[str]] = {}
    for key in keys:
        table = schema.tables[key]
        depends[key] = [_key(schema, t) for t in _table_dependencies(table)]
    return stable_topological(keys, depends)


def _table_dependencies(table: Table) -> list[str]:
    found = [fk.references.table for fk in table.foreign_keys]
    found.extend(table.inherits)
    if table.partition_of is not None:
        found.append(table.partition_of.parent)
    return found


def _key(schema: Schema, reference: str) -> str:
    target = schema.table(reference)
    return target.key if target is not None else reference


_WORD_RE = re.compile(r'"((?:[^"]|"")+)"|`([^`]+)`|\[([^\]]+)\]|([A-Za-z_][\w$]*)')


def referenced_names(sql: str) -> set[str]:
    """Every word and quoted identifier in `sql`, lower case (string literals skipped)."""
    names: set[str] = set()
    for chunk in re.split(r"'(?:[^']|'')*'", sql):
        for match in _WORD_RE.finditer(chunk):
            word = next(g for g in match.groups() if g is not None)
            names.add(word.replace('""', '"').lower())
    return names


def view_dependencies(views: Mapping[str, View]) -> dict[str, list[str]]:
    """For each view, the other views its SQL names (found by scanning for the names)."""
    by_name: dict[str, list[str]] = {}
    for key, view in views.items():
        by_name.setdefault(view.name.lower(), []).append(key)
    depends: dict[str, list[str]] = {}
    for key, view in views.items():
        words = referenced_names(view.sql)
        depends[key] = [other for name in sorted(words) for other in by_name.get(name, ())
                        if other != key]
    return depends


def view_order(views: Mapping[str, View]) -> list[str]:
    """Views after the views they use; schema order where nothing decides."""
    return stable_topological(list(views), view_dependencies(views))
