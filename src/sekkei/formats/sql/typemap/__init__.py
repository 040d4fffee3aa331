"""Column types per SQL dialect: native spelling -> canonical type, and back.

Reading keeps two things: the canonical type (portable) and, only when writing
that canonical type back to the same dialect would spell it differently, the
native spelling.  So ``TINYINT(1) UNSIGNED`` survives a MySQL round trip while
``int4`` and ``integer`` are the same thing and carry no noise.

Writing uses the native spelling for the column's own dialect when there is
one, otherwise maps the canonical type, reporting anything it had to
approximate (``interval`` in MySQL, arrays outside PostgreSQL …).
"""

from __future__ import annotations

from sekkei.formats.sql.typemap.mysql import (
    collation_charset,
    mysql_character_set,
    mysql_charset,
    mysql_collation,
    tidy_native,
)
from sekkei.formats.sql.typemap.native import NativeType, split_native
from sekkei.formats.sql.typemap.reading import ReadType, read_type
from sekkei.formats.sql.typemap.spelling import normalize_spelling
from sekkei.formats.sql.typemap.writing import WriteType, write_type

__all__ = [
    "NativeType",
    "ReadType",
    "WriteType",
    "collation_charset",
    "mysql_character_set",
    "mysql_charset",
    "mysql_collation",
    "normalize_spelling",
    "read_type",
    "split_native",
    "tidy_native",
    "write_type",
]
