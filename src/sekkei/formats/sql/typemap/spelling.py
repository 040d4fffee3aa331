"""Comparing spellings: synonyms and default widths removed, so equal types compare equal."""

from __future__ import annotations

from functools import lru_cache

from sekkei.formats.sql.typemap.native import as_int, split_native, unquote_sql_string
from sekkei.model.dialects import family

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
        if (
            base in {"tinyint", "smallint", "mediumint", "int", "bigint"}
            and args
            and args != ("1",)
            and not p.zerofill
        ):  # with ZEROFILL the width is how many digits are shown
            args = ()
        if base == "tinyint" and args == ("1",) and p.unsigned:
            args = ()
        if base == "decimal" and not args:
            args = ("10", "0")
        if base == "decimal" and len(args) == 1:
            args = (args[0], "0")
        if base == "float" and len(args) == 1 and (as_int(args[0]) or 0) > 24:
            base, args = "double", ()
        if base in {"char", "binary", "bit"} and not args:
            args = ("1",)
        if base in {"enum", "set"}:
            args = tuple(unquote_sql_string(a) for a in args)
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
        if base == "float" and args and (as_int(args[0]) or 53) <= 24:
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
