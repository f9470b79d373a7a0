"""The words the client's model reads about the server, its tools and resources.

The five tools our own agent has too are described once, in `prompts/tools.yaml`, and the MCP
server reads the same words; the rest (the tools only MCP has, the arguments only MCP tools
take, the resources, the server's instructions) are in `prompts/mcp.yaml`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from assistant.prompts import (
    PromptError,
    ToolDescription,
    described_tools,
    load_data,
    tool_description,
    tool_descriptions,
)

_FILE = "mcp.yaml"


@cache
def _data() -> dict[str, Any]:
    data = load_data("mcp")
    if not isinstance(data, dict) or not {"instructions", "args", "tools", "resources"} <= set(
        data
    ):
        raise PromptError(f"{_FILE} needs 'instructions', 'args', 'tools' and 'resources'")
    return data


@cache
def _own_tools() -> dict[str, ToolDescription]:
    return {tool.name: tool for tool in described_tools(_data()["tools"], _FILE)}


def instructions() -> str:
    return str(_data()["instructions"]).strip()


def shared_tool_names() -> tuple[str, ...]:
    """The tools our own agent has too (described in tools.yaml)."""
    return tuple(tool.name for tool in tool_descriptions())


def tool(name: str) -> ToolDescription:
    """A tool's description: tools.yaml's for the shared ones, mcp.yaml's for the others."""
    own = _own_tools()
    return own[name] if name in own else tool_description(name)


def arg(tool_name: str, name: str) -> str:
    """What to pass as `name`: the tool's own words for it, else the words shared by all."""
    own = tool(tool_name).args.get(name)
    if own is not None:
        return own
    shared = _data()["args"]
    if not isinstance(shared, dict) or name not in shared:
        raise PromptError(f"neither {tool_name!r} nor {_FILE} 'args' describe {name!r}")
    return str(shared[name]).strip()


def resource(name: str) -> str:
    resources = _data()["resources"]
    if not isinstance(resources, dict) or name not in resources:
        raise PromptError(f"{_FILE} does not describe the resource {name!r}")
    return str(resources[name]).strip()
