"""Who may talk to the server over HTTP: where it may listen, and the bearer token it asks for.

Loopback (127.0.0.1, ::1, localhost) is the default: only this machine's programs reach it.
Anywhere else the tools (which read the library, write briefs and ingest files this machine
can read) would be open to the network, so the server refuses to start there without a token
(`MARKETBRIEF_MCP_TOKEN`, from the environment or .env, never the command line, where other
users see it in the process list). A token set is asked for on loopback too: other local
users and a browser page's requests are callers as well. The token is compared in constant
time (of digests, so not even its length shows), and a request without it gets 401.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from typing import TYPE_CHECKING

from assistant.errors import ConfigError

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Receive, Scope, Send

LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """Is `host` this machine only? A name other than localhost may resolve anywhere: no."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


MIN_TOKEN_CHARS = 16  # shorter ones are guessable, and too short for the redaction to mask


def check_binding(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine without a token, or with one too short to be a
    secret (ConfigError, one line)."""
    if token is not None and len(token) < MIN_TOKEN_CHARS:
        raise ConfigError(
            f"MARKETBRIEF_MCP_TOKEN is too short ({len(token)} characters): use at least "
            f"{MIN_TOKEN_CHARS}, e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    if not token and not is_loopback(host):
        raise ConfigError(
            f"refusing to serve MCP on {host}, beyond this machine, without a token: set "
            "MARKETBRIEF_MCP_TOKEN (in the environment or .env), or listen on 127.0.0.1"
        )


def _digest(value: bytes) -> bytes:
    return hashlib.sha256(value).digest()


class BearerAuth:
    """ASGI middleware: an HTTP request passes only with `Authorization: Bearer <token>`."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self._expected = _digest(token.encode())

    def allows(self, scope: Scope) -> bool:
        for name, value in scope.get("headers", ()):
            if name.lower() == b"authorization":
                scheme, _, given = value.strip().partition(b" ")
                same = hmac.compare_digest(_digest(given.strip()), self._expected)
                return scheme.lower() == b"bearer" and same
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and not self.allows(scope):
            await send({"type": "websocket.close", "code": 1008})  # the handshake refused
            return
        if scope["type"] == "http" and not self.allows(scope):
            from starlette.responses import JSONResponse

            refusal = JSONResponse(
                {"error": "unauthorized", "error_description": "a valid bearer token is required"},
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer realm="marketbrief"'},
            )
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)
