"""How the server is reached: stdio (a desktop agent starts it), or streamable HTTP.

Over HTTP the listening socket is bound and listening before the server says where it is (one
line on stderr), so a client that reads that line can connect at once: no retry loop, no
sleep. Port 0 takes a free port, which the line names.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

from mcp.server.mcpserver import MCPServer

from assistant.errors import ConfigError
from assistant.mcp.auth import BearerAuth, check_binding

PATH = "/mcp"
BACKLOG = 128


def serve_stdio(server: MCPServer) -> None:
    """Serve on this process's stdin and stdout until the client closes them. The SDK keeps
    stray writes to stdout off the wire (they go to stderr instead)."""
    server.run("stdio")


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port (an IPv4 or IPv6 address, or a name such as localhost);
    ConfigError in one line when it cannot be had (taken, not this machine's)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
    except OSError as error:
        raise ConfigError(f"cannot listen on {host}:{port}: {error}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(BACKLOG)
    except OSError as error:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{PATH}"


def serve_http(
    server: MCPServer,
    host: str,
    port: int,
    token: str | None,
    announce: Callable[[str], None],
) -> None:
    """Serve streamable HTTP on host:port until interrupted; `announce(url)` once listening.
    Beyond loopback only with a token (ConfigError before anything is bound)."""
    import uvicorn

    check_binding(host, token)
    app = server.streamable_http_app(streamable_http_path=PATH, host=host)
    # The SDK also refuses Host headers other than loopback's when bound to loopback (DNS
    # rebinding: a web page resolving its own name to 127.0.0.1); the token is checked first.
    guarded = BearerAuth(app, token) if token else app
    sock = listen(host, port)
    config = uvicorn.Config(guarded, log_level="warning", access_log=False, lifespan="on")
    announce(url_of(sock))
    uvicorn.Server(config).run(sockets=[sock])
