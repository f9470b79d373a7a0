"""The MCP server: marketbrief's tools and resources on the official SDK's `MCPServer`.

    server = build_server(Backend(load_settings()))
    serve_stdio(server)                         # assistant.mcp.transport

Calls reach the tools as the SDK dispatches them; this class only words a rejected argument
in one line (the SDK's own message is pydantic's, over several lines with a link to its docs).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError, UnexpectedToolError
from mcp.types import CallToolResult, InputRequiredResult
from pydantic import ValidationError

from assistant.mcp import describe
from assistant.mcp.args import one_line
from assistant.mcp.backend import Backend
from assistant.mcp.resources import register_resources
from assistant.mcp.tools import register_tools

NAME = "marketbrief"


class MarketbriefServer(MCPServer[Any]):
    """MCPServer whose rejected arguments are told in one line."""

    async def call_tool(
        self, name: str, arguments: dict[str, Any], context: Context[Any, Any] | None = None
    ) -> CallToolResult | InputRequiredResult:
        try:
            return await super().call_tool(name, arguments, context)
        except ToolError as error:
            rejected = error.__cause__
            if isinstance(rejected, ValidationError) and not isinstance(error, UnexpectedToolError):
                # `from rejected`: the SDK logs a ValidationError's field names, not its values
                raise ToolError(f"Error executing tool {name}: {one_line(rejected)}") from rejected
            raise


def _version() -> str:
    try:
        return version(NAME)
    except PackageNotFoundError:  # run from a checkout that was never installed
        return ""


def build_server(backend: Backend, *, log_level: str = "WARNING") -> MarketbriefServer:
    """The server with every tool and resource, over `backend`'s services."""
    server = MarketbriefServer(
        NAME,
        title="marketbrief",
        instructions=describe.instructions(),
        version=_version(),
        log_level=log_level,  # type: ignore[arg-type]
    )
    register_tools(server, backend)
    register_resources(server, backend)
    return server
