"""Reading a live SQLite database: pragmas plus what only the stored CREATE text says."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sekkei.formats.live import dialect_of, read_database
from sekkei.model import (
    Check,
    ForeignKey,
    Generated,
    Identity,
    Index,
    IndexElement,
    Notes,
    PrimaryKey,
    Reference,
    SqlExpr,
    Unique,
)
from tests.helpers.db import catalog_counts, run_script
from tests.helpers.live import read

pytestmark = pytest.mark.integration


SHOP = """
CREATE TABLE customer (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    age INT CHECK (age >= 0),
    note,
    CONSTRAINT adult CHECK (age < 150)
);
CREATE TABLE "order" (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER REFERENCES customer (id) ON DELETE CASCADE,
    total NUMERIC(10,2) DEFAULT 0,
    status VARCHAR(20) DEFAULT 'new' COLLATE NOCASE CHECK (status <> '' COLLATE BINARY),
    placed DATETIME DEFAULT CURRENT_TIMESTAMP,
    doubled INTEGER GENERATED ALWAYS AS (total * 2) STORED,
    label TEXT AS (upper(status)),
    UNIQUE (customer_id, placed)
);
CREATE TABLE kv (k TEXT PRIMARY KEY, v ANY) STRICT, WITHOUT ROWID;
CREATE INDEX order_status ON "order" (lower(status) DESC, total);
CREATE UNIQUE INDEX one_open ON "order" (customer_id COLLATE NOCASE) WHERE status = 'open';
CREATE INDEX "order placed" ON "order" ("placed" DESC);
CREATE VIEW big_orders (order_id, amount) AS SELECT id, total FROM "order" WHERE total > 100;
CREATE VIEW open_orders AS SELECT * FROM big_orders;
CREATE TRIGGER order_ai AFTER INSERT ON "order" BEGIN UPDATE customer SET note = 'x' WHERE id = NEW.customer_id; END;
"""


def test_shop(sqlite_url: str) -> None:
    run_script(sqlite_url, SHOP)
    schema, notes = read(sqlite_url)
    assert schema.dialect == "sqlite"
    customer = schema.tables["customer"]
    assert customer.columns["id"].identity == Identity(generated="by_default")
    assert customer.columns["id"].nullable is False
    assert customer.primary_key == PrimaryKey(columns=("id",))
    assert customer.columns["age"].type == "integer"
    assert customer.columns["age"].native == {"sqlite": "INT"}
    assert customer.columns["note"].type == "sqlite:ANY"
    assert customer.uniques == (Unique(columns=("email",)),)
    assert len(customer.checks) == 2
    assert Check(sql="age >= 0") in customer.checks
    assert Check(name="adult", sql="age < 150") in customer.checks
    order = schema.tables["order"]
    # a rowid alias without AUTOINCREMENT is just the primary key
    assert order.columns["id"].identity is None
    assert order.columns["total"].type == "numeric(10,2)"
    assert order.columns["total"].default == 0
    assert order.columns["status"].default == "new"
    assert order.columns["status"].collation == "NOCASE"
    assert order.columns["total"].collation is None
    assert order.columns["placed"].default == SqlExpr(sql="CURRENT_TIMESTAMP")
    assert order.columns["doubled"].generated == Generated(sql="total * 2", stored=True)
    assert order.columns["label"].generated == Generated(sql="upper(status)", stored=False)
    assert order.foreign_keys == (ForeignKey(columns=("customer_id",),
                                             references=Reference(table="customer", columns=("id",)),
                                             on_delete="cascade"),)
    assert order.uniques == (Unique(columns=("customer_id", "placed")),)
    indexes = {index.name: index for index in order.indexes}
    assert indexes["order_status"] == Index(
        name="order_status", columns=(IndexElement(sql="lower(status)", order="desc"), "total"))
    assert indexes["one_open"] == Index(
        name="one_open", columns=(IndexElement(column="customer_id", collation="NOCASE"),),
        unique=True, where="status = 'open'")
    assert indexes["order placed"] == Index(
        name="order placed", columns=(IndexElement(column="placed", order="desc"),))
    assert [t.name for t in order.triggers] == ["order_ai"]
    assert order.triggers[0].sql.startswith("CREATE TRIGGER order_ai AFTER INSERT ON \"order\"")
    kv = schema.tables["kv"]
    assert kv.options == {"sqlite": {"strict": "true", "without_rowid": "true"}}
    assert kv.columns["v"].type == "sqlite:ANY"
    views = schema.views
    assert views["big_orders"].sql == "SELECT id, total FROM \"order\" WHERE total > 100"
    assert views["big_orders"].columns == ("order_id", "amount")
    assert views["open_orders"].sql == "SELECT * FROM big_orders"
    assert not notes.items
    counts = catalog_counts(sqlite_url)
    got = schema.counts()
    assert (got["tables"], got["columns"], got["foreign_keys"], got["indexes"]) == (
        counts.tables, counts.columns, counts.foreign_keys, counts.indexes)


def test_virtual_tables_are_left_out(sqlite_url: str) -> None:
    run_script(sqlite_url, """
        CREATE TABLE doc (id INTEGER PRIMARY KEY, body TEXT);
        CREATE VIRTUAL TABLE doc_search USING fts5(body);
    """)
    schema, notes = read(sqlite_url)
    assert list(schema.tables) == ["doc"]
    assert [n.code for n in notes] == ["live-skipped"]


def test_dialect_and_namespace(sqlite_url: str) -> None:
    run_script(sqlite_url, "CREATE TABLE t (a INT);")
    engine = sa.create_engine(sqlite_url)
    try:
        assert dialect_of(engine) == "sqlite"
        schema = read_database(engine, notes=Notes(), namespaces=["main"])
    finally:
        engine.dispose()
    assert list(schema.tables) == ["t"]
    assert schema.tables["t"].namespace is None
