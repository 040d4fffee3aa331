"""Reserved words and identifier limits per dialect (used by the writer and the linter).

PostgreSQL's lists come from its own grammar (through pglast), MySQL's and
BigQuery's from sqlglot's generators; the rest are the vendors' published
reserved-word lists.  A word in a list is quoted even where the database might
accept it bare in some positions: being unambiguous everywhere is the point.
"""

from __future__ import annotations

from functools import lru_cache


def _words(text: str) -> frozenset[str]:
    return frozenset(word.lower() for word in text.split())


SQLITE = _words("""
    abort action add after all alter always analyze and as asc attach autoincrement before begin
    between by cascade case cast check collate column commit conflict constraint create cross
    current current_date current_time current_timestamp database default deferrable deferred
    delete desc detach distinct do drop each else end escape except exclude exclusive exists
    explain fail filter first following for foreign from full generated glob group groups having
    if ignore immediate in index indexed initially inner insert instead intersect into is isnull
    join key last left like limit match materialized natural no not nothing notnull null nulls of
    offset on or order others outer over partition plan pragma preceding primary query raise
    range recursive references regexp reindex release rename replace restrict returning right
    rollback row rows savepoint select set table temp temporary then ties to transaction trigger
    unbounded union unique update using vacuum values view virtual when where window with without
""")

MSSQL = _words("""
    add all alter and any as asc authorization backup begin between break browse bulk by cascade
    case check checkpoint close clustered coalesce collate column commit compute constraint
    contains containstable continue convert create cross current current_date current_time
    current_timestamp current_user cursor database dbcc deallocate declare default delete deny
    desc disk distinct distributed double drop dump else end errlvl escape except exec execute
    exists exit external fetch file fillfactor for foreign freetext freetexttable from full
    function goto grant group having holdlock identity identity_insert identitycol if in index
    inner insert intersect into is join key kill left like lineno load merge national nocheck
    nonclustered not null nullif of off offsets on open opendatasource openquery openrowset
    openxml option or order outer over percent pivot plan precision primary print proc procedure
    public raiserror read readtext reconfigure references replication restore restrict return
    revert revoke right rollback rowcount rowguidcol rule save schema securityaudit select
    semantickeyphrasetable semanticsimilaritydetailstable semanticsimilaritytable session_user
    set setuser shutdown some statistics system_user table tablesample textsize then to top tran
    transaction trigger truncate try_convert tsequal union unique unpivot update updatetext use
    user values varying view waitfor when where while with within writetext
""")

ORACLE = _words("""
    access add all alter and any as asc audit between by char check cluster column comment
    compress connect create current date decimal default delete desc distinct drop else exclusive
    exists file float for from grant group having identified immediate in increment index initial
    insert integer intersect into is level like lock long maxextents minus mlslabel mode modify
    noaudit nocompress not nowait null number of offline on online option or order pctfree prior
    public raw rename resource revoke row rowid rownum rows select session set share size smallint
    start successful synonym sysdate table then to trigger uid union unique update user validate
    values varchar varchar2 view whenever where with
""")

SNOWFLAKE = _words("""
    account all alter and any as between by case cast check column connect connection constraint
    create cross current current_date current_time current_timestamp current_user database delete
    distinct drop else exists false following for from full grant group gscluster having ilike in
    increment inner insert intersect into is issue join lateral left like localtime localtimestamp
    minus natural not null of on or order organization qualify regexp revoke right rlike row rows
    sample schema select set some start table tablesample then to trigger true try_cast union
    unique update using values view when whenever where window with
""")

#: MariaDB reserves a few words MySQL does not; the whole family quotes both.
MARIADB_EXTRA = _words("""
    current_role delete_domain_id do_domain_ids general ignore_domain_ids ignore_server_ids
    master_heartbeat_period offset page_checksum parse_vcol_expr position ref_system_id returning
    row_number slow stats_auto_recalc stats_persistent stats_sample_pages
""")


def _postgres() -> frozenset[str]:
    # quote_ident() quotes every keyword that is not unreserved; so do we
    from pglast import keywords

    return frozenset(
        set(keywords.RESERVED_KEYWORDS)
        | set(keywords.COL_NAME_KEYWORDS)
        | set(keywords.TYPE_FUNC_NAME_KEYWORDS)
    )


def _sqlglot(dialect: str) -> frozenset[str]:
    from sqlglot.dialects.dialect import Dialect

    generator = Dialect.get_or_raise(dialect).generator_class
    return frozenset(word.lower() for word in getattr(generator, "RESERVED_KEYWORDS", ()))


@lru_cache(maxsize=16)
def reserved_words(family: str) -> frozenset[str]:
    """Lower-case reserved words of a dialect family."""
    if family == "postgres":
        return _postgres()
    if family == "mysql":
        return _sqlglot("mysql") | MARIADB_EXTRA
    if family == "bigquery":
        return _sqlglot("bigquery")
    return {
        "sqlite": SQLITE,
        "mssql": MSSQL,
        "oracle": ORACLE,
        "snowflake": SNOWFLAKE,
    }.get(family, frozenset())


#: Longest identifier each dialect family accepts, and whether it counts bytes (PostgreSQL).
IDENTIFIER_LIMITS: dict[str, tuple[int, bool]] = {
    "postgres": (63, True),
    "mysql": (64, False),
    "mssql": (128, False),
    "oracle": (128, True),  # bytes since 12.2 (30 bytes before)
    "snowflake": (255, False),
    "bigquery": (300, False),
}


def identifier_too_long(name: str, family: str) -> int | None:
    """The limit `name` exceeds in `family` (None if it fits or there is no limit)."""
    limit = IDENTIFIER_LIMITS.get(family)
    if limit is None:
        return None
    size = len(name.encode("utf-8")) if limit[1] else len(name)
    return limit[0] if size > limit[0] else None
