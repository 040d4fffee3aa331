"""Reading: a native type of a dialect as a canonical type, and what to keep of its spelling."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sekkei.formats.sql.typemap.mysql import tidy_native
from sekkei.formats.sql.typemap.native import as_int, split_native, unquote_sql_string
from sekkei.formats.sql.typemap.spelling import normalize_spelling
from sekkei.formats.sql.typemap.writing import write_type
from sekkei.model.dialects import family
from sekkei.model.types import TypeSpec, parse_type


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


_ANGLE_ARRAY = re.compile(r"^\s*ARRAY\s*<\s*(.+?)\s*>\s*$", re.I | re.S)


@lru_cache(maxsize=8192)
def read_type(native: str, dialect: str) -> ReadType:
    """The canonical type of a native spelling in `dialect` (and what to keep of it)."""
    element = _ANGLE_ARRAY.match(native)
    if element and family(dialect) in {"bigquery", "generic"}:
        # BigQuery writes arrays ARRAY<INT64>: the element's type, one dimension more
        inner = read_type(element.group(1), dialect)
        if not inner.type.startswith(f"{family(dialect)}:"):
            return ReadType(inner.type + "[]")
    spec = _read_spec(native, dialect)
    if spec is not None and spec.base == "numeric" and not spec.args and family(dialect) == "snowflake":
        # Snowflake's NUMBER, DECIMAL and NUMERIC without precision mean NUMBER(38,0)
        spec = TypeSpec("canonical", "numeric", (38, 0), False, spec.dims)
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
    args: tuple[int | str, ...] = tuple(as_int(a) if as_int(a) is not None else a for a in parsed.args)  # type: ignore[misc]
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
            values = tuple(unquote_sql_string(a) for a in parsed.args)
            return TypeSpec("canonical", name, values, dims=parsed.dims)
        if base == "float" and len(parsed.args) == 1 and (as_int(parsed.args[0]) or 0) > 24:
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
    if name == "text" and fam in {"bigquery", "snowflake"} and len(args) == 1 and isinstance(args[0], int):
        name = "varchar"  # STRING(255): a string with a length limit
    if name == "bytes" and fam == "bigquery" and len(args) == 1 and isinstance(args[0], int):
        name = "varbinary"
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
