"""Reading a live MariaDB (or MySQL) database: exact types, defaults, keys and options."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sekkei.formats.live import dialect_of
from sekkei.model import (
    Check,
    ForeignKey,
    Generated,
    Identity,
    Index,
    IndexElement,
    PrimaryKey,
    Reference,
    SqlExpr,
    Unique,
)
from tests.helpers.db import catalog_counts, run_script
from tests.helpers.live import read

pytestmark = pytest.mark.integration


def same(found: tuple[object, ...], expected: list[object]) -> bool:
    """Equal as collections whose order carries no meaning (model objects do not hash)."""
    return len(found) == len(expected) and all(item in found for item in expected)


AUTHOR = """
CREATE TABLE author (
    id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name varchar(100) NOT NULL DEFAULT 'anon' COMMENT '名前',
    nick varchar(30) DEFAULT NULL,
    active tinyint(1) NOT NULL DEFAULT 1,
    flags tinyint unsigned NOT NULL DEFAULT 0,
    score bigint unsigned,
    kind enum('a','b''c') DEFAULT 'a',
    tags set('x','y') DEFAULT 'x,y',
    meta json,
    note longtext,
    born date DEFAULT '1970-01-01',
    created timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
    price decimal(10,2) DEFAULT 1.25,
    ratio double DEFAULT 0.5,
    base int,
    doubled int AS (base * 2) VIRTUAL,
    tripled int AS (base * 3) PERSISTENT,
    bio text,
    code char(8) CHARACTER SET ascii COLLATE ascii_bin,
    quote varchar(20) DEFAULT 'it''s',
    UNIQUE KEY uq_name (name),
    UNIQUE KEY nick (nick),
    KEY bio_prefix (bio(20)),
    KEY by_created (created DESC, name),
    FULLTEXT KEY ft_bio (bio),
    CONSTRAINT chk_price CHECK (price >= 0)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC COMMENT='著者';
"""


def test_author_columns(mysql_url: str) -> None:
    run_script(mysql_url, AUTHOR)
    schema, notes = read(mysql_url)
    assert schema.dialect == "mariadb"
    author = schema.tables["author"]
    columns = author.columns
    assert columns["id"].type == "integer unsigned"
    assert columns["id"].identity == Identity(generated="by_default")
    assert columns["id"].nullable is False
    assert columns["name"].type == "varchar(100)"
    assert columns["name"].default == "anon"
    assert columns["name"].comment == "名前"
    assert columns["nick"].default is None
    assert columns["active"].type == "boolean"
    assert columns["active"].default is True
    assert columns["flags"].type == "tinyint unsigned"
    assert columns["flags"].default == 0
    assert columns["score"].type == "bigint unsigned"
    assert columns["kind"].type == "enum('a','b''c')"
    assert columns["kind"].default == "a"
    assert columns["tags"].type == "set('x','y')"
    assert columns["tags"].default == "x,y"
    # MariaDB's json is a longtext with an automatic json_valid() check
    assert columns["meta"].type == "json"
    assert columns["meta"].collation is None
    assert columns["note"].type == "text"
    assert columns["note"].native == {"mariadb": "longtext"}
    assert columns["born"].default == "1970-01-01"
    assert columns["created"].type == "timestamptz"
    assert columns["created"].default == SqlExpr(sql="current_timestamp()")
    assert columns["created"].on_update == SqlExpr(sql="current_timestamp()")
    assert columns["price"].type == "numeric(10,2)"
    assert columns["price"].default == 1.25
    assert columns["ratio"].default == 0.5
    assert columns["doubled"].generated == Generated(sql="`base` * 2", stored=False)
    assert columns["tripled"].generated == Generated(sql="`base` * 3", stored=True)
    assert columns["code"].type == "char(8)"
    assert (columns["code"].charset, columns["code"].collation) == ("ascii", "ascii_bin")
    assert columns["bio"].collation is None
    assert columns["quote"].default == "it's"
    assert author.checks == (Check(name="chk_price", sql="`price` >= 0"),)
    assert author.primary_key == PrimaryKey(columns=("id",))
    assert author.comment == "著者"
    # the database's own character set and collation (the fixture's): inherited, not stated
    assert (author.charset, author.collation) == (None, None)
    # ROW_FORMAT is the family's option (kept under mysql, as the DDL readers do); InnoDB,
    # the default engine, is no part of the design
    assert author.options == {"mysql": {"row_format": "DYNAMIC"}}
    assert not notes.items


def test_keys_and_indexes(mysql_url: str) -> None:
    run_script(mysql_url, AUTHOR + """
        CREATE TABLE book (
            id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
            author_id int unsigned,
            co_author int unsigned,
            editor int unsigned,
            isbn varchar(20),
            CONSTRAINT fk_author FOREIGN KEY (author_id) REFERENCES author (id) ON DELETE SET NULL,
            FOREIGN KEY (co_author) REFERENCES author (id) ON UPDATE CASCADE,
            KEY by_editor (editor),
            CONSTRAINT fk_editor FOREIGN KEY (editor) REFERENCES author (id),
            CONSTRAINT isbn_prefix UNIQUE KEY (isbn(10))
        ) ENGINE=InnoDB;
    """)
    schema, _ = read(mysql_url)
    author = schema.tables["author"]
    # unique keys are uniques; their default names (the first column) are left out
    assert same(author.uniques, [Unique(name="uq_name", columns=("name",)), Unique(columns=("nick",))])
    assert same(author.indexes, [
        Index(name="bio_prefix", columns=(IndexElement(column="bio", length=20),)),
        Index(name="by_created", columns=(IndexElement(column="created", order="desc"), "name")),
        Index(name="ft_bio", columns=("bio",), kind="fulltext"),
    ])
    book = schema.tables["book"]
    assert same(book.foreign_keys, [
        ForeignKey(name="fk_author", columns=("author_id",),
                   references=Reference(table="author", columns=("id",)), on_delete="set null"),
        ForeignKey(columns=("co_author",), references=Reference(table="author", columns=("id",)),
                   on_update="cascade"),
        ForeignKey(name="fk_editor", columns=("editor",),
                   references=Reference(table="author", columns=("id",))),
    ])
    # the key MariaDB made for fk_author (same name, same columns) is the foreign key's;
    # by_editor was written by hand; co_author's implicit key cannot be told from a
    # hand-written KEY (co_author), so it stays, as the database's own count has it
    # a unique key on a prefix cannot be a unique constraint: it is a unique index
    assert same(book.indexes, [
        Index(name="by_editor", columns=("editor",)),
        Index(columns=("co_author",)),
        Index(name="isbn_prefix", columns=(IndexElement(column="isbn", length=10),), unique=True),
    ])
    assert book.uniques == ()
    counts = catalog_counts(mysql_url)
    got = schema.counts()
    assert (got["tables"], got["columns"], got["foreign_keys"]) == (
        counts.tables, counts.columns, counts.foreign_keys)
    non_unique = sum(1 for t in schema.tables.values() for i in t.indexes if not i.unique)
    assert non_unique == counts.indexes


def test_checks_named_and_unnamed(mysql_url: str) -> None:
    run_script(mysql_url, """
        CREATE TABLE stock (
            qty int CHECK (qty >= 0),
            low int,
            high int,
            doc json,
            CHECK (low < high),
            CONSTRAINT sane CHECK (high < 1000)
        );
    """)
    schema, _ = read(mysql_url)
    stock = schema.tables["stock"]
    assert same(stock.checks, [Check(sql="`qty` >= 0"), Check(sql="`low` < `high`"),
                               Check(name="sane", sql="`high` < 1000")])
    assert stock.columns["doc"].type == "json"


def test_views_triggers_routines(mysql_url: str) -> None:
    run_script(mysql_url, AUTHOR + """
        CREATE VIEW active_authors AS SELECT id, name FROM author WHERE active = 1;
        CREATE VIEW checked AS SELECT id, name FROM author WHERE active = 1 WITH CASCADED CHECK OPTION;
CREATE TRIGGER author_bi BEFORE INSERT ON author FOR EACH ROW SET NEW.name = TRIM(NEW.name);
DELIMITER //
CREATE FUNCTION twice(x int) RETURNS int DETERMINISTIC RETURN x * 2//
CREATE PROCEDURE touch_all() BEGIN UPDATE author SET active = active; END//
DELIMITER ;
""")
    schema, _ = read(mysql_url)
    assert schema.views["active_authors"].sql == (
        "select `author`.`id` AS `id`,`author`.`name` AS `name` from `author` where `author`.`active` = 1")
    assert schema.views["checked"].check_option == "cascaded"
    assert not schema.views["checked"].sql.lower().endswith("check option")
    trigger = schema.tables["author"].triggers[0]
    assert trigger.name == "author_bi"
    # as written, without the DEFINER (an account, not part of the design)
    assert trigger.sql == ("CREATE TRIGGER author_bi BEFORE INSERT ON author FOR EACH ROW "
                           "SET NEW.name = TRIM(NEW.name)")
    routines = {r.name: r for r in schema.routines}
    assert routines["twice"].kind == "function"
    assert routines["twice"].sql.startswith("CREATE FUNCTION `twice`(x int) RETURNS int")
    assert "DEFINER" not in routines["twice"].sql
    assert routines["touch_all"].kind == "procedure"


def test_other_engine_and_partitions(mysql_url: str) -> None:
    run_script(mysql_url, """
        CREATE TABLE archive (id int PRIMARY KEY, body text) ENGINE=MyISAM DEFAULT CHARSET=latin1;
        CREATE TABLE event (id int NOT NULL, day date NOT NULL, PRIMARY KEY (id, day))
            PARTITION BY RANGE (year(day)) (PARTITION p2023 VALUES LESS THAN (2024),
                                            PARTITION pmax VALUES LESS THAN MAXVALUE);
    """)
    schema, _ = read(mysql_url)
    archive = schema.tables["archive"]
    assert archive.options == {"mysql": {"engine": "MyISAM"}}
    # latin1_swedish_ci is latin1's default collation: the character set says it
    assert (archive.charset, archive.collation) == ("latin1", None)
    assert archive.columns["body"].collation is None
    assert schema.tables["event"].partition_by == "RANGE (year(`day`))"


CHARSETS = """
CREATE TABLE plain (a varchar(10), b varchar(10) COLLATE utf8mb4_bin,
                    c varchar(10) CHARACTER SET utf8mb4, d varchar(10) CHARACTER SET latin1,
                    e varchar(10) CHARACTER SET latin1 COLLATE latin1_bin,
                    f nvarchar(10), g varchar(10) BINARY, n int);
CREATE TABLE old (a varchar(10), b varchar(10) CHARACTER SET utf8mb4,
                  c varchar(40) BINARY, d nchar(2)) DEFAULT CHARSET=utf8;
CREATE TABLE sorted (a varchar(10)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE general (a varchar(10)) DEFAULT CHARSET=utf8mb4;
"""


def test_character_sets_and_collations(mysql_url: str) -> None:
    """Only what is not inherited: the database's defaults by a table, the table's by a
    column, a character set's default collation by whatever names the character set."""
    run_script(mysql_url, CHARSETS)
    schema, notes = read(mysql_url)
    assert not notes.items

    def charsets(table: str) -> dict[str, tuple[str | None, str | None]]:
        return {c.name: (c.charset, c.collation) for c in schema.tables[table].columns.values()}

    tables = {t.name: (t.charset, t.collation) for t in schema.tables.values()}
    # the fixture's database is utf8mb4 / utf8mb4_unicode_ci
    assert tables == {"plain": (None, None), "old": ("utf8mb3", None), "sorted": ("utf8mb4", "utf8mb4_bin"),
                      "general": ("utf8mb4", None)}
    assert charsets("plain") == {
        "a": (None, None), "b": (None, "utf8mb4_bin"), "c": ("utf8mb4", None), "d": ("latin1", None),
        "e": ("latin1", "latin1_bin"), "f": ("utf8mb3", None), "g": (None, "utf8mb4_bin"), "n": (None, None)}
    assert charsets("old") == {"a": (None, None), "b": ("utf8mb4", None), "c": (None, "utf8mb3_bin"),
                               "d": (None, None)}
    assert schema.tables["plain"].columns["f"].type == "varchar(10)"
    assert schema.tables["plain"].columns["f"].native == {}


def test_catalog_spelling_of_native_types(mysql_url: str) -> None:
    """Native spellings are the catalog's, as the DDL reader records them (`tidy_native`)."""
    run_script(mysql_url, "CREATE TABLE t (y YEAR, m MEDIUMINT(8), z INT(5) ZEROFILL, b MEDIUMBLOB, "
                          "f FLOAT(7,4), d DECIMAL, bit1 BIT) ENGINE=InnoDB")
    columns = read(mysql_url)[0].tables["t"].columns
    assert {name: (c.type, c.native) for name, c in columns.items()} == {
        "y": ("smallint", {"mariadb": "year"}), "m": ("integer", {"mariadb": "mediumint"}),
        "z": ("integer unsigned", {"mariadb": "int(5) unsigned zerofill"}),
        "b": ("bytes", {"mariadb": "mediumblob"}), "f": ("real", {"mariadb": "float(7,4)"}),
        "d": ("numeric(10,0)", {}), "bit1": ("bit(1)", {})}


def test_dialect_of(mysql_url: str) -> None:
    engine = sa.create_engine(mysql_url)
    try:
        assert dialect_of(engine) == "mariadb"
    finally:
        engine.dispose()
