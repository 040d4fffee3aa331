"""Changes to table drafts that ALTER, DROP and RENAME statements make.

The builder collects drafts (plain dicts in the model's input form); these
helpers change them the way the database would change its catalog, so that a
script that creates, alters and drops reads as the schema it leaves behind.
"""

from __future__ import annotations

from typing import Any

from sekkei.formats.sql.builder import Draft, SchemaBuilder
from sekkei.model.schema import qualified

_GROUPS = ("uniques", "indexes", "foreign_keys", "checks")


def table_key(draft: Draft) -> str:
    return qualified(draft.get("namespace"), draft["name"])


def _part_column(part: Any) -> str | None:
    if isinstance(part, str):
        return part
    if isinstance(part, dict):
        column = part.get("column")
        return column if isinstance(column, str) else None
    return None


def drop_column(draft: Draft, name: str) -> bool:
    """Remove a column, and remove it from the keys and indexes that name it (as MySQL does)."""
    columns: dict[str, Any] = draft["columns"]
    if name not in columns:
        return False
    del columns[name]
    pk = draft.get("primary_key")
    if pk is not None and name in pk["columns"]:
        pk["columns"] = [c for c in pk["columns"] if c != name]
        if not pk["columns"]:
            draft.pop("primary_key")
    for group in ("uniques", "indexes"):
        kept = []
        for item in draft.get(group, []):
            item["columns"] = [p for p in item["columns"] if _part_column(p) != name]
            if item["columns"]:
                kept.append(item)
        draft[group] = kept
    draft["foreign_keys"] = [fk for fk in draft.get("foreign_keys", []) if name not in fk["columns"]]
    return True


def rename_column(builder: SchemaBuilder, draft: Draft, old: str, new: str) -> bool:
    """Rename a column everywhere the schema names it (keys, indexes, references to it)."""
    columns: dict[str, Any] = draft["columns"]
    if old not in columns:
        return False
    renamed: dict[str, Any] = {}
    for key, value in columns.items():
        if key == old:
            value["name"] = new
            renamed[new] = value
        else:
            renamed[key] = value
    columns.clear()
    columns.update(renamed)

    def swap(names: list[Any]) -> list[Any]:
        out: list[Any] = []
        for part in names:
            if part == old:
                out.append(new)
            elif isinstance(part, dict) and part.get("column") == old:
                out.append({**part, "column": new})
            else:
                out.append(part)
        return out

    pk = draft.get("primary_key")
    if pk is not None:
        pk["columns"] = swap(pk["columns"])
    for group in ("uniques", "indexes", "foreign_keys"):
        for item in draft.get(group, []):
            item["columns"] = swap(item["columns"])
    key = table_key(draft)
    for table in builder.tables.values():
        for fk in table.get("foreign_keys", []):
            if fk["references"]["table"] in {key, draft["name"]}:
                fk["references"]["columns"] = swap(fk["references"]["columns"])
    return True


def rename_table(builder: SchemaBuilder, draft: Draft, namespace: str | None, name: str) -> str:
    """Give a table a new name (keeping its place), and point foreign keys at the new name."""
    old_key = table_key(draft)
    new_ns = builder.namespace(namespace) if namespace is not None else draft.get("namespace")
    draft["name"] = name
    if new_ns:
        draft["namespace"] = new_ns
    else:
        draft.pop("namespace", None)
    new_key = table_key(draft)
    rebuilt = {(new_key if k == old_key else k): v for k, v in builder.tables.items()}
    builder.tables.clear()
    builder.tables.update(rebuilt)
    for table in builder.tables.values():
        for fk in table.get("foreign_keys", []):
            if fk["references"]["table"] == old_key:
                fk["references"]["table"] = new_key
    return new_key


def drop_named(draft: Draft, name: str, groups: tuple[str, ...] = _GROUPS,
               *, primary_key: bool = True) -> bool:
    """Remove the constraint or index called `name` from the table draft."""
    found = False
    for group in groups:
        items = draft.get(group, [])
        kept = [item for item in items if item.get("name") != name]
        if len(kept) != len(items):
            draft[group] = kept
            found = True
    pk = draft.get("primary_key")
    if primary_key and pk is not None and pk.get("name") == name:
        draft.pop("primary_key")
        found = True
    return found


def rename_named(draft: Draft, old: str, new: str) -> bool:
    """Rename an index or constraint."""
    for group in _GROUPS:
        for item in draft.get(group, []):
            if item.get("name") == old:
                item["name"] = new
                return True
    pk = draft.get("primary_key")
    if pk is not None and pk.get("name") == old:
        pk["name"] = new
        return True
    return False


def drop_index_anywhere(builder: SchemaBuilder, namespace: str | None, name: str) -> bool:
    """DROP INDEX name (without a table): the index of that name in any table of the namespace."""
    ns = builder.namespace(namespace)
    for draft in builder.tables.values():
        if namespace is not None and draft.get("namespace") != ns:
            continue
        groups = ("indexes", "uniques") if builder.family == "mysql" else ("indexes",)
        if drop_named(draft, name, groups, primary_key=False):
            return True
    return False


def drop_fk_indexes(builder: SchemaBuilder) -> None:
    """Drop indexes MySQL makes for a foreign key (same name and columns): not part of the design.

    ``SHOW CREATE TABLE`` and mysqldump write them out as ``KEY fk (col)`` beside
    ``CONSTRAINT fk FOREIGN KEY (col)``; a design written by hand does not have them.
    """
    for draft in builder.tables.values():
        fks = {(fk.get("name"), tuple(fk["columns"])) for fk in draft.get("foreign_keys", [])}
        if not fks:
            continue
        kept = []
        for index in draft.get("indexes", []):
            parts = tuple(index["columns"])
            plain = all(isinstance(p, str) for p in parts)
            implied = (plain and not index.get("unique") and not index.get("kind")
                       and (index.get("name"), parts) in fks)
            if not implied:
                kept.append(index)
        draft["indexes"] = kept
