"""What a lint rule is: metadata as class attributes, typed options, and a `check` method.

A rule's docstring is its documentation: the first line is the summary, then a
``Why`` section (the reason a user should accept) and an ``Instead`` section
(the better alternative).  `summary_ja` and `doc_ja` carry the same in
Japanese.  The reference docs and ``sekkei explain`` are generated from these.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

from sekkei.model.location import Location
from sekkei.model.schema import Schema

if TYPE_CHECKING:
    from sekkei.lint.context import LintContext

Level = Literal["error", "warning", "info", "off"]

CATEGORIES: dict[str, str] = {
    "naming": "Naming",
    "keys": "Keys and relationships",
    "types": "Types, nullability and defaults",
    "indexes": "Indexes",
    "design": "Normalization and design",
    "privacy": "Privacy and personal data",
    "documentation": "Documentation",
}


class RuleOptions(BaseModel):
    """Options of a rule (subclass per rule); unknown options are errors, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Target(NamedTuple):
    """What a finding is about: an object of the schema, addressed by kind and names.

    `table` is the key of the table (or view, enum, domain, sequence) the object
    is or belongs to; `name` is a column, constraint or index name; `position`
    tells unnamed constraints and indexes apart.  `columns` name an unnamed key
    or index in messages; `identity()` leaves them out.

    A named tuple because big schemas produce hundreds of thousands of findings
    and a tuple is the cheapest immutable, hashable record Python has.
    """

    kind: str
    table: str | None = None
    name: str | None = None
    position: int | None = None
    columns: tuple[str, ...] = ()

    def identity(self) -> Target:
        """The target without its descriptive columns (for looking up suppressions)."""
        return self._replace(columns=()) if self.columns else self

    def subject(self) -> str:
        """How a message names the object: ``table orders column total``."""
        owner_kind = {
            "view": "view",
            "enum": "enum",
            "domain": "domain",
            "sequence": "sequence",
            "namespace": "namespace",
            "routine": "routine",
        }.get(self.kind, "table")
        if self.kind == "schema":
            return "schema"
        if self.kind in {"table", "view", "enum", "domain", "sequence", "namespace", "routine"}:
            return f"{owner_kind} {self.table}"
        owner = f"{'view' if self.kind == 'view_index' else 'table'} {self.table}"
        label = {
            "column": "column",
            "primary_key": "primary key",
            "foreign_key": "foreign key",
            "unique": "unique constraint",
            "check": "check",
            "index": "index",
            "view_index": "index",
            "trigger": "trigger",
        }.get(self.kind, self.kind)
        if self.name:
            return f"{owner} {label} {self.name}"
        if self.columns:
            return f"{owner} {label} ({', '.join(self.columns)})"
        if self.position is not None and self.kind != "primary_key":
            return f"{owner} {label} #{self.position + 1}"
        return f"{owner} {label}"


@dataclass(frozen=True)
class Fix:
    """A safe, automatic change to the design that resolves a finding."""

    description: str
    apply: Callable[[Schema], Schema]
    moves: tuple[tuple[tuple[str | int, ...], tuple[str | int, ...]], ...] = ()
    """House-format key paths the fix renames (old, new), so a YAML file's comments follow."""


@dataclass(slots=True)
class Finding:
    """One problem a rule found: where, what, and what to do instead.

    Mutable only so the engine can fill in `location` and `file` without
    copying (findings come by the hundred thousand); treat it as a value.
    """

    code: str
    rule: str
    severity: str
    message: str
    target: Target
    location: Location | None = None
    hint: str | None = None
    fix: Fix | None = field(default=None, compare=False)
    file: str | None = None

    @property
    def subject(self) -> str:
        return self.target.subject()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "subject": self.subject,
            "object": {k: v for k, v in vars_of(self.target).items() if v is not None},
        }
        location = self.location
        if location is not None:
            data.update(file=location.file, line=location.line, column=location.column)
        elif self.file:
            data["file"] = self.file
        if self.hint:
            data["hint"] = self.hint
        if self.fix is not None:
            data["fix"] = self.fix.description
        return data


def vars_of(target: Target) -> dict[str, Any]:
    return {"kind": target.kind, "table": target.table, "name": target.name, "position": target.position}


class Rule:
    """Base class of every rule; see the module docstring for what a rule declares."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    summary_ja: ClassVar[str] = ""
    doc_ja: ClassVar[str] = ""
    category: ClassVar[str] = "design"
    severity: ClassVar[Level] = "warning"
    #: Dialect families the rule applies to (None: all).  The target dialect is the
    #: one configured for linting, else the schema's own.
    dialects: ClassVar[frozenset[str] | None] = None
    Options: ClassVar[type[RuleOptions]] = RuleOptions
    #: True if the rule offers fixes for `sekkei lint --fix`.
    fixable: ClassVar[bool] = False

    def __init__(self, options: RuleOptions | None = None, severity: str | None = None) -> None:
        self.options = options if options is not None else self.Options()
        self.level = severity or self.severity

    def check(self, ctx: LintContext) -> Iterable[Finding]:
        """Yield the findings of this rule on `ctx.schema`."""
        raise NotImplementedError

    def finding(
        self, target: Target, message: str, *, hint: str | None = None, fix: Fix | None = None
    ) -> Finding:
        """A finding of this rule (its location is filled in by the engine)."""
        return Finding(self.code, self.name, self.level, message, target, hint=hint, fix=fix)

    # -- documentation -------------------------------------------------------------

    @classmethod
    def documentation(cls, lang: str = "en") -> dict[str, str]:
        """Summary, why and instead, in English (from the docstring) or Japanese."""
        if lang == "ja" and cls.doc_ja:
            sections = _sections(cls.doc_ja)
            return {"summary": cls.summary_ja or cls.summary, **sections}
        doc = inspect.cleandoc(cls.__doc__ or "")
        sections = _sections(doc.split("\n", 1)[1] if "\n" in doc else "")
        return {"summary": cls.summary or doc.split("\n", 1)[0], **sections}

    @classmethod
    def options_schema(cls) -> dict[str, Any]:
        """The JSON Schema of the rule's options (for docs and `sekkei rules --format json`)."""
        return cls.Options.model_json_schema()


_SECTION = re.compile(r"^(Why|Instead|Example|理由|代わりに|例)\s*[:：]?\s*$", re.M)
_KEYS = {
    "Why": "why",
    "Instead": "instead",
    "Example": "example",
    "理由": "why",
    "代わりに": "instead",
    "例": "example",
}


def _sections(text: str) -> dict[str, str]:
    """Split ``Why``/``Instead``/``Example`` sections (English or Japanese headings)."""
    text = inspect.cleandoc(text)
    found: dict[str, str] = {}
    parts = _SECTION.split(text)
    if parts and parts[0].strip():
        found["details"] = parts[0].strip()
    for heading, body in zip(parts[1::2], parts[2::2], strict=False):
        found[_KEYS[heading]] = inspect.cleandoc(body).strip()
    return found
