"""Assemble a schema from SQL statements or catalog rows, the same way for every source.

The PostgreSQL reader (libpg_query), the sqlglot reader (other dialects) and
the live-database inspector all describe what they found to a `SchemaBuilder`.
It owns the normalisation that makes those three agree on one design:

- the dialect's default namespace (``public``, ``dbo``) is left out of keys;
- names the database would have chosen anyway are dropped (`naming`);
- PostgreSQL serial columns (sequence + ``nextval`` default, in any of the
  shapes pg_dump and hand-written DDL use) become ``identity: serial``;
- foreign keys without a column list point at the target's primary key;
- comments given by separate statements land on their objects.

Drafts are plain dicts in the model's input form, validated once at the end,
which is several times faster than building models object by object.
"""

from __future__ import annotations

import re
from typing import Any

from sekkei.formats.sql.defaults import parse_default
from sekkei.formats.sql.naming import is_default_name
from sekkei.formats.sql.typemap import read_type
from sekkei.formats.validation import build_schema
from sekkei.model.diagnostics import InputError, Notes, Problem
from sekkei.model.dialects import family
from sekkei.model.integrity import problems as integrity_problems
from sekkei.model.location import Location
from sekkei.model.schema import Schema, SqlExpr, qualified
from sekkei.model.types import parse_type

DEFAULT_NAMESPACES = {
    "postgres": "public",
    "cockroachdb": "public",
    "yugabytedb": "public",
    "mssql": "dbo",
    "snowflake": "PUBLIC",
}

Draft = dict[str, Any]

_NEXTVAL_RE = re.compile(r"""^nextval\(\s*'((?:[^']|'')+)'(?:\s*::\s*regclass)?\s*\)$""", re.I)


class SchemaBuilder:
    """Collects tables, constraints and other objects, then builds a `Schema`."""

    def __init__(self, dialect: str, notes: Notes, *, strict: bool = True) -> None:
        self.dialect = dialect
        self.family = family(dialect)
        self.notes = notes
        self.strict = strict
        self.default_namespace = DEFAULT_NAMESPACES.get(dialect)
        self.tables: dict[str, Draft] = {}
        self.enums: dict[str, Draft] = {}
        self.domains: dict[str, Draft] = {}
        self.sequences: dict[str, Draft] = {}
        self.views: dict[str, Draft] = {}
        self.namespaces: dict[str, Draft] = {}
        self.extensions: dict[str, Draft] = {}
        self.routines: list[Draft] = []
        self.problems: list[Problem] = []
        self.name: str | None = None
        self.comment: str | None = None
        self._type_cache: dict[tuple[str, str | None], tuple[str, str | None]] = {}

    # -- names --------------------------------------------------------------

    def namespace(self, name: str | None) -> str | None:
        """`name` unless it is the dialect's default namespace."""
        if not name:
            return None
        if self.default_namespace and name == self.default_namespace:
            return None
        return name

    def key(self, namespace: str | None, name: str) -> str:
        return qualified(self.namespace(namespace), name)

    def problem(
        self, message: str, loc: Location | None, *, code: str = "invalid", hint: str | None = None
    ) -> None:
        """A mistake in the input: an error in strict mode, else a warning."""
        if self.strict:
            self.problems.append(Problem(message, loc, hint=hint, code=code))
        else:
            self.notes.warning(code, message, location=loc, hint=hint)

    # -- objects ------------------------------------------------------------

    def add_namespace(self, name: str, loc: Location | None = None, comment: str | None = None) -> None:
        ns = self.namespace(name)
        if ns is None:
            if comment:
                self.comment = self.comment or None
            return
        draft = self.namespaces.setdefault(ns, {"name": ns, "loc": loc})
        if comment:
            draft["comment"] = comment

    def add_extension(
        self, name: str, namespace: str | None = None, version: str | None = None, loc: Location | None = None
    ) -> None:
        draft: Draft = {"name": name, "loc": loc}
        if self.namespace(namespace):
            draft["namespace"] = self.namespace(namespace)
        if version:
            draft["version"] = version
        self.extensions[name] = draft

    def add_table(
        self, namespace: str | None, name: str, loc: Location | None = None, *, replace: bool = False
    ) -> Draft:
        key = self.key(namespace, name)
        if key in self.tables and not replace:
            self.problem(f"table {key} is created twice", loc, code="duplicate")
            return self.tables[key]
        draft: Draft = {"name": name, "columns": {}, "loc": loc}
        ns = self.namespace(namespace)
        if ns:
            draft["namespace"] = ns
            self.namespaces.setdefault(ns, {"name": ns})
        self.tables[key] = draft
        return draft

    def table(
        self, namespace: str | None, name: str, loc: Location | None = None, *, what: str = "ALTER TABLE"
    ) -> Draft | None:
        """An existing table draft, or a recorded problem if it does not exist."""
        key = self.key(namespace, name)
        draft = self.tables.get(key)
        if draft is None and namespace is None:
            matches = [t for t in self.tables.values() if t["name"] == name]
            if len(matches) == 1:
                draft = matches[0]
        if draft is None:
            self.problem(f"{what} names table {key}, which was not created before", loc, code="missing-table")
        return draft

    def column_type(self, native: str, namespace: str | None = None) -> tuple[str, str | None]:
        """(canonical type, native spelling to keep) for a column type as written.

        Types declared in this schema (enums, domains) are references, found
        with or without their namespace.
        """
        cache_key = (native, namespace)
        hit = self._type_cache.get(cache_key)
        if hit is not None:
            return hit
        text = native.strip()
        dims = 0
        body = text
        while body.endswith("[]"):
            dims += 1
            body = body[:-2].rstrip()
        ref = self._declared_type(body, namespace)
        if ref is not None:
            result: tuple[str, str | None] = (quoted_type_name(ref) + "[]" * dims, None)
        else:
            read = read_type(text, self.dialect)
            result = (read.type, read.native)
        self._type_cache[cache_key] = result
        return result

    def _declared_type(self, name: str, namespace: str | None) -> str | None:
        raw = name.replace('"', "").strip()
        candidates = [raw]
        if "." in raw:
            ns, bare = raw.split(".", 1)
            candidates = [self.key(ns, bare)]
        elif namespace:
            candidates = [self.key(namespace, raw), raw]
        for key in candidates:
            if key in self.enums or key in self.domains:
                return key
        return None

    def add_column(
        self, table: Draft, name: str, native_type: str, loc: Location | None = None, **fields: Any
    ) -> Draft:
        """Add a column; `fields` are model fields (nullable, default, comment …)."""
        if name in table["columns"]:
            self.problem(
                f"table {qualified(table.get('namespace'), table['name'])}: column {name} is defined twice",
                loc,
                code="duplicate",
            )
        type_text, native = self.column_type(native_type, table.get("namespace"))
        column: Draft = {"name": name, "type": type_text, "loc": loc}
        if native:
            column["native"] = {self.dialect: native}
        for key, value in fields.items():
            if value is not None:
                column[key] = value
        table["columns"][name] = column
        return column

    def default(self, text: str | None, type_text: str) -> Any:
        """A default value for a column of `type_text` (literal or expression)."""
        if text is None:
            return None
        try:
            fam = parse_type(type_text).family
        except ValueError:
            fam = None
        if type_text in self.enums:
            fam = "string"
        elif type_text in self.domains:
            base = self.domains[type_text].get("type", "")
            try:
                fam = parse_type(base).family
            except ValueError:
                fam = None
        return parse_default(text, self.dialect, fam)

    def add_enum(
        self, namespace: str | None, name: str, values: list[str], loc: Location | None = None
    ) -> None:
        key = self.key(namespace, name)
        draft: Draft = {"name": name, "values": values, "loc": loc}
        if self.namespace(namespace):
            draft["namespace"] = self.namespace(namespace)
        self.enums[key] = draft
        self._type_cache.clear()

    def add_domain(
        self, namespace: str | None, name: str, native_type: str, loc: Location | None = None, **fields: Any
    ) -> Draft:
        key = self.key(namespace, name)
        type_text, native = self.column_type(native_type, namespace)
        draft: Draft = {"name": name, "type": type_text, "loc": loc}
        if native:
            draft["native"] = {self.dialect: native}
        if self.namespace(namespace):
            draft["namespace"] = self.namespace(namespace)
        for k, v in fields.items():
            if v is not None:
                draft[k] = v
        self.domains[key] = draft
        self._type_cache.clear()
        return draft

    def add_sequence(
        self, namespace: str | None, name: str, loc: Location | None = None, **fields: Any
    ) -> Draft:
        key = self.key(namespace, name)
        draft: Draft = {"name": name, "loc": loc}
        if self.namespace(namespace):
            draft["namespace"] = self.namespace(namespace)
        for k, v in fields.items():
            if v is not None:
                draft[k] = v
        self.sequences[key] = draft
        return draft

    def add_view(
        self, namespace: str | None, name: str, sql: str, loc: Location | None = None, **fields: Any
    ) -> Draft:
        key = self.key(namespace, name)
        draft: Draft = {"name": name, "sql": sql.strip(), "loc": loc}
        if self.namespace(namespace):
            draft["namespace"] = self.namespace(namespace)
        for k, v in fields.items():
            if v not in (None, (), [], False):
                draft[k] = v
        self.views[key] = draft
        return draft

    def add_routine(
        self,
        namespace: str | None,
        name: str,
        sql: str,
        *,
        kind: str = "function",
        signature: str | None = None,
        loc: Location | None = None,
    ) -> None:
        draft: Draft = {"name": name, "sql": sql.strip(), "kind": kind, "loc": loc, "dialect": self.dialect}
        if self.namespace(namespace):
            draft["namespace"] = self.namespace(namespace)
        if signature:
            draft["signature"] = signature
        self.routines.append(draft)

    def add_trigger(self, table: Draft, name: str, sql: str, loc: Location | None = None) -> None:
        table.setdefault("triggers", []).append({"name": name, "sql": sql.strip(), "loc": loc})

    # -- constraints ----------------------------------------------------------

    def set_primary_key(
        self, table: Draft, columns: list[str], name: str | None = None, loc: Location | None = None
    ) -> None:
        if table.get("primary_key") is not None:
            self.problem(f"table {table['name']} has two primary keys", loc, code="duplicate")
            return
        pk: Draft = {"columns": columns, "loc": loc}
        if name:
            pk["name"] = name
        table["primary_key"] = pk

    def add_foreign_key(
        self,
        table: Draft,
        columns: list[str],
        ref_namespace: str | None,
        ref_table: str,
        ref_columns: list[str],
        loc: Location | None = None,
        **fields: Any,
    ) -> None:
        fk: Draft = {
            "columns": columns,
            "references": {"table": self.key(ref_namespace, ref_table), "columns": ref_columns},
            "loc": loc,
        }
        for k, v in fields.items():
            if v not in (None, False):
                fk[k] = v
        table.setdefault("foreign_keys", []).append(fk)

    def add_unique(
        self,
        table: Draft,
        columns: list[str],
        name: str | None = None,
        loc: Location | None = None,
        **fields: Any,
    ) -> None:
        unique: Draft = {"columns": columns, "loc": loc}
        if name:
            unique["name"] = name
        for k, v in fields.items():
            if v is not None:
                unique[k] = v
        table.setdefault("uniques", []).append(unique)

    def add_check(
        self,
        table: Draft,
        sql: str,
        name: str | None = None,
        loc: Location | None = None,
        expression_columns: list[str] | None = None,
    ) -> None:
        check: Draft = {"sql": sql.strip(), "loc": loc}
        if name:
            check["name"] = name
        if expression_columns:
            check["_columns"] = expression_columns
        table.setdefault("checks", []).append(check)

    def add_index(self, table: Draft, index: Draft) -> None:
        """`index` in model form: name, columns (names or element dicts), unique, …"""
        table.setdefault("indexes", []).append(index)

    def set_comment(
        self,
        kind: str,
        target: tuple[str | None, str, str | None],
        text: str | None,
        loc: Location | None = None,
    ) -> None:
        """COMMENT ON kind target IS text; `target` is (namespace, name, column)."""
        namespace, name, column = target
        key = self.key(namespace, name)
        value = text if text else None
        if kind == "table":
            draft = self.tables.get(key)
            if draft is None and key in self.views:
                draft = self.views[key]
        elif kind in {"view", "materialized view"}:
            draft = self.views.get(key)
        elif kind == "column":
            owner = self.tables.get(key) or self.views.get(key)
            if owner is not None and "columns" in owner and isinstance(owner["columns"], dict):
                draft = owner["columns"].get(column or "")
            elif owner is not None:
                self.notes.info(
                    "comment-skipped", f"comment on view column {key}.{column} is not kept", location=loc
                )
                return
            else:
                draft = None
        elif kind == "type":
            draft = self.enums.get(key) or self.domains.get(key)
        elif kind == "domain":
            draft = self.domains.get(key)
        elif kind == "sequence":
            draft = self.sequences.get(key)
        elif kind == "schema":
            if self.namespace(name) is None:
                self.comment = value
                return
            draft = self.namespaces.setdefault(name, {"name": name})
        elif kind == "index":
            draft = self._find_index(namespace, name)
        elif kind == "constraint":
            draft = self._find_constraint(namespace, name, column)
        else:
            self.notes.info("comment-skipped", f"comment on {kind} {key} is not kept", location=loc)
            return
        if draft is None:
            self.problem(
                f"COMMENT ON {kind.upper()} names {key}{_column_suffix(kind, column)}, which does not exist",
                loc,
                code="missing-reference",
            )
            return
        if value is None:
            draft.pop("comment", None)
        else:
            draft["comment"] = value

    def _find_index(self, namespace: str | None, name: str) -> Draft | None:
        ns = self.namespace(namespace)
        for table in list(self.tables.values()) + list(self.views.values()):
            if table.get("namespace") != ns:
                continue
            for index in table.get("indexes", []):
                if index.get("name") == name:
                    return index  # type: ignore[no-any-return]
        return None

    def _find_constraint(self, namespace: str | None, name: str, table_name: str | None) -> Draft | None:
        # COMMENT ON CONSTRAINT c ON t: target is (namespace, table, constraint)
        table = self.tables.get(self.key(namespace, name))
        if table is None or table_name is None:
            return None
        for group in ("foreign_keys", "uniques", "checks"):
            for item in table.get(group, []):
                if item.get("name") == table_name:
                    return item  # type: ignore[no-any-return]
        pk = table.get("primary_key")
        if pk is not None and pk.get("name") == table_name:
            return pk  # type: ignore[no-any-return]
        return None

    # -- finishing ------------------------------------------------------------

    def finish(self) -> Schema:
        """Normalise, validate and check the collected objects."""
        self._serial_columns()
        self._fill_reference_columns()
        self._drop_default_names()
        if self.problems:
            raise InputError(self.problems)
        data: dict[str, Any] = {"dialect": _schema_dialect(self.dialect)}
        if self.name:
            data["name"] = self.name
        if self.comment:
            data["comment"] = self.comment
        for field, mapping in (
            ("namespaces", self.namespaces),
            ("extensions", self.extensions),
            ("enums", self.enums),
            ("domains", self.domains),
            ("sequences", self.sequences),
            ("tables", self.tables),
            ("views", self.views),
        ):
            if mapping:
                data[field] = mapping
        if self.routines:
            data["routines"] = self.routines
        for table in self.tables.values():
            pk = table.get("primary_key")
            if pk:
                for name in pk["columns"]:
                    column = table["columns"].get(name)
                    if column is not None:
                        column["nullable"] = False
        schema = build_schema(data, normalized=True)
        found = integrity_problems(schema)
        if found:
            if self.strict:
                raise InputError(found)
            for problem in found:
                self.notes.warning(
                    problem.code, problem.message, location=problem.location, hint=problem.hint
                )
        return schema

    def _serial_columns(self) -> None:
        """Columns defaulting to nextval() of their own sequence become serial identities."""
        if self.family != "postgres":
            return
        owned: dict[str, str] = {}
        for seq_key, seq in self.sequences.items():
            if seq.get("owned_by"):
                owned[seq_key] = seq["owned_by"]
        for table_key, table in self.tables.items():
            for column in table["columns"].values():
                default = column.get("default")
                if not isinstance(default, SqlExpr):
                    continue
                match = _NEXTVAL_RE.match(default.sql)
                if not match:
                    continue
                seq_name = match.group(1).replace("''", "'").replace('"', "")
                if "." in seq_name:
                    ns, bare = seq_name.split(".", 1)
                    seq_key = self.key(ns, bare)
                else:
                    seq_key = self.key(table.get("namespace"), seq_name)
                found_seq = self.sequences.get(seq_key)
                expected_owner = f"{table_key}.{column['name']}"
                implicit_name = f"{table['name']}_{column['name']}_seq"
                if found_seq is None:
                    continue
                seq = found_seq
                owner = owned.get(seq_key)
                if owner is not None and owner != expected_owner:
                    continue
                if owner is None and seq["name"] != implicit_name:
                    continue
                if not _plain_sequence(seq) or column["type"] not in {"integer", "bigint", "smallint"}:
                    continue
                column.pop("default")
                identity: Draft = {"generated": "serial"}
                column["identity"] = identity
                del self.sequences[seq_key]

    def _fill_reference_columns(self) -> None:
        for table in self.tables.values():
            for fk in table.get("foreign_keys", []):
                ref = fk["references"]
                if ref["columns"]:
                    continue
                target = self.tables.get(ref["table"])
                if target is not None and target.get("primary_key"):
                    ref["columns"] = list(target["primary_key"]["columns"])

    def _drop_default_names(self) -> None:
        dialect = self.dialect
        for table in self.tables.values():
            name = table["name"]
            pk = table.get("primary_key")
            if pk is not None and is_default_name(
                "primary_key", pk.get("name"), name, pk["columns"], dialect
            ):
                pk.pop("name", None)
            for unique in table.get("uniques", []):
                if is_default_name("unique", unique.get("name"), name, unique["columns"], dialect):
                    unique.pop("name", None)
            for fk in table.get("foreign_keys", []):
                if is_default_name("foreign_key", fk.get("name"), name, fk["columns"], dialect):
                    fk.pop("name", None)
            for check in table.get("checks", []):
                cols = check.pop("_columns", None) or []
                if is_default_name("check", check.get("name"), name, cols, dialect, expression_columns=cols):
                    check.pop("name", None)
            self._drop_index_names(table)
        for view in self.views.values():
            self._drop_index_names(view)

    def _drop_index_names(self, owner: Draft) -> None:
        """Index names the database would have chosen (expressions are named by their function)."""
        for index in owner.get("indexes", []):
            cols = [_index_part_name(c) for c in index["columns"]]
            if is_default_name("index", index.get("name"), owner["name"], cols, self.dialect):
                index.pop("name", None)


_FUNCTION_RE = re.compile(r"\s*\(*\s*\"?([A-Za-z_][\w$]*)\"?\s*\(")


def _index_part_name(part: Any) -> str:
    """How PostgreSQL names an index part: the column, or an expression's function."""
    if isinstance(part, str):
        return part
    if part.get("column"):
        return str(part["column"])
    match = _FUNCTION_RE.match(str(part.get("sql") or ""))
    return match.group(1).lower() if match else "expr"


def _column_suffix(kind: str, column: str | None) -> str:
    return f".{column}" if column and kind == "column" else ""


#: A name the type grammar reads as one word; anything else is written quoted.
_PLAIN_NAME = re.compile(r"^[^\s()\[\]\"',:.]+$")


def quoted_type_name(key: str) -> str:
    """An enum or domain key as a type reference: ``"product status"`` needs quotes."""
    parts = key.split(".", 1)
    if all(_PLAIN_NAME.match(p) for p in parts):
        return key
    return ".".join(p if _PLAIN_NAME.match(p) else '"' + p.replace('"', "") + '"' for p in parts)


def _schema_dialect(dialect: str) -> str:
    return dialect


def _plain_sequence(seq: Draft) -> bool:
    """A sequence with the options CREATE TABLE … serial would have given it."""
    start = seq.get("start")
    increment = seq.get("increment")
    return (
        start in (None, 1)
        and increment in (None, 1)
        and seq.get("min_value") in (None, 1)
        and seq.get("max_value") in (None, 2147483647, 9223372036854775807, 32767)
        and seq.get("cache") in (None, 1)
        and not seq.get("cycle")
    )
