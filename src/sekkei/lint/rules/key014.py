"""KEY014: NOT NULL, non-deferrable foreign keys do not form a cycle (no row could be inserted first)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import replace

from sekkei.lint.context import LintContext
from sekkei.lint.rule import Finding, Rule, Target
from sekkei.model.schema import ForeignKey

Edge = tuple[str, int, ForeignKey]  # parent table key, position of the foreign key, the foreign key


def strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one node, iteratively (no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        work = [(start, iter(graph[start]))]
        while work:
            node, successors = work[-1]
            descended = False
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = counter
                    counter += 1
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(graph.get(successor, ()))))
                    descended = True
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            if descended:
                continue
            work.pop()
            if work:
                caller = work[-1][0]
                low[caller] = min(low[caller], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def _cycle(start: str, members: set[str], edges: dict[str, list[Edge]]) -> list[Edge]:
    """The shortest cycle through `start` inside one component (breadth first)."""
    came_from: dict[str, tuple[str, Edge]] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for edge in edges.get(node, ()):
            parent = edge[0]
            if parent not in members or parent in came_from:
                continue
            came_from[parent] = (node, edge)
            if parent == start:
                path: list[Edge] = []
                current = start
                while True:
                    previous, step = came_from[current]
                    path.append(step)
                    current = previous
                    if current == start:
                        return path[::-1]
            queue.append(parent)
    return []


class MandatoryForeignKeyCycle(Rule):
    """NOT NULL, non-deferrable foreign keys do not form a cycle.

    Why:
        If ``store.manager_id`` must reference a staff row and ``staff.store_id``
        must reference a store row, neither row can be inserted first: every
        insert violates one constraint.  Loading such a schema needs foreign key
        checks switched off (``SET FOREIGN_KEY_CHECKS=0``), which also lets bad
        data in.  A table whose NOT NULL foreign key references itself can only
        start with a row that references itself.

    Instead:
        Break the cycle: make one of the columns nullable (insert, then fill it
        in), or, on PostgreSQL, make one foreign key ``DEFERRABLE INITIALLY
        DEFERRED`` so it is checked at commit.  For a tree, let the root's
        parent be NULL.
    """

    code = "KEY014"
    name = "mandatory-foreign-key-cycle"
    summary = "NOT NULL, non-deferrable foreign keys do not form a cycle."
    summary_ja = "NOT NULL で遅延不可の外部キーが循環していないこと(どの行も最初に挿入できない)。"
    doc_ja = """
    理由:
        ``store.manager_id`` が必ずスタッフの行を、``staff.store_id`` が必ず店舗の行を参照するなら、どちらの
        行も先に挿入できず、どの INSERT も一方の制約に違反します。このスキーマにデータを入れるには外部キー
        検査を止める(``SET FOREIGN_KEY_CHECKS=0``)しかなく、不正なデータも入ってしまいます。NOT NULL の
        外部キーが自分自身を参照するテーブルは、自分自身を参照する行からしか始められません。

    代わりに:
        循環を断ち切ってください。どれかの列を NULL 許可にする(挿入してから埋める)か、PostgreSQL なら
        外部キーの 1 つを ``DEFERRABLE INITIALLY DEFERRED`` にしてコミット時に検査させます。木構造なら
        根の親を NULL にしてください。
    """
    category = "keys"
    severity = "error"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        edges: dict[str, list[Edge]] = {}
        graph: dict[str, list[str]] = {}
        tables = ctx.schema.tables
        for key, table in tables.items():
            if table.partition_of is not None:
                continue
            columns = table.columns
            for position, fk in enumerate(table.foreign_keys):
                if fk.deferrable or not fk.columns:
                    continue
                mandatory = True
                for name in fk.columns:
                    column = columns.get(name)
                    if column is None or column.nullable:
                        mandatory = False
                        break
                if not mandatory:
                    continue
                target = fk.references.table
                if target not in tables:
                    parent = ctx.referenced_table(fk)
                    if parent is None:
                        continue
                    target = parent.key
                if target == key:
                    yield self._self_reference(ctx, key, position, fk)
                    continue
                edges.setdefault(key, []).append((target, position, fk))
                graph.setdefault(key, []).append(target)
        deferrable = ctx.family in {"postgres", "oracle", "sqlite"} or ctx.family is None
        for component in strongly_connected(graph):
            members = set(component)
            start = min(members)
            path = _cycle(start, members, edges)
            if not path:
                continue
            names = " → ".join([start, *(edge[0] for edge in path)])
            others = f" ({len(members)} tables are caught in such cycles)" if len(members) > len(path) else ""
            _, position, fk = path[0]
            loosen = [
                f"{child}.{'/'.join(edge[2].columns)}"
                for child, edge in zip([start, *(e[0] for e in path)], path, strict=False)
            ]
            hint = f"make one of {', '.join(loosen)} nullable"
            if deferrable:
                hint += ", or its foreign key DEFERRABLE INITIALLY DEFERRED"
            yield self.finding(
                Target("foreign_key", start, fk.name, position, fk.columns),
                f"NOT NULL foreign keys form a cycle, {names}: no row can be inserted first{others}",
                hint=hint,
            )

    def _self_reference(self, ctx: LintContext, key: str, position: int, fk: ForeignKey) -> Finding:
        columns = ", ".join(fk.columns)
        finding = self.finding(
            Target("foreign_key", key, fk.name, position, fk.columns),
            f"NOT NULL foreign key ({columns}) references its own table: the first row can only refer to "
            "itself",
            hint=f"make {columns} nullable (NULL for the root)",
        )
        return replace(finding, severity="warning") if self.level == self.severity else finding
