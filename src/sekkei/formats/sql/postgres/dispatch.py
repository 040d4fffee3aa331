"""Which statement is handled how: a table from libpg_query node names to handlers.

Three kinds of statement exist for a schema reader: the ones that describe
the design (handled), schema objects that the model does not carry (a
warning per kind, so nobody believes they were kept), and everything that is
not design at all — data, sessions, privileges (an info note per kind).
"""

from __future__ import annotations

from collections.abc import Callable

from sekkei.formats.sql.postgres import lexer
from sekkei.formats.sql.postgres.alter import alter_table
from sekkei.formats.sql.postgres.changes import drop, rename, set_schema
from sekkei.formats.sql.postgres.comments import comment
from sekkei.formats.sql.postgres.context import Reader
from sekkei.formats.sql.postgres.indexes import create_index
from sekkei.formats.sql.postgres.nodes import Node, const, def_elems, option_text, strings
from sekkei.formats.sql.postgres.parse import Statement
from sekkei.formats.sql.postgres.routines import (
    create_cast,
    create_function,
    create_named_other,
    create_other_type,
    create_rule,
    create_trigger,
    define,
)
from sekkei.formats.sql.postgres.tables import create_table
from sekkei.formats.sql.postgres.types import (
    alter_domain,
    alter_enum,
    alter_sequence,
    create_domain,
    create_enum,
    create_sequence,
)
from sekkei.formats.sql.postgres.views import create_table_as, create_view, created_by_query

Creator = Callable[[Reader, Node, Statement, "str | None"], None]
Handler = Callable[[Reader, Node, Statement], None]

#: Statements that create objects; inside CREATE SCHEMA they take the schema's namespace.
CREATORS: dict[str, Creator] = {
    "CreateStmt": create_table,
    "IndexStmt": create_index,
    "ViewStmt": create_view,
    "CreateTableAsStmt": create_table_as,
    "CreateEnumStmt": create_enum,
    "CreateDomainStmt": create_domain,
    "CreateSeqStmt": create_sequence,
    "CreateFunctionStmt": create_function,
    "DefineStmt": define,
    "CreateCastStmt": create_cast,
    "CompositeTypeStmt": create_other_type,
    "CreateRangeStmt": create_other_type,
    "CreateOpClassStmt": create_named_other,
    "CreateOpFamilyStmt": create_named_other,
    "CreateConversionStmt": create_named_other,
    "CreateTrigStmt": create_trigger,
    "RuleStmt": create_rule,
}

HANDLERS: dict[str, Handler] = {
    "AlterTableStmt": alter_table,
    "AlterSeqStmt": alter_sequence,
    "AlterEnumStmt": alter_enum,
    "AlterDomainStmt": alter_domain,
    "CommentStmt": comment,
    "RenameStmt": rename,
    "DropStmt": drop,
    "AlterObjectSchemaStmt": set_schema,
}

#: Schema objects the model does not carry: skipped with a warning.
UNMODELLED: dict[str, str] = {
    "CreateEventTrigStmt": "CREATE EVENT TRIGGER",
    "AlterEventTrigStmt": "ALTER EVENT TRIGGER",
    "CreatePolicyStmt": "CREATE POLICY",
    "AlterPolicyStmt": "ALTER POLICY",
    "CreatePublicationStmt": "CREATE PUBLICATION",
    "AlterPublicationStmt": "ALTER PUBLICATION",
    "CreateSubscriptionStmt": "CREATE SUBSCRIPTION",
    "AlterSubscriptionStmt": "ALTER SUBSCRIPTION",
    "CreateForeignTableStmt": "CREATE FOREIGN TABLE",
    "CreateForeignServerStmt": "CREATE SERVER",
    "AlterForeignServerStmt": "ALTER SERVER",
    "CreateFdwStmt": "CREATE FOREIGN DATA WRAPPER",
    "AlterFdwStmt": "ALTER FOREIGN DATA WRAPPER",
    "CreateUserMappingStmt": "CREATE USER MAPPING",
    "AlterUserMappingStmt": "ALTER USER MAPPING",
    "ImportForeignSchemaStmt": "IMPORT FOREIGN SCHEMA",
    "CreateStatsStmt": "CREATE STATISTICS",
    "AlterStatsStmt": "ALTER STATISTICS",
    "CreateTransformStmt": "CREATE TRANSFORM",
    "CreateAmStmt": "CREATE ACCESS METHOD",
    "AlterOpFamilyStmt": "ALTER OPERATOR FAMILY",
    "AlterTSConfigurationStmt": "ALTER TEXT SEARCH CONFIGURATION",
    "AlterTSDictionaryStmt": "ALTER TEXT SEARCH DICTIONARY",
    "AlterCollationStmt": "ALTER COLLATION",
    "AlterTypeStmt": "ALTER TYPE … SET",
    "AlterExtensionContentsStmt": "ALTER EXTENSION … ADD/DROP",
    "CreateTableSpaceStmt": "CREATE TABLESPACE",
}

#: Statements that are not design: counted, one info note per kind.
SKIPPED: dict[str, str] = {
    "InsertStmt": "INSERT statements (data, not schema)",
    "UpdateStmt": "UPDATE statements (data, not schema)",
    "DeleteStmt": "DELETE statements (data, not schema)",
    "MergeStmt": "MERGE statements (data, not schema)",
    "CopyStmt": "COPY statements (data, not schema)",
    "TruncateStmt": "TRUNCATE statements (data, not schema)",
    "SelectStmt": "SELECT statements (queries, not schema)",
    "VariableSetStmt": "SET statements (session settings)",
    "VariableShowStmt": "SHOW statements (session settings)",
    "TransactionStmt": "transaction statements (BEGIN, COMMIT …)",
    "AlterDefaultPrivilegesStmt": "ALTER DEFAULT PRIVILEGES statements (privileges)",
    "GrantRoleStmt": "GRANT role statements (privileges)",
    "CreateRoleStmt": "CREATE ROLE statements (roles)",
    "AlterRoleStmt": "ALTER ROLE statements (roles)",
    "AlterRoleSetStmt": "ALTER ROLE … SET statements (roles)",
    "DropRoleStmt": "DROP ROLE statements (roles)",
    "ReassignOwnedStmt": "REASSIGN OWNED statements (roles)",
    "DropOwnedStmt": "DROP OWNED statements (roles)",
    "AlterOwnerStmt": "ALTER … OWNER TO statements (ownership)",
    "CreatedbStmt": "CREATE DATABASE statements",
    "DropdbStmt": "DROP DATABASE statements",
    "AlterDatabaseStmt": "ALTER DATABASE statements",
    "AlterDatabaseSetStmt": "ALTER DATABASE … SET statements",
    "AlterDatabaseRefreshCollStmt": "ALTER DATABASE … REFRESH COLLATION statements",
    "AlterSystemStmt": "ALTER SYSTEM statements",
    "ClusterStmt": "CLUSTER statements (maintenance)",
    "ReindexStmt": "REINDEX statements (maintenance)",
    "CheckPointStmt": "CHECKPOINT statements (maintenance)",
    "RefreshMatViewStmt": "REFRESH MATERIALIZED VIEW statements (maintenance)",
    "LockStmt": "LOCK statements",
    "NotifyStmt": "NOTIFY statements",
    "ListenStmt": "LISTEN statements",
    "UnlistenStmt": "UNLISTEN statements",
    "DiscardStmt": "DISCARD statements",
    "ExplainStmt": "EXPLAIN statements",
    "PrepareStmt": "PREPARE statements",
    "ExecuteStmt": "EXECUTE statements",
    "DeallocateStmt": "DEALLOCATE statements",
    "CallStmt": "CALL statements (procedure calls are not run)",
    "DoStmt": "DO blocks (procedural code is not run)",
    "LoadStmt": "LOAD statements",
    "ConstraintsSetStmt": "SET CONSTRAINTS statements",
    "SecLabelStmt": "SECURITY LABEL statements",
    "AlterFunctionStmt": "ALTER FUNCTION statements (routine settings)",
    "AlterExtensionStmt": "ALTER EXTENSION … UPDATE statements",
    "CreatePLangStmt": "CREATE LANGUAGE statements",
    "AlterTableSpaceOptionsStmt": "ALTER TABLESPACE statements",
    "AlterTableMoveAllStmt": "ALTER TABLE ALL IN TABLESPACE statements",
    "DeclareCursorStmt": "DECLARE statements",
    "ClosePortalStmt": "CLOSE statements",
    "FetchStmt": "FETCH statements",
    "ReturnStmt": "RETURN statements",
    "PLAssignStmt": "assignments",
}


def handle(r: Reader, st: Statement, namespace: str | None = None) -> None:
    """Apply one parsed statement to the schema being built."""
    kind = st.kind
    creator = CREATORS.get(kind)
    if creator is not None:
        creator(r, st.node, st, namespace)
        return
    handler = HANDLERS.get(kind)
    if handler is not None:
        handler(r, st.node, st)
        return
    if kind == "CreateSchemaStmt":
        create_schema(r, st)
    elif kind == "CreateExtensionStmt":
        create_extension(r, st)
    elif kind == "VariableSetStmt" and st.node.get("name") == "search_path":
        set_search_path(r, st)
    elif kind == "SelectStmt" and _set_config_search_path(r, st):
        return
    elif kind == "SelectStmt" and st.node.get("intoClause"):
        schema, name = _into(st.node["intoClause"])
        created_by_query(r, r.builder.key(r.namespace_of(schema), name), st.start)
    elif kind == "GrantStmt":
        r.skip(
            "GRANT statements (privileges)" if st.node.get("is_grant") else "REVOKE statements (privileges)",
            st.start,
        )
    elif kind == "VacuumStmt":
        r.skip(
            "VACUUM statements (maintenance)"
            if st.node.get("is_vacuumcmd")
            else "ANALYZE statements (maintenance)",
            st.start,
        )
    elif kind in UNMODELLED:
        r.unsupported(UNMODELLED[kind], st.start)
    else:
        r.skip(SKIPPED.get(kind, f"{kind.removesuffix('Stmt')} statements"), st.start)


def _into(into: Node) -> tuple[str | None, str]:
    rel = into.get("rel") or {}
    return rel.get("schemaname"), str(rel.get("relname", ""))


def set_search_path(r: Reader, st: Statement) -> None:
    """``SET search_path = a, b``: unqualified names that follow resolve in a, then b."""
    node = st.node
    if node.get("kind") in {"VAR_RESET", "VAR_SET_DEFAULT"}:
        r.search_path = ["public"]
        return
    names = [str(const(arg) or "") for arg in node.get("args", ())]
    r.search_path = [n for n in names if n] or ["public"]


def _set_config_search_path(r: Reader, st: Statement) -> bool:
    """pg_dump's ``SELECT pg_catalog.set_config('search_path', '', false)``."""
    targets = st.node.get("targetList") or []
    if len(targets) != 1 or st.node.get("fromClause"):
        return False
    call = (targets[0].get("ResTarget") or {}).get("val", {}).get("FuncCall")
    if not call or strings(call.get("funcname"))[-1:] != ["set_config"]:
        return False
    args = call.get("args") or []
    if len(args) < 2 or const(args[0]) != "search_path" or not isinstance(const(args[1]), str):
        return False
    value = str(const(args[1]))
    r.search_path = [p.strip().strip('"') for p in value.split(",") if p.strip()] or ["public"]
    r.skip(SKIPPED["SelectStmt"], st.start)
    return True


def create_schema(r: Reader, st: Statement) -> None:
    node = st.node
    name = node.get("schemaname") or (node.get("authrole") or {}).get("rolename") or ""
    r.builder.add_namespace(str(name), r.loc(st.start))
    elements = node.get("schemaElts") or []
    if not elements:
        return
    starts = [
        s
        for kind, s, e in lexer.top_level(r.data, st.start, st.end)
        if kind == "word" and lexer.word(r.data, (kind, s, e)) in {"CREATE", "GRANT"}
    ][1:]
    # PostgreSQL creates the elements with the new schema first in search_path
    saved = r.search_path
    r.search_path = [str(name), *saved]
    try:
        for i, element in enumerate(elements):
            kind, body = next(iter(element.items()))
            start = starts[i] if i < len(starts) else st.start
            end = starts[i + 1] if i + 1 < len(starts) else st.end
            handle(r, Statement(kind, body, start, lexer.trimmed(r.data, start, end)[1], st.base), str(name))
    finally:
        r.search_path = saved


def create_extension(r: Reader, st: Statement) -> None:
    node = st.node
    name = str(node.get("extname", ""))
    if name == "plpgsql":
        # every database has it; old dumps create it with CREATE LANGUAGE
        r.skip("CREATE LANGUAGE/EXTENSION plpgsql statements (built in)", st.start)
        return
    options = dict(def_elems(node.get("options")))
    schema = option_text(options["schema"]) if options.get("schema") else None
    version = option_text(options["new_version"]) if options.get("new_version") else None
    if r.builder.namespace(schema):
        # the model keys extensions by name but checks keys against namespace.name, so an
        # extension with a namespace cannot be built yet (reported to the model's owner)
        r.notes.info(
            "extension-schema",
            f"extension {name}: WITH SCHEMA {schema} is not kept",
            location=r.loc(st.start),
        )
    r.builder.add_extension(name, None, version, r.loc(st.start))
