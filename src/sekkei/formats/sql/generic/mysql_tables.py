"""MySQL and MariaDB tables as their catalog reports them: character sets, collations, engine.

A script says ``DEFAULT CHARSET=utf8``, ``NVARCHAR(40)``, ``VARCHAR(40) BINARY`` or
``ENGINE=InnoDB``; the database it creates reports ``utf8mb3``, a varchar with the
utf8mb3 character set, the ``utf8mb3_bin`` collation and the default engine.  The
live reader records what the catalog says by the rules of
`typemap.mysql_character_set`; this pass records what a script says by the same
rules, once the whole script is read (a table's character set, which its columns
inherit, comes after them, and ALTER TABLE may change it).
"""

from __future__ import annotations

import re
from typing import Any

from sekkei.formats.sql.builder import Draft, SchemaBuilder
from sekkei.formats.sql.typemap import (
    collation_charset,
    mysql_character_set,
    mysql_charset,
    mysql_collation,
    write_type,
)
from sekkei.model.types import parse_type

#: Character sets whose default collation is ``<charset>_general_ci``.
_GENERAL_CI = ("armscii8 ascii cp1250 cp1251 cp1256 cp1257 cp850 cp852 cp866 geostd8 greek hebrew "
               "keybcs2 koi8r koi8u latin2 latin7 macce macroman ucs2 utf16 utf16le utf32 utf8mb3 "
               "utf8mb4").split()
_MARIADB_DEFAULTS = {
    **{charset: f"{charset}_general_ci" for charset in _GENERAL_CI},
    "big5": "big5_chinese_ci", "binary": "binary", "cp932": "cp932_japanese_ci",
    "dec8": "dec8_swedish_ci", "eucjpms": "eucjpms_japanese_ci", "euckr": "euckr_korean_ci",
    "gb2312": "gb2312_chinese_ci", "gbk": "gbk_chinese_ci", "hp8": "hp8_english_ci",
    "latin1": "latin1_swedish_ci", "latin5": "latin5_turkish_ci", "sjis": "sjis_japanese_ci",
    "swe7": "swe7_swedish_ci", "tis620": "tis620_thai_ci", "ujis": "ujis_japanese_ci",
}
#: The default collation of each character set (information_schema.COLLATIONS, IS_DEFAULT):
#: MariaDB 10.11 and MySQL 8, which differ for utf8mb4 and know gb18030.
DEFAULT_COLLATIONS: dict[str, dict[str, str]] = {
    "mariadb": _MARIADB_DEFAULTS,
    "mysql": {**_MARIADB_DEFAULTS, "utf8mb4": "utf8mb4_0900_ai_ci", "gb18030": "gb18030_chinese_ci"},
}

#: The engine every table gets when none is named: not part of a design.
DEFAULT_ENGINE = "innodb"
#: Engines as the catalog names them (a script may write them in any case, or by a synonym).
_ENGINES = {name.lower(): name for name in (
    "InnoDB", "MyISAM", "MEMORY", "Aria", "CSV", "ARCHIVE", "BLACKHOLE", "FEDERATED", "MRG_MyISAM",
    "CONNECT", "SPIDER", "ROCKSDB", "Columnstore", "S3", "SEQUENCE", "ndbcluster")}
_ENGINES |= {"heap": "MEMORY", "merge": "MRG_MyISAM", "mrg_myisam": "MRG_MyISAM", "ndb": "ndbcluster"}

#: ``NVARCHAR(n)``, ``NATIONAL CHARACTER VARYING(n)``, ``NCHAR(n)`` …: MySQL's national
#: types are CHAR and VARCHAR in utf8mb3 (group 1 is set for the varying ones).
_NATIONAL_RE = re.compile(
    r"^\s*(?:national\s+(?:char(?:acter)?(\s+varying)?|(varchar))|nchar(\s+var(?:char|ying))?|(nvarchar))"
    r"(?=\s*\(|\s*$|\s)", re.I)
#: The character set a national type stands for.
NATIONAL_CHARSET = "utf8mb3"
#: Attributes after a string type: BINARY (the charset's _bin collation), ASCII, UNICODE.
_ATTRIBUTE_RE = re.compile(r"\s+(binary|ascii|unicode)\s*$", re.I)
_ATTRIBUTE_CHARSETS = {"ascii": "latin1", "unicode": "ucs2"}
_STRING_TYPE_RE = re.compile(r"^\s*(?:(?:var)?char|(?:tiny|medium|long)?text)\b|^\s*(?:enum|set)\s*\(", re.I)

#: Marks a draft column written with the BINARY attribute until its table's charset is known.
BINARY_MARK = "_binary"


def string_type(type_text: str) -> tuple[str, str | None, bool]:
    """A MySQL string type without its national form and attributes.

    Returns (type text, character set it implies, whether BINARY was written):
    ``NVARCHAR(40)`` is ``VARCHAR(40)`` in utf8mb3, ``VARCHAR(40) BINARY`` is
    ``VARCHAR(40)`` with the binary collation of whatever its character set is.
    """
    charset: str | None = None
    binary = False
    national = _NATIONAL_RE.match(type_text)
    if national:
        varying = any(national.group(n) for n in (1, 2, 3, 4))
        type_text = ("VARCHAR" if varying else "CHAR") + type_text[national.end():]
        charset = NATIONAL_CHARSET
    while _STRING_TYPE_RE.match(type_text):
        attribute = _ATTRIBUTE_RE.search(type_text)
        if attribute is None:
            break
        word = attribute.group(1).lower()
        type_text = type_text[:attribute.start()]
        if word == "binary":
            binary = True
        else:
            charset = _ATTRIBUTE_CHARSETS[word]
    return type_text, charset, binary


def as_catalog_reports(builder: SchemaBuilder) -> None:
    """Record every table's character sets, collations and engine the way the catalog does."""
    defaults = DEFAULT_COLLATIONS.get(builder.dialect, _MARIADB_DEFAULTS)
    for draft in builder.tables.values():
        _table(builder, draft, defaults)


def _table(builder: SchemaBuilder, draft: Draft, defaults: dict[str, str]) -> None:
    declared = draft.get("charset"), draft.get("collation")
    charset = mysql_charset(declared[0]) or (collation_charset(declared[1]) if declared[1] else None)
    collation = mysql_collation(declared[1])
    _put(draft, mysql_character_set(charset, collation, defaults))
    for column in draft["columns"].values():
        _column(builder, draft, column, (charset, collation), defaults)
    _engine(draft)


def _column(builder: SchemaBuilder, draft: Draft, column: Draft,
            table: tuple[str | None, str | None], defaults: dict[str, str]) -> None:
    charset, collation = column.get("charset"), column.get("collation")
    if column.pop(BINARY_MARK, False) and collation is None:
        owner = mysql_charset(charset) or table[0]
        if owner is not None:
            collation = "binary" if owner == "binary" else f"{owner}_bin"
        else:  # the character set is the database's, unknown here: the attribute as written
            native = column.get("native", {}).get(builder.dialect) or _written(builder, column)
            column.setdefault("native", {})[builder.dialect] = f"{native} binary"
    if charset is None and collation is None:
        return
    _put(column, mysql_character_set(charset, collation, defaults, table))


def _written(builder: SchemaBuilder, column: Draft) -> str:
    """How the column's canonical type is written (a string type: never a declared name)."""
    return write_type(parse_type(column["type"]), builder.dialect).text


def _put(target: Draft, found: tuple[str | None, str | None]) -> None:
    for key, value in zip(("charset", "collation"), found, strict=True):
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value


def _engine(draft: Draft) -> None:
    options: dict[str, Any] = draft.get("options", {})
    mysql: dict[str, Any] = options.get("mysql", {})
    engine = mysql.get("engine")
    if isinstance(engine, str):
        if engine.lower() == DEFAULT_ENGINE:
            del mysql["engine"]
        else:
            mysql["engine"] = _ENGINES.get(engine.lower(), engine)
    row_format = mysql.get("row_format")
    if isinstance(row_format, str):
        mysql["row_format"] = row_format.upper()
    if "mysql" in options and not mysql:
        del options["mysql"]
    if "options" in draft and not options:
        del draft["options"]
