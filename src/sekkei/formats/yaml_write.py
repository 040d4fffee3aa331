"""Write plain data as tidy, deterministic YAML, keeping the author's comments.

Our own emitter rather than a YAML library's dumper: output must be stable
(the same schema always gives the same bytes), compact where it helps (one
line per column), safe to read back under both YAML 1.1 and 1.2 (``no`` and
``on`` are quoted) and fast for 10,000-table files.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

WIDTH = 100
Path = tuple[Any, ...]

_SPECIAL = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|null|Null|NULL|~|=|<<)$"
)
_NUMBERISH = re.compile(r"^[-+.]?(?:[0-9][0-9_:.eE+-]*|\.?(?:inf|Inf|INF|nan|NaN|NAN))$|^0[xob]")
_PLAIN_BLOCK = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n\r\t]*$")
_FLOW_BAD = re.compile(r"[,\[\]{}]")


@dataclass
class Comments:
    """Comments of a YAML file, attached to the key paths they belong to."""

    header: list[str] = field(default_factory=list)
    before: dict[Path, list[str]] = field(default_factory=dict)
    inline: dict[Path, str] = field(default_factory=dict)
    footer: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.header or self.before or self.inline or self.footer)

    def move(self, old: Path, new: Path) -> None:
        """Re-attach the comments of `old` and everything below it to `new` (a renamed key)."""
        size = len(old)

        def moved(path: Path) -> Path:
            return new + path[size:] if path[:size] == old else path

        self.before = {moved(path): lines for path, lines in self.before.items()}
        self.inline = {moved(path): text for path, text in self.inline.items()}


_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def _double_quoted(text: str) -> str:
    """A YAML double-quoted scalar; anything YAML cannot carry raw is escaped."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _NON_PRINTABLE.match(ch) or ch in "\x85\u2028\u2029\ufeff":
            code = ord(ch)
            out.append(
                f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
            )
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


_SIMPLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\([0-9]+\))?")
_SPECIAL_WORDS = frozenset(
    "y Y yes Yes YES n N no No NO true True TRUE false False FALSE".split()
    + "on On ON off Off OFF null Null NULL".split()
)


def _plain_ok(text: str, flow: bool) -> bool:
    if _SIMPLE.fullmatch(text):  # the common case: a name, or a type such as varchar(255)
        return text not in _SPECIAL_WORDS
    if not text or text != text.strip() or _SPECIAL.match(text) or _NUMBERISH.match(text):
        return False
    if (
        _NON_PRINTABLE.search(text)
        or "\ufeff" in text
        or "\x85" in text
        or "\u2028" in text
        or "\u2029" in text
    ):
        return False
    if not _PLAIN_BLOCK.match(text):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    return not (flow and _FLOW_BAD.search(text))


_SCALARS: dict[tuple[str, bool], str] = {}


def scalar(value: Any, flow: bool = False) -> str:
    """One scalar as YAML text (never a multi-line block)."""
    if type(value) is str:
        # names and types repeat thousands of times in a big schema: decide each once
        key = (value, flow)
        text = _SCALARS.get(key)
        if text is None:
            text = _string_scalar(value, flow)
            if len(_SCALARS) < 200_000:
                _SCALARS[key] = text
        return text
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        return text if ("." in text or "e" in text) else text + ".0"
    return _string_scalar(str(value), flow)


def _string_scalar(text: str, flow: bool) -> str:
    if _plain_ok(text, flow):
        return text
    return _double_quoted(text)


def _literal_ok(text: str) -> bool:
    if "\n" not in text.rstrip("\n") or "\r" in text or "\t" in text:
        return False
    if _NON_PRINTABLE.search(text.replace("\n", "")) or any(c in text for c in "\x85\u2028\u2029\ufeff"):
        return False
    lines = text.split("\n")
    if any(line != line.rstrip(" ") for line in lines):
        return False
    return not any(ord(ch) < 32 and ch != "\n" for ch in text)


def _literal(text: str, indent: int) -> list[str]:
    body = text.rstrip("\n")
    trailing = len(text) - len(body)
    chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
    first = body.split("\n", 1)[0]
    indicator = str(2) if first.startswith(" ") else ""
    pad = " " * indent
    lines = [f"|{indicator}{chomp}"]
    for line in body.split("\n"):
        lines.append(pad + line if line else "")
    for _ in range(trailing - 1 if trailing > 1 else 0):
        lines.append("")
    return lines


def _flow(value: Any, depth: int = 3) -> str | None:
    """A one-line flow rendering, or None if the value cannot (or should not) be written so.

    Values nested more than `depth` levels are not flowed: one line would hide their shape.
    """
    if isinstance(value, dict):
        if depth == 0:
            return None
        parts = []
        for k, v in value.items():
            inner = _flow(v, depth - 1)
            if inner is None:
                return None
            parts.append(f"{scalar(k, True)}: {inner}")
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, list):
        if depth == 0:
            return None
        parts = []
        for v in value:
            inner = _flow(v, depth - 1)
            if inner is None:
                return None
            parts.append(inner)
        return "[" + ", ".join(parts) + "]"
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        return None
    return scalar(value, True)


class _Emitter:
    def __init__(self, comments: Comments | None, block_paths: set[Path]) -> None:
        self.lines: list[str] = []
        self.comments = comments or Comments()
        self.block_paths = block_paths

    def comment_lines(self, path: Path, indent: int) -> None:
        for text in self.comments.before.get(path, ()):
            self.lines.append(" " * indent + text)

    def inline(self, path: Path) -> str:
        text = self.comments.inline.get(path)
        return f"  {text}" if text else ""

    def hoisted(self, path: Path) -> tuple[list[str], list[str]]:
        """Comments of keys inside a value written on one line."""
        before: list[str] = []
        inline: list[str] = []
        n = len(path)
        for p, texts in self.comments.before.items():
            if len(p) > n and p[:n] == path:
                before.extend(texts)
        for p, text in self.comments.inline.items():
            if len(p) > n and p[:n] == path:
                inline.append(text.lstrip("# ").rstrip())
        return before, inline

    def flow_allowed(self, path: Path, value: Any) -> bool:
        if len(path) <= 2 or path in self.block_paths:
            return False  # sections and the objects directly in them are always blocks
        if path[0] in {"tables", "views"} and len(path) == 3 and isinstance(value, dict):
            return False  # columns, options … one entry per line
        # constraint and index lists: one item per line
        return not (
            path[0] in {"tables", "views"}
            and len(path) == 3
            and isinstance(value, list)
            and any(isinstance(v, dict) for v in value)
        )

    def mapping(self, data: dict[str, Any], indent: int, path: Path) -> None:
        pad = " " * indent
        spaced = not path or (len(path) == 1 and path[0] in {"tables", "views"})
        for position, (key, value) in enumerate(data.items()):
            child = (*path, key)
            if spaced and position and isinstance(value, (dict, list)) and value:
                self.lines.append("")
            self.comment_lines(child, indent)
            head = f"{pad}{scalar(key)}:"
            self.value(head, value, indent, child)

    def value(self, head: str, value: Any, indent: int, path: Path) -> None:
        if isinstance(value, (dict, list)):
            if not value:
                self.lines.append(f"{head} {'{}' if isinstance(value, dict) else '[]'}{self.inline(path)}")
                return
            if self.flow_allowed(path, value):
                flow = _flow(value)
                if flow is not None and len(head) + 1 + len(flow) <= WIDTH:
                    before, inline = self.hoisted(path)
                    for text in before:
                        self.lines.append(" " * indent + text)
                    extra = self.inline(path)
                    if inline:
                        extra = (extra + "; " if extra else "  # ") + "; ".join(inline)
                    self.lines.append(f"{head} {flow}{extra}")
                    return
            self.lines.append(head + self.inline(path))
            if isinstance(value, dict):
                self.mapping(value, indent + 2, path)
            else:
                self.sequence(value, indent + 2, path)
            return
        if isinstance(value, str) and _literal_ok(value):
            block = _literal(value, indent + 2)
            self.lines.append(f"{head} {block[0]}{self.inline(path)}")
            self.lines.extend(block[1:])
            return
        self.lines.append(f"{head} {scalar(value)}{self.inline(path)}")

    def sequence(self, items: list[Any], indent: int, path: Path) -> None:
        pad = " " * indent
        for index, item in enumerate(items):
            child = (*path, index)
            self.comment_lines(child, indent)
            if isinstance(item, dict) and item:
                flow = _flow(item) if self.flow_allowed(child, item) else None
                if flow is not None and indent + 2 + len(flow) <= WIDTH:
                    before, inline = self.hoisted(child)
                    for text in before:
                        self.lines.append(pad + text)
                    extra = "  # " + "; ".join(inline) if inline else ""
                    self.lines.append(f"{pad}- {flow}{extra}")
                    continue
                first = True
                for key, value in item.items():
                    key_path = (*child, key)
                    if not first:
                        self.comment_lines(key_path, indent + 2)
                    prefix = f"{pad}- " if first else f"{pad}  "
                    self.value(f"{prefix}{scalar(key)}:", value, indent + 2, key_path)
                    first = False
            elif isinstance(item, list) and item:
                flow = _flow(item)
                if flow is not None and indent + 2 + len(flow) <= WIDTH:
                    self.lines.append(f"{pad}- {flow}")
                else:
                    self.lines.append(f"{pad}-")
                    self.sequence(item, indent + 2, child)
            else:
                self.value(f"{pad}-", item, indent, child)


def _paths(value: Any, path: Path, out: set[Path]) -> None:
    out.add(path)
    if isinstance(value, dict):
        for k, v in value.items():
            _paths(v, (*path, k), out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _paths(v, (*path, i), out)


def _rehome(comments: Comments, data: Any) -> Comments:
    """Move comments whose key no longer exists to the nearest key that does."""
    if not comments:
        return comments
    existing: set[Path] = set()
    _paths(data, (), existing)
    result = Comments(list(comments.header), {}, {}, list(comments.footer))
    for path, texts in comments.before.items():
        target = path
        while target and target not in existing:
            target = target[:-1]
        if not target:
            result.header.extend(texts)
        else:
            result.before.setdefault(target, []).extend(texts)
    for path, text in comments.inline.items():
        target = path
        while target and target not in existing:
            target = target[:-1]
        if not target:
            result.header.append(text)
        elif target in result.inline:
            result.inline[target] += "; " + text.lstrip("# ")
        else:
            result.inline[target] = text
    return result


def dump(data: dict[str, Any], comments: Comments | None = None, block_paths: set[Path] | None = None) -> str:
    """YAML text of a mapping, comments placed before/after the keys they belong to."""
    comments = _rehome(comments, data) if comments else None
    emitter = _Emitter(comments, block_paths or set())
    if comments:
        emitter.lines.extend(comments.header)
    emitter.mapping(data, 0, ())
    if comments and comments.footer:
        emitter.lines.extend(comments.footer)
    return "\n".join(emitter.lines) + "\n"


_COMMENT_RE = re.compile(r"""(?:^|(?<=\s))#.*$""")


def collect_comments(text: str, line_paths: dict[int, Path], scalar_lines: set[int]) -> Comments:
    """Find comments in YAML text and attach each to a key path.

    A comment on its own line belongs to the next key; a comment after a key
    on the same line belongs to that key.  Lines inside multi-line scalars are
    content, not comments.
    """
    comments = Comments()
    pending: list[str] = []
    lines = text.split("\n")
    seen_key = False
    for number, line in enumerate(lines):
        stripped = line.strip()
        if number in scalar_lines and number not in line_paths:
            continue
        if stripped.startswith("#"):
            pending.append(stripped)
            continue
        if not stripped:
            if pending and not seen_key:
                comments.header.extend(pending)
                comments.header.append("")
                pending = []
            continue
        path = line_paths.get(number)
        if path is None:
            continue
        seen_key = True
        if pending:
            comments.before.setdefault(path, []).extend(pending)
            pending = []
        trailing = _trailing_comment(line)
        if trailing:
            comments.inline[path] = trailing
    if pending:
        comments.footer.extend(pending)
    while comments.header and comments.header[-1] == "":
        comments.header.pop()
    if comments.header:
        comments.header.append("")
    return comments


def _trailing_comment(line: str) -> str | None:
    quote: str | None = None
    prev = " "
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
            elif ch == "\\" and quote == '"':
                continue
        elif ch in "'\"" and prev in " :[{,":
            quote = ch
        elif ch == "#" and prev in " \t":
            return line[i:].rstrip()
        prev = ch
    return None
