"""The last pass over what was read: keys are NOT NULL, names are quoted, notes are written."""

from __future__ import annotations

import re

from sekkei.formats.sql.postgres.context import Reader
from sekkei.formats.sql.postgres.prepass import Prepared

#: A name the model's type grammar reads as one word (anything else must be quoted).
_PLAIN_PART = re.compile(r"^[^\s()\[\]\"',:.]+$")


def _plain(key: str) -> bool:
    return all(_PLAIN_PART.match(part) for part in key.split(".", 1))


def _quoted_key(key: str) -> str:
    return ".".join(p if _PLAIN_PART.match(p) else '"' + p + '"' for p in key.split(".", 1))


def _quote_type(draft: dict[str, object], declared: dict[str, str]) -> None:
    """A reference to an enum or domain named ``product status`` must be written quoted.

    The builder gives the bare key, which the model's type grammar reads as
    two words; quoting it keeps the reference (reported to the builder's owner).
    """
    kind = draft.get("type")
    if not isinstance(kind, str):
        return
    base = kind.rstrip("[]")
    if base in declared:
        draft["type"] = declared[base] + kind[len(base) :]


def finish(r: Reader, prepared: Prepared) -> None:
    """Primary key columns are NOT NULL; then the notes about everything passed over."""
    declared = {key: _quoted_key(key) for key in [*r.builder.enums, *r.builder.domains] if not _plain(key)}
    for table in r.builder.tables.values():
        pk = table.get("primary_key")
        if pk:
            for name in pk["columns"]:
                column = table["columns"].get(name)
                if column is not None:
                    column["nullable"] = False
        if declared:
            for column in table["columns"].values():
                _quote_type(column, declared)
    for domain in r.builder.domains.values() if declared else ():
        _quote_type(domain, declared)
    notes = r.notes
    meta, copy_blocks, nul_bytes = prepared.meta_commands, prepared.copy_blocks, prepared.nul_bytes
    if nul_bytes:
        notes.warning("nul-bytes", f"{nul_bytes:,} NUL bytes in the input were read as spaces")
    if meta:
        names = ", ".join(sorted(meta))
        notes.info(
            "skipped",
            f"skipped {sum(meta.values()):,} psql meta-commands ({names}): "
            "they are commands of the psql client, not SQL",
        )
    if copy_blocks:
        notes.info(
            "skipped", f"skipped {copy_blocks:,} COPY data block{'s' * (copy_blocks != 1)} (data, not schema)"
        )
    for label, tally in r.skipped.items():
        notes.info("skipped", f"skipped {tally.count:,} {label}", location=tally.first)
    if r.dialect_clauses:
        parts = [
            f"{label} ({tally.count:,} times)" if tally.count > 1 else label
            for label, tally in r.dialect_clauses.items()
        ]
        first = min(
            (t.first for t in r.dialect_clauses.values() if t.first),
            key=lambda loc: (loc.line, loc.column),
            default=None,
        )
        notes.warning(
            "dialect-syntax",
            f"{r.dialect} syntax that PostgreSQL does not have was left out: {', '.join(parts)}",
            location=first,
        )
    for label, tally in r.unmodelled.items():
        times = f" ({tally.count:,} times)" if tally.count > 1 else ""
        notes.warning(
            "not-modelled",
            f"{label} is not part of Sekkei's model and was skipped{times}",
            location=tally.first,
        )
