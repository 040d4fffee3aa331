"""Any text either reads or raises InputError: never another exception, never a hang."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sekkei.formats.base import ReadOptions
from sekkei.formats.sql.postgres import read_postgres
from sekkei.model import InputError, Notes

VALID = """
SET search_path = public, pg_catalog;
CREATE SCHEMA app;
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE SEQUENCE s START WITH 1;
CREATE TABLE app.a (id serial PRIMARY KEY, m mood DEFAULT 'ok'::mood, n posint,
    note text COLLATE "C" CHECK (note <> ''), at timestamptz DEFAULT now());
CREATE TABLE b (id bigint GENERATED ALWAYS AS IDENTITY, a_id int REFERENCES app.a ON DELETE CASCADE,
    v numeric(10,2) GENERATED ALWAYS AS (a_id * 2) STORED, UNIQUE (a_id)) PARTITION BY RANGE (id);
CREATE TABLE b1 PARTITION OF b FOR VALUES FROM (1) TO (100);
ALTER TABLE ONLY b ADD CONSTRAINT b_chk CHECK (id > 0) NOT VALID;
ALTER TABLE b ALTER COLUMN a_id SET DEFAULT 1, ALTER COLUMN a_id SET NOT NULL;
CREATE UNIQUE INDEX b_idx ON b USING btree (lower(v::text) DESC NULLS LAST) WHERE id > 0;
CREATE VIEW v (x) AS SELECT id FROM b WITH LOCAL CHECK OPTION;
CREATE MATERIALIZED VIEW mv AS SELECT 1 AS one WITH NO DATA;
COMMENT ON TABLE app.a IS 'テーブル';
COMMENT ON COLUMN b.v IS NULL;
CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x; $$;
CREATE TRIGGER t BEFORE INSERT ON b FOR EACH ROW EXECUTE FUNCTION f();
INSERT INTO b VALUES (1, 1);
COPY b FROM stdin;
1\t2
\\.
ALTER TABLE b RENAME COLUMN a_id TO a_ref;
DROP VIEW v;
"""

_TOKENS = re.findall(r"\s+|\w+|'[^']*'|\"[^\"]*\"|\$\$|\S", VALID)

_SQLISH = st.text(
    alphabet=st.sampled_from(list("abcdeCREATEtableINDEXviewNULLnot()[],;:'\"$-/*\\.0123456789 \n\t日本")),
    max_size=300,
)


def _read(text: str, strict: bool) -> None:
    notes = Notes()
    try:
        read_postgres(text, ReadOptions(source="fuzz.sql", strict=strict), notes)
    except InputError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.message
            assert problem.location is not None, problem
            assert problem.code != "reader-error", problem
    assert not [n for n in notes if n.code == "reader-error"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=200), _SQLISH), strict=st.booleans())
def test_random_text(text: str, strict: bool) -> None:
    _read(text, strict)


@st.composite
def _mutated(draw: st.DrawFn) -> str:
    tokens = list(_TOKENS)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(tokens) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert"]))
        if action == "delete":
            del tokens[i]
        elif action == "duplicate":
            tokens.insert(i, tokens[i])
        elif action == "swap":
            j = draw(st.integers(0, len(tokens) - 1))
            tokens[i], tokens[j] = tokens[j], tokens[i]
        else:
            tokens.insert(
                i,
                draw(
                    st.sampled_from(
                        [
                            "(",
                            ")",
                            ",",
                            ";",
                            "'",
                            '"',
                            "$$",
                            "--",
                            "/*",
                            "DEFAULT",
                            "CHECK",
                            "NOT",
                            "NULL",
                            "\\",
                        ]
                    )
                ),
            )
    return "".join(tokens)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_mutated(), strict=st.booleans())
def test_mutated_ddl(text: str, strict: bool) -> None:
    _read(text, strict)


def test_the_valid_ddl_reads() -> None:
    schema = read_postgres(VALID, ReadOptions(source="valid.sql"), Notes())
    assert set(schema.tables) == {"app.a", "b", "b1"}
