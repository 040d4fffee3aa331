"""Lint configuration: `sekkei.toml` ``[lint]`` or `pyproject.toml` ``[tool.sekkei.lint]``.

```toml
[lint]
dialect = "postgres"          # target dialect for reserved words and name lengths
fail_on = "error"             # error | warning | info | never
exclude = ["legacy_*", "*.created_by"]    # tables, or TABLE.COLUMN, by glob

[lint.rules]
NAM001 = { severity = "error", pattern = "^[a-z][a-z0-9_]*$" }
DOC = { severity = "off" }    # a prefix or a category sets a whole group

[[lint.overrides]]
paths = ["legacy/**"]
rules = { KEY001 = { severity = "off" } }
```
"""

from __future__ import annotations

import difflib
import fnmatch
import os
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from sekkei.lint.rule import CATEGORIES, Level, Rule, RuleOptions
from sekkei.lint.ruledoc import suggest
from sekkei.model.diagnostics import InputError, Problem
from sekkei.model.dialects import normalize_dialect
from sekkei.model.location import Location

CONFIG_FILES = ("sekkei.toml", ".sekkei.toml", "pyproject.toml")


class RuleSetting(BaseModel):
    """A rule's severity and options (any other key is an option of the rule)."""

    model_config = ConfigDict(extra="allow")

    severity: Level | None = None

    def options(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


def _dialect(value: str | None) -> str | None:
    """Accept the spellings users type (``pg``, ``sqlserver``) and keep the canonical name."""
    return normalize_dialect(value) if value else None


Dialect = Annotated[str | None, AfterValidator(_dialect)]


class Override(BaseModel):
    """Settings for files whose path matches one of `paths` (globs)."""

    model_config = ConfigDict(extra="forbid")

    paths: list[str]
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    exclude: list[str] = Field(default_factory=list)
    dialect: Dialect = None


class LintConfig(BaseModel):
    """Everything that decides which rules run, how strict they are, and where."""

    model_config = ConfigDict(extra="forbid")

    dialect: Dialect = None
    fail_on: Literal["error", "warning", "info", "never"] = "error"
    exclude: list[str] = Field(default_factory=list)
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    overrides: list[Override] = Field(default_factory=list)
    source: str | None = Field(default=None, exclude=True)
    """The file this configuration was read from (for messages)."""
    root: str | None = Field(default=None, exclude=True)
    """The directory paths in `overrides` are relative to."""

    def for_path(self, path: str | os.PathLike[str] | None) -> LintConfig:
        """The configuration that applies to one file (overrides merged in order)."""
        if path is None or not self.overrides:
            return self
        relative = _relative(path, self.root)
        merged = self.model_copy(deep=True)
        for override in self.overrides:
            if any(fnmatch.fnmatch(relative, pattern) for pattern in override.paths):
                merged.rules.update(override.rules)
                merged.exclude = [*merged.exclude, *override.exclude]
                if override.dialect:
                    merged.dialect = override.dialect
        return merged

    def setting(self, rule: type[Rule]) -> RuleSetting:
        """The setting for a rule: by code, else by code prefix (``NAM``), else by category."""
        for key in (rule.code, rule.code[:3], rule.category):
            found = self.rules.get(key)
            if found is not None:
                if key != rule.code:
                    return RuleSetting(severity=found.severity)  # group settings carry no options
                return found
        return RuleSetting()

    def excluded(self, table: str | None, column: str | None = None) -> bool:
        """True if findings about this table (or column) are excluded by glob."""
        if not self.exclude or table is None:
            return False
        names = [table] if column is None else [f"{table}.{column}"]
        if column is not None:
            names.append(table)
        return any(fnmatch.fnmatchcase(name, pattern) for name in names for pattern in self.exclude)


def _relative(path: str | os.PathLike[str], root: str | None) -> str:
    target = Path(path).resolve()
    if root:
        try:
            return target.relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The nearest `sekkei.toml` (or `pyproject.toml` with ``[tool.sekkei]``) at or above `start`."""
    here = Path(start).resolve()
    if here.is_file():
        here = here.parent
    for directory in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml":
                try:
                    data = tomllib.loads(candidate.read_text(encoding="utf-8"))
                except (tomllib.TOMLDecodeError, OSError):
                    continue
                if "sekkei" not in data.get("tool", {}):
                    continue
            return candidate
    return None


def load_config(path: str | os.PathLike[str] | None) -> LintConfig:
    """Read a configuration file; `InputError` with the file's name for any mistake."""
    if path is None:
        return LintConfig()
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        # tomllib puts the position only into the message: "... (at line 3, column 11)"
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        if found:
            line, column = int(found.group(1)), int(found.group(2))
        else:  # "at end of document"
            line, column = max(1, file.read_text(encoding="utf-8").count("\n")), 1
        message = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", str(exc))
        raise InputError(
            Problem(f"TOML syntax: {message}", Location(str(file), line, column), code="config")
        ) from None
    except OSError as exc:
        raise InputError(Problem(f"{file}: cannot read ({exc.strerror})", code="config")) from None
    section = data.get("tool", {}).get("sekkei", {}) if file.name == "pyproject.toml" else data
    lint = section.get("lint", {})
    if not isinstance(lint, dict):
        raise InputError(Problem("[lint] must be a table", Location(str(file), 1, 1), code="config"))
    try:
        config = LintConfig.model_validate(lint)
    except ValidationError as exc:
        raise InputError(
            [
                Problem(
                    f"lint.{'.'.join(str(p) for p in e['loc'])}: {e['msg']}",
                    _locate(str(file), tuple(str(p) for p in e["loc"] if not isinstance(p, int))),
                    code="config",
                )
                for e in exc.errors(include_url=False)
            ]
        ) from None
    return config.model_copy(update={"source": str(file), "root": str(file.parent)})


def build_rules(classes: list[type[Rule]], config: LintConfig) -> list[Rule]:
    """Rule instances with their configured severity and options; unknown names are errors."""
    problems: list[Problem] = []
    known = {cls.code for cls in classes}
    prefixes = {cls.code[:3] for cls in classes} | set(CATEGORIES)
    for key in config.rules:
        if key not in known and key not in prefixes:
            close = suggest(classes, key) or next(
                iter(difflib.get_close_matches(key, sorted(prefixes), n=1)), None
            )
            problems.append(
                Problem(
                    f"lint.rules: unknown rule {key!r}",
                    _where(config, key),
                    hint=f"did you mean {close!r}?" if close else "`sekkei rules` lists every rule",
                    code="config",
                )
            )
    rules: list[Rule] = []
    for cls in classes:
        setting = config.setting(cls)
        try:
            options: RuleOptions = cls.Options.model_validate(setting.options())
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                field = ".".join(str(p) for p in error["loc"])
                problems.append(
                    Problem(
                        f"lint.rules.{cls.code}.{field}: {error['msg']}",
                        _where(config, cls.code, *(str(p) for p in error["loc"])),
                        code="config",
                    )
                )
            continue
        rules.append(cls(options, setting.severity))
    if problems:
        raise InputError(problems)
    return rules


def _where(config: LintConfig, *needles: str) -> Location | None:
    """Where in the configuration file a setting is written (its first mention), else line 1."""
    if not config.source:
        return None
    return _locate(config.source, needles)


def _locate(source: str, needles: tuple[str, ...]) -> Location:
    """The line of the last of `needles`, each searched from where the one before was found.

    TOML parsers give no positions, so ``("rules", "NAM001", "max_length")``
    is found by walking the text: good enough to point an editor at it.
    """
    try:
        lines = Path(source).read_text(encoding="utf-8").splitlines()
    except OSError:
        return Location(source, 1, 1)
    found = Location(source, 1, 1)
    start = 0
    for needle in needles:
        pattern = re.compile(rf"(?<![\w.-]){re.escape(needle)}(?![\w-])")
        for number in range(start, len(lines)):
            match = pattern.search(lines[number])
            if match:
                found = Location(source, number + 1, match.start() + 1)
                start = number
                break
    return found
