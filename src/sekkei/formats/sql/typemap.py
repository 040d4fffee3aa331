"""Column types per SQL dialect: native spelling -> canonical type, and back.

Reading keeps two things: the canonical type (portable) and, only when writing
that canonical type back to the same dialect would spell it differently, the
native spelling.  So ``TINYINT(1) UNSIGNED`` survives a MySQL round trip while
``int4`` and ``integer`` are the same thing and carry no noise.

Writing uses the native spelling for the column's own dialect when there is
one, otherwise maps the canonical type, reporting anything it had to
approximate (``interval`` in MySQL, arrays outside PostgreSQL …).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from sekkei.model.dialects import family
from sekkei.model.types import TypeSpec, parse_type

# ---------------------------------------------------------------------------
# A light parser for native type text: words, parameters, modifiers.


@dataclass(frozen=True, slots=True)
class NativeType:
    """A native type split into parts: ``base`` (lower case words), raw `args`, flags."""

    base: str
    args: tuple[str, ...]
    unsigned: bool = False
    zerofill: bool = False
    dims: int = 0
    tz: str | None = None  # "with" | "without" | "local"
    qualifier: str = ""  # e.g. "day to second" for intervals, "char" for varchar2(10 char)


_TOKEN_RE = re.compile(
    r"""\s*(?:("(?:[^"]|"")*")|(`[^`]*`)|(\[[^\]]*\])|('(?:[^']|'')*')|([(),])|([^\s(),"`\[\]']+))"""
)


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        tok = next(g for g in m.groups() if g is not None)
        out.append(tok)
    return out


def _unquote(word: str) -> str:
    if len(word) >= 2 and word[0] == word[-1] == '"':
        return word[1:-1].replace('""', '"')
    if len(word) >= 2 and word[0] == "`" and word[-1] == "`":
        return word[1:-1]
    if len(word) >= 2 and word[0] == "[" and word[-1] == "]":
        return word[1:-1]
    return word


@lru_cache(maxsize=8192)
def split_native(text: str) -> NativeType:
    """Split a native type into its parts; never fails (unknown shapes stay words)."""
    raw = text.strip()
    dims = 0
    while True:
        m = re.search(r"\[\s*\d*\s*\]\s*$", raw)
        if m and not raw.endswith("]]") and not raw.lstrip().startswith("["):
            dims += 1
            raw = raw[: m.start()].rstrip()
            continue
        break
    if re.search(r"\s+array$", raw, re.I):
        dims = max(dims, 1)
        raw = re.sub(r"\s+array$", "", raw, flags=re.I)
    toks = _tokens(raw)
    words: list[str] = []
    args: list[str] = []
    unsigned = zerofill = False
    tz: str | None = None
    qualifier: list[str] = []
    i = 0
    seen_args = False
    while i < len(toks):
        tok = toks[i]
        low = tok.lower()
        if tok == "(" and not seen_args:
            depth = 1
            j = i + 1
            current: list[str] = []
            while j < len(toks) and depth:
                t = toks[j]
                if t == "(":
                    depth += 1
                elif t == ")":
                    depth -= 1
                    if depth == 0:
                        break
                if t == "," and depth == 1:
                    args.append(" ".join(current))
                    current = []
                else:
                    current.append(t)
                j += 1
            if current:
                args.append(" ".join(current))
            i = j + 1
            seen_args = True
            continue
        if low == "unsigned":
            unsigned = True
        elif low == "signed":
            pass
        elif low == "zerofill":
            zerofill = True
        elif low in {"with", "without"} and i + 2 < len(toks) and toks[i + 1].lower() in {"time", "local"}:
            if toks[i + 1].lower() == "local":
                tz = "local"
                i += 4
                continue
            tz = low
            i += 3
            continue
        elif seen_args:
            qualifier.append(low)
        else:
            words.append(_unquote(tok) if tok[0] in '"`[' else low)
        i += 1
    # "varchar2(10 char)" keeps "char" as an argument qualifier
    clean_args: list[str] = []
    for a in args:
        parts = a.split()
        if len(parts) == 2 and parts[1].lower() in {"char", "byte"}:
            qualifier.append(parts[1].lower())
            clean_args.append(parts[0])
        else:
            clean_args.append(a)
    return NativeType(" ".join(words), tuple(clean_args), unsigned, zerofill, dims, tz, " ".join(qualifier))


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


# ---------------------------------------------------------------------------
# Reading: native -> canonical


@dataclass(frozen=True, slots=True)
class ReadType:
    """Result of reading a native type: canonical `type`, and `native` to keep (or None)."""

    type: str
    native: str | None = None
    note: str | None = None


_COMMON_READ: dict[str, str] = {
    "boolean": "boolean",
    "bool": "boolean",
    "tinyint": "tinyint",
    "smallint": "smallint",
    "int2": "smallint",
    "integer": "integer",
    "int": "integer",
    "int4": "integer",
    "bigint": "bigint",
    "int8": "bigint",
    "numeric": "numeric",
    "decimal": "numeric",
    "dec": "numeric",
    "real": "real",
    "float4": "real",
    "double precision": "double",
    "double": "double",
    "float8": "double",
    "char": "char",
    "character": "char",
    "nchar": "char",
    "national char": "char",
    "national character": "char",
    "varchar": "varchar",
    "character varying": "varchar",
    "char varying": "varchar",
    "nvarchar": "varchar",
    "national varchar": "varchar",
    "national character varying": "varchar",
    "text": "text",
    "clob": "text",
    "binary": "binary",
    "varbinary": "varbinary",
    "binary varying": "varbinary",
    "blob": "bytes",
    "bytea": "bytes",
    "date": "date",
    "time": "time",
    "timestamp": "timestamp",
    "datetime": "timestamp",
    "timestamptz": "timestamptz",
    "timetz": "timetz",
    "interval": "interval",
    "uuid": "uuid",
    "json": "json",
    "jsonb": "jsonb",
    "xml": "xml",
    "inet": "inet",
    "cidr": "cidr",
    "macaddr": "macaddr",
    "bit": "bit",
    "bit varying": "varbit",
    "varbit": "varbit",
    "money": "money",
}

_DIALECT_READ: dict[str, dict[str, str]] = {
    "postgres": {
        "bpchar": "char",
        "serial": "integer",
        "bigserial": "bigint",
        "smallserial": "smallint",
        "serial4": "integer",
        "serial8": "bigint",
        "serial2": "smallint",
        "float": "double",
        "string": "text",
    },
    "mysql": {
        "mediumint": "integer",
        "middleint": "integer",
        "int1": "tinyint",
        "int3": "integer",
        "float": "real",
        "tinytext": "text",
        "mediumtext": "text",
        "longtext": "text",
        "tinyblob": "bytes",
        "mediumblob": "bytes",
        "longblob": "bytes",
        "long varchar": "text",
        "long": "text",
        "long varbinary": "bytes",
        "year": "smallint",
        "fixed": "numeric",
        "real": "double",
        "serial": "bigint",
        "enum": "enum",
        "set": "set",
        "bool": "boolean",
        "boolean": "boolean",
        "timestamp": "timestamptz",
        "inet4": "varchar",
        "inet6": "varchar",
    },
    "sqlite": {
        "float": "double",
        "double": "double",
        "real": "double",
        "clob": "text",
        "datetime": "timestamp",
        "string": "text",
        "numeric": "numeric",
        "int": "integer",
        "integer": "integer",
        "unsigned big int": "bigint",
        "big int": "bigint",
        "varying character": "varchar",
        "native character": "char",
        "nvarchar": "varchar",
        "nchar": "char",
    },
    "mssql": {
        "bit": "boolean",
        "tinyint": "tinyint",
        "float": "double",
        "real": "real",
        "datetime": "timestamp",
        "datetime2": "timestamp",
        "smalldatetime": "timestamp",
        "datetimeoffset": "timestamptz",
        "uniqueidentifier": "uuid",
        "ntext": "text",
        "text": "text",
        "image": "bytes",
        "money": "money",
        "smallmoney": "money",
        "rowversion": "binary",
        "timestamp": "binary",
        "sysname": "varchar",
        "xml": "xml",
        "nvarchar": "varchar",
        "nchar": "char",
        "varchar": "varchar",
        "char": "char",
    },
    "oracle": {
        "number": "numeric",
        "varchar2": "varchar",
        "nvarchar2": "varchar",
        "nchar": "char",
        "clob": "text",
        "nclob": "text",
        "long": "text",
        "raw": "varbinary",
        "long raw": "bytes",
        "blob": "bytes",
        "bfile": "bytes",
        "binary_float": "real",
        "binary_double": "double",
        "float": "double",
        "date": "timestamp",
        "integer": "numeric",
        "int": "numeric",
        "smallint": "numeric",
        "xmltype": "xml",
        "interval day to second": "interval",
        "interval year to month": "interval",
    },
    "snowflake": {
        "number": "numeric",
        "float": "double",
        "float4": "double",
        "float8": "double",
        "double": "double",
        "real": "double",
        "string": "text",
        "text": "text",
        "varchar": "varchar",
        "timestamp_ntz": "timestamp",
        "timestamp_ltz": "timestamptz",
        "timestamp_tz": "timestamptz",
        "datetime": "timestamp",
        "variant": "json",
        "object": "json",
        "binary": "bytes",
        "varbinary": "bytes",
        "byteint": "tinyint",
        "int": "numeric",
        "integer": "numeric",
        "bigint": "numeric",
        "smallint": "numeric",
        "tinyint": "numeric",
    },
    "bigquery": {
        "int64": "bigint",
        "int": "bigint",
        "integer": "bigint",
        "smallint": "bigint",
        "bigint": "bigint",
        "tinyint": "bigint",
        "byteint": "bigint",
        "float64": "double",
        "float": "double",
        "bool": "boolean",
        "string": "text",
        "bytes": "bytes",
        "numeric": "numeric",
        "decimal": "numeric",
        "bignumeric": "numeric",
        "bigdecimal": "numeric",
        "datetime": "timestamp",
        "timestamp": "timestamptz",
        "json": "json",
    },
    "db2": {
        "integer": "integer",
        "int": "integer",
        "double": "double",
        "float": "double",
        "decfloat": "numeric",
        "graphic": "char",
        "vargraphic": "varchar",
        "dbclob": "text",
        "clob": "text",
        "blob": "bytes",
        "long varchar": "text",
        "timestamp": "timestamp",
        "xml": "xml",
        "character": "char",
    },
}
_DIALECT_READ["mariadb"] = {**_DIALECT_READ["mysql"], "uuid": "uuid", "inet4": "varchar", "inet6": "varchar"}
_DIALECT_READ["cockroachdb"] = {
    **_DIALECT_READ["postgres"],
    "string": "text",
    "bytes": "bytes",
    "int": "bigint",
    "integer": "bigint",
    "int64": "bigint",
    "float": "double",
}
_DIALECT_READ["yugabytedb"] = _DIALECT_READ["postgres"]
_DIALECT_READ["generic"] = {}


@lru_cache(maxsize=8192)
def read_type(native: str, dialect: str) -> ReadType:
    """The canonical type of a native spelling in `dialect` (and what to keep of it)."""
    spec = _read_spec(native, dialect)
    if spec is None:
        parsed = split_native(native)
        body = native.strip()
        if parsed.dims:
            body = re.sub(r"(\s*\[\s*\d*\s*\])+\s*$", "", body)
            body = re.sub(r"\s+array$", "", body, flags=re.I)
        # a type of one database is named after the family: yugabytedb's tsvector is postgres's
        return ReadType(str(TypeSpec("native", body, (), False, parsed.dims, family(dialect))))
    canonical = str(spec)
    try:
        written = write_type(spec, dialect).text
    except ValueError:  # a dialect that is read but never written (db2, generic)
        written = canonical
    if normalize_spelling(written, dialect) == normalize_spelling(native, dialect):
        return ReadType(canonical)
    kept = tidy_native(native.strip(), dialect)
    return ReadType(canonical, None if kept == written else kept)


def _read_spec(native: str, dialect: str) -> TypeSpec | None:
    parsed = split_native(native)
    base = parsed.base
    fam = family(dialect)
    table = _DIALECT_READ.get(dialect, {})
    name = table.get(base) or _COMMON_READ.get(base)
    if base.startswith("interval") and fam in {"postgres", "oracle"}:
        name = "interval"
    if name is None:
        return None
    args: tuple[int | str, ...] = tuple(_int(a) if _int(a) is not None else a for a in parsed.args)  # type: ignore[misc]
    unsigned = parsed.unsigned
    if fam == "mysql":
        unsigned = unsigned or parsed.zerofill  # ZEROFILL makes a number UNSIGNED
        if name == "numeric" and len(args) < 2:  # DECIMAL is DECIMAL(10,0), DECIMAL(p) is DECIMAL(p,0)
            args = (args[0] if args else 10, 0)
        if name in {"bit", "binary"} and not args:  # BIT and BINARY hold one bit / byte
            args = (1,)
        if base in {"tinyint", "int1"} and parsed.args == ("1",) and not unsigned:
            return TypeSpec("canonical", "boolean", dims=parsed.dims)
        if base in {"bool", "boolean"}:
            return TypeSpec("canonical", "boolean", dims=parsed.dims)
        if name in {"enum", "set"}:
            values = tuple(_sql_string(a) for a in parsed.args)
            return TypeSpec("canonical", name, values, dims=parsed.dims)
        if base == "float" and len(parsed.args) == 1 and (_int(parsed.args[0]) or 0) > 24:
            name = "double"
    if fam == "mssql" and base == "tinyint":
        unsigned = True
    if fam == "sqlite" and unsigned and base in {"big int", "bigint"}:
        unsigned = False  # SQLite's "UNSIGNED BIG INT" is an ordinary 64-bit integer
    if name in {"timestamp", "time"} and parsed.tz == "with":
        name = name + "tz"
    if fam == "oracle" and base == "timestamp" and parsed.tz in {"with", "local"}:
        name = "timestamptz"
    if fam == "oracle" and base == "date":
        args = ()
    if name == "numeric":
        if fam == "oracle":  # NUMBER(*, 0): the * is the maximum precision
            args = tuple(38 if a == "*" else a for a in args)
        if fam == "oracle" and not args and base in {"integer", "int", "smallint"}:
            args = (38, 0)
        if fam == "oracle" and args == (0,):  # NUMBER(*)... rare
            args = ()
        if fam == "snowflake" and base in {"int", "integer", "bigint", "smallint", "tinyint"}:
            args = (38, 0)
        if any(not isinstance(a, int) for a in args):
            # NUMBER(*, 2) and similar: keep the precision we can understand
            args = tuple(a for a in args if isinstance(a, int))
        if fam == "oracle" and len(args) == 1 and isinstance(args[0], int):
            args = (args[0], 0)
        if fam == "oracle" and len(args) == 2 and args[1] == 0 and isinstance(args[0], int):
            name = _oracle_integer(args[0]) or name
            if name != "numeric":
                args = ()
    if name in {"varchar", "char", "binary", "varbinary"}:
        if args and args[0] == "max":
            name = {"varchar": "text", "char": "text", "binary": "bytes", "varbinary": "bytes"}[name]
            args = ()
        elif name == "char" and not args and fam not in {"sqlite"}:
            args = (1,)
    if name in {"tinyint", "smallint", "integer", "bigint"}:
        args = ()
    if name in {
        "real",
        "double",
        "boolean",
        "text",
        "bytes",
        "date",
        "uuid",
        "json",
        "jsonb",
        "xml",
        "inet",
        "cidr",
        "macaddr",
        "money",
        "interval",
    }:
        args = ()
    if name in {"timestamp", "timestamptz", "time", "timetz"}:
        args = tuple(a for a in args if isinstance(a, int))[:1]
        if fam == "mssql" and base in {"datetime", "smalldatetime"}:
            args = ()
    if len(args) > 2:
        return None
    try:
        spec = parse_type(str(TypeSpec("canonical", name, args, unsigned, parsed.dims)))
    except ValueError:
        return None
    return spec


def _oracle_integer(precision: int) -> str | None:
    """The inverse of how integers are written for Oracle (NUMBER(10) is integer)."""
    return {3: "tinyint", 5: "smallint", 10: "integer", 19: "bigint"}.get(precision)


def _sql_string(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'").replace("\\'", "'")
    return text


# ---------------------------------------------------------------------------
# Writing: canonical -> native


@dataclass(frozen=True, slots=True)
class WriteType:
    """A native spelling, and why it is only an approximation (if it is)."""

    text: str
    loss: str | None = None


def _p(args: tuple[int | str, ...]) -> str:
    return "(" + ",".join(str(a) for a in args) + ")" if args else ""


def _enum_values(values: tuple[str, ...]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


@lru_cache(maxsize=8192)
def write_type(spec: TypeSpec, dialect: str) -> WriteType:
    """The native spelling of a canonical type in `dialect`."""
    if spec.kind == "native":
        if family(spec.dialect or "") == family(dialect):
            return WriteType(spec.base + "[]" * spec.dims)
        fallback = write_type(TypeSpec("canonical", "text"), dialect).text
        return WriteType(
            fallback, f"{spec.dialect} type {spec.base} has no {dialect} equivalent; written as {fallback}"
        )
    if spec.kind != "canonical":
        raise ValueError(f"type {spec} must be resolved before it is written")
    fam = family(dialect)
    writer = _WRITERS.get(fam)
    if writer is None:
        raise ValueError(f"no type mapping for dialect {dialect}")
    if spec.dims:
        return _write_array(spec, dialect, fam)
    return writer(spec, dialect)


def _text_width(spec: TypeSpec) -> int:
    """Characters needed for an enum value, or for a set's comma-joined members."""
    values = spec.values or ("",)
    if spec.base == "set":
        return max(1, sum(len(v) for v in values) + len(values) - 1)
    return max(1, *(len(v) for v in values))


def _write_array(spec: TypeSpec, dialect: str, fam: str) -> WriteType:
    element = write_type(spec.element(), dialect)
    if fam == "postgres":
        return WriteType(element.text + "[]" * spec.dims, element.loss)
    if fam == "bigquery":
        return WriteType(f"ARRAY<{element.text}>", element.loss)
    if fam == "snowflake":
        return WriteType("array", "arrays are untyped in snowflake")
    fallback = {"mysql": "json", "sqlite": "json", "mssql": "nvarchar(max)", "oracle": "clob"}[fam]
    return WriteType(fallback, f"{dialect} has no array type; written as {fallback}")


def _pg(spec: TypeSpec, dialect: str) -> WriteType:
    b, a = spec.base, spec.args
    if spec.unsigned:
        wider = {"tinyint": "smallint", "smallint": "integer", "integer": "bigint", "bigint": "numeric(20,0)"}
        if b in wider:
            return WriteType(wider[b])
    simple = {
        "boolean": "boolean",
        "tinyint": "smallint",
        "smallint": "smallint",
        "integer": "integer",
        "bigint": "bigint",
        "real": "real",
        "double": "double precision",
        "money": "money",
        "text": "text",
        "bytes": "bytea",
        "binary": "bytea",
        "varbinary": "bytea",
        "date": "date",
        "interval": "interval",
        "uuid": "uuid",
        "json": "json",
        "jsonb": "jsonb",
        "xml": "xml",
        "inet": "inet",
        "cidr": "cidr",
        "macaddr": "macaddr",
    }
    if b in simple:
        return WriteType(simple[b])
    if b in {"numeric", "char", "varchar", "bit", "varbit"}:
        if b == "char" and not a:
            return WriteType("char(1)")
        return WriteType(b + _p(a))
    if b in {"time", "timestamp", "timetz", "timestamptz"}:
        return WriteType(b + _p(a))
    if b in {"enum", "set"}:
        return WriteType("text", None if b == "enum" else "set written as text")
    return WriteType("text", f"type {spec} written as text")


def _my(spec: TypeSpec, dialect: str) -> WriteType:
    b, a = spec.base, spec.args
    u = " unsigned" if spec.unsigned else ""
    ints = {"tinyint": "tinyint", "smallint": "smallint", "integer": "int", "bigint": "bigint"}
    if b in ints:
        return WriteType(ints[b] + u)
    if b == "boolean":
        return WriteType("tinyint(1)")
    if b == "numeric":
        if not a:
            return WriteType("decimal(65,30)" + u, "numeric without precision written as decimal(65,30)")
        return WriteType("decimal" + _p(a) + u)
    if b == "real":
        return WriteType("float" + u)
    if b == "double":
        return WriteType("double" + u)
    if b == "money":
        return WriteType("decimal(19,4)")
    if b == "char":
        n = a[0] if a else 1
        if isinstance(n, int) and n > 255:
            return WriteType(f"varchar({n})")
        return WriteType(f"char({n})")
    if b == "varchar":
        if not a:
            return WriteType("text", None)
        n = a[0]
        if isinstance(n, int) and n > 16383:
            return WriteType("mediumtext" if n <= 16_777_215 else "longtext")
        return WriteType(f"varchar({n})")
    if b == "text":
        return WriteType("text")
    if b in {"binary", "varbinary"}:
        if not a:
            return WriteType("longblob" if b == "varbinary" else "binary(1)")
        return WriteType(b + _p(a))
    if b == "bytes":
        return WriteType("longblob")
    if b == "date":
        return WriteType("date")
    if b in {"time", "timetz"}:
        return WriteType("time" + _p(a), "time zone dropped (mysql time has none)" if b == "timetz" else None)
    if b == "timestamp":
        return WriteType("datetime" + _p(a))
    if b == "timestamptz":
        return WriteType("timestamp" + _p(a))
    if b == "interval":
        return WriteType("varchar(64)", "mysql has no interval type; written as varchar(64)")
    if b == "uuid":
        if dialect == "mariadb":
            return WriteType("uuid")
        return WriteType("char(36)")
    if b in {"json", "jsonb"}:
        return WriteType("json")
    if b == "xml":
        return WriteType("longtext", "mysql has no xml type; written as longtext")
    if b in {"inet", "cidr"}:
        return WriteType("varchar(43)", f"mysql has no {b} type; written as varchar(43)")
    if b == "macaddr":
        return WriteType("varchar(17)", "mysql has no macaddr type; written as varchar(17)")
    if b == "bit":
        return WriteType("bit" + _p(a or (1,)))
    if b == "varbit":
        n = a[0] if a else 64
        return WriteType(f"bit({min(int(n), 64)})", "bit varying written as bit")
    if b in {"enum", "set"}:
        return WriteType(f"{b}({_enum_values(spec.values)})")
    return WriteType("text", f"type {spec} written as text")


def _sqlite(spec: TypeSpec, dialect: str) -> WriteType:
    # SQLite keeps the declared type text, so the canonical spelling is the
    # most faithful thing to write; only names that would get the wrong type
    # affinity are changed.
    b, a = spec.base, spec.args
    if b in {"enum", "set"}:
        return WriteType("text")
    if b == "double":
        return WriteType("double precision")
    if b == "bytes":
        return WriteType("blob")
    if b == "timestamptz":
        return WriteType("timestamptz" + _p(a))
    if b == "boolean":
        return WriteType("boolean")
    text = str(TypeSpec("canonical", b, a, spec.unsigned))
    if b == "char" and not a:
        text = "char(1)"
    return WriteType(text)


def _mssql(spec: TypeSpec, dialect: str) -> WriteType:
    b, a = spec.base, spec.args
    if b == "tinyint":
        return WriteType("tinyint" if spec.unsigned else "smallint")
    if spec.unsigned:
        wider = {"smallint": "int", "integer": "bigint", "bigint": "decimal(20,0)"}
        if b in wider:
            return WriteType(wider[b])
    simple = {
        "boolean": "bit",
        "smallint": "smallint",
        "integer": "int",
        "bigint": "bigint",
        "real": "real",
        "double": "float",
        "money": "money",
        "text": "nvarchar(max)",
        "bytes": "varbinary(max)",
        "date": "date",
        "uuid": "uniqueidentifier",
        "xml": "xml",
    }
    if b in simple:
        return WriteType(simple[b])
    if b == "numeric":
        if not a:
            return WriteType("decimal(38,10)", "numeric without precision written as decimal(38,10)")
        return WriteType("decimal" + _p(a))
    if b in {"char", "varchar"}:
        n = a[0] if a else (1 if b == "char" else None)
        if n is None or (isinstance(n, int) and n > 4000):
            return WriteType("nvarchar(max)")
        return WriteType(f"n{b}({n})")
    if b in {"binary", "varbinary"}:
        n = a[0] if a else None
        if n is None or (isinstance(n, int) and n > 8000):
            return WriteType("varbinary(max)")
        return WriteType(f"{b}({n})")
    if b == "time":
        return WriteType("time" + _p(a))
    if b == "timetz":
        return WriteType("time" + _p(a), "time zone dropped (sql server time has none)")
    if b == "timestamp":
        return WriteType("datetime2" + _p(a))
    if b == "timestamptz":
        return WriteType("datetimeoffset" + _p(a))
    if b in {"json", "jsonb"}:
        return WriteType("nvarchar(max)", "sql server stores json as nvarchar(max)")
    if b == "interval":
        return WriteType("nvarchar(64)", "sql server has no interval type; written as nvarchar(64)")
    if b in {"inet", "cidr", "macaddr"}:
        return WriteType("nvarchar(43)", f"sql server has no {b} type; written as nvarchar(43)")
    if b == "bit":
        n = a[0] if a else 1
        return WriteType(
            "bit" if n == 1 else f"binary({(int(n) + 7) // 8})",
            None if n == 1 else "bit(n) written as binary",
        )
    if b == "varbit":
        return WriteType("varbinary(max)", "bit varying written as varbinary")
    if b in {"enum", "set"}:
        return WriteType(f"nvarchar({_text_width(spec)})")
    return WriteType("nvarchar(max)", f"type {spec} written as nvarchar(max)")


def _oracle(spec: TypeSpec, dialect: str) -> WriteType:
    b, a = spec.base, spec.args
    ints = {"tinyint": "number(3)", "smallint": "number(5)", "integer": "number(10)", "bigint": "number(19)"}
    if b in ints:
        if spec.unsigned:
            return WriteType(
                {
                    "tinyint": "number(3)",
                    "smallint": "number(5)",
                    "integer": "number(10)",
                    "bigint": "number(20)",
                }[b]
            )
        return WriteType(ints[b])
    simple = {
        "boolean": "number(1)",
        "real": "binary_float",
        "double": "binary_double",
        "money": "number(19,4)",
        "text": "clob",
        "bytes": "blob",
        "date": "date",
        "xml": "xmltype",
        "uuid": "varchar2(36)",
        "interval": "interval day to second",
    }
    if b in simple:
        return WriteType(simple[b])
    if b == "numeric":
        return WriteType("number" + _p(a))
    if b == "char":
        return WriteType(f"char({a[0] if a else 1})")
    if b == "varchar":
        n = a[0] if a else None
        if n is None or (isinstance(n, int) and n > 4000):
            return WriteType("clob")
        return WriteType(f"varchar2({n})")
    if b in {"binary", "varbinary"}:
        n = a[0] if a else None
        if n is None or (isinstance(n, int) and n > 2000):
            return WriteType("blob")
        return WriteType(f"raw({n})")
    if b in {"time", "timetz"}:
        return WriteType(
            "interval day(0) to second" + (f"({a[0]})" if a else ""),
            "oracle has no time type; written as interval day to second",
        )
    if b == "timestamp":
        return WriteType("timestamp" + _p(a))
    if b == "timestamptz":
        return WriteType("timestamp" + _p(a) + " with time zone")
    if b in {"json", "jsonb"}:
        return WriteType("clob", "json written as clob")
    if b in {"inet", "cidr", "macaddr"}:
        return WriteType("varchar2(43)", f"oracle has no {b} type; written as varchar2(43)")
    if b in {"bit", "varbit"}:
        return WriteType("raw(64)", "bit strings written as raw")
    if b in {"enum", "set"}:
        return WriteType(f"varchar2({_text_width(spec)})")
    return WriteType("clob", f"type {spec} written as clob")


def _snowflake(spec: TypeSpec, dialect: str) -> WriteType:
    b, a = spec.base, spec.args
    simple = {
        "boolean": "boolean",
        "tinyint": "tinyint",
        "smallint": "smallint",
        "integer": "integer",
        "bigint": "bigint",
        "real": "float",
        "double": "double",
        "money": "number(19,4)",
        "text": "text",
        "bytes": "binary",
        "date": "date",
        "uuid": "varchar(36)",
        "json": "variant",
        "jsonb": "variant",
        "xml": "text",
        "inet": "varchar(43)",
        "cidr": "varchar(43)",
        "macaddr": "varchar(17)",
        "interval": "varchar(64)",
    }
    if b in simple:
        loss = f"snowflake has no {b} type" if b in {"xml", "inet", "cidr", "macaddr", "interval"} else None
        return WriteType(simple[b], loss)
    if b == "numeric":
        return WriteType("number" + _p(a))
    if b in {"char", "varchar"}:
        return WriteType(b + _p(a))
    if b in {"binary", "varbinary"}:
        return WriteType("binary" + _p(a))
    if b in {"time", "timetz"}:
        return WriteType("time" + _p(a), "time zone dropped" if b == "timetz" else None)
    if b == "timestamp":
        return WriteType("timestamp_ntz" + _p(a))
    if b == "timestamptz":
        return WriteType("timestamp_tz" + _p(a))
    if b in {"bit", "varbit"}:
        return WriteType("binary", "bit strings written as binary")
    if b in {"enum", "set"}:
        return WriteType("varchar")
    return WriteType("text", f"type {spec} written as text")


def _bigquery(spec: TypeSpec, dialect: str) -> WriteType:
    b, a = spec.base, spec.args
    ints = {"tinyint", "smallint", "integer", "bigint"}
    if b in ints:
        return WriteType(
            "INT64", "bigint unsigned may not fit INT64" if spec.unsigned and b == "bigint" else None
        )
    simple = {
        "boolean": "BOOL",
        "real": "FLOAT64",
        "double": "FLOAT64",
        "money": "NUMERIC(19,4)",
        "text": "STRING",
        "bytes": "BYTES",
        "date": "DATE",
        "time": "TIME",
        "timestamp": "DATETIME",
        "timestamptz": "TIMESTAMP",
        "uuid": "STRING",
        "json": "JSON",
        "jsonb": "JSON",
        "xml": "STRING",
        "inet": "STRING",
        "cidr": "STRING",
        "macaddr": "STRING",
        "interval": "INTERVAL",
    }
    if b in simple:
        loss = f"bigquery has no {b} type" if b in {"xml", "inet", "cidr", "macaddr"} else None
        return WriteType(simple[b], loss)
    if b == "timetz":
        return WriteType("TIME", "time zone dropped")
    if b == "numeric":
        if a and isinstance(a[0], int) and a[0] > 38:
            return WriteType("BIGNUMERIC" + _p(a))
        return WriteType("NUMERIC" + _p(a))
    if b in {"char", "varchar"}:
        return WriteType("STRING" + _p(a))
    if b in {"binary", "varbinary"}:
        return WriteType("BYTES" + _p(a))
    if b in {"bit", "varbit"}:
        return WriteType("BYTES", "bit strings written as bytes")
    if b in {"enum", "set"}:
        return WriteType("STRING")
    return WriteType("STRING", f"type {spec} written as STRING")


_WRITERS = {
    "postgres": _pg,
    "mysql": _my,
    "sqlite": _sqlite,
    "mssql": _mssql,
    "oracle": _oracle,
    "snowflake": _snowflake,
    "bigquery": _bigquery,
}


# ---------------------------------------------------------------------------
# Comparing spellings


_PG_SYNONYMS = {
    "int4": "integer",
    "int": "integer",
    "int2": "smallint",
    "int8": "bigint",
    "bool": "boolean",
    "float8": "double precision",
    "float4": "real",
    "float": "double precision",
    "decimal": "numeric",
    "varchar": "character varying",
    "char": "character",
    "bpchar": "character",
    "timestamptz": "timestamp with time zone",
    "timetz": "time with time zone",
    "varbit": "bit varying",
    "serial": "integer",
    "bigserial": "bigint",
    "smallserial": "smallint",
    "serial4": "integer",
    "serial8": "bigint",
}
_MY_SYNONYMS = {
    "integer": "int",
    "bool": "tinyint(1)",
    "boolean": "tinyint(1)",
    "dec": "decimal",
    "numeric": "decimal",
    "fixed": "decimal",
    "int4": "int",
    "int8": "bigint",
    "int2": "smallint",
    "int1": "tinyint",
    "middleint": "mediumint",
    "int3": "mediumint",
    "double precision": "double",
    "real": "double",
    "character": "char",
    "character varying": "varchar",
}
_MSSQL_SYNONYMS = {
    "integer": "int",
    "dec": "decimal",
    "numeric": "decimal",
    "double precision": "float",
    "character": "char",
    "character varying": "varchar",
    "national character varying": "nvarchar",
    "national char varying": "nvarchar",
    "national character": "nchar",
    "rowversion": "timestamp",
}


@lru_cache(maxsize=8192)
def normalize_spelling(text: str, dialect: str) -> str:
    """A spelling with synonyms and default widths removed, for equality tests."""
    fam = family(dialect)
    p = split_native(text)
    base = p.base
    args = p.args
    if fam == "postgres":
        base = _PG_SYNONYMS.get(base, base)
        if p.tz == "with":
            base = {"timestamp": "timestamp with time zone", "time": "time with time zone"}.get(base, base)
        if base == "character" and not args:
            args = ("1",)
    elif fam == "mysql":
        base = _MY_SYNONYMS.get(base, base)
        if base == "tinyint(1)":
            base, args = "tinyint", ("1",)
        if base in {"tinyint", "smallint", "mediumint", "int", "bigint"} and args and args != ("1",) \
                and not p.zerofill:  # with ZEROFILL the width is how many digits are shown
            args = ()
        if base == "tinyint" and args == ("1",) and p.unsigned:
            args = ()
        if base == "decimal" and not args:
            args = ("10", "0")
        if base == "decimal" and len(args) == 1:
            args = (args[0], "0")
        if base == "float" and len(args) == 1 and (_int(args[0]) or 0) > 24:
            base, args = "double", ()
        if base in {"char", "binary", "bit"} and not args:
            args = ("1",)
        if base in {"enum", "set"}:
            args = tuple(_sql_string(a) for a in args)
    elif fam == "mssql":
        base = _MSSQL_SYNONYMS.get(base, base)
        if base in {"char", "nchar", "varchar", "nvarchar", "binary", "varbinary"} and not args:
            args = ("1",)
        if base == "decimal" and not args:
            args = ("18", "0")
        if base == "decimal" and len(args) == 1:
            args = (args[0], "0")
        if base == "datetime2" and args == ("7",):
            args = ()
        if base == "datetimeoffset" and args == ("7",):
            args = ()
        if base == "time" and args == ("7",):
            args = ()
        if base == "float" and args in {("53",), ()}:
            args = ()
        if base == "float" and args and (_int(args[0]) or 53) <= 24:
            base, args = "real", ()
        args = tuple(a.lower() for a in args)
    elif fam == "oracle":
        base = {"integer": "number", "int": "number", "smallint": "number"}.get(base, base)
        if base == "number" and p.base in {"integer", "int", "smallint"}:
            args = ("38", "0")
        if base == "number" and len(args) == 1:
            args = (args[0], "0")
        if base == "varchar":
            base = "varchar2"
    elif fam == "bigquery":
        base = {
            "int": "int64",
            "integer": "int64",
            "bigint": "int64",
            "smallint": "int64",
            "tinyint": "int64",
            "byteint": "int64",
            "float": "float64",
            "boolean": "bool",
            "decimal": "numeric",
            "bigdecimal": "bignumeric",
        }.get(base, base)
    elif fam == "snowflake":
        base = {
            "int": "number",
            "integer": "number",
            "bigint": "number",
            "smallint": "number",
            "tinyint": "number",
            "byteint": "number",
            "decimal": "number",
            "numeric": "number",
            "string": "varchar",
            "text": "varchar",
            "float4": "float",
            "float8": "float",
            "double": "float",
            "real": "float",
            "double precision": "float",
            "datetime": "timestamp_ntz",
            "character": "char",
        }.get(base, base)
        if base == "number" and p.base in {"int", "integer", "bigint", "smallint", "tinyint", "byteint"}:
            args = ("38", "0")
        if base == "number" and not args:
            args = ("38", "0")
        if base == "number" and len(args) == 1:
            args = (args[0], "0")
    elif fam == "sqlite":
        pass
    unsigned = " unsigned" if p.unsigned or (fam == "mysql" and p.zerofill) else ""
    if fam == "mysql" and p.zerofill:
        unsigned += " zerofill"
    tz = ""
    if p.tz and not base.endswith("time zone"):
        tz = f" {p.tz} time zone" if p.tz != "local" else " with local time zone"
        if fam == "postgres" and p.tz == "without":
            tz = ""
    arg_text = f"({','.join(a.replace(' ', '') for a in args)})" if args else ""
    qual = f" {p.qualifier}" if p.qualifier and p.qualifier not in {"byte"} else ""
    return f"{base}{arg_text}{unsigned}{tz}{qual}{'[]' * p.dims}"


# ---------------------------------------------------------------------------
# MySQL and MariaDB: the catalog's spelling of a native type, character sets
#
# A DDL file and the catalog (information_schema.COLUMNS.COLUMN_TYPE) spell the same
# type differently: ``MEDIUMBLOB`` / ``mediumblob``, ``YEAR`` / ``year(4)``,
# ``MEDIUMINT(8)`` / ``mediumint``.  Native spellings are recorded the catalog's way so
# that a design read from a file and the database it creates are the same model.

_MY_NATIVE_PIECES = re.compile(r"'(?:[^'\\]|\\.|'')*'|\"(?:[^\"\\]|\\.|\"\")*\"|`(?:[^`]|``)*`|[^'\"`]+")
_MY_INTEGER_WIDTH = re.compile(r"^(tinyint|smallint|mediumint|int|bigint)\((\d+)\)")
#: Other names MySQL accepts for a type, and the name its catalog reports.
_MY_CATALOG_NAMES = {
    "integer": "int", "int1": "tinyint", "int2": "smallint", "int3": "mediumint",
    "middleint": "mediumint", "int4": "int", "int8": "bigint", "dec": "decimal",
    "numeric": "decimal", "fixed": "decimal", "double precision": "double",
    "character varying": "varchar", "char varying": "varchar", "character": "char",
    "long varbinary": "mediumblob", "long varchar": "mediumtext", "long": "mediumtext",
    "bool": "tinyint(1)", "boolean": "tinyint(1)",
}
_MY_NAME_RE = re.compile(r"^(" + "|".join(sorted((re.escape(k) for k in _MY_CATALOG_NAMES),
                                                  key=len, reverse=True)) + r")(?=$|[ (])")


def tidy_native(text: str, dialect: str) -> str:
    """A native type as the database's catalog spells it (MySQL family; others unchanged).

    Lower case outside quotes, single spaces, no spaces around parentheses and
    commas, the catalog's name for synonyms, no integer display width (MySQL 8
    shows none; MariaDB's is cosmetic) except ``tinyint(1)`` and with ZEROFILL,
    where it means something, and ``year`` for ``year(4)``.
    """
    if family(dialect) != "mysql":
        return text
    pieces: list[str] = []
    for piece in _MY_NATIVE_PIECES.findall(text.strip()):
        if piece[0] in "'\"`":
            pieces.append(piece)
            continue
        piece = " ".join(piece.lower().split())
        piece = re.sub(r"\s*([(),])\s*", r"\1", piece)
        piece = re.sub(r"\)(?=\w)", ") ", piece)
        pieces.append(piece)
    tidy = "".join(pieces)
    tidy = re.sub(r"(^| )signed\b", "", tidy).strip()
    tidy = _MY_NAME_RE.sub(lambda m: _MY_CATALOG_NAMES[m.group(1)], tidy, count=1)
    if re.search(r"\bzerofill\b", tidy) and not re.search(r"\bunsigned\b", tidy):
        tidy = re.sub(r"\bzerofill\b", "unsigned zerofill", tidy, count=1)
    width = _MY_INTEGER_WIDTH.match(tidy)
    if width and not (width.group(1) == "tinyint" and width.group(2) == "1") and "zerofill" not in tidy:
        tidy = width.group(1) + tidy[width.end():]
    if re.match(r"^year\(4\)(?= |$)", tidy):
        tidy = "year" + tidy[len("year(4)"):]
    return tidy


#: Character set names MySQL and MariaDB accept but report under another name.
_MY_CHARSET_ALIASES = {"utf8": "utf8mb3"}


def mysql_charset(name: str | None) -> str | None:
    """A character set as the catalog names it (``utf8`` is ``utf8mb3``)."""
    if not name:
        return None
    low = name.lower()
    return _MY_CHARSET_ALIASES.get(low, low)


def mysql_collation(name: str | None) -> str | None:
    """A collation as the catalog names it (``utf8_bin`` is ``utf8mb3_bin``)."""
    if not name:
        return None
    low = name.lower()
    charset, sep, rest = low.partition("_")
    return _MY_CHARSET_ALIASES.get(charset, charset) + sep + rest


def collation_charset(collation: str) -> str:
    """The character set a collation belongs to (its name's first part)."""
    return mysql_charset(collation.split("_", 1)[0]) or collation


def mysql_character_set(
    charset: str | None,
    collation: str | None,
    defaults: Mapping[str, str],
    inherited: tuple[str | None, str | None] = (None, None),
) -> tuple[str | None, str | None]:
    """The (character set, collation) a design records for a column or table.

    `charset` and `collation` are what the object has (a collation of None is its
    character set's default, `defaults` maps each character set to that
    default); `inherited` is what it would get with neither written (for a
    column, its table's; unknown: None).  The collation is left out when it is
    its character set's default; the character set when it is the inherited one
    and the collation is either left out with it or written on its own (which
    names the character set too).  A collation alone with nothing known to
    inherit stays as it is.  So the DDL and live readers, given the same facts,
    record the same thing, and writing it back recreates it.
    """
    charset = mysql_charset(charset)
    collation = mysql_collation(collation)
    parent_charset = mysql_charset(inherited[0])
    parent_collation = mysql_collation(inherited[1])
    if parent_charset is None and parent_collation is not None:
        parent_charset = collation_charset(parent_collation)
    if charset is None and collation is not None:
        if parent_charset is None:  # nothing to compare with: the collation as written
            return None, collation
        charset = collation_charset(collation)
    if charset is None:
        return None, None
    if collation is not None and defaults.get(charset) == collation:
        collation = None
    if parent_collation is not None and defaults.get(parent_charset or "") == parent_collation:
        parent_collation = None
    if charset == parent_charset:
        if collation == parent_collation:
            return None, None
        if collation is not None:
            return None, collation
    return charset, collation
