"""Keep passwords out of messages: database URLs and driver errors with secrets masked."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

MASK = "***"

_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")
_SECRET_KEYS = (r"(?:password|passwd|pwd|pass|sslpassword|sslkey_password|secret|token|access_token"
                r"|api_key|apikey)")
# ?password=... in a URL query string
_QUERY_RE = re.compile(rf"(?i)([?&;]\s*{_SECRET_KEYS}\s*=\s*)([^&;#\s]*)")
# password=... in a libpq/ODBC connection string as drivers echo it back
_PAIR_RE = re.compile(rf"(?i)(\b{_SECRET_KEYS}\s*=\s*)('(?:[^'\\]|\\.)*'|\"[^\"]*\"|[^\s;&,)]*)")


def redact_url(url: str) -> str:
    """`url` with every password replaced by ``***``, in the user part and the query string.

    Works on text that is not a valid URL too (it is used on messages that
    merely contain one): when in doubt it masks more, never less.  A password
    with whitespace must be percent-encoded, as URLs require.

    >>> redact_url("postgresql://app:s3cret@db:5432/shop?sslpassword=x")
    'postgresql://app:***@db:5432/shop?sslpassword=***'
    """
    return _QUERY_RE.sub(lambda m: m.group(1) + MASK, _mask_userinfo(url))


def redact_text(text: str, secrets: Iterable[str | None] = ()) -> str:
    """`text` with URLs redacted, ``password=…`` pairs masked and each known secret removed.

    Drivers put the password in their messages in many shapes (raw, URL
    encoded, inside a DSN); masking the known value itself catches them all.
    """
    for secret in secrets:
        # a one- or two-character value would blot out the message, not the secret
        if not secret or len(secret) < 3:
            continue
        for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
            text = text.replace(form, MASK)
    text = redact_url(text)
    return _PAIR_RE.sub(lambda m: m.group(1) + MASK, text)


def _mask_userinfo(text: str) -> str:
    """Mask ``user:PASSWORD@`` after every ``scheme://`` in `text`."""
    out: list[str] = []
    pos = 0
    for match in _SCHEME_RE.finditer(text):
        start = match.end()
        if start < pos:
            continue
        end = start
        while end < len(text) and not text[end].isspace() and text[end] not in "'\"<>":
            end += 1
        segment = text[start:end]
        # a raw "@", "/", "?" or ":" may sit inside the password: the user part
        # ends at the last "@" (an "@" in the query string hides a little more)
        at = segment.rfind("@")
        if at == -1:
            continue
        colon = segment.find(":", 0, at)
        if colon == -1:
            continue
        out.append(text[pos:start + colon + 1])
        out.append(MASK)
        pos = start + at
    out.append(text[pos:])
    return "".join(out)
