"""Catalog queries for what SQLAlchemy's PostgreSQL inspector does not say exactly.

Each query covers every namespace being read at once (``nspname = any(:ns)``).
Expressions come from the same deparsing functions pg_dump uses, without the
"pretty" flag, so a live read and a read of ``pg_dump -s`` spell them alike.
Objects that belong to an extension (pg_depend deptype 'e') are left out.
"""

from __future__ import annotations


def _not_extension(catalog: str, oid: str) -> str:
    return (f"not exists (select 1 from pg_catalog.pg_depend e where e.classid = "
            f"'pg_catalog.{catalog}'::regclass and e.objid = {oid} and e.deptype = 'e')")


NAMESPACES = f"""
select n.nspname as name, pg_catalog.obj_description(n.oid, 'pg_namespace') as comment
from pg_catalog.pg_namespace n
where n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'
  and {_not_extension('pg_namespace', 'n.oid')}
order by n.nspname
"""

RELATIONS = f"""
select n.nspname as schema, c.relname as name, c.relkind as kind, c.relispartition as is_partition,
       case when c.relkind = 'p' then pg_catalog.pg_get_partkeydef(c.oid) end as partition_key,
       case when c.relispartition then pg_catalog.pg_get_expr(c.relpartbound, c.oid) end as bound,
       array(select pn.nspname from pg_catalog.pg_inherits i
             join pg_catalog.pg_class pc on pc.oid = i.inhparent
             join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
             where i.inhrelid = c.oid order by i.inhseqno) as parent_schemas,
       array(select pc.relname::text from pg_catalog.pg_inherits i
             join pg_catalog.pg_class pc on pc.oid = i.inhparent
             where i.inhrelid = c.oid order by i.inhseqno) as parent_names,
       c.reloptions as options, c.relpersistence as persistence
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where n.nspname = any(:ns) and c.relkind in ('r', 'p', 'f') and c.relpersistence <> 't'
  and {_not_extension('pg_class', 'c.oid')}
order by n.nspname, c.relname
"""

COLUMNS = """
select n.nspname as schema, c.relname as table, a.attname as name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) as type,
       a.attnotnull as not_null,
       pg_catalog.pg_get_expr(d.adbin, d.adrelid) as default,
       a.attgenerated as generated,
       case when a.attcollation <> 0 and a.attcollation <> t.typcollation then
            case when cn.nspname = 'pg_catalog' then co.collname::text
                 else cn.nspname || '.' || co.collname end end as collation
from pg_catalog.pg_attribute a
join pg_catalog.pg_class c on c.oid = a.attrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_type t on t.oid = a.atttypid
left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
left join pg_catalog.pg_collation co on co.oid = a.attcollation
left join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace
where n.nspname = any(:ns) and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
order by n.nspname, c.relname, a.attnum
"""

CONSTRAINTS = """
select n.nspname as schema, c.relname as table, k.conname as name, k.contype as type,
       k.condeferrable as deferrable, k.condeferred as deferred, k.conislocal as local,
       {cloned} as cloned,
       case when k.contype in ('c', 'x') then pg_catalog.pg_get_constraintdef(k.oid) end as definition,
       rn.nspname as ref_schema, k.confmatchtype as match,
       case when k.contype = 'c' then pg_catalog.obj_description(k.oid, 'pg_constraint') end as comment,
       array(select a.attname::text from unnest(k.conkey) with ordinality u(attnum, i)
             join pg_catalog.pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
             order by u.i) as columns
from pg_catalog.pg_constraint k
join pg_catalog.pg_class c on c.oid = k.conrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join pg_catalog.pg_class rc on rc.oid = k.confrelid
left join pg_catalog.pg_namespace rn on rn.oid = rc.relnamespace
where n.nspname = any(:ns) and c.relkind in ('r', 'p') and k.contype in ('p', 'u', 'f', 'c', 'x')
order by n.nspname, c.relname, k.conname
"""

INDEXES = """
select n.nspname as schema, c.relname as table, c.relkind as table_kind, i.oid::bigint as oid,
       i.relname as name, x.indisunique as is_unique, x.indnkeyatts as key_count, am.amname as method,
       pg_catalog.pg_get_expr(x.indpred, x.indrelid) as predicate,
       {nulls_not_distinct} as nulls_not_distinct,
       i.reloptions as options,
       d.description as comment,
       h.inhrelid is not null as attached,
       k.conindid is not null as constraint_index
from pg_catalog.pg_index x
join pg_catalog.pg_class i on i.oid = x.indexrelid
join pg_catalog.pg_class c on c.oid = x.indrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_am am on am.oid = i.relam
left join pg_catalog.pg_description d
  on d.objoid = i.oid and d.classoid = 'pg_catalog.pg_class'::regclass and d.objsubid = 0
left join pg_catalog.pg_inherits h on h.inhrelid = i.oid
left join (select distinct conindid from pg_catalog.pg_constraint where contype in ('p', 'u', 'x')) k
  on k.conindid = i.oid
where n.nspname = any(:ns) and c.relkind in ('r', 'p', 'm')
order by n.nspname, c.relname, i.relname
"""

# One row per index part: flat rows and joins are ten times faster than
# per-index array subqueries.  indoption, indclass and indcollation cover the
# key parts only, so INCLUDE parts get NULLs there.
INDEX_PARTS = """
select x.indexrelid::bigint as oid, u.i as position,
       case when u.attnum = 0 then pg_catalog.pg_get_indexdef(x.indexrelid, u.i::int, false)
            else a.attname::text end as element,
       u.attnum = 0 as is_expression,
       x.indoption[u.i - 1] as flags,
       case when oc.opcdefault then null
            when ocn.nspname = 'pg_catalog' then oc.opcname::text
            else ocn.nspname || '.' || oc.opcname end as opclass,
       case when coalesce(x.indcollation[u.i - 1], 0) = 0
                 or x.indcollation[u.i - 1] = coalesce(nullif(a.attcollation, 0), 100) then null
            when cn.nspname = 'pg_catalog' then co.collname::text
            else cn.nspname || '.' || co.collname end as collation,
       -- an expression's own collation is not in the catalog: the definition says
       -- whether COLLATE was written (asked for only in that rare case)
       case when u.attnum = 0 and coalesce(x.indcollation[u.i - 1], 0) not in (0, 100)
            then pg_catalog.pg_get_indexdef(x.indexrelid) end as definition
from pg_catalog.pg_index x
join pg_catalog.pg_class c on c.oid = x.indrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
cross join lateral unnest(x.indkey::int2[]) with ordinality u(attnum, i)
left join pg_catalog.pg_attribute a on a.attrelid = x.indrelid and a.attnum = u.attnum and u.attnum > 0
left join pg_catalog.pg_opclass oc on oc.oid = x.indclass[u.i - 1]
left join pg_catalog.pg_namespace ocn on ocn.oid = oc.opcnamespace
left join pg_catalog.pg_collation co on co.oid = x.indcollation[u.i - 1]
left join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace
where n.nspname = any(:ns) and c.relkind in ('r', 'p', 'm')
order by 1, 2
"""

TYPES = """
select n.nspname as schema, t.typname as name, t.typtype as kind,
       pg_catalog.obj_description(t.oid, 'pg_type') as comment,
       exists (select 1 from pg_catalog.pg_depend e where e.classid = 'pg_catalog.pg_type'::regclass
               and e.objid = t.oid and e.deptype = 'e') as from_extension
from pg_catalog.pg_type t
join pg_catalog.pg_namespace n on n.oid = t.typnamespace
where n.nspname = any(:ns)
  and (t.typtype in ('e', 'd', 'r')
       or (t.typtype = 'c' and exists (select 1 from pg_catalog.pg_class c
                                        where c.oid = t.typrelid and c.relkind = 'c')))
order by n.nspname, t.typname
"""

DOMAINS = f"""
select n.nspname as schema, t.typname as name,
       pg_catalog.format_type(t.typbasetype, t.typtypmod) as type,
       t.typnotnull as not_null, t.typdefault as default,
       case when t.typcollation <> 0 and t.typcollation <> b.typcollation then
            case when cn.nspname = 'pg_catalog' then co.collname::text
                 else cn.nspname || '.' || co.collname end end as collation,
       pg_catalog.obj_description(t.oid, 'pg_type') as comment,
       array(select k.conname::text from pg_catalog.pg_constraint k
             where k.contypid = t.oid and k.contype = 'c' order by k.conname) as check_names,
       array(select pg_catalog.pg_get_constraintdef(k.oid) from pg_catalog.pg_constraint k
             where k.contypid = t.oid and k.contype = 'c' order by k.conname) as check_definitions
from pg_catalog.pg_type t
join pg_catalog.pg_namespace n on n.oid = t.typnamespace
join pg_catalog.pg_type b on b.oid = t.typbasetype
left join pg_catalog.pg_collation co on co.oid = t.typcollation
left join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace
where t.typtype = 'd' and n.nspname = any(:ns) and {_not_extension('pg_type', 't.oid')}
order by n.nspname, t.typname
"""

SEQUENCES = f"""
select n.nspname as schema, c.relname as name, pg_catalog.format_type(s.seqtypid, null) as type,
       s.seqstart as start, s.seqincrement as increment, s.seqmin as min_value,
       s.seqmax as max_value, s.seqcache as cache, s.seqcycle as cycle,
       pg_catalog.obj_description(c.oid, 'pg_class') as comment,
       owner.deptype as owner_kind, owner.schema as owner_schema, owner.table as owner_table,
       owner.column as owner_column
from pg_catalog.pg_sequence s
join pg_catalog.pg_class c on c.oid = s.seqrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join lateral (
    select d.deptype, tn.nspname as schema, t.relname as table, a.attname as column
    from pg_catalog.pg_depend d
    join pg_catalog.pg_class t on t.oid = d.refobjid
    join pg_catalog.pg_namespace tn on tn.oid = t.relnamespace
    join pg_catalog.pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
    where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid
      and d.refclassid = 'pg_catalog.pg_class'::regclass and d.deptype in ('a', 'i')
      and d.refobjsubid > 0
    limit 1) owner on true
where n.nspname = any(:ns) and {_not_extension('pg_class', 'c.oid')}
order by n.nspname, c.relname
"""

VIEWS = f"""
select n.nspname as schema, c.relname as name, c.relkind as kind, c.oid::bigint as oid,
       pg_catalog.pg_get_viewdef(c.oid) as definition, c.reloptions as options,
       pg_catalog.obj_description(c.oid, 'pg_class') as comment,
       array(select distinct d.refobjid::bigint from pg_catalog.pg_rewrite r
             join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::regclass
                  and d.objid = r.oid and d.refclassid = 'pg_catalog.pg_class'::regclass
             where r.ev_class = c.oid and d.refobjid <> c.oid) as depends_on
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where n.nspname = any(:ns) and c.relkind in ('v', 'm') and {_not_extension('pg_class', 'c.oid')}
order by n.nspname, c.relname
"""

ROUTINES = f"""
select n.nspname as schema, p.proname as name, p.prokind as kind, p.oid::bigint as oid,
       pg_catalog.pg_get_function_identity_arguments(p.oid) as arguments,
       pg_catalog.oidvectortypes(p.proargtypes) as argument_types,
       a.aggkind as aggregate_kind,
       a.aggtransfn::regproc::text as sfunc,
       pg_catalog.format_type(a.aggtranstype, null) as stype,
       a.aggtransspace as sspace,
       nullif(a.aggfinalfn, 0)::regproc::text as finalfunc,
       a.aggfinalextra as finalfunc_extra,
       nullif(a.aggcombinefn, 0)::regproc::text as combinefunc,
       nullif(a.aggserialfn, 0)::regproc::text as serialfunc,
       nullif(a.aggdeserialfn, 0)::regproc::text as deserialfunc,
       a.agginitval as initcond,
       nullif(a.aggmtransfn, 0)::regproc::text as msfunc,
       nullif(a.aggminvtransfn, 0)::regproc::text as minvfunc,
       case when a.aggmtranstype <> 0 then pg_catalog.format_type(a.aggmtranstype, null) end as mstype,
       nullif(a.aggmfinalfn, 0)::regproc::text as mfinalfunc,
       a.aggminitval as minitcond,
       nullif(a.aggsortop, 0)::regoperator::text as sortop,
       p.proparallel as parallel
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
left join pg_catalog.pg_aggregate a on a.aggfnoid = p.oid
where n.nspname = any(:ns) and {_not_extension('pg_proc', 'p.oid')}
  and not exists (select 1 from pg_catalog.pg_depend i where i.classid = 'pg_catalog.pg_proc'::regclass
                  and i.objid = p.oid and i.deptype = 'i')
order by n.nspname, p.proname, 4
"""

TRIGGERS = """
select n.nspname as schema, c.relname as table, c.relkind as table_kind, t.tgname as name,
       pg_catalog.pg_get_triggerdef(t.oid) as definition
from pg_catalog.pg_trigger t
join pg_catalog.pg_class c on c.oid = t.tgrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where n.nspname = any(:ns) and not t.tgisinternal and {not_cloned}
order by n.nspname, c.relname, t.tgname
"""

RULES = """
select n.nspname as schema, c.relname as table, r.rulename as name,
       pg_catalog.pg_get_ruledef(r.oid) as definition
from pg_catalog.pg_rewrite r
join pg_catalog.pg_class c on c.oid = r.ev_class
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where n.nspname = any(:ns) and r.rulename <> '_RETURN'
order by n.nspname, c.relname, r.rulename
"""

EXTENSIONS = """
select e.extname as name, n.nspname as schema, e.extversion as version
from pg_catalog.pg_extension e
join pg_catalog.pg_namespace n on n.oid = e.extnamespace
where e.extname <> 'plpgsql'
order by e.extname
"""
