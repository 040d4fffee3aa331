"""Column types: the canonical vocabulary shared by every dialect, and its parser.

A column's ``type`` is a short string such as ``varchar(255)``, ``numeric(10,2)``,
``integer unsigned``, ``text[]``, ``enum('a','b')``, the name of an enum or
domain declared in the schema, or a type that only one database has, written
``postgres:tsvector``.  The exact spelling a column had in its source dialect
(``TINYINT(1)``, ``nvarchar(50)``) lives beside it in ``Column.native``; this
module only knows the portable part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sekkei.model.dialects import ALIASES as DIALECT_ALIASES
from sekkei.model.dialects import DIALECTS, READ_ONLY_DIALECTS

#: Canonical base types and the family each belongs to.
CANONICAL: dict[str, str] = {
    "boolean": "boolean",
    "tinyint": "integer",
    "smallint": "integer",
    "integer": "integer",
    "bigint": "integer",
    "numeric": "decimal",
    "real": "float",
    "double": "float",
    "money": "decimal",
    "char": "string",
    "varchar": "string",
    "text": "string",
    "binary": "binary",
    "varbinary": "binary",
    "bytes": "binary",
    "date": "datetime",
    "time": "datetime",
    "timetz": "datetime",
    "timestamp": "datetime",
    "timestamptz": "datetime",
    "interval": "datetime",
    "uuid": "uuid",
    "json": "json",
    "jsonb": "json",
    "xml": "string",
    "inet": "network",
    "cidr": "network",
    "macaddr": "network",
    "bit": "bit",
    "varbit": "bit",
    "enum": "enum",
    "set": "enum",
}

#: How many parameters each canonical type takes (min, max); absent means none.
_ARITY: dict[str, tuple[int, int]] = {
    "numeric": (0, 2),
    "char": (0, 1),
    "varchar": (0, 1),
    "binary": (0, 1),
    "varbinary": (0, 1),
    "bit": (0, 1),
    "varbit": (0, 1),
    "time": (0, 1),
    "timetz": (0, 1),
    "timestamp": (0, 1),
    "timestamptz": (0, 1),
    "enum": (1, 10_000),
    "set": (1, 64),
}

#: Other spellings accepted for canonical types (lower case, single spaces).
ALIASES: dict[str, str] = {
    "bool": "boolean",
    "int": "integer",
    "int4": "integer",
    "int2": "smallint",
    "int8": "bigint",
    "decimal": "numeric",
    "dec": "numeric",
    "float4": "real",
    "float8": "double",
    "double precision": "double",
    "character varying": "varchar",
    "char varying": "varchar",
    "character": "char",
    "bytea": "bytes",
    "blob": "bytes",
    "datetime": "timestamp",
    "timestamp without time zone": "timestamp",
    "timestamp with time zone": "timestamptz",
    "time without time zone": "time",
    "time with time zone": "timetz",
    "bit varying": "varbit",
    "string": "text",
}

#: Integer types whose parameter is a MySQL display width, not part of the type.
_DISPLAY_WIDTH = {"tinyint", "smallint", "integer", "bigint"}

#: Types that exist in one database only, accepted bare when the schema declares
#: that dialect (``dialect: postgres`` lets ``tsvector`` stand for
#: ``postgres:tsvector``).  Names are lower case, without parameters.
DIALECT_TYPES: dict[str, frozenset[str]] = {
    "postgres": frozenset(
        """
        tsvector tsquery hstore ltree lquery ltxtquery citext point line lseg box path
        polygon circle geometry geography box2d box3d raster vector halfvec sparsevec
        int4range int8range numrange tsrange tstzrange daterange int4multirange
        int8multirange nummultirange tsmultirange tstzmultirange datemultirange oid regclass
        regproc regprocedure regoper regoperator regtype regrole regnamespace regconfig
        regdictionary pg_lsn pg_snapshot txid_snapshot macaddr8 name cube seg isbn issn ean13
        upc ismn int2vector oidvector xid xid8 cid tid aclitem jsonpath refcursor
        """.split()
    ),
    "mysql": frozenset(
        """
        mediumint mediumtext longtext tinytext mediumblob longblob tinyblob year geometry
        point linestring polygon multipoint multilinestring multipolygon geometrycollection
        vector
        """.split()
    ),
    "mariadb": frozenset(
        """
        mediumint mediumtext longtext tinytext mediumblob longblob tinyblob year geometry
        point linestring polygon multipoint multilinestring multipolygon geometrycollection
        inet4 inet6 vector
        """.split()
    ),
    "sqlite": frozenset(),
    "mssql": frozenset(
        """
        hierarchyid sql_variant geometry geography rowversion timestamp image ntext
        smalldatetime datetimeoffset datetime2 smallmoney uniqueidentifier sysname
        """.split()
    ),
    "oracle": frozenset(
        """
        number varchar2 nvarchar2 nchar clob nclob long raw rowid urowid bfile binary_float
        binary_double sdo_geometry xmltype
        """.split()
    ),
    "snowflake": frozenset("variant object array geography geometry vector".split()),
    "bigquery": frozenset("int64 float64 bignumeric struct array geography range".split()),
}


@dataclass(frozen=True, slots=True)
class TypeSpec:
    """A parsed column type.

    `kind` is ``canonical`` (a name from `CANONICAL`), ``native`` (a type of one
    `dialect` only, kept as written), or ``name`` (an enum or domain of the
    schema, or a bare dialect type, resolved against the schema).
    """

    kind: str
    base: str
    args: tuple[int | str, ...] = ()
    unsigned: bool = False
    dims: int = 0
    dialect: str | None = None

    def __str__(self) -> str:
        suffix = "[]" * self.dims
        if self.kind == "native":
            return f"{self.dialect}:{self.base}{suffix}"
        text = self.base
        if self.args:
            text += "(" + ",".join(_format_arg(a) for a in self.args) + ")"
        if self.unsigned:
            text += " unsigned"
        return text + suffix

    @property
    def family(self) -> str:
        """A coarse grouping used by checks and generators (``integer``, ``string`` …)."""
        if self.dims:
            return "array"
        if self.kind == "canonical":
            return CANONICAL[self.base]
        return "other"

    @property
    def length(self) -> int | None:
        """The length of a char/varchar/binary type, if given."""
        if self.base in {"char", "varchar", "binary", "varbinary", "bit", "varbit"} and self.args:
            value = self.args[0]
            return value if isinstance(value, int) else None
        return None

    @property
    def values(self) -> tuple[str, ...]:
        """The values of an inline ``enum(...)`` or ``set(...)`` type."""
        if self.base in {"enum", "set"}:
            return tuple(str(a) for a in self.args)
        return ()

    def element(self) -> TypeSpec:
        """The element type of an array type (itself for a scalar type)."""
        if not self.dims:
            return self
        return TypeSpec(self.kind, self.base, self.args, self.unsigned, 0, self.dialect)

    def with_dims(self, dims: int) -> TypeSpec:
        return TypeSpec(self.kind, self.base, self.args, self.unsigned, dims, self.dialect)


def _format_arg(value: int | str) -> str:
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("'", "''") + "'"


_NATIVE_RE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_-]*):(?!:)\s*(\S.*?)\s*$", re.S)
_ARRAY_RE = re.compile(r"((?:\s*\[\s*\d*\s*\])+)\s*$")
_WORDS_RE = re.compile(
    r"^([A-Za-z_][A-Za-z0-9_ ]*?)\s*(?:\((.*)\))?\s*((?:with|without)\s+time\s+zone)?\s*$", re.S | re.I
)
_NAME_RE = re.compile(r'^(?:"[^"]+"|[^\s()\[\]"\']+)(?:\.(?:"[^"]+"|[^\s()\[\]"\'.]+))*$')
_ARG_RE = re.compile(r"\s*(?:'((?:[^']|'')*)'|(-?\d+)|(max))\s*(?:,|$)", re.I)


def _split_args(text: str) -> tuple[int | str, ...] | None:
    args: list[int | str] = []
    pos = 0
    text = text.strip()
    if not text:
        return ()
    while pos < len(text):
        match = _ARG_RE.match(text, pos)
        if not match or match.end() == pos:
            return None
        if match.group(1) is not None:
            args.append(match.group(1).replace("''", "'"))
        elif match.group(2) is not None:
            args.append(int(match.group(2)))
        else:
            args.append("max")
        pos = match.end()
    if text.endswith(","):
        return None
    return tuple(args)


@lru_cache(maxsize=4096)
def parse_type(text: str) -> TypeSpec:
    """Parse a type string; `ValueError` with a readable reason if it is malformed.

    >>> str(parse_type("VARCHAR(255)"))
    'varchar(255)'
    >>> str(parse_type("character varying(40)[]"))
    'varchar(40)[]'
    >>> parse_type("postgres:tsvector").kind
    'native'
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError("a type is required, e.g. integer, varchar(100), timestamptz")
    native = _NATIVE_RE.match(text)
    if native:
        dialect = native.group(1).lower()
        dialect = DIALECT_ALIASES.get(dialect, dialect)
        if dialect not in DIALECTS and dialect not in READ_ONLY_DIALECTS:
            raise ValueError(f"unknown dialect {native.group(1)!r} in type {text!r}")
        body = native.group(2)
        dims = 0
        arr = _ARRAY_RE.search(body)
        if arr:
            dims = arr.group(1).count("[")
            body = body[: arr.start()].rstrip()
        return TypeSpec("native", body, (), False, dims, dialect)

    body = text.strip()
    dims = 0
    arr = _ARRAY_RE.search(body)
    if arr:
        dims = arr.group(1).count("[")
        body = body[: arr.start()].rstrip()
    unsigned = False
    lowered = body.lower()
    changed = True
    while changed:
        changed = False
        for flag in (" unsigned", " zerofill"):
            if lowered.endswith(flag):
                unsigned = unsigned or flag == " unsigned"
                body = body[: -len(flag)].rstrip()
                lowered = body.lower()
                changed = True
    if lowered.startswith("array<") or lowered.endswith(" array"):
        raise ValueError(f"write arrays as TYPE[], not {text!r}")

    words = _WORDS_RE.match(body)
    if words:
        name = " ".join(words.group(1).lower().split())
        raw_args = words.group(2)
        tz = words.group(3)
        if tz:
            name = f"{name} {' '.join(tz.lower().split())}"
        name = ALIASES.get(name, name)
        if name == "float":
            return _float(raw_args, text, unsigned, dims)
        if name in CANONICAL:
            args = _split_args(raw_args) if raw_args is not None else ()
            if args is None:
                raise ValueError(f"cannot read the parameters of type {text!r}")
            return _canonical(name, args, unsigned, dims, text)
        if raw_args is None and " " not in name and _NAME_RE.match(body):
            return TypeSpec("name", body.strip(), (), unsigned, dims, None)
        if raw_args is not None and " " not in name:
            # a dialect type with parameters, e.g. geometry(Point,4326): resolved later
            return TypeSpec("name", body.strip(), (), unsigned, dims, None)
        raise ValueError(f"unknown type {text!r}")
    if _NAME_RE.match(body):
        return TypeSpec("name", body.strip(), (), unsigned, dims, None)
    raise ValueError(f"cannot read type {text!r}")


@lru_cache(maxsize=8192)
def normalize_type(text: str) -> str:
    """The canonical spelling of a type string (`ValueError` if malformed)."""
    return str(parse_type(text))


def _float(raw_args: str | None, text: str, unsigned: bool, dims: int) -> TypeSpec:
    args = _split_args(raw_args) if raw_args is not None else ()
    if args is None or len(args) > 1 or (args and not isinstance(args[0], int)):
        raise ValueError(f"float takes one precision in bits, not {text!r}")
    precision = args[0] if args else 53
    assert isinstance(precision, int)
    base = "real" if precision <= 24 else "double"
    return TypeSpec("canonical", base, (), unsigned, dims)


def _canonical(name: str, args: tuple[int | str, ...], unsigned: bool, dims: int, text: str) -> TypeSpec:
    if name in _DISPLAY_WIDTH and len(args) == 1 and isinstance(args[0], int):
        args = ()
    lo, hi = _ARITY.get(name, (0, 0))
    if not lo <= len(args) <= hi:
        if hi == 0:
            raise ValueError(f"type {name} takes no parameters: {text!r}")
        raise ValueError(f"type {name} takes {lo} to {hi} parameters: {text!r}")
    if name in {"enum", "set"}:
        if not all(isinstance(a, str) for a in args):
            raise ValueError(f"{name} values must be quoted strings: {text!r}")
    elif any(isinstance(a, str) and a != "max" for a in args):
        raise ValueError(f"type {name} takes numbers as parameters: {text!r}")
    elif "max" in args:
        # varchar(max) and friends mean "unbounded"
        name = {"varchar": "text", "varbinary": "bytes", "char": "text", "binary": "bytes"}.get(name, name)
        args = ()
    if unsigned and CANONICAL[name] not in {"integer", "decimal", "float"}:
        raise ValueError(f"only numeric types can be unsigned: {text!r}")
    return TypeSpec("canonical", name, args, unsigned, dims)


def is_dialect_type(name: str, dialect: str | None) -> bool:
    """True if `name` (without parameters) is a type specific to `dialect`."""
    if dialect is None:
        return False
    base = name.split("(", 1)[0].strip().lower()
    base = base.rsplit(".", 1)[-1].strip('"')
    return base in DIALECT_TYPES.get(dialect, frozenset())


def canonical_names() -> list[str]:
    """Every canonical type name and alias, for messages and the JSON Schema."""
    return sorted(set(CANONICAL) | set(ALIASES) | {"float"})
