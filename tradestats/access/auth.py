"""The password of the 数据管理 page: a salted PBKDF2 hash kept in $TRADESTATS_ADMIN_PASSWORD_HASH or in
.streamlit/secrets.toml (admin_password_hash), compared in constant time; failed tries are slowed down."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets

ENV = "TRADESTATS_ADMIN_PASSWORD_HASH"
SECRET = "admin_password_hash"
ITERATIONS = 300_000
MAX_DELAY_S = 8.0


def make_hash(password: str, iterations: int = ITERATIONS) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return "$".join(["pbkdf2_sha256", str(iterations), base64.b64encode(salt).decode(),
                     base64.b64encode(digest).decode()])


def verify(password: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        got = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt), int(iterations))
        return hmac.compare_digest(got, base64.b64decode(digest))
    except (ValueError, TypeError):
        return False


def configured_hash(secrets_lookup=None) -> str | None:
    """The stored hash: the environment first, then the app's secrets; None when neither has one."""
    if os.environ.get(ENV):
        return os.environ[ENV]
    if secrets_lookup is not None:
        try:
            return secrets_lookup(SECRET)
        except Exception:  # no secrets file, or no such key
            return None
    return None


def delay_after(failures: int) -> float:
    """Seconds to wait after the n-th failed try in a row: 1, 2, 4 … up to MAX_DELAY_S."""
    return 0.0 if failures <= 0 else min(2.0 ** (failures - 1), MAX_DELAY_S)
