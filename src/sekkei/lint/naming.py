"""Name conventions shared by the naming rules: styles, words, inflection, templates, scripts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sekkei.lint.rule import Target
from sekkei.model.schema import Schema

STYLES: dict[str, str] = {
    "snake_case": r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$",
    "camelCase": r"^[a-z][a-zA-Z0-9]*$",
    "PascalCase": r"^[A-Z][a-zA-Z0-9]*$",
    "UPPER_SNAKE": r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$",
}

_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_LETTER = re.compile(r"[A-Za-z]")
_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")


@lru_cache(maxsize=65536)
def to_snake(name: str) -> str | None:
    """``OrderItems`` → ``order_items``; None when the name has no ASCII letters to convert.

    Cached: the same names (``id``, ``created_at``) come up in every table.
    """
    if not name.isascii() or not _LETTER.search(name):
        return None
    snake = _SEPARATORS.sub("_", _BOUNDARY.sub("_", name)).strip("_").lower()
    if not snake or snake[0].isdigit():
        return None
    return snake


def convert(name: str, style: str) -> str | None:
    """`name` in `style` (only snake_case and UPPER_SNAKE are converted automatically)."""
    snake = to_snake(name)
    if snake is None:
        return None
    if style == "snake_case":
        return snake
    if style == "UPPER_SNAKE":
        return snake.upper()
    if style == "camelCase":
        head, *rest = snake.split("_")
        return head + "".join(p.capitalize() for p in rest)
    if style == "PascalCase":
        return "".join(p.capitalize() for p in snake.split("_"))
    return None


def expand(template: str, **values: str) -> str:
    """A name template such as ``idx_{table}_{columns}`` filled in."""
    text = template
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


# -- words ----------------------------------------------------------------------------

_TOKEN = re.compile(r"\{([a-z_]+)\}")


def words(name: str) -> list[str]:
    """The lower-case English words of an ASCII identifier (``OrderItems`` → order, items)."""
    snake = to_snake(name)
    return snake.split("_") if snake else []


def split_words(name: str) -> list[str]:
    """The words of an identifier in their original case (separators dropped)."""
    return [part for part in re.split(r"[^A-Za-z0-9]+", _BOUNDARY.sub("_", name)) if part]


def join_like(original: str, parts: list[str]) -> str:
    """`parts` joined the way `original` joins its words (snake or camel/Pascal case)."""
    if not parts:
        return ""
    if "_" in original or original.islower() or original.isupper():
        return "_".join(parts)
    head = parts[0]
    head = head[:1].lower() + head[1:] if original[:1].islower() else head[:1].upper() + head[1:]
    return head + "".join(p[:1].upper() + p[1:] for p in parts[1:])


@lru_cache(maxsize=256)
def template_tokens(template: str) -> frozenset[str]:
    """The ``{token}`` names a template uses."""
    return frozenset(_TOKEN.findall(template))


def template_prefix(template: str) -> str:
    """The literal text before the first token (``idx_`` for ``idx_{table}_{columns}``)."""
    return template.split("{", 1)[0]


def template_matches(template: str, values: dict[str, str | None], name: str) -> bool:
    """True if `name` is what the template gives (ignoring case); unknown values match any text."""
    if None not in values.values():
        return template.format_map(values).lower() == name.lower()
    return template_regex(template, values).match(name) is not None


def follows(
    templates: list[str], values: dict[str, str | None], name: str | None, require_names: bool
) -> bool:
    """True if a name is fine: it follows one of the templates, or it is absent and may be."""
    if name is None:
        return not require_names
    return any(template_matches(t, values, name) for t in templates)


def template_regex(template: str, values: dict[str, str | None]) -> re.Pattern[str]:
    """A case-insensitive pattern for names the template allows; a None value matches any text."""
    parts: list[str] = []
    position = 0
    for match in _TOKEN.finditer(template):
        parts.append(re.escape(template[position : match.start()]))
        value = values.get(match.group(1))
        parts.append(".+" if value is None else re.escape(value))
        position = match.end()
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts) + r"\Z", re.IGNORECASE)


# -- English number: singular and plural ---------------------------------------------

_IRREGULAR = {
    "person": "people",
    "child": "children",
    "man": "men",
    "woman": "women",
    "foot": "feet",
    "tooth": "teeth",
    "mouse": "mice",
    "goose": "geese",
    "ox": "oxen",
    "criterion": "criteria",
    "phenomenon": "phenomena",
    "alumnus": "alumni",
    "cactus": "cacti",
    "quiz": "quizzes",
    "leaf": "leaves",
    "life": "lives",
    "wife": "wives",
    "knife": "knives",
    "half": "halves",
    "shelf": "shelves",
    "wolf": "wolves",
    "thief": "thieves",
    "loaf": "loaves",
    "calf": "calves",
    "self": "selves",
    "analysis": "analyses",
    "basis": "bases",
    "crisis": "crises",
    "thesis": "theses",
    "hypothesis": "hypotheses",
    "diagnosis": "diagnoses",
    "axis": "axes",
    "matrix": "matrices",
    "vertex": "vertices",
    "appendix": "appendices",
    "hero": "heroes",
    "potato": "potatoes",
    "tomato": "tomatoes",
    "echo": "echoes",
    "veto": "vetoes",
}
_IRREGULAR_PLURAL = {plural: singular for singular, plural in _IRREGULAR.items()}
#: Words that are the same in both numbers, or have no plural: they say nothing about a convention.
_NEUTRAL = frozenset(
    """
    data metadata information info equipment software hardware firmware feedback news series
    species sheep fish deer aircraft staff personnel media music money stuff traffic weather
    luggage baggage furniture advice evidence research knowledge history inventory kudos
    physics mathematics economics analytics statistics logistics politics ethics electronics
    genetics linguistics athletics demographics graphics
    """.split()
)
#: Singular words that end in -s although they are not -ss, -us or -sis words.
_SINGULAR_S = frozenset(
    "gas bus alias atlas canvas bias lens chaos cosmos ethos pathos thermos yes this plus minus "
    "iris tennis chassis".split()
)
#: Plurals of words ending in -u (which would otherwise read as -us singulars).
_U_PLURALS = frozenset("menus gurus emus haikus tutus gnus sudokus".split())
#: -us words whose plural adds -es (statuses, buses) rather than being an -use word plus -s.
_US_SINGULARS = frozenset(
    "status bus campus bonus virus census focus corpus radius syllabus genus consensus prospectus "
    "apparatus nexus octopus stimulus hiatus sinus fetus plus minus".split()
)
#: -ie words, whose plurals (movies) must not become -y (movy).
_IE_WORDS = frozenset(
    "movie cookie zombie calorie selfie pie tie lie die rookie hippie prairie sortie genie smoothie "
    "brownie freebie goalie newbie hoodie birdie beanie collie auntie veggie bookie".split()
)
#: -che words, whose plurals (caches) drop only the -s.
_CHE_WORDS = frozenset("cache niche avalanche headache moustache cliche psyche creche quiche attache".split())
#: -oe words, whose plurals (shoes) drop only the -s.
_OE_WORDS = frozenset("shoe toe canoe foe oboe hoe floe tiptoe horseshoe".split())


@lru_cache(maxsize=65536)
def grammatical_number(word: str) -> str | None:
    """``plural``, ``singular`` or None (not an English count noun we can judge) for one word."""
    word = word.lower()
    if len(word) < 3 or not word.isalpha() or not _VOWEL.search(word) or word in _NEUTRAL:
        return None
    if word in _IRREGULAR_PLURAL or word in _U_PLURALS:
        return "plural"
    if word in _IRREGULAR or word in _SINGULAR_S:
        return "singular"
    if word.endswith(("ss", "us")):
        return "singular"
    if word.endswith("is"):
        return "singular" if word.endswith(("sis", "xis", "tis")) else "plural"
    return "plural" if word.endswith("s") else "singular"


_VOWEL = re.compile(r"[aeiouy]")


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """The singular of an English noun (lower case; a singular word comes back unchanged)."""
    word = word.lower()
    if grammatical_number(word) != "plural":
        return word
    if word in _IRREGULAR_PLURAL:
        return _IRREGULAR_PLURAL[word]
    if word in _U_PLURALS:
        return word[:-1]
    if word.endswith("ies"):
        return word[:-1] if word[:-1] in _IE_WORDS else word[:-3] + "y"
    if word.endswith("sses") or word.endswith(("shes", "xes")) or word.endswith("zzes"):
        return word[:-2]
    if word.endswith("ches"):
        return word[:-1] if word[:-1] in _CHE_WORDS else word[:-2]
    if word.endswith("uses"):
        return word[:-2] if word[:-2] in _US_SINGULARS else word[:-1]
    if word.endswith("yses"):
        return word[:-2] + "is"
    if word.endswith("oes"):
        return word[:-1] if word[:-1] in _OE_WORDS else word[:-2]
    return word[:-1]


@lru_cache(maxsize=65536)
def plural(word: str) -> str:
    """The plural of an English noun (lower case; a plural word comes back unchanged)."""
    word = word.lower()
    if grammatical_number(word) == "plural":
        return word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith("sis"):
        return word[:-2] + "es"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def _recase(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def with_last_word(name: str, change: Any) -> str | None:
    """`name` with its last word passed through `change` (case kept); None if not English."""
    return with_word(name, -1, change)


def with_word(name: str, index: int, change: Any) -> str | None:
    """`name` with its word number `index` passed through `change` (case kept); None if not English."""
    parts = split_words(name)
    if not parts or not name.isascii():
        return None
    index = index % len(parts)
    position = 0
    for number, part in enumerate(parts):
        position = name.index(part, position)
        if number == index:
            new = _recase(change(part), part)
            return name[:position] + new + name[position + len(part) :]
        position += len(part)
    return None


#: Words after which a name goes on to qualify its head noun: ``changes_in_room``, ``stream_by_instance``.
PREPOSITIONS = frozenset("to by in for of from with per on at as via into within without".split())


def head_index(parts: list[str]) -> int:
    """The position of the head noun of a name: its last word, or the last one before a preposition."""
    for number, part in enumerate(parts):
        if number and part.lower() in PREPOSITIONS:
            return number - 1
    return len(parts) - 1


# -- scripts (writing systems) -------------------------------------------------------------

#: Unicode character-name prefixes and the script they belong to.
_SCRIPT_PREFIXES = (
    ("CJK", "han"),
    ("IDEOGRAPHIC", "han"),
    ("HIRAGANA", "hiragana"),
    ("KATAKANA", "katakana"),
    ("HALFWIDTH KATAKANA", "katakana"),
    ("HANGUL", "hangul"),
    ("HALFWIDTH HANGUL", "hangul"),
    ("FULLWIDTH", "fullwidth"),
    ("LATIN", "latin"),
    ("CYRILLIC", "cyrillic"),
    ("GREEK", "greek"),
    ("ARABIC", "arabic"),
    ("HEBREW", "hebrew"),
    ("THAI", "thai"),
    ("DEVANAGARI", "devanagari"),
)
#: Names users give in options for groups of scripts.
SCRIPT_GROUPS: dict[str, frozenset[str]] = {
    "japanese": frozenset({"han", "hiragana", "katakana", "cjk_symbols"}),
    "chinese": frozenset({"han", "cjk_symbols"}),
    "korean": frozenset({"hangul", "han", "cjk_symbols"}),
}


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """The writing system of one non-ASCII character (``han``, ``katakana``, ``latin`` …)."""
    name = unicodedata.name(char, "")  # ー is KATAKANA-HIRAGANA PROLONGED SOUND MARK, 々 IDEOGRAPHIC …
    if name.startswith(("IDEOGRAPHIC SPACE", "IDEOGRAPHIC FULL STOP", "IDEOGRAPHIC COMMA")):
        return "cjk_symbols"
    for prefix, script in _SCRIPT_PREFIXES:
        if name.startswith(prefix):
            return script
    if "\u3000" <= char <= "\u303f":
        return "cjk_symbols"
    return "other"


def scripts(text: str) -> set[str]:
    """The scripts of the non-ASCII characters of `text` (empty for ASCII text)."""
    if text.isascii():
        return set()
    return {script_of(ch) for ch in text if not ch.isascii()}


def expand_scripts(names: list[str]) -> frozenset[str]:
    """Script names from an option, with groups (``japanese``) expanded."""
    found: set[str] = set()
    for name in names:
        key = name.strip().lower()
        found |= SCRIPT_GROUPS.get(key, frozenset({key}))
    return frozenset(found)


# -- dialects ---------------------------------------------------------------------------------

_DIALECT_LABELS = {
    "postgres": "PostgreSQL",
    "mysql": "MySQL",
    "mariadb": "MariaDB",
    "sqlite": "SQLite",
    "mssql": "SQL Server",
    "oracle": "Oracle",
    "snowflake": "Snowflake",
    "bigquery": "BigQuery",
    "cockroachdb": "CockroachDB",
    "yugabytedb": "YugabyteDB",
    "db2": "Db2",
}


def dialect_label(dialect: str | None) -> str:
    """How messages name a dialect (``PostgreSQL``, ``SQL Server``)."""
    return _DIALECT_LABELS.get(dialect or "", dialect or "the target database")


@lru_cache(maxsize=16)
def reserved_names(family: str, strict: bool = False) -> frozenset[str]:
    """Words that cannot be a table or column name without quotes in `family`.

    PostgreSQL's "column name" keywords (``time``, ``position``, ``values``) may
    name tables and columns bare — they are only barred as function or type
    names — so they count only when `strict` is set.
    """
    from sekkei.formats.sql.keywords import reserved_words

    if family == "postgres" and not strict:
        from pglast import keywords

        return frozenset(set(keywords.RESERVED_KEYWORDS) | set(keywords.TYPE_FUNC_NAME_KEYWORDS))
    return reserved_words(family)


# -- every named object of a schema -------------------------------------------------------------


#: One object of the schema that has (or could have) a name and a comment, as a plain tuple:
#: (kind, name, comment, owner key, namespace, position, target kind, columns).  Tuples of
#: strings are cheap to make and the garbage collector stops tracking them, which matters at
#: 10,000 tables; the `Target` of a finding is made only for the objects reported.
Entry = tuple[str, str | None, str | None, str, str | None, int | None, str, tuple[str, ...]]

_OWNER_KINDS = frozenset({"table", "view", "enum", "domain", "sequence", "namespace"})


def target_of(
    where: str, owner: str, name: str | None, position: int | None, columns: tuple[str, ...]
) -> Target:
    """The finding target of an entry (its last five fields, in order)."""
    if where in _OWNER_KINDS:
        return Target(where, owner)
    return Target(where, owner, name, position, columns)


def named_objects(schema: Schema) -> list[Entry]:
    """Tables, views, columns, keys, constraints, indexes, enums, domains, sequences, namespaces."""
    found: list[Entry] = []
    add = found.append
    namespaces: dict[str, str | None] = {key: ns.comment for key, ns in schema.namespaces.items()}
    for key, table in schema.tables.items():
        ns = table.namespace
        if ns and ns not in namespaces:
            namespaces[ns] = None
        add(("table", table.name, table.comment, key, ns, None, "table", ()))
        # a partition's columns are its parent's, and so are an inheritance child's inherited
        # ones: report them once, on the parent
        if table.partition_of is None:
            inherited = _inherited(schema, table.inherits) if table.inherits else ()
            for column in table.columns.values():
                if column.name not in inherited:
                    add(("column", column.name, column.comment, key, ns, None, "column", ()))
        pk = table.primary_key
        if pk is not None:
            add(("primary key", pk.name, pk.comment, key, ns, None, "primary_key", pk.columns))
        for position, fk in enumerate(table.foreign_keys):
            add(("foreign key", fk.name, fk.comment, key, ns, position, "foreign_key", fk.columns))
        for position, unique in enumerate(table.uniques):
            add(
                (
                    "unique constraint",
                    unique.name,
                    unique.comment,
                    key,
                    ns,
                    position,
                    "unique",
                    unique.columns,
                )
            )
        for position, check in enumerate(table.checks):
            add(("check", check.name, check.comment, key, ns, position, "check", ()))
        for position, index in enumerate(table.indexes):
            columns = tuple(index.column_names())
            add(("index", index.name, index.comment, key, ns, position, "index", columns))
    for key, view in schema.views.items():
        ns = view.namespace
        if ns and ns not in namespaces:
            namespaces[ns] = None
        kind = "materialized view" if view.materialized else "view"
        add((kind, view.name, view.comment, key, ns, None, "view", ()))
        for position, index in enumerate(view.indexes):
            columns = tuple(index.column_names())
            add(("index", index.name, index.comment, key, ns, position, "view_index", columns))
    for kind, mapping in (("enum", schema.enums), ("domain", schema.domains), ("sequence", schema.sequences)):
        for key, item in mapping.items():
            ns = item.namespace
            if ns and ns not in namespaces:
                namespaces[ns] = None
            add((kind, item.name, item.comment, key, ns, None, kind, ()))
    for key, domain in schema.domains.items():
        for check in domain.checks:
            add(("check", check.name, check.comment, key, domain.namespace, None, "domain", ()))
    for name, comment in namespaces.items():
        add(("namespace", name, comment, name, name, None, "namespace", ()))
    return found


def _inherited(schema: Schema, parents: tuple[str, ...]) -> set[str]:
    """Names of the columns a table inherits (PostgreSQL INHERITS)."""
    found: set[str] = set()
    for key in parents:
        parent = schema.tables.get(key)
        if parent is not None:
            found.update(parent.columns)
    return found


def inherited_columns(ctx: Any) -> set[tuple[str, str]]:
    """(table key, column) of every column a table has from a partition parent or an inherited table."""
    found: set[tuple[str, str]] = set()
    for key, parents in ctx.parents.items():
        table = ctx.schema.tables[key]
        names = {name for parent in parents for name in parent.columns}
        found.update((key, name) for name in table.columns if name in names)
    return found


def entries_of(ctx: Any) -> list[Entry]:
    """`LintContext.named_objects`, typed."""
    found: list[Entry] = ctx.named_objects
    return found


# -- identifier limits ----------------------------------------------------------------------------


def identifier_limit(family: str | None) -> tuple[int, bool] | None:
    """(longest name, counted in bytes?) for a dialect family; None when it sets no limit.

    Oracle 12.2 and later count 128 *bytes* (a Japanese character is three of
    them in AL32UTF8), like PostgreSQL's 63.
    """
    from sekkei.formats.sql.keywords import IDENTIFIER_LIMITS

    found = IDENTIFIER_LIMITS.get(family or "")
    if found is not None and family == "oracle":
        return found[0], True
    return found


def name_size(name: str, counts_bytes: bool) -> int:
    return len(name.encode("utf-8")) if counts_bytes else len(name)


def truncate_bytes(name: str, limit: int) -> str:
    """`name` cut to `limit` UTF-8 bytes without splitting a character (what PostgreSQL does)."""
    return name.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


# -- name templates for keys, constraints and indexes (NAM003–NAM006) ------------------------------


def template_list(value: str | list[str], allowed: frozenset[str]) -> list[str]:
    """The templates of an option (one or several), checked for unknown tokens."""
    templates = [value] if isinstance(value, str) else list(value)
    if not templates:
        raise ValueError("give at least one template")
    for template in templates:
        unknown = template_tokens(template) - allowed
        if unknown:
            known = ", ".join("{" + t + "}" for t in sorted(allowed))
            raise ValueError(f"unknown token {{{sorted(unknown)[0]}}} in {template!r} (known: {known})")
        try:
            template.format_map(dict.fromkeys(allowed, "x"))
        except (ValueError, IndexError, KeyError):
            raise ValueError(
                f"{template!r} is not a template: braces must hold a token such as {{table}}"
            ) from None
    return templates


@dataclass(frozen=True)
class Named:
    """A key, constraint or index whose name does not follow its template."""

    owner_key: str
    group: str  # primary_key, foreign_keys, uniques, checks, indexes
    item: Any
    target: Target
    kind: str  # how messages call it: index, unique constraint, …
    values: dict[str, str | None]  # token values; None where the name part cannot be derived


def taken_names(ctx: Any) -> set[tuple[str | None, str]]:
    """(namespace, lower-case name) of every relation, constraint and index.

    PostgreSQL keeps index names with table names, MySQL foreign key names per
    database: a fix takes a name only if nothing in the namespace has it.
    """
    return {
        (namespace, name.lower())
        for kind, name, _, _, namespace, _, _, _ in entries_of(ctx)
        if name and kind not in {"column", "namespace"}
    }


def template_findings(
    rule: Any, ctx: Any, objects: list[Named], templates: list[str], require_names: bool
) -> Iterator[Any]:
    """Findings (with rename fixes) for objects whose names do not follow any of `templates`.

    Rules pass only the objects `follows` rejected: most names are fine, and
    building a `Named` for each would cost more than the check.
    """
    from sekkei.lint.fixes import rename_item
    from sekkei.lint.rule import Fix

    limit = identifier_limit(ctx.family)
    taken: set[tuple[str | None, str]] | None = None  # worked out when the first fix is offered
    claimed: set[tuple[str | None, str]] = set()
    shown = " or ".join(repr(t) for t in templates)
    for named in objects:
        name = named.item.name
        expected = None
        if all(named.values.get(token) is not None for token in template_tokens(templates[0])):
            expected = expand(templates[0], **{k: v for k, v in named.values.items() if v is not None})
        too_long = expected is not None and limit is not None and name_size(expected, limit[1]) > limit[0]
        prefixes = [template_prefix(t) for t in templates if template_prefix(t)]
        if too_long and expected is not None:
            # the template cannot be followed in full here: a name cut short is all one can do
            if name is not None and (
                expected.lower().startswith(name.lower())
                or any(name.lower().startswith(p.lower()) for p in prefixes)
            ):
                continue
            expected = None
        namespace = (
            ctx.schema.tables[named.owner_key].namespace
            if named.owner_key in ctx.schema.tables
            else (
                ctx.schema.views[named.owner_key].namespace if named.owner_key in ctx.schema.views else None
            )
        )
        fix = None
        free = True
        if expected is not None and expected != name:
            slot = (namespace, expected.lower())
            if taken is None:
                taken = taken_names(ctx)
            free = slot not in taken and slot not in claimed
            if free:
                claimed.add(slot)
                verb = "name" if name is None else "rename"
                fix = Fix(
                    f"{verb} {named.kind} {name or '(unnamed)'} of {named.owner_key} to {expected}",
                    rename_item(named.owner_key, named.group, named.item, expected),
                )
        if name is None:
            message = f"has no name (the template is {shown})"
        else:
            message = f"name does not follow the template {shown}"
        if expected is not None and not free:
            hint = f"{expected} is taken: add a template for variants like this, or a nolint with the reason"
        elif expected is not None:
            hint = f"name it {expected}" if name is None else f"rename it to {expected}"
        elif too_long:
            start = f" starting with {prefixes[0]!r}" if prefixes else ""
            where = dialect_label(ctx.dialect)
            hint = f"the template gives a name longer than {where} allows: use a shorter one{start}"
        else:
            hint = "name it by the template (its parts are expressions, so no name is suggested)"
        yield rule.finding(named.target, message, hint=hint, fix=fix)


def index_values(table: str, index: Any, separator: str = "_") -> dict[str, str | None]:
    """Token values for an index; {columns} is unknown when a part is an expression."""
    names = index.column_names()
    columns = separator.join(names) if len(names) == len(index.columns) else None
    return {"table": table, "columns": columns}


def subject_name(kind: str, where: str, name: str | None) -> str:
    """How a message refers to an object's name: ``name``, unless the subject does not show it."""
    if where == "domain" and kind == "check":
        return f"check name {name!r}"
    return "name"


class TableIndex:
    """Finds tables by key, or by bare name when it is unique, in constant time.

    `Schema.table` scans every table for a key it does not hold (a bare name
    for a table in a namespace, or a dangling reference): once per foreign key
    that makes a rule quadratic.  Rules build one of these per run instead.
    """

    def __init__(self, schema: Schema) -> None:
        self.tables = schema.tables
        self.by_name: dict[str, Any] = {}
        seen: set[str] = set()
        for table in schema.tables.values():
            if table.name in seen:
                self.by_name.pop(table.name, None)  # ambiguous: found by key only
            else:
                seen.add(table.name)
                self.by_name[table.name] = table

    def get(self, key: str) -> Any:
        found = self.tables.get(key)
        if found is not None or "." in key:
            return found
        return self.by_name.get(key)

    def referenced_columns(self, fk: Any) -> tuple[str, ...]:
        """The columns a foreign key points at (the target's primary key when it names none)."""
        if fk.references.columns:
            return tuple(fk.references.columns)
        target = self.get(fk.references.table)
        if target is not None and target.primary_key is not None:
            return tuple(target.primary_key.columns)
        return ()
