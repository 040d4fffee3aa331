"""The DDL reader on MySQL and MariaDB scripts: tables, keys, indexes, ALTER, dumps and notes."""

from __future__ import annotations

from sekkei.formats.base import ReadOptions
from sekkei.formats.sql.generic import read_generic
from sekkei.formats.sql.typemap import mysql_character_set, tidy_native
from sekkei.model.diagnostics import Notes, Severity
from sekkei.model.location import Location
from sekkei.model.schema import Identity, IndexElement, Schema, SqlExpr


def read(sql: str, dialect: str = "mysql", *, strict: bool = True) -> tuple[Schema, Notes]:
    notes = Notes()
    return read_generic(sql, ReadOptions(source="t.sql", strict=strict), notes, dialect), notes


FILM = """\
CREATE TABLE IF NOT EXISTS `film` (
  film_id INT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'the key',
  title VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  flag TINYINT(1) NOT NULL DEFAULT '1',
  small TINYINT(1) UNSIGNED DEFAULT 0,
  active BOOL DEFAULT TRUE,
  rating ENUM('G','PG','PG-13') DEFAULT 'G',
  features SET('Trailers','Commentaries') DEFAULT NULL,
  price DECIMAL(5,2) DEFAULT 4.99,
  created DATETIME DEFAULT CURRENT_TIMESTAMP,
  updated TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  starts DATE DEFAULT (curdate()),
  doubled INT AS (film_id * 2) STORED,
  label VARCHAR(20) GENERATED ALWAYS AS (concat(title, '!')) VIRTUAL,
  PRIMARY KEY (film_id),
  UNIQUE KEY uk_title (title),
  UNIQUE (flag, small),
  KEY idx_title (title(10) DESC, rating) USING BTREE,
  INDEX ((lower(title))),
  FULLTEXT KEY ft_title (title),
  CONSTRAINT chk_price CHECK (price >= 0)
) ENGINE=InnoDB AUTO_INCREMENT=1001 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Films' ROW_FORMAT=DYNAMIC;
"""


def test_columns_keep_their_mysql_spelling() -> None:
    schema, _ = read(FILM)
    film = schema.tables["film"]
    cols = film.columns
    assert cols["film_id"].type == "integer unsigned"
    assert cols["film_id"].identity == Identity(generated="by_default")
    assert cols["film_id"].nullable is False
    assert cols["film_id"].comment == "the key"
    # the table's character set is not repeated on the column; its own collation is kept
    assert cols["title"].charset is None and cols["title"].collation == "utf8mb4_bin"
    assert cols["flag"].type == "boolean" and cols["flag"].default is True
    assert cols["small"].type == "tinyint unsigned"  # TINYINT(1) UNSIGNED is no boolean
    assert cols["active"].type == "boolean" and cols["active"].default is True
    assert cols["rating"].type == "enum('G','PG','PG-13')" and cols["rating"].default == "G"
    assert cols["features"].type == "set('Trailers','Commentaries')" and cols["features"].default is None
    assert cols["price"].type == "numeric(5,2)" and cols["price"].default == 4.99
    assert cols["created"].default == SqlExpr(sql="CURRENT_TIMESTAMP")
    assert cols["updated"].on_update == SqlExpr(sql="CURRENT_TIMESTAMP")
    assert cols["starts"].default == SqlExpr(sql="(curdate())")
    assert cols["doubled"].generated is not None
    assert cols["doubled"].generated.sql == "film_id * 2" and cols["doubled"].generated.stored
    assert cols["label"].generated is not None
    assert cols["label"].generated.sql == "concat(title, '!')" and not cols["label"].generated.stored


def test_keys_and_indexes_follow_the_catalog() -> None:
    film = read(FILM)[0].tables["film"]
    assert film.primary_key is not None and film.primary_key.columns == ("film_id",)
    assert [(u.name, u.columns) for u in film.uniques] == [("uk_title", ("title",)), (None, ("flag", "small"))]
    by_name = {i.name: i for i in film.indexes}
    assert by_name["idx_title"].columns == (IndexElement(column="title", length=10, order="desc"), "rating")
    assert by_name["idx_title"].method == "btree"
    assert by_name[None].columns == (IndexElement(sql="lower(title)"),)
    assert by_name["ft_title"].kind == "fulltext"
    assert [(c.name, c.sql) for c in film.checks] == [("chk_price", "price >= 0")]


def test_table_options() -> None:
    film = read(FILM)[0].tables["film"]
    assert film.options == {"mysql": {"row_format": "DYNAMIC"}}  # InnoDB is the default engine
    assert film.charset == "utf8mb4" and film.collation == "utf8mb4_unicode_ci"
    assert film.comment == "Films"


def test_locations_point_at_the_source() -> None:
    film = read(FILM)[0].tables["film"]
    assert film.loc == Location("t.sql", 1, 28)  # at its name
    assert film.columns["title"].loc == Location("t.sql", 3, 3)
    assert film.checks[0].loc == Location("t.sql", 21, 3)


FKS = """\
CREATE TABLE country (id INT PRIMARY KEY);
CREATE TABLE city (
  id INT NOT NULL,
  country_id INT NOT NULL,
  capital_of INT REFERENCES country (id),
  PRIMARY KEY (id),
  KEY fk_city_country (country_id),
  CONSTRAINT fk_city_country FOREIGN KEY (country_id) REFERENCES country (id)
    ON DELETE RESTRICT ON UPDATE CASCADE,
  FOREIGN KEY (id) REFERENCES country (id) ON DELETE SET NULL
);
"""


def test_foreign_keys_and_the_index_mysql_makes_for_them() -> None:
    schema, notes = read(FKS)
    city = schema.tables["city"]
    # RESTRICT is NO ACTION by another name in MySQL (SHOW CREATE TABLE leaves it out)
    assert [(f.name, f.columns, f.on_delete, f.on_update) for f in city.foreign_keys] == [
        ("fk_city_country", ("country_id",), None, "cascade"), (None, ("id",), "set null", None)]
    assert city.indexes == ()  # KEY fk_city_country only backs the foreign key (as SHOW CREATE TABLE writes it)
    # MySQL parses and ignores a REFERENCES written on a column
    assert any(n.code == "inline-reference-ignored" for n in notes)


def test_mariadb_honours_column_references() -> None:
    city = read(FKS, "mariadb")[0].tables["city"]
    assert ("capital_of",) in [f.columns for f in city.foreign_keys]


def test_foreign_key_index_name() -> None:
    sql = "CREATE TABLE p (id INT PRIMARY KEY);\nCREATE TABLE c (a INT, FOREIGN KEY fk_a (a) REFERENCES p (id));"
    assert read(sql, "mariadb")[0].tables["c"].foreign_keys[0].name == "fk_a"  # MariaDB names it so
    assert read(sql, "mysql")[0].tables["c"].foreign_keys[0].name is None  # MySQL 8.0.16+ ignores it


def test_alter_table_actions() -> None:
    sql = """\
CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(10), email VARCHAR(50), old INT);
CREATE TABLE r (id INT PRIMARY KEY, t_name VARCHAR(10));
ALTER TABLE t
  ADD COLUMN phone VARCHAR(20) AFTER id,
  ADD COLUMN first_col INT FIRST,
  ADD INDEX idx_email (email),
  ADD UNIQUE KEY uk_name (name),
  MODIFY COLUMN email VARCHAR(100) NOT NULL,
  DROP COLUMN old,
  ENGINE=MyISAM,
  COMMENT='people';
ALTER TABLE t CHANGE COLUMN name full_name VARCHAR(20) NOT NULL;
ALTER TABLE r ADD CONSTRAINT fk_r FOREIGN KEY (t_name) REFERENCES t (full_name);
ALTER TABLE t RENAME INDEX idx_email TO idx_mail;
ALTER TABLE t ALTER COLUMN phone SET DEFAULT 'none';
ALTER TABLE t ADD INDEX idx_phone (phone), DROP INDEX idx_mail;
ALTER TABLE t RENAME COLUMN phone TO mobile;
RENAME TABLE t TO people;
"""
    schema, _ = read(sql)
    people = schema.tables["people"]
    assert list(people.columns) == ["first_col", "id", "mobile", "full_name", "email"]
    assert people.columns["email"].type == "varchar(100)" and people.columns["email"].nullable is False
    assert people.columns["mobile"].default == "none"
    assert [u.name for u in people.uniques] == ["uk_name"]
    assert people.uniques[0].columns == ("full_name",)
    assert [(i.name, i.columns) for i in people.indexes] == [("idx_phone", ("mobile",))]
    assert people.options["mysql"]["engine"] == "MyISAM" and people.comment == "people"
    fk = schema.tables["r"].foreign_keys[0]
    assert fk.references.table == "people" and fk.references.columns == ("full_name",)


def test_alter_drops() -> None:
    sql = """\
CREATE TABLE p (id INT PRIMARY KEY);
CREATE TABLE t (id INT, a INT, b INT, KEY ab (a, b), CONSTRAINT fk FOREIGN KEY (a) REFERENCES p (id),
  CONSTRAINT c1 CHECK (a > 0));
ALTER TABLE t DROP FOREIGN KEY fk, DROP CHECK c1, DROP COLUMN b, ADD PRIMARY KEY (id);
ALTER TABLE t DROP PRIMARY KEY;
"""
    t = read(sql)[0].tables["t"]
    assert t.foreign_keys == () and t.checks == () and t.primary_key is None
    assert [i.columns for i in t.indexes] == [("a",)]  # b left the index with its column


def test_create_index_statements() -> None:
    sql = """\
CREATE TABLE t (a VARCHAR(50), b INT, c INT);
CREATE INDEX ix_a ON t (a(8));
CREATE UNIQUE INDEX ux_b ON t (b) USING HASH;
CREATE INDEX ix_expr ON t ((b + c) DESC);
CREATE FULLTEXT INDEX ft ON t (a);
"""
    t = read(sql)[0].tables["t"]
    assert [u.name for u in t.uniques] == ["ux_b"]  # MySQL cannot tell it from UNIQUE KEY
    by_name = {i.name: i for i in t.indexes}
    assert by_name["ix_a"].columns == (IndexElement(column="a", length=8),)
    assert by_name["ix_expr"].columns == (IndexElement(sql="b + c", order="desc"),)
    assert by_name["ft"].kind == "fulltext"


def test_views_keep_their_original_text() -> None:
    sql = ("CREATE TABLE t (a INT);\nCREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER "
           "VIEW v (x) AS SELECT IF(a, _utf8'yes', 'no') AS x FROM t WITH CASCADED CHECK OPTION;")
    view = read(sql)[0].views["v"]
    assert view.sql == "SELECT IF(a, _utf8'yes', 'no') AS x FROM t"
    assert view.columns == ("x",) and view.check_option == "cascaded"


def test_triggers_and_routines_with_delimiters() -> None:
    sql = """\
CREATE TABLE film (id INT);
DELIMITER ;;
CREATE DEFINER=`root`@`%` TRIGGER `ins_film` AFTER INSERT ON `film` FOR EACH ROW BEGIN
  INSERT INTO log VALUES (new.id);
END;;
DELIMITER ;
DELIMITER $$
CREATE FUNCTION balance(p INT) RETURNS INT DETERMINISTIC
BEGIN
  RETURN p + 1;
END $$
CREATE PROCEDURE report() BEGIN SELECT 1; END $$
DELIMITER ;
"""
    schema, _ = read(sql)
    [trigger] = schema.tables["film"].triggers
    assert trigger.name == "ins_film" and trigger.sql.endswith("END")
    assert [(r.name, r.kind) for r in schema.routines] == [("balance", "function"), ("report", "procedure")]
    assert schema.routines[0].sql.startswith("CREATE FUNCTION balance")


MYSQLDUMP = """\
-- MySQL dump 10.13
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
DROP TABLE IF EXISTS `actor`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `actor` (
  `actor_id` smallint unsigned NOT NULL AUTO_INCREMENT,
  `last_name` varchar(45) NOT NULL,
  PRIMARY KEY (`actor_id`)
) ENGINE=InnoDB AUTO_INCREMENT=201 DEFAULT CHARSET=utf8mb4 /*!50100 COMMENT='people' */;
LOCK TABLES `actor` WRITE;
/*!40000 ALTER TABLE `actor` DISABLE KEYS */;
INSERT INTO `actor` VALUES (1,'GUINESS'),(2,'WAHLBERG');
INSERT INTO `actor` VALUES (3,'CHASE');
INSERT INTO `actor` VALUES (4,'DAVIS');
/*!40000 ALTER TABLE `actor` ENABLE KEYS */;
UNLOCK TABLES;
/*!50001 CREATE ALGORITHM=UNDEFINED */
/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */
/*!50001 VIEW `actor_names` AS select `actor`.`last_name` AS `last_name` from `actor` */;
"""


def test_mysqldump_reads_and_skipped_statements_are_counted_once_per_kind() -> None:
    schema, notes = read(MYSQLDUMP)
    actor = schema.tables["actor"]
    assert actor.comment == "people"  # from inside an executable comment
    assert actor.columns["actor_id"].type == "smallint unsigned"
    assert schema.views["actor_names"].sql == "select `actor`.`last_name` AS `last_name` from `actor`"
    messages = [n.message for n in notes if n.code == "statement-skipped"]
    assert "skipped 3 INSERT statements (data, not schema)" in messages
    assert "skipped 3 SET statements (session or tool setting, not schema)" in messages
    assert "skipped 1 LOCK statement (session or tool setting, not schema)" in messages
    assert any(m.startswith("skipped 1 DROP TABLE statement") for m in messages)
    assert all(n.severity is Severity.INFO for n in notes)


def test_drop_create_and_if_not_exists() -> None:
    sql = """\
CREATE TABLE a (x INT);
CREATE TABLE IF NOT EXISTS a (y INT);
DROP TABLE a;
CREATE TABLE a (z INT);
CREATE TABLE b LIKE a;
"""
    schema, _ = read(sql)
    assert list(schema.tables["a"].columns) == ["z"]
    assert list(schema.tables["b"].columns) == ["z"]


def test_names_keep_their_case() -> None:
    schema, _ = read("CREATE TABLE `Album` (`AlbumId` INT, Title VARCHAR(10));")
    assert list(schema.tables) == ["Album"]
    assert list(schema.tables["Album"].columns) == ["AlbumId", "Title"]


def test_create_schema_and_use_are_session_statements() -> None:
    schema, notes = read("CREATE SCHEMA sakila;\nUSE sakila;\nCREATE TABLE t (a INT);")
    assert list(schema.tables) == ["t"] and not schema.namespaces
    assert {n.message for n in notes} >= {
        "skipped 1 CREATE SCHEMA statement (server or database object, not part of a schema design)",
        "skipped 1 USE statement (session or tool setting, not schema)"}


def test_drops_remove_what_the_script_created_before() -> None:
    sql = """\
CREATE TABLE t (a INT, b INT, KEY ix (b));
CREATE VIEW v AS SELECT a FROM t;
CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1;
CREATE PROCEDURE p() SELECT 1;
DROP INDEX ix ON t;
DROP VIEW IF EXISTS v, missing_view;
DROP TRIGGER tr;
DROP PROCEDURE IF EXISTS p;
"""
    schema, _ = read(sql)
    t = schema.tables["t"]
    assert t.indexes == () and t.triggers == ()
    assert not schema.views and not schema.routines


def test_statements_that_are_not_read() -> None:
    sql = ("CREATE TABLE a (x INT);\nCREATE TABLE a (y INT);\n")
    schema, notes = read(sql, strict=False)
    assert list(schema.tables["a"].columns) == ["x"]  # the database refuses the second one
    assert [n.code for n in notes] == ["duplicate"]
    schema, notes = read("CREATE TABLE c AS SELECT 1 AS one;\nRENAME USER a TO b;")
    assert not schema.tables
    assert [n.code for n in notes] == ["table-not-read", "statement-skipped"]


# -- as the catalog reports it: character sets, collations, engines, native spellings ----


def test_national_types_are_char_and_varchar_in_utf8mb3() -> None:
    schema, _ = read("""
        CREATE TABLE t (a NVARCHAR(10), b NCHAR(3), c NATIONAL VARCHAR(5),
                        d NATIONAL CHARACTER VARYING(4), e NCHAR VARCHAR(2), f NATIONAL CHAR(2),
                        g NCHAR);
        CREATE TABLE u (a NVARCHAR(10) NOT NULL) DEFAULT CHARSET=utf8;
    """, "mariadb")
    columns = schema.tables["t"].columns
    assert {name: (c.type, c.charset, c.native) for name, c in columns.items()} == {
        "a": ("varchar(10)", "utf8mb3", {}), "b": ("char(3)", "utf8mb3", {}),
        "c": ("varchar(5)", "utf8mb3", {}), "d": ("varchar(4)", "utf8mb3", {}),
        "e": ("varchar(2)", "utf8mb3", {}), "f": ("char(2)", "utf8mb3", {}),
        "g": ("char(1)", "utf8mb3", {})}
    # the table's own character set: nothing to say on the column
    column = schema.tables["u"].columns["a"]
    assert (column.type, column.charset, column.nullable) == ("varchar(10)", None, False)


def test_binary_attribute_is_the_binary_collation() -> None:
    schema, _ = read("""
        CREATE TABLE t (a VARCHAR(40) BINARY DEFAULT NULL, b VARCHAR(5) BINARY CHARACTER SET latin1,
                        c CHAR(10) CHARACTER SET latin1 BINARY, d TEXT BINARY) DEFAULT CHARSET=utf8;
        CREATE TABLE u (a VARCHAR(40) BINARY);
    """, "mariadb")
    columns = schema.tables["t"].columns
    assert {name: (c.type, c.charset, c.collation, c.native) for name, c in columns.items()} == {
        "a": ("varchar(40)", None, "utf8mb3_bin", {}), "b": ("varchar(5)", "latin1", "latin1_bin", {}),
        "c": ("char(10)", "latin1", "latin1_bin", {}), "d": ("text", None, "utf8mb3_bin", {})}
    # the character set is the database's, not known here: the attribute is kept as written
    column = schema.tables["u"].columns["a"]
    assert (column.collation, column.native) == (None, {"mariadb": "varchar(40) binary"})


def test_character_sets_and_collations_as_the_catalog_names_them() -> None:
    sql = """
        CREATE TABLE a (x VARCHAR(5)) DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;
        CREATE TABLE b (x VARCHAR(5)) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
        CREATE TABLE c (x VARCHAR(5)) COLLATE=latin1_bin;
        CREATE TABLE d (x VARCHAR(5) CHARACTER SET utf8mb4, y VARCHAR(5) COLLATE utf8mb4_unicode_ci,
                        z VARCHAR(5) CHARACTER SET latin1 COLLATE latin1_swedish_ci,
                        w VARCHAR(5) COLLATE utf8mb4_general_ci)
            DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
        CREATE TABLE e (x VARCHAR(5) CHARACTER SET utf8, y VARCHAR(5) COLLATE utf8mb4_bin);
    """
    mariadb = read(sql, "mariadb")[0].tables
    assert {k: (t.charset, t.collation) for k, t in mariadb.items()} == {
        "a": ("utf8mb3", None), "b": ("utf8mb4", None), "c": ("latin1", "latin1_bin"),
        "d": ("utf8mb4", "utf8mb4_unicode_ci"), "e": (None, None)}
    d = {k: (c.charset, c.collation) for k, c in mariadb["d"].columns.items()}
    # x names the character set alone, so it gets its default collation, not the table's
    assert d == {"x": ("utf8mb4", None), "y": (None, None), "z": ("latin1", None),
                 "w": ("utf8mb4", None)}
    # with nothing known of the table, what the column says is what it is
    e = {k: (c.charset, c.collation) for k, c in mariadb["e"].columns.items()}
    assert e == {"x": ("utf8mb3", None), "y": (None, "utf8mb4_bin")}
    # MySQL 8's utf8mb4 default collation is another one
    mysql = read(sql, "mysql")[0].tables
    assert (mysql["b"].charset, mysql["b"].collation) == ("utf8mb4", "utf8mb4_general_ci")


def test_default_engine_is_no_part_of_the_design() -> None:
    tables = read("""
        CREATE TABLE a (x INT) ENGINE=InnoDB;
        CREATE TABLE b (x INT) ENGINE=innodb ROW_FORMAT=compact;
        CREATE TABLE c (x INT) ENGINE=myisam;
        CREATE TABLE d (x INT) TYPE=HEAP;
    """, "mariadb")[0].tables
    assert {k: t.options for k, t in tables.items()} == {
        "a": {}, "b": {"mysql": {"row_format": "COMPACT"}}, "c": {"mysql": {"engine": "MyISAM"}},
        "d": {"mysql": {"engine": "MEMORY"}}}


def test_primary_key_names_are_the_databases() -> None:
    table = read("CREATE TABLE t (id INT, CONSTRAINT PK_t PRIMARY KEY (id));", "mariadb")[0].tables["t"]
    assert table.primary_key is not None and table.primary_key.name is None


def test_native_spellings_are_the_catalogs() -> None:
    columns = read("""CREATE TABLE t (y YEAR, y4 YEAR(4), m MEDIUMINT(8) SIGNED, z INT(5) ZEROFILL,
                                      b MEDIUMBLOB, f FLOAT(7, 4), d DECIMAL, p DEC(6), bit1 BIT,
                                      l LONG VARCHAR, i INT(11))""", "mariadb")[0].tables["t"].columns
    assert {name: (c.type, c.native.get("mariadb")) for name, c in columns.items()} == {
        "y": ("smallint", "year"), "y4": ("smallint", "year"), "m": ("integer", "mediumint"),
        "z": ("integer unsigned", "int(5) unsigned zerofill"), "b": ("bytes", "mediumblob"),
        "f": ("real", "float(7,4)"), "d": ("numeric(10,0)", None), "p": ("numeric(6,0)", None),
        "bit1": ("bit(1)", None), "l": ("text", "mediumtext"), "i": ("integer", None)}


def test_tidy_native() -> None:
    cases = {
        "YEAR": "year", "year(4)": "year", "YEAR(2)": "year(2)", "MEDIUMBLOB": "mediumblob",
        "INT(11) UNSIGNED": "int unsigned", "TINYINT(1)": "tinyint(1)", "BOOL": "tinyint(1)",
        "int(5) zerofill": "int(5) unsigned zerofill", "DOUBLE (10, 2)": "double(10,2)",
        "ENUM('A', 'b  C')": "enum('A','b  C')", "MEDIUMINT(8) SIGNED": "mediumint",
        "Double   Precision": "double", "Char Varying(3)": "varchar(3)", "INT3": "mediumint",
    }
    assert {text: tidy_native(text, "mariadb") for text in cases} == cases
    assert tidy_native("VARCHAR(3)", "postgres") == "VARCHAR(3)"  # other families: as written


def test_mysql_character_set_rules() -> None:
    defaults = {"utf8mb4": "utf8mb4_general_ci", "utf8mb3": "utf8mb3_general_ci", "latin1": "latin1_swedish_ci"}
    table = ("utf8mb4", "utf8mb4_unicode_ci")
    assert mysql_character_set("utf8mb4", "utf8mb4_unicode_ci", defaults, table) == (None, None)
    assert mysql_character_set("utf8mb4", "utf8mb4_bin", defaults, table) == (None, "utf8mb4_bin")
    assert mysql_character_set("utf8mb4", "utf8mb4_general_ci", defaults, table) == ("utf8mb4", None)
    assert mysql_character_set("utf8", "utf8_general_ci", defaults, table) == ("utf8mb3", None)
    assert mysql_character_set(None, "latin1_bin", defaults, table) == ("latin1", "latin1_bin")
    assert mysql_character_set(None, "latin1_bin", defaults) == (None, "latin1_bin")
    assert mysql_character_set("latin1", "latin1_swedish_ci", defaults) == ("latin1", None)
    assert mysql_character_set(None, None, defaults, table) == (None, None)


def test_a_primary_key_on_a_text_prefix_is_reported_not_dropped_silently() -> None:
    schema, notes = read("CREATE TABLE t (k TEXT NOT NULL, PRIMARY KEY (k(10)));")
    assert schema.tables["t"].primary_key is not None
    assert [n.code for n in notes if n.severity is Severity.WARNING] == ["prefix-length-dropped"]
    assert "k(10)" in next(n.message for n in notes if n.code == "prefix-length-dropped")
