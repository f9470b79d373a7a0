"""The `mcp` command: marketbrief's tools and library served to other agents.

    marketbrief mcp                              # stdio: a desktop agent starts it
    marketbrief mcp --port 8765                  # streamable HTTP on http://127.0.0.1:8765/mcp
    MARKETBRIEF_MCP_TOKEN=... marketbrief mcp --host 0.0.0.0 --port 8765

Over stdio, stdout is the protocol's: nothing else is printed there. Over HTTP, one line on
stderr says where the server listens, once it does. The token comes from the settings only
(the environment or .env): a command line is visible to every user of the machine.
"""

from __future__ import annotations

import click

DEFAULT_HOST = "127.0.0.1"


@click.command("mcp")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    help="Serve streamable HTTP on this port (0: any free one) instead of stdio.",
)
@click.option(
    "--host",
    default=None,
    help=f"With --port: the address to listen on (default {DEFAULT_HOST}). Anything but "
    "loopback needs MARKETBRIEF_MCP_TOKEN.",
)
def mcp_command(port: int | None, host: str | None) -> None:
    """Serve marketbrief to other agents over the Model Context Protocol.

    \b
    Tools: search_commentary, index_returns, sector_scores, quotes, macro, ask,
    research_plan, research_run, library_add. Resources: marketbrief://articles/{id},
    marketbrief://briefs/{id} and the lists marketbrief://articles, marketbrief://briefs.
    Over HTTP, a client sends `Authorization: Bearer <MARKETBRIEF_MCP_TOKEN>` when the token
    is set (it must be, to listen beyond loopback).
    """
    if host is not None and port is None:
        raise click.UsageError("--host needs --port (without --port the server uses stdio)")
    # Imported here: `marketbrief --help` need not load the SDK, nor the answer engine.
    from assistant.mcp.auth import check_binding
    from assistant.mcp.backend import Backend
    from assistant.mcp.server import build_server
    from assistant.mcp.transport import serve_http, serve_stdio
    from assistant.settings import load_settings

    settings = load_settings()
    token = settings.mcp_token.get_secret_value() if settings.mcp_token else None
    if port is not None:
        check_binding(host or DEFAULT_HOST, token)  # before anything is built or bound
    backend = Backend(settings)
    try:
        server = build_server(backend)
        if port is None:
            serve_stdio(server)
        else:
            serve_http(server, host or DEFAULT_HOST, port, token, _announce)
    finally:
        backend.close()


def _announce(url: str) -> None:
    click.echo(f"marketbrief MCP server listening on {url}", err=True)


mcp_commands: list[click.Command] = [mcp_command]
