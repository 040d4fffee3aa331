"""PostgreSQL functions and procedures written out the way pg_dump writes them.

pg_get_functiondef() and pg_dump spell a function differently (``CREATE OR
REPLACE … $function$`` against ``CREATE … $$``); the DDL readers see pg_dump's
text, so the live reader writes that text too and a function read both ways
compares equal.  The rules follow pg_dump's dumpFunc: options that are the
default are left out, the body is dollar-quoted with a delimiter it does not
contain, and ``SET`` values of list settings are quoted item by item.
"""

from __future__ import annotations

from typing import Any

#: settings whose value is a list, quoted item by item (pg_dump: variable_is_guc_list_quote)
_LIST_SETTINGS = {"local_preload_libraries", "search_path", "session_preload_libraries",
                  "shared_preload_libraries", "temp_tablespaces", "unix_socket_directories"}
_VOLATILITY = {"i": " IMMUTABLE", "s": " STABLE"}
_PARALLEL = {"s": " PARALLEL SAFE", "r": " PARALLEL RESTRICTED"}

ROUTINE_DETAILS = """
select p.oid::bigint as oid, p.prokind as kind, l.lanname as language,
       pg_catalog.pg_get_function_arguments(p.oid) as arguments,
       case when p.prokind <> 'p' then pg_catalog.pg_get_function_result(p.oid) end as result,
       p.provolatile as volatility, p.proisstrict as strict, p.prosecdef as security_definer,
       p.proleakproof as leakproof, p.procost as cost, p.proretset as returns_set, p.prorows as rows,
       nullif(p.prosupport, 0)::regproc::text as support, p.proparallel as parallel,
       p.proconfig as settings, p.probin as binary, p.prosrc as source,
       {sql_body} as sql_body,
       array(select pg_catalog.format_type(t, null) from unnest(p.protrftypes) t) as transforms
from pg_catalog.pg_proc p
join pg_catalog.pg_language l on l.oid = p.prolang
where p.oid = any(:oids)
"""


def function_sql(row: Any, schema: str, name: str) -> str:
    """CREATE FUNCTION/PROCEDURE as pg_dump writes it (without the final semicolon)."""
    keyword = "PROCEDURE" if row["kind"] == "p" else "FUNCTION"
    text = f"CREATE {keyword} {quote_ident(schema)}.{quote_ident(name)}({row['arguments']})"
    if row["kind"] != "p":
        text += f" RETURNS {row['result']}"
    if row["transforms"]:
        text += "\n    TRANSFORM " + ", ".join(f"FOR TYPE {t}" for t in row["transforms"])
    text += f"\n    LANGUAGE {quote_ident(row['language'])}"
    if row["kind"] == "w":
        text += " WINDOW"
    text += _VOLATILITY.get(row["volatility"], "")
    if row["strict"]:
        text += " STRICT"
    if row["security_definer"]:
        text += " SECURITY DEFINER"
    if row["leakproof"]:
        text += " LEAKPROOF"
    text += _cost(row)
    if row["returns_set"] and row["rows"] not in (0, 1000):
        text += f" ROWS {_number(row['rows'])}"
    if row["support"]:
        text += f" SUPPORT {row['support']}"
    text += _PARALLEL.get(row["parallel"], "")
    for setting in row["settings"] or ():
        key, _, value = setting.partition("=")
        text += f"\n    SET {quote_ident(key)} TO {_setting_value(key, value)}"
    return f"{text}\n    {_body(row)}"


def _cost(row: Any) -> str:
    """COST unless it is the default: 1 for C and internal functions, 100 for the rest."""
    cost = row["cost"]
    if not cost:
        return ""
    default = 1 if row["language"] in {"c", "internal"} else 100
    return "" if cost == default else f" COST {_number(cost)}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _body(row: Any) -> str:
    if row["sql_body"]:
        return str(row["sql_body"])
    if row["binary"]:
        text = "AS " + quote_literal(row["binary"])
        source = row["source"] or ""
        if source:
            plain = "'" not in source and "\\" not in source
            text += ", " + (quote_literal(source) if plain else dollar_quote(source))
        return text
    return "AS " + dollar_quote(row["source"] or "")


def dollar_quote(text: str) -> str:
    """`text` between $$ … $$, or $_$ … $_$ (and so on) when it contains the delimiter."""
    suffixes = "_XXXXXXX"
    delimiter = "$"
    position = 0
    while delimiter in text:
        delimiter += suffixes[position]
        position = (position + 1) % len(suffixes)
    delimiter += "$"
    return f"{delimiter}{text}{delimiter}"


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def quote_ident(name: str) -> str:
    """A name as PostgreSQL's quote_ident writes it (quoted unless plainly lower case).

    Key words are not known here, so a function named like one (``select``)
    keeps no quotes where pg_dump would add them.
    """
    if name and (name[0].islower() or name[0] == "_") and all(
            c.islower() or c.isdigit() or c == "_" for c in name) and name.isascii():
        return name
    return '"' + name.replace('"', '""') + '"'


def _setting_value(key: str, value: str) -> str:
    if key.lower() not in _LIST_SETTINGS:
        return quote_literal(value)
    items = [item.strip() for item in _split_list(value)]
    return ", ".join(quote_literal(item) for item in items if item)


def _split_list(value: str) -> list[str]:
    """A list setting split at commas outside double quotes, quotes removed."""
    items: list[str] = []
    current: list[str] = []
    quoted = False
    index = 0
    while index < len(value):
        char = value[index]
        if char == '"':
            if quoted and index + 1 < len(value) and value[index + 1] == '"':
                current.append('"')
                index += 2
                continue
            quoted = not quoted
        elif char == "," and not quoted:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    items.append("".join(current))
    return items
