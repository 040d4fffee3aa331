"""The linter on real schemas: every rule runs on every corpus file, and the findings of
chosen rules are exactly the ones a person reading the file finds (no false positives).

The expectations below were checked by reading the files: e.g. Sakila for PostgreSQL
keeps its 2007 payments in six tables that INHERIT payment and have no primary key of
their own, and its payment table has no index on rental_id in any dialect; MySQL and
MariaDB create foreign key indexes themselves, so nothing is reported there.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from sekkei.formats.base import ReadOptions
from sekkei.formats.registry import read_string
from sekkei.lint.config import LintConfig, RuleSetting, build_rules
from sekkei.lint.engine import LintReport, lint_schema
from sekkei.lint.rules import builtin_rules
from sekkei.model.diagnostics import Notes

pytestmark = [pytest.mark.integration, pytest.mark.corpus]

SAKILA_PG_FK = [
    "film_category(category_id)", "inventory(film_id)", "payment(rental_id)", "rental(customer_id)",
    "rental(staff_id)", "staff(address_id)", "staff(store_id)", "store(address_id)",
]
P2007 = [f"payment_p2007_0{n}" for n in range(1, 7)]
CHINOOK_FK = [
    "ALBUM(ARTISTID)", "CUSTOMER(SUPPORTREPID)", "EMPLOYEE(REPORTSTO)", "INVOICE(CUSTOMERID)",
    "INVOICELINE(INVOICEID)", "INVOICELINE(TRACKID)", "PLAYLISTTRACK(TRACKID)", "TRACK(ALBUMID)",
    "TRACK(GENREID)", "TRACK(MEDIATYPEID)",
]

#: file -> (tables KEY001 reports, foreign keys IDX002 reports as "table(columns)")
EXACT: dict[str, tuple[list[str], list[str]]] = {
    "sakila/mysql-sakila-schema.sql": ([], []),
    "sakila/postgres-sakila-schema.sql": (P2007, sorted(SAKILA_PG_FK + [f"{t}(rental_id)" for t in P2007])),
    "sakila/yugabytedb-sakila-schema.sql": ([], sorted(SAKILA_PG_FK + [f"{t}(rental_id)" for t in P2007])),
    "sakila/cockroachdb-sakila-schema.sql": ([], SAKILA_PG_FK),
    "sakila/sqlite-sakila-schema.sql": ([], ["payment(rental_id)"]),
    "sakila/sql-server-sakila-schema.sql": ([], ["payment(rental_id)"]),
    "sakila/oracle-sakila-schema.sql": ([], ["PAYMENT(RENTAL_ID)"]),
    "sakila/oracle-sakila-schema-pl-sql.sql": ([], []),
    "sakila/db2-sakila-schema.sql": ([], ["CITY(COUNTRY_ID)", "PAYMENT(RENTAL_ID)"]),
    "pagila/pagila-schema.sql": (
        [],
        sorted(
            ["film_category(category_id)", "inventory(film_id)", "rental(customer_id)", "rental(staff_id)",
             "staff(address_id)", "staff(store_id)", "store(address_id)"]
            + [f"payment_p2022_0{n}(rental_id)" for n in range(1, 7)]
        ),
    ),
    "pagila/pagila-schema-jsonb.sql": (["packages_apt_postgresql_org", "packages_yum_postgresql_org"], []),
    "chinook/Chinook_PostgreSql.schema.sql": ([], []),
    "chinook/Chinook_MySql.schema.sql": ([], []),
    "chinook/Chinook_Sqlite.schema.sql": ([], []),
    "chinook/Chinook_SqlServer.schema.sql": ([], []),
    "chinook/Chinook_Db2.schema.sql": ([], []),
    "chinook/Chinook_Oracle.schema.sql": ([], CHINOOK_FK),
    "northwind/northwind.sql": (
        [],
        ["customer_customer_demo(customer_type_id)", "employee_territories(territory_id)",
         "employees(reports_to)", "order_details(product_id)", "orders(customer_id)", "orders(employee_id)",
         "orders(ship_via)", "products(category_id)", "products(supplier_id)", "territories(region_id)"],
    ),
    "synapse/state.full.sql.postgres.sql": (["state_group_edges", "state_groups_state"], []),
    "synapse/common.full.sql.sqlite.sql": (["background_updates"], []),
}

#: file -> (number of KEY001 findings, number of IDX002 findings) where a list is too long to keep
COUNTS: dict[str, tuple[int, int]] = {
    "danbooru/structure.sql": (1, 18),
    "synapse/main.full.sql.postgres.sql": (107, 3),
    "adventureworks-pg/install.sql": (0, 61),
}


@cache
def _lint_all(path: Path) -> tuple[LintReport, str | None]:
    """Every built-in rule, including those that are off unless configured."""
    notes = Notes()
    schema = read_string(
        path.read_text(encoding="utf-8"), "sql", options=ReadOptions(source=path.name), notes=notes
    )
    classes = list(builtin_rules())
    config = LintConfig(
        rules={rule.code: RuleSetting(severity="warning") for rule in classes if rule.severity == "off"}
    )
    return lint_schema(schema, build_rules(classes, config), config), schema.dialect


def _corpus_files(corpus: Path) -> list[Path]:
    return sorted((corpus / "real-world").rglob("*.sql"))


def test_every_rule_runs_on_every_corpus_file(corpus: Path) -> None:
    crashed = {}
    for path in _corpus_files(corpus):
        report, _ = _lint_all(path)
        if report.errors:
            crashed[str(path.relative_to(corpus))] = [(e.code, e.message) for e in report.errors]
    assert not crashed


def _found(report: LintReport, code: str) -> list[str]:
    if code == "KEY001":
        return sorted(f.target.table or "" for f in report.findings if f.code == code)
    return sorted(f"{f.target.table}({','.join(f.target.columns)})" for f in report.findings if f.code == code)


@pytest.mark.parametrize("name", sorted(EXACT))
def test_exact_findings_on_real_schemas(corpus: Path, name: str) -> None:
    report, _ = _lint_all(corpus / "real-world" / name)
    no_key, unindexed = EXACT[name]
    assert _found(report, "KEY001") == sorted(no_key)
    assert _found(report, "IDX002") == sorted(unindexed)


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_finding_counts_on_large_real_schemas(corpus: Path, name: str) -> None:
    report, _ = _lint_all(corpus / "real-world" / name)
    assert (len(_found(report, "KEY001")), len(_found(report, "IDX002"))) == COUNTS[name]
