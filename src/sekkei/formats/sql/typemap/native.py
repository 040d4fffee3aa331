"""Native type text split into parts: words, parameters, modifiers (never fails)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class NativeType:
    """A native type split into parts: ``base`` (lower case words), raw `args`, flags."""

    base: str
    args: tuple[str, ...]
    unsigned: bool = False
    zerofill: bool = False
    dims: int = 0
    tz: str | None = None  # "with" | "without" | "local"
    qualifier: str = ""  # e.g. "day to second" for intervals, "char" for varchar2(10 char)


_TOKEN_RE = re.compile(
    r"""\s*(?:("(?:[^"]|"")*")|(`[^`]*`)|(\[[^\]]*\])|('(?:[^']|'')*')|([(),])|([^\s(),"`\[\]']+))"""
)


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        tok = next(g for g in m.groups() if g is not None)
        out.append(tok)
    return out


def _unquote(word: str) -> str:
    if len(word) >= 2 and word[0] == word[-1] == '"':
        return word[1:-1].replace('""', '"')
    if len(word) >= 2 and word[0] == "`" and word[-1] == "`":
        return word[1:-1]
    if len(word) >= 2 and word[0] == "[" and word[-1] == "]":
        return word[1:-1]
    return word


@lru_cache(maxsize=8192)
def split_native(text: str) -> NativeType:
    """Split a native type into its parts; never fails (unknown shapes stay words)."""
    raw = text.strip()
    dims = 0
    while True:
        m = re.search(r"\[\s*\d*\s*\]\s*$", raw)
        if m and not raw.endswith("]]") and not raw.lstrip().startswith("["):
            dims += 1
            raw = raw[: m.start()].rstrip()
            continue
        break
    if re.search(r"\s+array$", raw, re.I):
        dims = max(dims, 1)
        raw = re.sub(r"\s+array$", "", raw, flags=re.I)
    toks = _tokens(raw)
    words: list[str] = []
    args: list[str] = []
    unsigned = zerofill = False
    tz: str | None = None
    qualifier: list[str] = []
    i = 0
    seen_args = False
    while i < len(toks):
        tok = toks[i]
        low = tok.lower()
        if tok == "(" and not seen_args:
            depth = 1
            j = i + 1
            current: list[str] = []
            while j < len(toks) and depth:
                t = toks[j]
                if t == "(":
                    depth += 1
                elif t == ")":
                    depth -= 1
                    if depth == 0:
                        break
                if t == "," and depth == 1:
                    args.append(" ".join(current))
                    current = []
                else:
                    current.append(t)
                j += 1
            if current:
                args.append(" ".join(current))
            i = j + 1
            seen_args = True
            continue
        if low == "unsigned":
            unsigned = True
        elif low == "signed":
            pass
        elif low == "zerofill":
            zerofill = True
        elif low in {"with", "without"} and i + 2 < len(toks) and toks[i + 1].lower() in {"time", "local"}:
            if toks[i + 1].lower() == "local":
                tz = "local"
                i += 4
                continue
            tz = low
            i += 3
            continue
        elif seen_args:
            qualifier.append(low)
        else:
            words.append(_unquote(tok) if tok[0] in '"`[' else low)
        i += 1
    # "varchar2(10 char)" keeps "char" as an argument qualifier
    clean_args: list[str] = []
    for a in args:
        parts = a.split()
        if len(parts) == 2 and parts[1].lower() in {"char", "byte"}:
            qualifier.append(parts[1].lower())
            clean_args.append(parts[0])
        else:
            clean_args.append(a)
    return NativeType(" ".join(words), tuple(clean_args), unsigned, zerofill, dims, tz, " ".join(qualifier))


def as_int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


def unquote_sql_string(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'").replace("\\'", "'")
    return text
