"""Writing: the native spelling of a canonical type in each dialect, and what it loses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sekkei.model.dialects import family
from sekkei.model.types import TypeSpec


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


#: bigint unsigned is nearly always an id: a signed bigint keeps keys, identities and foreign
#: keys working, at the price of the top half of the range, which is said.
_UNSIGNED_BIGINT = ("bigint unsigned written as bigint: values above 9,223,372,036,854,775,807 "
                    "do not fit")


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
        if b == "bigint":
            return WriteType("bigint", _UNSIGNED_BIGINT)
        wider = {"tinyint": "smallint", "smallint": "integer", "integer": "bigint"}
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
        if b == "bigint":
            return WriteType("bigint", _UNSIGNED_BIGINT)
        wider = {"smallint": "int", "integer": "bigint"}
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
        if not a:  # a bare NUMBER is NUMBER(38,0) there: fractions would be rounded away
            return WriteType("number(38,10)", "numeric without precision written as number(38,10)")
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
