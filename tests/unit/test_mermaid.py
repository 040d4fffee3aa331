"""The Mermaid generator: output that Mermaid's erDiagram grammar accepts, and cardinality from the keys.

`parse` follows the tokens of Mermaid's erDiagram lexer (entity names in
double quotes; attribute words; PK/FK/UK keys; quoted comments; relationship
cardinalities), so a line Mermaid would reject fails here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from sekkei.formats.registry import read_file
from sekkei.generate import GeneratorOptions
from sekkei.generate.mermaid import MermaidGenerator
from sekkei.model.diagnostics import InputError, Notes
from sekkei.model.schema import Schema

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "sekkei" / "examples" / "shop.sekkei.yaml"

_NAME = r'"([^"%\r\n\v\b\\]+)"'
_WORD = r"[*A-Za-z_\u00c0-\uffff][A-Za-z0-9\-_\[\]().,\u00c0-\uffff*]*"
_ENTITY_OPEN = re.compile(rf"    {_NAME} \{{")
_ENTITY_BARE = re.compile(rf"    {_NAME}")
_ATTRIBUTE = re.compile(rf'        ({_WORD}) ({_WORD})((?: (?:PK|FK|UK)(?:, (?:PK|FK|UK))*)?)(?: "([^"]*)")?')
_RELATION = re.compile(rf'    {_NAME} (\|\||\|o)(--|\.\.)(o\||o\{{) {_NAME} : "([^"]*)"')
_KEY_WORD = re.compile(r"(?i)(?:pk|fk|uk)(?![A-Za-z0-9_])")
_DIRECTION = re.compile(r"(?i)direction\s+(tb|bt|rl|lr)")


@dataclass
class Diagram:
    title: str | None = None
    entities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    relations: list[tuple[str, str, str, str]] = field(default_factory=list)  # parent, spec, child, label


def parse(text: str) -> Diagram:
    """The diagram, or an AssertionError naming the first line Mermaid would not accept."""
    lines = text.splitlines()
    diagram = Diagram()
    if lines[0] == "---":
        end = lines.index("---", 1)
        diagram.title = lines[1].removeprefix("title: ")
        lines = lines[end + 1 :]
    assert lines[0] == "erDiagram"
    current: str | None = None
    for line in lines[1:]:
        if current is not None:
            if line == "    }":
                current = None
                continue
            match = _ATTRIBUTE.fullmatch(line)
            assert match, f"not an attribute line: {line!r}"
            kind, name, keys, comment = match.groups()
            assert not _KEY_WORD.match(kind) and not _KEY_WORD.match(name), line
            diagram.entities[current].append(
                {
                    "type": kind,
                    "name": name,
                    "keys": keys.strip().split(", ") if keys else [],
                    "comment": comment,
                }
            )
            continue
        assert not _DIRECTION.search(line), f"read as a direction statement: {line!r}"
        if match := _ENTITY_OPEN.fullmatch(line):
            current = match.group(1)
            assert current not in diagram.entities, f"entity {current} twice"
            diagram.entities[current] = []
        elif match := _RELATION.fullmatch(line):
            parent, one, kind, many, child, label = match.groups()
            diagram.relations.append((parent, one + kind + many, child, label))
        elif match := _ENTITY_BARE.fullmatch(line):
            diagram.entities[match.group(1)] = []
        else:
            raise AssertionError(f"not a statement Mermaid accepts: {line!r}")
    assert current is None, "unclosed entity block"
    return diagram


def generate(schema: Schema | dict[str, Any], **options: str) -> Diagram:
    if isinstance(schema, dict):
        schema = Schema.model_validate(schema)
    files = MermaidGenerator().generate(schema, GeneratorOptions(options=options), Notes())
    assert list(files) == ["schema.mmd"]
    return parse(files["schema.mmd"])


def test_the_example() -> None:
    schema = read_file(EXAMPLE)
    diagram = generate(schema)
    assert diagram.title == '"shop"'
    assert list(diagram.entities) == list(schema.tables)
    items = {a["name"]: a for a in diagram.entities["order_items"]}
    assert items["order_id"]["keys"] == ["PK", "FK"] and items["line_no"]["keys"] == ["PK"]
    assert items["unit_price"]["type"] == "numeric(12,2)"
    customers = {a["name"]: a for a in diagram.entities["customers"]}
    assert (
        customers["email"]["keys"] == ["UK"] and customers["email"]["comment"] == "ログイン用メールアドレス"
    )
    assert ("orders", "||--o{", "order_items", "order_id") in diagram.relations
    assert ("categories", "|o..o{", "categories", "parent_id") in diagram.relations
    assert len(diagram.relations) == sum(len(t.foreign_keys) for t in schema.tables.values())


def _child(columns: dict[str, Any], **table: Any) -> dict[str, Any]:
    return {"columns": columns, **table}


CARDINALITY = {
    "tables": {
        "p": {"columns": {"id": {"type": "bigint", "primary_key": True}}},
        "required": _child(
            {"id": "bigint", "p_id": {"type": "bigint", "nullable": False, "references": "p.id"}}
        ),
        "optional": _child({"id": "bigint", "p_id": {"type": "bigint", "references": "p.id"}}),
        "unique": _child(
            {
                "id": "bigint",
                "p_id": {"type": "bigint", "nullable": False, "unique": True, "references": "p.id"},
            }
        ),
        "extension": _child({"p_id": {"type": "bigint", "primary_key": True, "references": "p.id"}}),
        "lines": _child(
            {"p_id": {"type": "bigint", "references": "p.id"}, "n": "integer"},
            primary_key={"columns": ["p_id", "n"]},
        ),
        "indexed": _child(
            {"p_id": {"type": "bigint", "nullable": False, "references": "p.id"}},
            indexes=[{"columns": ["p_id"], "unique": True}],
        ),
        "partial": _child(
            {"p_id": {"type": "bigint", "nullable": False, "references": "p.id"}, "live": "boolean"},
            indexes=[{"columns": ["p_id"], "unique": True, "where": "live"}],
        ),
    }
}


@pytest.mark.parametrize(
    ("child", "spec"),
    [
        ("required", "||..o{"),  # NOT NULL: exactly one parent; many children
        ("optional", "|o..o{"),  # nullable: zero or one parent
        ("unique", "||..o|"),  # unique: at most one child per parent
        ("extension", "||--o|"),  # the key is the child's primary key: identifying, one-to-one
        ("lines", "||--o{"),  # part of the child's primary key: identifying, many
        ("indexed", "||..o|"),  # a unique index makes it unique too
        ("partial", "||..o{"),  # ... but not a partial one
    ],
)
def test_cardinality_comes_from_nullability_and_keys(child: str, spec: str) -> None:
    relations = {c: s for _, s, c, _ in generate(CARDINALITY).relations}
    assert relations[child] == spec


def test_a_unique_key_inside_the_foreign_key_makes_it_one_to_one() -> None:
    schema = {
        "tables": {
            "p": {"columns": {"a": "int", "b": "int"}, "primary_key": {"columns": ["a", "b"]}},
            "c": {
                "columns": {"a": {"type": "int", "unique": True}, "b": "int"},
                "foreign_keys": [
                    {"columns": ["a", "b"], "references": {"table": "p", "columns": ["a", "b"]}}
                ],
            },
        }
    }
    assert generate(schema).relations == [("p", "|o..o|", "c", "a, b")]


ODD = {
    "tables": {
        "one": {
            "columns": {
                "id": {"type": "bigint", "primary_key": True},
                "pk": {"type": "integer", "comment": 'has "quotes", 100% and\na second line'},
                "2fa": "boolean",
                "order id": "integer",
                "顧客名": {"type": "varchar(10)", "comment": "direction LR is fine in a comment"},
                "fk-x": "integer",
                "uk": {"type": "enum('a','b')"},
                "tsv": {"type": "postgres:tsvector"},
                "price": {"type": "integer unsigned"},
            }
        },
        "to": {
            "columns": {
                "id": {"type": "bigint", "primary_key": True},
                "one_id": {"type": "bigint", "references": "one.id"},
            }
        },
        "Order Items %": {"columns": {"to_id": {"type": "bigint", "references": "to.id"}}},
        "direction lr": {"columns": {"x": "text"}},
        'say "hi"': {"columns": {"x": "text"}},
        "say 'hi'": {"columns": {"x": "text"}},
        "注文": {"columns": {"u": {"type": "bigint", "references": "one.id"}}},
    }
}


def test_odd_names_still_parse() -> None:
    diagram = generate(ODD)
    assert len(diagram.entities) == len(ODD["tables"])  # no two tables merged into one entity
    assert {"one", "to", "Order Items _", "direction_lr", "注文", "say 'hi'"} <= set(diagram.entities)
    one = dict(zip(ODD["tables"]["one"]["columns"], diagram.entities["one"], strict=True))
    assert one["pk"]["name"] == "_pk" and one["pk"]["comment"] == "pk: has 'quotes', 100% and"
    assert one["2fa"]["name"] == "_2fa" and one["order id"]["name"] == "order_id"
    assert (
        one["顧客名"]["name"] == "顧客名" and one["顧客名"]["comment"] == "direction LR is fine in a comment"
    )
    assert one["uk"]["type"] == "enum" and one["tsv"]["type"] == "tsvector"
    assert one["price"]["type"] == "integer_unsigned"
    assert ("to", "|o..o{", "Order Items _", "to_id") in diagram.relations


def test_long_comments_are_cut() -> None:
    schema = {"tables": {"t": {"columns": {"c": {"type": "text", "comment": "x" * 200}}}}}
    (attribute,) = generate(schema).entities["t"]
    assert len(attribute["comment"]) == 80 and attribute["comment"].endswith("…")


def test_options() -> None:
    schema = read_file(EXAMPLE)
    keys = generate(schema, columns="keys").entities
    assert all(a["keys"] for attributes in keys.values() for a in attributes)
    assert all(not attributes for attributes in generate(schema, columns="none").entities.values())
    quiet = generate(schema, comments="false")
    assert not any(a["comment"] for attributes in quiet.entities.values() for a in attributes)
    assert generate(schema, title="ショップ").title == '"ショップ"'


def test_bad_option_values_name_what_is_accepted() -> None:
    with pytest.raises(InputError) as info:
        generate(read_file(EXAMPLE), columns="most", comments="maybe")
    assert [p.expected for p in info.value.problems] == ["all, keys, none", "true or false"]
