"""PRV006: passwords, tokens and secrets are not stored in the clear."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from sekkei.lint.context import ColumnInfo, LintContext
from sekkei.lint.personal import words_of
from sekkei.lint.rule import Finding, Rule

# every credential name contains one of these (lower case)
_HINTS = ("pass", "pwd", "secret", "key", "token", "credential")
# what the column holds, by the words of its name
_PASSWORD = ("password", "passwd", "passphrase", "passcode")
_SECRET_RUNS = frozenset(
    """secret client_secret totp_secret otp_secret mfa_secret shared_secret webhook_secret secret_key
    secret_access_key credential api_key apikey api_secret private_key privatekey signing_key
    encryption_key master_key pwd""".split()
)
_CJK = {
    "password": ("パスワード", "暗証番号", "密码", "密碼", "口令", "비밀번호", "패스워드"),
    "secret": ("秘密鍵", "シークレット", "私钥", "密钥", "비밀키"),
    "token": ("トークン", "令牌", "토큰"),
}
# a token that is a position or a handle, not a credential
_HARMLESS_TOKEN = frozenset(
    """stream sync pagination page next prev previous from to since batch cursor continuation lock push device
    fcm apns gcm search parse lexer csrf xsrf idempotency""".split()
)
# a bare `token` is a credential in tables about authentication
_AUTH_TABLE_WORDS = frozenset(
    """token tokens session sessions auth oauth api credential credentials login logins access invite invites
    invitation invitations registration registrations verification verifications validation reset password
    passwords key keys user users account accounts""".split()
)
# a bare `key` is a secret in tables of keys: api_keys.key
_KEY_TABLE_WORDS = frozenset(
    "api apikey apikeys secret secrets credential credentials signing private".split()
)
# words that make the column about the credential, not the credential (password_changed_at, token_type)
_ABOUT = frozenset(
    """hint policy changed change expires expiry expired expiration required length strength type kind
    algorithm algo salt iterations iteration count attempts attempt failed failures failure updated set last
    version prefix suffix last4 preview masked name label description id ids question scope scopes status
    at on date time ts enabled flag format rule rules age history url uri""".split()
)
_FLAGS = frozenset("is has can should needs require requires must".split())
# signs that the value is hashed, encrypted or only a reference
_PROTECTED = (
    "hash", "digest", "crypt", "argon", "pbkdf", "sha1", "sha2", "sha256", "sha512", "md5", "hmac", "cipher",
    "sealed", "kms", "vault", "arn", "_ref", "reference", "fingerprint",
)
_PROTECTED_WORDS = frozenset("enc encrypted hashed ref".split())
_PROTECTED_COMMENT = (
    "hash", "digest", "bcrypt", "argon", "scrypt", "pbkdf", "sha", "encrypt", "cipher", "kms", "vault",
    "secret manager", "secrets manager", "暗号化", "ハッシュ", "ダイジェスト", "哈希", "散列", "加密",
    "해시", "암호화",
)
_DIGESTS = {32: "an MD5", 40: "a SHA-1", 64: "a SHA-256", 128: "a SHA-512"}


def _kind(info: ColumnInfo) -> str | None:
    """password, secret or token if the column name says it holds one, else None."""
    name = unicodedata.normalize("NFKC", info.column.name)
    if not name.isascii():
        return next((label for label, terms in _CJK.items() if any(t in name for t in terms)), None)
    words = words_of(name)
    if not words or words[0] in _FLAGS:
        return None
    low = "".join(words)
    kind: str | None = None
    position = len(words)
    last = words[-1]
    if last == "token" or (last.endswith("token") and len(last) > 5):
        # password_reset_token is a token; api_token_hint is not (see _ABOUT below)
        kind, position = "token", len(words) - 1
    elif any(p in low for p in _PASSWORD):
        kind = "password"
        position = next(
            (i for i, w in enumerate(words) if any(p in w for p in ("pass", "pwd"))), len(words) - 1
        )
    elif "pwd" in words:
        kind, position = "password", words.index("pwd")
    else:
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                if "_".join(words[start : start + size]) in _SECRET_RUNS:
                    kind, position = "secret", start + size - 1
                    break
            if kind:
                break
    if kind is None and words == ["key"] and set(words_of(info.table.name)) & _KEY_TABLE_WORDS:
        kind, position = "secret", 0  # api_keys.key
    if kind is None:
        position = next((i for i, w in enumerate(words) if w == "token"), -1)
        if position < 0:
            return None
        kind = "token"
    if kind == "token":
        word = words[position]
        before = words[position - 1] if position > 0 else word[:-5]
        if before in _HARMLESS_TOKEN:
            return None
        if len(words) == 1 and word == "token" and not set(words_of(info.table.name)) & _AUTH_TABLE_WORDS:
            return None
    if any(w in _ABOUT for w in words[position + 1 :]) or words[0] in {"num", "count"}:
        return None
    if kind == "password":
        # folded names: passwordsalt, passwordchangedat
        word = words[position]
        term = next((p for p in _PASSWORD if p in word), "pwd")
        rest = word.split(term, 1)[-1]
        if rest and any(rest.startswith(w) for w in _ABOUT if len(w) > 2):
            return None
    return kind


def _protected(info: ColumnInfo) -> bool:
    name = unicodedata.normalize("NFKC", info.column.name).lower()
    if any(mark in name for mark in _PROTECTED) or set(words_of(name)) & _PROTECTED_WORDS:
        return True
    comment = (info.column.comment or "").lower()
    return any(mark in comment for mark in _PROTECTED_COMMENT)


class CredentialInTheClear(Rule):
    """Passwords, tokens and secrets are not stored in the clear.

    Why:
        A table of plain passwords, API keys or access tokens turns any leak —
        a backup, a replica, an SQL injection, a support export — into
        immediate account takeover, on your system and, for reused passwords,
        on others.  The column name is often the only hint the schema gives:
        ``password varchar(255)`` with no sign of hashing is how breaches
        start.

    Instead:
        Passwords: store a slow, salted hash (argon2id, bcrypt, scrypt) in a
        column that says so (``password_hash``).  Tokens and API keys: store a
        SHA-256 digest and compare digests (``token_digest``), keeping only a
        short prefix in the clear for display.  Secrets the application must
        read back (TOTP seeds, third-party keys): encrypt them with a key held
        outside the database or keep them in a secret manager and store a
        reference.  If a column already holds a hash, say so in its name or
        comment.
    """

    code = "PRV006"
    name = "credential-in-the-clear"
    summary = "Passwords, tokens and secrets are not stored in the clear."
    summary_ja = "パスワード・トークン・秘密情報を平文で保存しないこと。"
    doc_ja = """
    理由:
        平文のパスワード・API キー・アクセストークンを持つテーブルは、バックアップ・レプリカ・SQL
        インジェクション・サポート用エクスポートなど、どんな漏えいも即座のアカウント乗っ取りに変えます
        (使い回されたパスワードなら他のサービスでも)。スキーマが示す手がかりは列名だけのことが多く、
        ハッシュ化の気配のない ``password varchar(255)`` は漏えい事故の典型的な始まりです。

    代わりに:
        パスワードは、低速でソルト付きのハッシュ(argon2id・bcrypt・scrypt)を、それと分かる列
        (``password_hash``)に保存してください。トークンや API キーは SHA-256 のダイジェストを保存して
        ダイジェスト同士を比較し(``token_digest``)、表示用の短い接頭辞だけを平文で持ちます。アプリケー
        ションが読み戻す必要のある秘密(TOTP のシード、外部サービスのキー)は、データベースの外にある鍵で
        暗号化するか、シークレットマネージャーに置いてその参照を保存してください。すでにハッシュを入れて
        いる列なら、名前かコメントでそう明示してください。
    """
    category = "privacy"
    severity = "error"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for lname, infos in ctx.columns_by_name.items():
            # a cheap look at each distinct name first: most cannot be credentials
            if lname.isascii() and not any(hint in lname for hint in _HINTS):
                continue
            for info in infos:
                yield from self._check(info)

    def _check(self, info: ColumnInfo) -> Iterator[Finding]:
        spec = info.spec
        if spec is not None and spec.family == "string" and not spec.dims:
            kind = _kind(info)
            if kind is not None and not _protected(info):
                yield self.finding(
                    info.target,
                    f"looks like a {kind} stored as {spec}, with no sign of hashing or encryption",
                    hint=_hint(kind, spec.length, info.column.name),
                )


def _hint(kind: str, length: int | None, name: str) -> str:
    if kind == "password":
        text = f"store a salted argon2id or bcrypt hash in {name}_hash"
        if length in _DIGESTS:
            text += (
                f"; the length fits {_DIGESTS[length]} hex digest, but an unsalted fast hash is no password "
                "hash either"
            )
        return text + "; if it already holds one, say so in the name or comment"
    if kind == "token":
        return (
            f"store a SHA-256 digest of the token ({name}_digest) and compare digests; "
            "if it already holds one, say so in the name or comment"
        )
    return (
        "encrypt it with a key kept outside the database, or keep it in a secret manager and store a "
        "reference; if it is already encrypted, say so in the name or comment"
    )
