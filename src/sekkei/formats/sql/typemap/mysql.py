"""MySQL and MariaDB: the catalog's spelling of native types, and character sets."""

from __future__ import annotations

import re
from collections.abc import Mapping

from sekkei.model.dialects import family

# MySQL and MariaDB: the catalog's spelling of a native type, character sets
#
# A DDL file and the catalog (information_schema.COLUMNS.COLUMN_TYPE) spell the same
# type differently: ``MEDIUMBLOB`` / ``mediumblob``, ``YEAR`` / ``year(4)``,
# ``MEDIUMINT(8)`` / ``mediumint``.  Native spellings are recorded the catalog's way so
# that a design read from a file and the database it creates are the same model.

_MY_NATIVE_PIECES = re.compile(r"'(?:[^'\\]|\\.|'')*'|\"(?:[^\"\\]|\\.|\"\")*\"|`(?:[^`]|``)*`|[^'\"`]+")
_MY_INTEGER_WIDTH = re.compile(r"^(tinyint|smallint|mediumint|int|bigint)\((\d+)\)")
#: Other names MySQL accepts for a type, and the name its catalog reports.
_MY_CATALOG_NAMES = {
    "integer": "int",
    "int1": "tinyint",
    "int2": "smallint",
    "int3": "mediumint",
    "middleint": "mediumint",
    "int4": "int",
    "int8": "bigint",
    "dec": "decimal",
    "numeric": "decimal",
    "fixed": "decimal",
    "double precision": "double",
    "character varying": "varchar",
    "char varying": "varchar",
    "character": "char",
    "long varbinary": "mediumblob",
    "long varchar": "mediumtext",
    "long": "mediumtext",
    "bool": "tinyint(1)",
    "boolean": "tinyint(1)",
}
_MY_NAME_RE = re.compile(
    r"^("
    + "|".join(sorted((re.escape(k) for k in _MY_CATALOG_NAMES), key=len, reverse=True))
    + r")(?=$|[ (])"
)


def tidy_native(text: str, dialect: str) -> str:
    """A native type as the database's catalog spells it (MySQL family; others unchanged).

    Lower case outside quotes, single spaces, no spaces around parentheses and
    commas, the catalog's name for synonyms, no integer display width (MySQL 8
    shows none; MariaDB's is cosmetic) except ``tinyint(1)`` and with ZEROFILL,
    where it means something, and ``year`` for ``year(4)``.
    """
    if family(dialect) != "mysql":
        return text
    pieces: list[str] = []
    for piece in _MY_NATIVE_PIECES.findall(text.strip()):
        if piece[0] in "'\"`":
            pieces.append(piece)
            continue
        piece = " ".join(piece.lower().split())
        piece = re.sub(r"\s*([(),])\s*", r"\1", piece)
        piece = re.sub(r"\)(?=\w)", ") ", piece)
        pieces.append(piece)
    tidy = "".join(pieces)
    tidy = re.sub(r"(^| )signed\b", "", tidy).strip()
    tidy = _MY_NAME_RE.sub(lambda m: _MY_CATALOG_NAMES[m.group(1)], tidy, count=1)
    if re.search(r"\bzerofill\b", tidy) and not re.search(r"\bunsigned\b", tidy):
        tidy = re.sub(r"\bzerofill\b", "unsigned zerofill", tidy, count=1)
    width = _MY_INTEGER_WIDTH.match(tidy)
    if width and not (width.group(1) == "tinyint" and width.group(2) == "1") and "zerofill" not in tidy:
        tidy = width.group(1) + tidy[width.end() :]
    if re.match(r"^year\(4\)(?= |$)", tidy):
        tidy = "year" + tidy[len("year(4)") :]
    return tidy


#: Character set names MySQL and MariaDB accept but report under another name.
_MY_CHARSET_ALIASES = {"utf8": "utf8mb3"}


def mysql_charset(name: str | None) -> str | None:
    """A character set as the catalog names it (``utf8`` is ``utf8mb3``)."""
    if not name:
        return None
    low = name.lower()
    return _MY_CHARSET_ALIASES.get(low, low)


def mysql_collation(name: str | None) -> str | None:
    """A collation as the catalog names it (``utf8_bin`` is ``utf8mb3_bin``)."""
    if not name:
        return None
    low = name.lower()
    charset, sep, rest = low.partition("_")
    return _MY_CHARSET_ALIASES.get(charset, charset) + sep + rest


def collation_charset(collation: str) -> str:
    """The character set a collation belongs to (its name's first part)."""
    return mysql_charset(collation.split("_", 1)[0]) or collation


def mysql_character_set(
    charset: str | None,
    collation: str | None,
    defaults: Mapping[str, str],
    inherited: tuple[str | None, str | None] = (None, None),
) -> tuple[str | None, str | None]:
    """The (character set, collation) a design records for a column or table.

    `charset` and `collation` are what the object has (a collation of None is its
    character set's default, `defaults` maps each character set to that
    default); `inherited` is what it would get with neither written (for a
    column, its table's; unknown: None).  The collation is left out when it is
    its character set's default; the character set when it is the inherited one
    and the collation is either left out with it or written on its own (which
    names the character set too).  A collation alone with nothing known to
    inherit stays as it is.  So the DDL and live readers, given the same facts,
    record the same thing, and writing it back recreates it.
    """
    charset = mysql_charset(charset)
    collation = mysql_collation(collation)
    parent_charset = mysql_charset(inherited[0])
    parent_collation = mysql_collation(inherited[1])
    if parent_charset is None and parent_collation is not None:
        parent_charset = collation_charset(parent_collation)
    if charset is None and collation is not None:
        if parent_charset is None:  # nothing to compare with: the collation as written
            return None, collation
        charset = collation_charset(collation)
    if charset is None:
        return None, None
    if collation is not None and defaults.get(charset) == collation:
        collation = None
    if parent_collation is not None and defaults.get(parent_charset or "") == parent_collation:
        parent_collation = None
    if charset == parent_charset:
        if collation == parent_collation:
            return None, None
        if collation is not None:
            return None, collation
    return charset, collation
