"""The DDL reader on Snowflake, BigQuery and plain ANSI scripts."""

from __future__ import annotations

from sekkei.formats.base import ReadOptions
from sekkei.formats.sql.generic import read_generic
from sekkei.model.diagnostics import Notes
from sekkei.model.schema import Identity, Schema


def read(sql: str, dialect: str, *, strict: bool = True) -> tuple[Schema, Notes]:
    notes = Notes()
    return read_generic(sql, ReadOptions(source="c.sql", strict=strict), notes, dialect), notes


SNOWFLAKE = """\
CREATE OR REPLACE TRANSIENT TABLE analytics.public.events (
  id NUMBER AUTOINCREMENT START 1 INCREMENT 1,
  seq INT IDENTITY(10, 2),
  payload VARIANT COMMENT 'raw event',
  "createdAt" TIMESTAMP_NTZ(9) DEFAULT CURRENT_TIMESTAMP(),
  CONSTRAINT pk_events PRIMARY KEY (id) NOT ENFORCED
) CLUSTER BY (id) COMMENT = 'all events' DATA_RETENTION_TIME_IN_DAYS = 1;
CREATE TEMPORARY TABLE scratch (a INT);
CREATE SEQUENCE analytics.public.ids START = 5 INCREMENT = 5;
COMMENT ON COLUMN analytics.public.events.seq IS 'a sequence';
CREATE WAREHOUSE wh WITH WAREHOUSE_SIZE = 'XSMALL';
"""


def test_snowflake() -> None:
    schema, notes = read(SNOWFLAKE, "snowflake")
    assert list(schema.tables) == ["EVENTS"]
    events = schema.tables["EVENTS"]
    assert list(events.columns) == ["ID", "SEQ", "PAYLOAD", "createdAt"]
    assert events.columns["ID"].identity == Identity(generated="by_default")
    assert events.columns["SEQ"].identity == Identity(generated="by_default", start=10, increment=2)
    assert events.columns["PAYLOAD"].type == "json" and events.columns["PAYLOAD"].comment == "raw event"
    assert events.columns["SEQ"].comment == "a sequence"
    assert events.comment == "all events"
    assert events.options == {"snowflake": {"cluster_by": "(id)", "kind": "transient"}}
    assert schema.sequences["IDS"].start == 5
    skipped = {n.message for n in notes if n.code == "statement-skipped"}
    assert any("CREATE TEMPORARY TABLE" in m for m in skipped)
    assert any("CREATE WAREHOUSE" in m for m in skipped)


BIGQUERY = """\
# a BigQuery script
CREATE TABLE IF NOT EXISTS `my-project.shop.orders` (
  id INT64 NOT NULL OPTIONS(description = "order id"),
  tags ARRAY<STRING>,
  customer STRUCT<name STRING, email STRING NOT NULL>,
  amount NUMERIC(10, 2),
  created TIMESTAMP
)
PARTITION BY DATE(created)
CLUSTER BY id
OPTIONS(description = "Orders");
CREATE VIEW shop.big_orders AS SELECT * FROM `my-project.shop.orders` WHERE amount > 100;
"""


def test_bigquery() -> None:
    schema, _ = read(BIGQUERY, "bigquery")
    orders = schema.tables["shop.orders"]
    assert orders.columns["id"].type == "bigint" and orders.columns["id"].comment == "order id"
    assert orders.columns["id"].nullable is False
    assert orders.columns["customer"].type.startswith("bigquery:")
    assert orders.partition_by == "DATE(created)"
    assert orders.options == {"bigquery": {"cluster_by": "id"}}
    assert orders.comment == "Orders"
    assert schema.views["shop.big_orders"].sql.endswith("WHERE amount > 100")


def test_generic_ansi_keeps_names_as_written() -> None:
    sql = ("CREATE TABLE Person (Id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
           "Name VARCHAR(50) NOT NULL, Boss INTEGER REFERENCES Person (Id));\n"
           "CREATE VIEW Bosses AS SELECT DISTINCT Boss FROM Person;")
    schema, _ = read(sql, "generic")
    person = schema.tables["Person"]
    assert list(person.columns) == ["Id", "Name", "Boss"]
    assert person.columns["Id"].identity == Identity(generated="always")
    assert person.foreign_keys[0].references.table == "Person"
    assert schema.dialect == "generic"
