"""SQL expressions and view queries moved from the schema's dialect into the target's.

An expression written for the target's own family is kept verbatim (a reader
keeps the original spelling, so a round trip is exact).  Anything else is
parsed with sqlglot, adjusted (names re-quoted for the target, PostgreSQL's
``::text`` noise and ``= ANY (ARRAY[…])`` rewritten), checked for constructs
the target cannot run, and generated in the target dialect.  When that fails
the caller gets None and writes a warning instead of SQL that would not run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, SqlglotError

from sekkei.formats.sql.dialect_names import SQLGLOT_DIALECTS
from sekkei.formats.sql.writer.quoting import FOLDING, Quoter
from sekkei.model.dialects import family

_STRING_TYPES = {
    exp.DataType.Type.TEXT, exp.DataType.Type.VARCHAR, exp.DataType.Type.CHAR,
    exp.DataType.Type.NVARCHAR, exp.DataType.Type.NCHAR, exp.DataType.Type.BPCHAR,
    exp.DataType.Type.NAME,
}
_JSON_TYPES = {exp.DataType.Type.JSON, exp.DataType.Type.JSONB}
_TEMPORAL_TYPES = {
    exp.DataType.Type.DATE, exp.DataType.Type.TIME, exp.DataType.Type.TIMETZ,
    exp.DataType.Type.TIMESTAMP, exp.DataType.Type.TIMESTAMPTZ, exp.DataType.Type.DATETIME,
}


#: Bare words a database reads as values, which others would take for column names.
_PSEUDO_COLUMNS: dict[str, frozenset[str]] = {
    "oracle": frozenset({"ROWNUM", "ROWID", "LEVEL", "SYSDATE", "SYSTIMESTAMP", "USER", "UID"}),
    "postgres": frozenset({"CTID", "XMIN", "XMAX", "OID"}),
    "sqlite": frozenset({"ROWID", "_ROWID_", "OID"}),
}


class TranspileError(Exception):
    """An expression that cannot be written for the target (the message says why)."""


#: A table or view (namespace, name) as stored -> (namespace, name) as the target writes it.
TableNames = Mapping[tuple[str | None, str], tuple[str | None, str]]


@dataclass
class ExpressionWriter:
    """Writes expressions of `source` (the schema's dialect) for `target`."""

    source: str | None
    target: str
    quoter: Quoter
    objects: TableNames = field(default_factory=dict)
    """Every table and view of the schema, to rewrite references to them."""
    unsupported: tuple[type[exp.Expression], ...] = ()
    """Expression nodes sqlglot generates for the target that the target cannot run."""
    unsupported_casts: frozenset[exp.DType] = frozenset()
    """Types sqlglot would cast to that the target does not have (INTERVAL in MySQL)."""
    unsupported_in_checks: tuple[type[exp.Expression], ...] = ()
    """Nodes a CHECK condition may not hold in the target (non-deterministic functions)."""
    reject: Callable[[exp.Expression], str | None] | None = None
    """The dialect's own test of a node: why the target cannot run it, or None."""
    functions: frozenset[str] | None = None
    """Every function the target has (upper case), where sqlglot's own mapping is not
    enough to know (SQLite); None: not checked."""
    numeric_booleans: bool = False
    """The target has no boolean values (Oracle, SQL Server): a bare column used as a
    condition becomes ``column = 1`` and TRUE/FALSE become 1/0."""
    _done: dict[tuple[str, str], str | TranspileError] = field(default_factory=dict, repr=False)

    @property
    def renamed(self) -> bool:
        """True when some table or view is written under another name or namespace."""
        return any(key != value for key, value in self.objects.items())

    @property
    def same_family(self) -> bool:
        return self.source is not None and family(self.source) == family(self.target)

    @property
    def read(self) -> str:
        return SQLGLOT_DIALECTS.get(self.source or "generic", "")

    @property
    def write(self) -> str:
        return SQLGLOT_DIALECTS[self.target]

    def verbatim(self, sql: str, *, query: bool = False) -> bool:
        """True when `sql` can be written as it is."""
        if self.same_family:
            return True
        if self.source is None:
            return _parses(sql, self.write, query=query)
        return False

    def expression(self, sql: str) -> str:
        """An expression (default, check, generated column, index part) for the target."""
        return self._memo("expression", sql, self._expression)

    def condition(self, sql: str) -> str:
        """A condition (CHECK, partial-index WHERE) for the target."""
        return self._memo("condition", sql, self._condition)

    def _memo(self, kind: str, sql: str, work: Callable[[str], str]) -> str:
        # big schemas repeat the same defaults and checks on many tables
        key = (kind, sql)
        found = self._done.get(key)
        if found is None:
            try:
                found = work(sql)
            except TranspileError as exc:
                found = exc
            self._done[key] = found
        if isinstance(found, TranspileError):
            raise TranspileError(str(found))
        return found

    def _expression(self, sql: str) -> str:
        if self.verbatim(sql):
            return sql
        tree = self._parse(sql, query=False)
        return self._generate(self._adjust(tree), pretty=False)

    def _condition(self, sql: str) -> str:
        if self.verbatim(sql):
            return sql
        tree = self._parse(sql, query=False)
        tree = self._adjust(tree)
        for node in tree.find_all(*self.unsupported_in_checks) if self.unsupported_in_checks else ():
            raise TranspileError(f"{self.target} does not allow {node.key.upper()} in a condition "
                                 "of a table")
        if self.numeric_booleans:
            tree = _as_predicate(tree)
        return self._generate(tree, pretty=False)

    def query(self, sql: str) -> str:
        """A view's query for the target."""
        body = sql.strip().rstrip(";").rstrip()
        # table references must change when namespaces were dropped, even in the same family
        if self.verbatim(body, query=True) and not self.renamed:
            return body
        tree = self._parse(body, query=True)
        return self._generate(self._adjust(tree), pretty=True)

    # -- steps --------------------------------------------------------------

    def _parse(self, sql: str, *, query: bool) -> exp.Expression:
        try:
            trees = sqlglot.parse(sql, read=self.read, error_level=ErrorLevel.RAISE)
        except SqlglotError as exc:
            raise TranspileError(f"cannot parse it as {self.source or self.target} SQL: "
                                 f"{_first_line(str(exc))}") from exc
        trees = [t for t in trees if t is not None]
        if len(trees) != 1:
            raise TranspileError("expected one expression")
        tree = trees[0]
        if not isinstance(tree, exp.Expression):
            raise TranspileError("expected an SQL expression")
        if query and not isinstance(tree, exp.Query):
            raise TranspileError("a view body must be a query")
        if not query and isinstance(tree, (exp.Command, exp.Query)):
            raise TranspileError("expected an expression")
        return tree

    def _adjust(self, tree: exp.Expression) -> exp.Expression:
        source_family = family(self.source) if self.source else None
        target_family = family(self.target)
        if not self.same_family:
            self._check_pseudo_columns(tree)
        rules: list[Callable[[exp.Expression], exp.Expression]] = [self._requote]
        if source_family == "postgres" and target_family != "postgres":
            rules.extend([_any_array_to_in, _strip_noise_casts, _interval_literals])
        if source_family == "mssql" and target_family != "mssql":
            rules.append(_string_plus_to_concat)
        if target_family != "postgres":
            rules.append(_singular_interval_units)
        if target_family == "sqlite":
            rules.append(_strip_temporal_literal_casts)
        if target_family == "mysql":
            rules.append(_qualify_late_star)
        if self.numeric_booleans:
            rules.append(_numeric_booleans)
        for rule in rules:
            tree = _transform_up(tree, rule)
        if not self.same_family:
            self._check_supported(tree)
        return tree

    def _generate(self, tree: exp.Expression, *, pretty: bool) -> str:
        try:
            text = tree.sql(dialect=self.write, unsupported_level=ErrorLevel.RAISE, pretty=pretty)
        except SqlglotError as exc:
            raise TranspileError(_first_line(str(exc))) from exc
        if not _parses(text, self.write, query=pretty):
            raise TranspileError(f"sqlglot wrote {text!r}, which {self.target} cannot read back")
        if self.functions is not None and not self.same_family:
            for name in _called_names(text):
                if name not in self.functions and name not in _CALL_LIKE_KEYWORDS:
                    raise TranspileError(f"function {name}() does not exist in {self.target}")
        return text

    def _check_pseudo_columns(self, tree: exp.Expression) -> None:
        pseudo = _PSEUDO_COLUMNS.get(family(self.source)) if self.source else None
        if not pseudo:
            return
        for node in tree.find_all(exp.Column):
            if not node.this.quoted and not node.table and node.name.upper() in pseudo:
                raise TranspileError(f"{node.name.upper()} exists in {self.source} only")

    def _check_supported(self, tree: exp.Expression) -> None:
        for node in tree.walk():
            if isinstance(node, exp.Anonymous):
                raise TranspileError(f"function {node.name}() is not known to exist in {self.target}")
            if isinstance(node, self.unsupported):
                raise TranspileError(f"{node.key.upper()} has no {self.target} equivalent")
            why = self.reject(node) if self.reject and isinstance(node, exp.Expression) else None
            if why:
                raise TranspileError(why)
            if isinstance(node, exp.Cast) and isinstance(node.to, exp.DataType):
                if node.to.this in self.unsupported_casts:
                    raise TranspileError(f"{self.target} has no {node.to.this.value} type")

    # -- transformations ------------------------------------------------------

    def _requote(self, node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Table):
            self._rename_table(node)
            return node
        if isinstance(node, exp.Identifier) and not isinstance(node.parent, exp.Table):
            self._respell(node)
        return node

    def _stored(self, identifier: exp.Identifier) -> str:
        """The name the source database stores for `identifier` as written."""
        name = identifier.name
        if identifier.quoted:
            return name
        how = FOLDING.get(family(self.source)) if self.source else None
        if how == "lower":
            return name.lower()
        if how == "upper":
            return name.upper()
        return name

    def _respell(self, identifier: exp.Identifier) -> None:
        text, quoted = self.quoter.spelling(self._stored(identifier))
        identifier.set("this", text)
        identifier.set("quoted", quoted)

    def _rename_table(self, table: exp.Table) -> None:
        name_id = table.args.get("this")
        if not isinstance(name_id, exp.Identifier):
            return
        db_id = table.args.get("db")
        namespace = self._stored(db_id) if isinstance(db_id, exp.Identifier) else None
        old_name = self._stored(name_id)
        found = self.objects.get((namespace, old_name))
        known = {ns for ns, _ in self.objects if ns}
        if found is None and namespace is not None and namespace not in known:
            # `public.t`, `dbo.t`, `mydb.t`: the source's default namespace or database
            found = self.objects.get((None, old_name))
        if found is None:
            for part in ("this", "db", "catalog"):
                value = table.args.get(part)
                if isinstance(value, exp.Identifier):
                    self._respell(value)
            return
        new_namespace, new_name = found
        text, quoted = self.quoter.spelling(new_name)
        table.set("this", exp.Identifier(this=text, quoted=quoted))
        if new_name != old_name and not table.alias:
            # column references qualified by the old name keep working
            alias_text, alias_quoted = self.quoter.spelling(old_name)
            table.set("alias", exp.TableAlias(this=exp.Identifier(this=alias_text,
                                                                  quoted=alias_quoted)))
        table.set("catalog", None)
        if new_namespace is None:
            table.set("db", None)
        else:
            text, quoted = self.quoter.spelling(new_namespace)
            table.set("db", exp.Identifier(this=text, quoted=quoted))


def _transform_up(node: exp.Expression, rule: Callable[[exp.Expression], exp.Expression]
                  ) -> exp.Expression:
    """Apply `rule` to every node, children first, so a replaced node's parts are
    rewritten too (sqlglot's own `transform` skips the inside of replacements)."""
    for child in list(node.iter_expressions()):
        if isinstance(child, exp.Expression):
            _transform_up(child, rule)
    new = rule(node)
    if new is not node and node.parent is not None:
        node.replace(new)
    return new


def _any_array_to_in(node: exp.Expression) -> exp.Expression:
    """``x = ANY (ARRAY[a, b])`` (how PostgreSQL prints IN) -> ``x IN (a, b)``."""
    if isinstance(node, (exp.EQ, exp.NEQ)) and isinstance(node.expression, exp.Any):
        values = _array_values(node.expression.this)
        if values is not None:
            result: exp.Expression = exp.In(this=node.this, expressions=values)
            return exp.Not(this=result) if isinstance(node, exp.NEQ) else result
    if isinstance(node, exp.NEQ) and _is_all(node.expression):
        values = _array_values(_all_operand(node.expression))
        if values is not None:
            return exp.Not(this=exp.In(this=node.this, expressions=values))
    return node


def _is_all(node: exp.Expression) -> bool:
    # sqlglot reads PostgreSQL's ALL (ARRAY[…]) as a call of a function named ALL
    return isinstance(node, exp.All) or (
        isinstance(node, exp.Anonymous) and node.name.upper() == "ALL" and len(node.expressions) == 1)


def _all_operand(node: exp.Expression) -> exp.Expression | None:
    if isinstance(node, exp.All):
        operand: exp.Expression | None = node.this
        return operand
    return node.expressions[0] if node.expressions else None


def _string_plus_to_concat(node: exp.Expression) -> exp.Expression:
    """SQL Server's ``a + 'x'`` joins strings; elsewhere that is ``a || 'x'``."""
    if isinstance(node, exp.Add) and (_is_text(node.this) or _is_text(node.expression)):
        return exp.DPipe(this=node.this, expression=node.expression, safe=True)
    return node


def _is_text(node: exp.Expression) -> bool:
    if isinstance(node, exp.Paren):
        return _is_text(node.this)
    if isinstance(node, exp.Add):
        return _is_text(node.this) or _is_text(node.expression)
    return (isinstance(node, exp.Literal) and node.is_string) or isinstance(node, exp.DPipe)


def _qualify_late_star(node: exp.Expression) -> exp.Expression:
    """MySQL takes a bare ``*`` only first in a select list: ``SELECT id, t.*`` instead."""
    if not isinstance(node, exp.Select):
        return node
    stars = [e for e in node.expressions[1:] if isinstance(e, exp.Star)]
    source = node.args.get("from_")
    if not stars or source is None or node.args.get("joins"):
        return node
    table = source.this
    if not isinstance(table, exp.Table):
        return node
    qualifier = exp.to_identifier(table.alias_or_name)
    node.set("expressions", [exp.Column(this=exp.Star(), table=qualifier.copy())
                             if e in stars else e for e in node.expressions])
    return node


def _numeric_booleans(node: exp.Expression) -> exp.Expression:
    """TRUE/FALSE -> 1/0, and bare columns in WHERE, HAVING, ON and CASE WHEN -> ``col = 1``."""
    if isinstance(node, exp.Boolean):
        return exp.Literal.number(1 if node.this else 0)
    if isinstance(node, (exp.Where, exp.Having)):
        node.set("this", _as_predicate(node.this))
    elif isinstance(node, exp.Join) and node.args.get("on") is not None:
        node.set("on", _as_predicate(node.args["on"]))
    elif isinstance(node, exp.If):
        node.set("this", _as_predicate(node.this))
    return node


def _as_predicate(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.Column):
        return exp.EQ(this=node, expression=exp.Literal.number(1))
    if isinstance(node, (exp.And, exp.Or)):
        node.set("this", _as_predicate(node.this))
        node.set("expression", _as_predicate(node.expression))
    elif isinstance(node, (exp.Not, exp.Paren)):
        node.set("this", _as_predicate(node.this))
    return node


def _array_values(node: exp.Expression | None) -> list[exp.Expression] | None:
    while isinstance(node, (exp.Paren, exp.Cast)):
        node = node.this
    if isinstance(node, exp.Array):
        return list(node.expressions)
    return None


def _strip_noise_casts(node: exp.Expression) -> exp.Expression:
    """Drop casts that only PostgreSQL needs: ``(status)::text``, ``'{}'::jsonb``, ``::regclass``."""
    if not isinstance(node, exp.Cast):
        return node
    inner: exp.Expression = node.this
    while isinstance(inner, exp.Paren):
        inner = inner.this
    kind = node.to.this if isinstance(node.to, exp.DataType) else None
    simple = isinstance(inner, (exp.Column, exp.Literal, exp.Cast))
    if kind in _STRING_TYPES and simple:
        return inner
    if isinstance(inner, exp.Literal) and (kind in _JSON_TYPES or _is_user_type(node.to)):
        return inner
    return node


def _interval_literals(node: exp.Expression) -> exp.Expression:
    """``'7 days'::interval`` -> ``INTERVAL '7' DAY``, which other databases can spell."""
    if (isinstance(node, exp.Cast) and isinstance(node.this, exp.Literal) and node.this.is_string
            and isinstance(node.to, exp.DataType) and node.to.this == exp.DataType.Type.INTERVAL):
        try:
            parsed = sqlglot.parse_one(f"INTERVAL {node.this.sql()}", read="postgres")
        except SqlglotError:
            return node
        if isinstance(parsed, exp.Interval):
            return parsed
    return node


_UNITS = {"SECONDS", "MINUTES", "HOURS", "DAYS", "WEEKS", "MONTHS", "YEARS"}


def _singular_interval_units(node: exp.Expression) -> exp.Expression:
    """``INTERVAL '7' DAYS`` -> ``INTERVAL '7' DAY`` (the plural is PostgreSQL's)."""
    if isinstance(node, exp.Interval) and isinstance(node.args.get("unit"), exp.Var):
        unit = node.args["unit"].name.upper()
        if unit in _UNITS:
            node.set("unit", exp.Var(this=unit[:-1]))
    return node


def _is_user_type(to: exp.Expression) -> bool:
    return isinstance(to, exp.DataType) and to.this == exp.DataType.Type.USERDEFINED


def _strip_temporal_literal_casts(node: exp.Expression) -> exp.Expression:
    """SQLite keeps dates as text; CAST('2020-01-01' AS DATE) would make it a number."""
    if isinstance(node, exp.Cast) and isinstance(node.this, exp.Literal) and node.this.is_string:
        if isinstance(node.to, exp.DataType) and node.to.this in _TEMPORAL_TYPES:
            return node.this
    return node


def _parses(sql: str, dialect: str, *, query: bool) -> bool:
    try:
        trees = sqlglot.parse(sql, read=dialect, error_level=ErrorLevel.RAISE)
    except SqlglotError:
        return False
    trees = [t for t in trees if t is not None]
    if len(trees) != 1 or isinstance(trees[0], exp.Command):
        return False
    return isinstance(trees[0], exp.Query) if query else not isinstance(trees[0], exp.Query)


#: Keywords that an opening parenthesis may follow without being a function call.
_CALL_LIKE_KEYWORDS = frozenset("""
    AND AS ALL ANY BETWEEN BY CAST CASE DISTINCT ELSE EXISTS FILTER FROM IN IS JOIN LIKE
    GLOB NOT ON OR OVER SELECT THEN USING VALUES WHEN WHERE WITH RECURSIVE UNION EXCEPT
    INTERSECT HAVING WINDOW PARTITION ORDER GROUP ROWS RANGE LIMIT OFFSET ESCAPE COLLATE
""".split())
_CALL_RE = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`[^`]*`|\[[^\]]*\]|([A-Za-z_][\w$]*)\s*\(")


def _called_names(sql: str) -> set[str]:
    """Upper-cased words directly followed by ``(`` outside literals and quoted names."""
    return {m.group(1).upper() for m in _CALL_RE.finditer(sql) if m.group(1)}


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


_WORD_OR_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`[^`]*`|\[[^\]]*\]|[A-Za-z_][\w$]*")


def replace_word(sql: str, word: str, replacement: str) -> str:
    """Replace a bare word (case-insensitive) outside literals and quoted names.

    Used for a domain's checks, which name the checked value ``VALUE``.
    """
    def swap(match: re.Match[str]) -> str:
        text = match.group(0)
        return replacement if text.lower() == word.lower() else text

    return _WORD_OR_QUOTED.sub(swap, sql)
