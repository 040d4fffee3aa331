"""The schema model: shorthands, normalisation, equality, hashing."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from sekkei.model import (
    Column,
    Location,
    Schema,
    Table,
    canonical_json,
    object_hashes,
    schema_hash,
    table_hash,
)


def shop() -> Schema:
    return Schema.model_validate(
        {
            "tables": {
                "customers": {
                    "columns": {
                        "id": {"type": "bigserial", "primary_key": True},
                        "email": {"type": "VARCHAR(255)", "unique": True},
                    }
                },
                "orders": {
                    "columns": {"id": "bigint", "customer_id": {"type": "int", "references": "customers.id"}},
                    "primary_key": ["id"],
                },
            }
        }
    )


def test_shorthands_become_table_level_data() -> None:
    schema = shop()
    customers = schema.tables["customers"]
    assert customers.primary_key is not None and customers.primary_key.columns == ("id",)
    assert customers.columns["id"].type == "bigint"
    assert customers.columns["id"].identity is not None
    assert customers.columns["id"].identity.generated == "serial"
    assert customers.columns["email"].type == "varchar(255)"
    assert customers.uniques[0].columns == ("email",)
    fk = schema.tables["orders"].foreign_keys[0]
    assert fk.references.table == "customers" and fk.references.columns == ("id",)


def test_primary_key_columns_are_not_null() -> None:
    schema = shop()
    assert schema.tables["orders"].columns["id"].nullable is False
    table = Table(name="t", columns={"a": Column(name="a", type="int")}, primary_key={"columns": ["a"]})  # type: ignore[arg-type]
    assert table.columns["a"].nullable is False


def test_location_is_not_data() -> None:
    a = Column(name="a", type="int", loc=Location("x.yaml", 3, 5))
    b = Column(name="a", type="int")
    assert a == b
    assert "loc" not in a.data()


def test_keys_must_match_names() -> None:
    with pytest.raises(ValidationError, match="does not match"):
        Schema.model_validate({"tables": {"a": {"name": "b", "columns": {}}}})


def test_lists_of_named_objects_are_accepted() -> None:
    schema = Schema.model_validate(
        {"tables": [{"name": "t", "namespace": "sales", "columns": [{"name": "id", "type": "int"}]}]}
    )
    assert list(schema.tables) == ["sales.t"]
    assert schema.table("t") is schema.tables["sales.t"]


def test_actions_accept_sql_spellings() -> None:
    schema = Schema.model_validate(
        {
            "tables": {
                "a": {
                    "columns": {"id": "int", "b": "int"},
                    "foreign_keys": [
                        {
                            "columns": ["b"],
                            "references": {"table": "a", "columns": ["id"]},
                            "on_delete": "SET NULL",
                            "on_update": "NO ACTION",
                        }
                    ],
                }
            }
        }
    )
    fk = schema.tables["a"].foreign_keys[0]
    assert fk.on_delete == "set null" and fk.on_update is None


def test_hashes_follow_content_not_order() -> None:
    one = shop()
    tables = dict(reversed(list(one.tables.items())))
    two = one.model_copy(update={"tables": tables})
    assert schema_hash(one) == schema_hash(two)
    # column order is part of the design
    orders = one.tables["orders"]
    swapped = orders.model_copy(update={"columns": dict(reversed(list(orders.columns.items())))})
    assert table_hash(orders) != table_hash(swapped)


def test_one_table_change_changes_one_object_hash() -> None:
    one = shop()
    changed = one.tables["orders"].model_copy(update={"comment": "注文"})
    two = one.model_copy(update={"tables": {**one.tables, "orders": changed}})
    a, b = object_hashes(one), object_hashes(two)
    assert {k for k in a if a[k] != b[k]} == {"table:orders"}
    assert schema_hash(one) != schema_hash(two)


def test_canonical_json_is_stable() -> None:
    assert canonical_json(shop()) == canonical_json(shop())
    assert b'"loc"' not in canonical_json(shop())
