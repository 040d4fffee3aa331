"""Identifier quoting: quote a name only when the target database needs it.

A name is stored in the model exactly as its database stores it.  It can be
written bare when the target reads the bare word back as the same name:

- it is a plain word (``[A-Za-z_][A-Za-z0-9_]*``) and not a reserved word;
- the target's case folding leaves it alone: PostgreSQL folds bare names to
  lower case, so ``UserId`` must be quoted there; Oracle and Snowflake fold to
  upper case, so ``user_id`` would need quotes there to stay lower case.

One exception keeps cross-database output idiomatic: a name that is in the
folded case of the database it came from (``user_id`` from PostgreSQL,
``USER_ID`` from Oracle) is a case-insensitive name, and stays bare in a
database that folds the other way (``user_id`` becomes ``USER_ID`` in Oracle).
Same-database round trips are always exact; cross-database ones keep every name
that was quoted in its source quoted in the target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

#: How each dialect family folds bare identifiers (None: keeps case).
FOLDING: dict[str, str | None] = {
    "postgres": "lower",
    "oracle": "upper",
    "snowflake": "upper",
    "db2": "upper",
}


def fold(name: str, how: str | None) -> str:
    if how == "lower":
        return name.lower()
    if how == "upper":
        return name.upper()
    return name


def source_folding(schema_family: str | None) -> str:
    """How the database a schema was read from folds names (lower unless it folds up)."""
    return "upper" if FOLDING.get(schema_family or "") == "upper" else "lower"


@dataclass(frozen=True)
class Quoter:
    """Quotes identifiers for one target dialect, given where the schema came from."""

    folding: str | None
    source: str
    reserved: frozenset[str]
    open: str = '"'
    close: str = '"'
    _idents: dict[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def needs_quotes(self, name: str) -> bool:
        if not _PLAIN.match(name) or name.lower() in self.reserved:
            return True
        return not self._case_safe(name)

    def _case_safe(self, name: str) -> bool:
        if self.folding is None or fold(name, self.folding) == name:
            return True
        # a case-insensitive name of its source database stays bare
        return fold(name, self.source) == name and self.source != self.folding

    def spelling(self, name: str) -> tuple[str, bool]:
        """(text, quoted): how to write `name` so the target stores the right name."""
        if not self.needs_quotes(name):
            return name, False
        if _PLAIN.match(name) and self._case_safe(name) and self.folding is not None:
            # a reserved case-insensitive name: quote it in the case the target folds to
            return fold(name, self.folding), True
        return name, True

    def ident(self, name: str) -> str:
        """The identifier as it must be written (names repeat: each is worked out once)."""
        cached = self._idents.get(name)
        if cached is not None:
            return cached
        text, quoted = self.spelling(name)
        if quoted:
            text = self.open + text.replace(self.close, self.close * 2) + self.close
        self._idents[name] = text
        return text

    def qualified(self, namespace: str | None, name: str) -> str:
        if namespace:
            return f"{self.ident(namespace)}.{self.ident(name)}"
        return self.ident(name)
