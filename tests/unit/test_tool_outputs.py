"""DDL as the usual tools write it: SSMS, DBMS_METADATA, mysqldump 8, Workbench, DB Browser, pg_dump 17.

The fixtures in tests/data/tools imitate each tool's output (clauses, quoting,
session statements); each must read without error into the design it describes.
"""

from __future__ import annotations

from pathlib import Path

from sekkei.formats.base import ReadOptions
from sekkei.formats.registry import read_file
from sekkei.model import Notes, Schema

TOOLS = Path(__file__).resolve().parent.parent / "data" / "tools"


def read(name: str, dialect: str) -> tuple[Schema, Notes]:
    notes = Notes()
    return read_file(TOOLS / name, options=ReadOptions(dialect=dialect), notes=notes), notes


def test_ssms_script() -> None:
    schema, notes = read("ssms_script.sql", "mssql")
    customer, order = schema.tables["Customer"], schema.tables["SalesOrder"]
    assert customer.comment == "顧客"
    assert customer.columns["CustomerID"].identity is not None
    assert customer.columns["rowguid"].default is not None
    assert order.foreign_keys[0].on_delete == "cascade"
    assert order.indexes[0].columns == ("CustomerID",) and order.indexes[0].include == ("OrderDate",)
    assert order.columns["Status"].default == 1
    assert not [n for n in notes if n.severity.value == "warning"]


def test_oracle_dbms_metadata() -> None:
    schema, _ = read("oracle_dbms_metadata.sql", "oracle")
    employees = schema.tables["HR.EMPLOYEES"]
    assert employees.columns["SALARY"].comment == "Monthly salary of the employee."
    assert employees.foreign_keys[0].references.table == "HR.DEPARTMENTS"
    assert employees.uniques[0].columns == ("EMAIL",)
    assert employees.checks[0].sql == "salary > 0"


def test_mysqldump_8() -> None:
    schema, notes = read("mysqldump_8.sql", "mysql")
    orders = schema.tables["orders"]
    assert orders.columns["id"].type == "bigint unsigned"
    assert orders.columns["updated_at"].on_update is not None
    assert orders.columns["email_domain"].generated is not None
    assert [ix.name for ix in orders.indexes] == ["idx_orders_email", "idx_orders_lower", "idx_status"]
    assert orders.uniques[0].name == "uq_orders_uuid"
    assert any("INSERT" in n.message for n in notes)


def test_mysql_workbench_database_qualifiers_are_implied_after_use() -> None:
    schema, _ = read("mysql_workbench.sql", "mysql")
    assert set(schema.tables) == {"user", "post"}
    assert schema.tables["user"].uniques[0].name == "username_UNIQUE"  # UNIQUE INDEX (… ASC) is a unique key
    assert schema.tables["post"].foreign_keys[0].references.table == "user"


def test_sqlite_browser_schema() -> None:
    schema, notes = read("sqlite_browser.sql", "sqlite")
    assert "sqlite_sequence" not in schema.tables
    assert schema.tables["users"].columns["id"].identity is not None  # PRIMARY KEY("id" AUTOINCREMENT)
    assert schema.tables["notes"].triggers[0].name == "t"
    assert any(n.code == "internal-table" for n in notes)


def test_pg_dump_17() -> None:
    schema, notes = read("pg_dump_17.sql", "postgres")
    events, partition = schema.tables["app.events"], schema.tables["app.events_2024"]
    assert events.partition_by == "RANGE (happened_at)"
    assert partition.partition_of is not None and partition.partition_of.parent == "app.events"
    assert events.columns["id"].identity is not None and events.columns["id"].identity.generated == "always"
    assert len(partition.indexes) == 0  # attached to the parent's index
    assert {n.code for n in notes} >= {"not-modelled", "skipped"}


def test_bigquery_arrays_strings_and_partitions() -> None:
    from sekkei.formats.registry import read_string, write_string

    text = (
        "CREATE TABLE `p.shop.c` (id INT64 NOT NULL, email STRING(255), tags ARRAY<STRING>, "
        "created_at TIMESTAMP, PRIMARY KEY (id) NOT ENFORCED) PARTITION BY DATE(created_at);"
    )
    schema = read_string(text, "bigquery")
    table = schema.tables["shop.c"]
    assert table.columns["email"].type == "varchar(255)"
    assert table.columns["tags"].type == "text[]"
    assert "PARTITION BY DATE(created_at)" in write_string(schema, "bigquery")
