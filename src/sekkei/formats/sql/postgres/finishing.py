"""The last pass over what was read: keys are NOT NULL, notes are written."""

from __future__ import annotations

from sekkei.formats.sql.postgres.context import Reader
from sekkei.formats.sql.postgres.prepass import Prepared


def finish(r: Reader, prepared: Prepared) -> None:
    """The notes about everything passed over (keys are made NOT NULL by the builder)."""
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
