"""Split an SQL script into statements the way the dialect's own client would, keeping offsets.

A parser sees one statement at a time, so the splitter decides what a statement
is: it knows each dialect's quotes and comments, MySQL's ``DELIMITER`` command
and executable comments, the ``GO`` batch separator of SQL Server tools, the
``/`` line that ends a PL/SQL unit in SQL*Plus, and ``BEGIN … END`` bodies of
triggers and routines whose inner semicolons do not end anything.  Every
statement keeps the exact character offsets of its first and last character,
so a reader can point at the line and column of anything it finds.

The scanner jumps from one significant token to the next with one compiled
regular expression per situation (quotes, comments and terminators are matched
whole), so a megabyte of INSERT data costs a few thousand regex steps, not a
Python loop per character.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from sekkei.model.dialects import family


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement: ``text == source[start:end]``, without its terminator.

    `start` is the offset of the first character that is not blank or a
    comment, `end` the offset just after the last one.  `terminator` is what
    ended it: ``;`` or the current MySQL delimiter, ``GO``, ``/``, a newline
    for SQL*Plus line commands, or ``""`` (end of input, or a statement that
    ended without one).
    """

    start: int
    end: int
    text: str
    terminator: str


# -- dialect syntax -----------------------------------------------------------

_SQ = r"'[^']*(?:''[^']*)*(?:'|\Z)"
_SQ_BACKSLASH = r"'[^'\\]*(?:(?:\\.|'')[^'\\]*)*(?:'|\\?\Z)"
_DQ = r'"[^"]*(?:""[^"]*)*(?:"|\Z)'
_DQ_BACKSLASH = r'"[^"\\]*(?:(?:\\.|"")[^"\\]*)*(?:"|\\?\Z)'
_BACKTICK = r"`[^`]*(?:``[^`]*)*(?:`|\Z)"
_BRACKET = r"\[[^\]]*(?:\]\][^\]]*)*(?:\]|\Z)"
_TRIPLE = r"'''.*?(?:'''|\Z)|\"\"\".*?(?:\"\"\"|\Z)"
_DOLLAR = r"\$\$.*?(?:\$\$|\Z)"
_Q_QUOTE = (r"(?<![\w$#])[nN]?[qQ]'(?:\[.*?(?:\]'|\Z)|\(.*?(?:\)'|\Z)|\{.*?(?:\}'|\Z)"
            r"|<.*?(?:>'|\Z)|(?P<qd>[^\s\[({<]).*?(?:(?P=qd)'|\Z))")

_BLOCK_COMMENT = r"/\*.*?(?:\*/|\Z)"
_MYSQL_BLOCK_COMMENT = r"/\*(?!M?!).*?(?:\*/|\Z)"
_DASH_COMMENT = r"--[^\n]*"
_MYSQL_DASH_COMMENT = r"--(?=[ \t\r\n]|\Z)[^\n]*"

_QUOTES: dict[str, list[str]] = {
    "mysql": [_SQ_BACKSLASH, _DQ_BACKSLASH, _BACKTICK],
    "sqlite": [_SQ, _DQ, _BACKTICK, _BRACKET],
    "mssql": [_SQ, _DQ, _BRACKET],
    "oracle": [_Q_QUOTE, _SQ, _DQ],
    "snowflake": [_DOLLAR, _SQ_BACKSLASH, _DQ],
    "bigquery": [_TRIPLE, _SQ_BACKSLASH, _DQ_BACKSLASH, _BACKTICK],
    "db2": [_SQ, _DQ],
    "generic": [_SQ, _DQ, _BACKTICK],
}

_COMMENTS: dict[str, list[str]] = {
    "mysql": [_MYSQL_BLOCK_COMMENT, _MYSQL_DASH_COMMENT, r"\#[^\n]*"],
    "bigquery": [_BLOCK_COMMENT, _DASH_COMMENT, r"\#[^\n]*"],
    "snowflake": [_BLOCK_COMMENT, _DASH_COMMENT, r"//[^\n]*"],
}

#: Statement heads whose body may hold semicolons (routines and triggers).
_ROUTINE_HEAD = re.compile(
    r"""CREATE\s+(?:OR\s+(?:REPLACE|ALTER)\s+)?
        (?:(?:DEFINER\s*=\s*(?:`[^`]*`|'[^']*'|"[^"]*"|[^\s@]+)(?:\s*@\s*(?:`[^`]*`|'[^']*'|"[^"]*"|\S+))?
            |EDITIONABLE|NONEDITIONABLE|TEMP|TEMPORARY|SECURE|AGGREGATE|CONSTRAINT
            |SQL\s+SECURITY\s+\w+|IF\s+NOT\s+EXISTS)\s+)*
        (TRIGGER|FUNCTION|PROCEDURE|PROC|PACKAGE|TYPE|EVENT|LIBRARY|JAVA)\b""",
    re.I | re.X,
)
_ORACLE_BLOCK_HEAD = re.compile(r"(?:DECLARE|BEGIN)\b", re.I)
_STRIP_FOR_HEAD = re.compile(r"/\*M?!\d*|\*/|/\*.*?(?:\*/|\Z)|--[^\n]*|\#[^\n]*", re.S)

#: First characters of statements that may need block rules (CREATE, ALTER, DECLARE, BEGIN, /*!).
_HEAD_STARTS = frozenset("cCaAdDbB/")

_SLASH_LINE = r"^[ \t]*/[ \t]*(?=\r?\n|\Z)"
_GO_LINE = r"^[ \t]*GO(?:[ \t]+\d+)?[ \t]*(?:--[^\n]*)?(?=\r?\n|\Z)"
_DELIMITER_LINE = r"^[ \t]*DELIMITER[ \t]+(?P<newdelim>\S+)[^\n]*"
_SQLPLUS_LINE = (r"^[ \t]*(?:REM(?:ARK)?|PROMPT|SPOOL|SET|WHENEVER|SHOW|DEFINE|UNDEFINE|COLUMN"
                 r"|TTITLE|BTITLE|CONNECT|CONN|EXIT|QUIT|@@?)(?=[ \t\r\n]|\Z)[^\n]*")
_TSQL_LINE = (r"^[ \t]*(?:CREATE|ALTER[ \t]+TABLE|INSERT[ \t]+INTO|EXEC|EXECUTE|PRINT|USE|GRANT"
              r"|DROP[ \t]+(?:TABLE|VIEW|INDEX|PROC|PROCEDURE|FUNCTION|TRIGGER|SEQUENCE|SCHEMA"
              r"|TYPE|DATABASE|SYNONYM))\b")
_BLOCK_WORDS = r"\b(?:BEGIN|END|CASE)\b"


def _syntax_family(dialect: str) -> str:
    fam = family(dialect)
    return fam if fam in _QUOTES else "generic"


@lru_cache(maxsize=64)
def _scanner(fam: str, delimiter: str, words: bool) -> re.Pattern[str]:
    """The master pattern for a dialect family, a delimiter, and block tracking on or off."""
    parts: list[str] = []
    if delimiter != ";":
        # the mysql client looks for its delimiter before quotes and comments: `DELIMITER '`
        # and `DELIMITER --` are legal, and then those characters end statements
        parts.append("(?P<delim>" + re.escape(delimiter) + ")")
    parts.append("(?P<quoted>" + "|".join(_QUOTES[fam]) + ")")
    comments = _COMMENTS.get(fam, [_BLOCK_COMMENT, _DASH_COMMENT])
    parts.append("(?P<comment>" + "|".join(comments) + ")")
    if fam == "mysql":
        # /*!40101 … */ is no comment (the block-comment pattern leaves it): its text is code
        parts.append("(?P<delimiter_cmd>" + _DELIMITER_LINE + ")")
    if fam in {"oracle", "db2"}:
        parts.append("(?P<slash>" + _SLASH_LINE + ")")
    if fam == "oracle":
        parts.append("(?P<sqlplus>" + _SQLPLUS_LINE + ")")
    if fam == "mssql":
        parts.append("(?P<go>" + _GO_LINE + ")")
        parts.append("(?P<tsql_line>" + _TSQL_LINE + ")")
    if delimiter == ";":
        parts.append("(?P<delim>;)")
    if words:
        parts.append("(?P<word>" + _BLOCK_WORDS + ")")
    return re.compile("|".join(parts), re.S | re.M | re.I)


_NOT_BLOCK_BEGIN = re.compile(r"[ \t\r\n]+(?:TRAN|TRANSACTION|WORK|DISTRIBUTED)\b", re.I)
_END_OF_CONTROL = re.compile(r"[ \t\r\n]+(IF|LOOP|WHILE|REPEAT|FOR|CASE)\b", re.I)
_SLASH_ANYWHERE = re.compile(_SLASH_LINE, re.M)
_GO_ANYWHERE = re.compile(_GO_LINE, re.M | re.I)


class _Lines:
    """Offsets of every line matching a pattern, found once (for "is there one ahead?")."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self._starts = [m.start() for m in pattern.finditer(text)]

    def any_after(self, offset: int) -> bool:
        return bisect.bisect_right(self._starts, offset) < len(self._starts)


# -- the scanner --------------------------------------------------------------


_NORMAL, _BLOCK, _SLASH, _BATCH = "normal", "block", "slash", "batch"
_LINE_KINDS = frozenset({"slash", "go", "delimiter_cmd", "sqlplus", "tsql_line"})


class _Splitter:
    def __init__(self, text: str, dialect: str) -> None:
        self.text = text
        self.fam = _syntax_family(dialect)
        self.delimiter = ";"
        self.out: list[Statement] = []
        self.start: int | None = None
        self.code_end = 0
        self.mode = _NORMAL
        self.depth = 0
        self.began = False
        self._slashes: _Lines | None = None
        self._gos: _Lines | None = None

    # statement boundaries

    def emit(self, terminator: str) -> None:
        """End the current statement after its last code (trailing comments are not part of it)."""
        start = self.start
        if start is not None and self.code_end > start:
            stop = self.code_end
            self.out.append(Statement(start, stop, self.text[start:stop], terminator))
        self.start = None
        self.mode = _NORMAL
        self.depth = 0
        self.began = False

    def begin_at(self, offset: int) -> bool:
        """A statement starts at `offset`: choose how it ends; True if not at a plain terminator."""
        self.start = offset
        self.mode = _NORMAL
        if self.delimiter != ";":
            return False  # the mysql client ends statements at its delimiter, whatever they hold
        if self.text[offset] not in _HEAD_STARTS:
            return False  # cheap test first: most statements of a dump are INSERTs
        window = _STRIP_FOR_HEAD.sub(" ", self.text[offset:offset + 600]).lstrip()
        routine = _ROUTINE_HEAD.match(window)
        if self.fam == "oracle":
            if routine or _ORACLE_BLOCK_HEAD.match(window):
                self.mode = _SLASH if self._slash_ahead(offset) else _BLOCK
        elif routine is not None:
            self.mode = _BATCH if self.fam == "mssql" and self._go_ahead(offset) else _BLOCK
        return self.mode != _NORMAL

    def _slash_ahead(self, offset: int) -> bool:
        if self._slashes is None:
            self._slashes = _Lines(_SLASH_ANYWHERE, self.text)
        return self._slashes.any_after(offset)

    def _go_ahead(self, offset: int) -> bool:
        if self._gos is None:
            self._gos = _Lines(_GO_ANYWHERE, self.text)
        return self._gos.any_after(offset)

    def note_code(self, pos: int, until: int) -> bool:
        """Text between `pos` and `until` is code (if not blank); True if it must be rescanned."""
        if until <= pos:
            return False
        if self.start is not None and not self.text[until - 1].isspace():
            self.code_end = until  # the common case inside a long statement: no slicing
            return False
        chunk = self.text[pos:until]
        stripped = chunk.rstrip()
        if not stripped:
            return False
        self.code_end = pos + len(stripped)
        if self.start is not None:
            return False
        return self.begin_at(pos + len(chunk) - len(chunk.lstrip()))

    # main loop

    def run(self) -> list[Statement]:
        text = self.text
        pos = 0
        n = len(text)
        key: tuple[str, bool] = ("", False)
        search = _scanner(self.fam, self.delimiter, False).search
        while pos < n:
            if key != (self.delimiter, self.mode == _BLOCK):
                key = (self.delimiter, self.mode == _BLOCK)
                search = _scanner(self.fam, *key).search
            m = search(text, pos)
            if m is None:
                self.note_code(pos, n)
                break
            found = m.start()
            if found > pos and self.note_code(pos, found):
                assert self.start is not None
                pos = self.start  # the statement's kind changed the rules: look again
                continue
            kind = m.lastgroup
            if kind == "quoted" and self.start is not None:
                pos = self.code_end = m.end()  # the most common match of all: a string in data
            elif kind == "comment":
                pos = m.end()
            elif kind in _LINE_KINDS:
                pos = self._line_command(kind, m)
            elif kind == "delim" and self.start is None:
                pos = m.end()  # an empty statement
            elif self.start is None and self.begin_at(m.start()):
                pos = m.start()
            elif kind == "delim":
                if self.mode == _NORMAL or (self.mode == _BLOCK and self.depth == 0):
                    self.emit(self.delimiter)
                else:
                    self.code_end = m.end()  # a semicolon inside a body is part of it
                pos = m.end()
            else:  # quoted text, block words: code
                self.code_end = m.end()
                pos = self._word(m) if kind == "word" else m.end()
        self.emit("")
        return self.out

    def _line_command(self, kind: str | None, m: re.Match[str]) -> int:
        line_start = m.start()
        if kind in {"slash", "go"}:
            self.emit("/" if kind == "slash" else "GO")
            return m.end()
        lead = len(m.group(0)) - len(m.group(0).lstrip())
        if kind == "delimiter_cmd" and self.start is not None and self.text[self.code_end - 1] == ";":
            # `DELIMITER x` after a statement ended with ";" while another delimiter was
            # in force (a common slip): the mysql client still takes the command
            self.emit("")
        if kind in {"delimiter_cmd", "sqlplus"} and self.start is not None:
            skip = _skip_word(m, lead)
            self.code_end = skip
            return skip  # ordinary code that happens to start a line
        if kind == "delimiter_cmd":
            self.delimiter = m.group("newdelim")
            return m.end()
        if kind == "sqlplus":
            self.start = line_start + lead
            body = m.group(0).rstrip()
            self.code_end = line_start + len(body) - (1 if body.endswith(";") else 0)
            self.emit("\n")
            return m.end()
        # tsql_line: a statement keyword at the start of a line begins a new statement
        if self.start is not None and self.mode != _NORMAL:
            self.code_end = m.end()
            return m.end()
        self.emit("")
        self.code_end = m.end()
        if self.begin_at(line_start + lead):
            return line_start + lead
        return m.end()

    def _word(self, m: re.Match[str]) -> int:
        """Track BEGIN/CASE … END nesting; returns where to scan on."""
        word = m.group(0).upper()
        after = m.end()
        if word == "BEGIN":
            if not _NOT_BLOCK_BEGIN.match(self.text, after):
                self.depth += 1
                self.began = True
            return after
        if word == "CASE":
            self.depth += 1
            return after
        if self.fam != "mssql":
            control = _END_OF_CONTROL.match(self.text, after)
            if control is not None:
                self.code_end = after = control.end()
                if control.group(1).upper() != "CASE":
                    return after  # END IF, END LOOP …: no BEGIN was counted for them
        if self.depth > 0:
            self.depth -= 1
        if self.fam == "mssql" and self.depth == 0 and self.began:
            self.code_end = after
            self.emit("")  # a T-SQL body ends with its END; no semicolon is needed
        return after


def _skip_word(m: re.Match[str], lead: int) -> int:
    """Past the first word of a line-command match that turned out to be ordinary code."""
    word = re.match(r"\S+", m.group(0)[lead:])
    return m.start() + lead + (word.end() if word else 1)


def split_statements(text: str, dialect: str) -> list[Statement]:
    """The statements of `text`, in order, each with its exact offsets.

    >>> [s.text for s in split_statements("a; b;", "mysql")]
    ['a', 'b']
    """
    return _Splitter(text, dialect).run()
