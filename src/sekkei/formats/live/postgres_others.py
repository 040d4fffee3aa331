"""PostgreSQL objects the model keeps only as text: composite and range types,
operators and casts, written as pg_dump writes them (extended statistics are noted)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from sekkei.formats.live.postgres_routines import quote_ident
from sekkei.formats.live.raw import Context

#: pg_dump's order of object kinds (pg_dump_sort.c); within a kind, by namespace and name
TYPE, CAST, FUNCTION, AGGREGATE, OPERATOR, RULE, TRIGGER = range(7)


@dataclass(frozen=True)
class KeptRoutine:
    """An object kept as its CREATE text, with where pg_dump would put it."""

    priority: int
    schema: str | None
    name: str
    sql: str
    kind: str
    signature: str | None = None
    needs: tuple[str | None, str, str] | None = None
    """(schema, name, signature) of a function this object calls (a cast's)."""

    def sort_key(self) -> tuple[int, str, str, str]:
        return (self.priority, self.schema or "", self.name, self.signature or "")


def dump_order(kept: list[KeptRoutine]) -> list[KeptRoutine]:
    """pg_dump's order: by kind, namespace and name, except that an object comes
    after the function it calls (pg_dump moves the function forward)."""
    ordered = sorted(kept, key=KeptRoutine.sort_key)
    for item in [k for k in ordered if k.needs is not None]:
        position = ordered.index(item)
        for index, other in enumerate(ordered):
            if (other.schema, other.name, other.signature) == item.needs and index > position:
                ordered.insert(position, ordered.pop(index))
                break
    return ordered


def _not_extension(catalog: str, oid: str) -> str:
    return (f"not exists (select 1 from pg_catalog.pg_depend e where e.classid = "
            f"'pg_catalog.{catalog}'::regclass and e.objid = {oid} and e.deptype = 'e')")


_COMPOSITES = f"""
select n.nspname as schema, t.typname as name,
       array(select a.attname::text from pg_catalog.pg_attribute a
             where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped
             order by a.attnum) as names,
       array(select pg_catalog.format_type(a.atttypid, a.atttypmod) from pg_catalog.pg_attribute a
             where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped
             order by a.attnum) as types,
       array(select case when a.attcollation <> 0 and a.attcollation <> at.typcollation
                         then pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
                    end
             from pg_catalog.pg_attribute a
             join pg_catalog.pg_type at on at.oid = a.atttypid
             left join pg_catalog.pg_collation co on co.oid = a.attcollation
             left join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace
             where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped
             order by a.attnum) as collations
from pg_catalog.pg_type t
join pg_catalog.pg_namespace n on n.oid = t.typnamespace
join pg_catalog.pg_class c on c.oid = t.typrelid
where t.typtype = 'c' and c.relkind = 'c' and n.nspname = any(:ns) and {_not_extension('pg_type', 't.oid')}
"""

_RANGES = f"""
select n.nspname as schema, t.typname as name,
       pg_catalog.format_type(r.rngsubtype, null) as subtype,
       {{multirange}} as multirange,
       case when opc.opcdefault then null
            else pg_catalog.quote_ident(opn.nspname) || '.' || pg_catalog.quote_ident(opc.opcname) end
            as opclass,
       case when r.rngcollation = st.typcollation or r.rngcollation = 0 then null
            else pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) end
            as collation,
       nullif(r.rngcanonical, 0)::regproc::text as canonical,
       nullif(r.rngsubdiff, 0)::regproc::text as subtype_diff
from pg_catalog.pg_range r
join pg_catalog.pg_type t on t.oid = r.rngtypid
join pg_catalog.pg_namespace n on n.oid = t.typnamespace
join pg_catalog.pg_type st on st.oid = r.rngsubtype
join pg_catalog.pg_opclass opc on opc.oid = r.rngsubopc
join pg_catalog.pg_namespace opn on opn.oid = opc.opcnamespace
left join pg_catalog.pg_collation co on co.oid = r.rngcollation
left join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace
where n.nspname = any(:ns) and {_not_extension('pg_type', 't.oid')}
"""

_OPERATORS = f"""
select n.nspname as schema, o.oprname as name, o.oprkind as kind,
       nullif(o.oprcode, 0)::regprocedure::text as function,
       case when o.oprleft <> 0 then pg_catalog.format_type(o.oprleft, null) end as left_type,
       case when o.oprright <> 0 then pg_catalog.format_type(o.oprright, null) end as right_type,
       nullif(o.oprcom, 0)::regoperator::text as commutator,
       nullif(o.oprnegate, 0)::regoperator::text as negator,
       o.oprcanmerge as merges, o.oprcanhash as hashes,
       nullif(o.oprrest, 0)::regprocedure::text as restrict,
       nullif(o.oprjoin, 0)::regprocedure::text as join
from pg_catalog.pg_operator o
join pg_catalog.pg_namespace n on n.oid = o.oprnamespace
where n.nspname = any(:ns) and o.oprcode <> 0 and {_not_extension('pg_operator', 'o.oid')}
"""

# pg_dump dumps the casts users made (oids past the ones initdb creates)
_CASTS = f"""
select pg_catalog.format_type(c.castsource, null) as source,
       pg_catalog.format_type(c.casttarget, null) as target,
       c.castmethod as method, c.castcontext as context,
       case when c.castfunc <> 0 then
            pg_catalog.quote_ident(fn.nspname) || '.' || pg_catalog.quote_ident(f.proname) || '('
            || pg_catalog.oidvectortypes(f.proargtypes) || ')' end as function,
       fn.nspname as function_schema, f.proname as function_name,
       pg_catalog.oidvectortypes(f.proargtypes) as function_arguments
from pg_catalog.pg_cast c
left join pg_catalog.pg_proc f on f.oid = c.castfunc
left join pg_catalog.pg_namespace fn on fn.oid = f.pronamespace
where c.oid >= 16384 and {_not_extension('pg_cast', 'c.oid')}
  -- casts a range type made for its multirange belong to the type
  and not exists (select 1 from pg_catalog.pg_depend i where i.classid = 'pg_catalog.pg_cast'::regclass
                  and i.objid = c.oid and i.deptype = 'i')
"""

_STATISTICS = f"""
select n.nspname as schema, s.stxname as name, pg_catalog.pg_get_statisticsobjdef(s.oid) as definition
from pg_catalog.pg_statistic_ext s
join pg_catalog.pg_namespace n on n.oid = s.stxnamespace
where n.nspname = any(:ns) and {_not_extension('pg_statistic_ext', 's.oid')}
"""


def other_objects(ctx: Context) -> list[KeptRoutine]:
    """Composite and range types, operators, casts and statistics of the namespaces read."""
    params = {"ns": ctx.namespaces}
    kept: list[KeptRoutine] = []
    for row in ctx.conn.execute(sa.text(_COMPOSITES), params).mappings():
        kept.append(KeptRoutine(TYPE, row["schema"], row["name"], composite_sql(row), "other"))
    version = ctx.conn.dialect.server_version_info or (0,)
    multirange = ("pg_catalog.format_type(r.rngmultitypid, null)" if version >= (14,) else "null")
    for row in ctx.conn.execute(sa.text(_RANGES.format(multirange=multirange)), params).mappings():
        kept.append(KeptRoutine(TYPE, row["schema"], row["name"], range_sql(row), "other"))
    local = ctx.builder.default_namespace
    for row in ctx.conn.execute(sa.text(_OPERATORS), params).mappings():
        sides = [signature_type(row[key] or "NONE", local) for key in ("left_type", "right_type")]
        kept.append(KeptRoutine(OPERATOR, row["schema"], row["name"], operator_sql(row), "operator",
                                f"({sides[0]}, {sides[1]})"))
    for row in ctx.conn.execute(sa.text(_CASTS)).mappings():
        signature = f"({signature_type(row['source'], local)} AS {signature_type(row['target'], local)})"
        needs = None
        if row["function_name"]:
            needs = (row["function_schema"], row["function_name"],
                     signature_types(row["function_arguments"], local))
        kept.append(KeptRoutine(CAST, None, "cast", cast_sql(row), "cast", signature, needs))
    for row in ctx.conn.execute(sa.text(_STATISTICS), params).mappings():
        ctx.notes.warning("live-skipped", "extended statistics are not part of the model; left out",
                          subject=f"statistics {ctx.builder.key(row['schema'], row['name'])}")
    return kept


def signature_type(type_text: str, default_namespace: str | None) -> str:
    """A type in a signature, without the default namespace (``public.pair`` → ``pair``)."""
    if default_namespace and type_text.startswith(f"{default_namespace}."):
        return type_text[len(default_namespace) + 1:]
    return type_text


def signature_types(types: str, default_namespace: str | None) -> str:
    """``(a, b)`` from oidvectortypes' ``a, b`` (which has no commas inside a type)."""
    parts = [signature_type(t.strip(), default_namespace) for t in types.split(",") if t.strip()]
    return "(" + ", ".join(parts) + ")"


def _qualified(schema: str, name: str) -> str:
    return f"{quote_ident(schema)}.{quote_ident(name)}"


def composite_sql(row: Any) -> str:
    lines = []
    for name, type_text, collation in zip(row["names"], row["types"], row["collations"], strict=True):
        line = f"\t{quote_ident(name)} {type_text}"
        if collation:
            line += f" COLLATE {collation}"
        lines.append(line)
    return f"CREATE TYPE {_qualified(row['schema'], row['name'])} AS (\n" + ",\n".join(lines) + "\n)"


def range_sql(row: Any) -> str:
    options = [f"subtype = {row['subtype']}"]
    if row["multirange"]:
        options.append(f"multirange_type_name = {row['multirange']}")
    for key in ("opclass", "collation", "canonical", "subtype_diff"):
        if row[key]:
            label = "subtype_opclass" if key == "opclass" else key
            options.append(f"{label} = {row[key]}")
    body = ",\n    ".join(options)
    return f"CREATE TYPE {_qualified(row['schema'], row['name'])} AS RANGE (\n    {body}\n)"


def _procedure(text: str | None) -> str | None:
    """A regprocedure without its argument list, as pg_dump refers to support functions."""
    return text.split("(", 1)[0] if text else None


def _operator(text: str | None) -> str | None:
    """OPERATOR(schema.name) for a qualified operator, the bare name otherwise."""
    if not text:
        return None
    name = text.split("(", 1)[0]
    if "." in name:
        schema, _, bare = name.rpartition(".")
        return f"OPERATOR({schema}.{bare})"
    return name


def operator_sql(row: Any) -> str:
    details = [f"FUNCTION = {_procedure(row['function'])}"]
    if row["left_type"]:
        details.append(f"LEFTARG = {row['left_type']}")
    if row["right_type"]:
        details.append(f"RIGHTARG = {row['right_type']}")
    for key, label in (("commutator", "COMMUTATOR"), ("negator", "NEGATOR")):
        target = _operator(row[key])
        if target:
            details.append(f"{label} = {target}")
    if row["merges"]:
        details.append("MERGES")
    if row["hashes"]:
        details.append("HASHES")
    for key, label in (("restrict", "RESTRICT"), ("join", "JOIN")):
        function = _procedure(row[key])
        if function:
            details.append(f"{label} = {function}")
    body = ",\n    ".join(details)
    return f"CREATE OPERATOR {quote_ident(row['schema'])}.{row['name']} (\n    {body}\n)"


_METHODS = {"b": "WITHOUT FUNCTION", "i": "WITH INOUT"}
_CONTEXTS = {"a": " AS ASSIGNMENT", "i": " AS IMPLICIT"}


def cast_sql(row: Any) -> str:
    method = _METHODS.get(row["method"]) or f"WITH FUNCTION {row['function']}"
    return f"CREATE CAST ({row['source']} AS {row['target']}) {method}{_CONTEXTS.get(row['context'], '')}"
