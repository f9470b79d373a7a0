"""marketbrief served to other agents over the Model Context Protocol (`marketbrief mcp`).

    server.py     the MCPServer: its tools (tools.py) and resources (resources.py)
    backend.py    the services behind them (one Assistant, the research store), built on first
                  use, and which failures a caller is told about
    args.py       the arguments' types and limits, and a bad argument told in one line
    results.py    what a tool returns: text for the model, the same data as JSON, keys masked
    describe.py   the words the client's model reads (prompts/tools.yaml, prompts/mcp.yaml)
    auth.py       the bearer token an HTTP client must send, and where a server may listen
    transport.py  stdio, or streamable HTTP on a socket bound before the server says so

This package shares its name with the SDK (`mcp`): every import here is absolute, so `import
mcp` is always the SDK. Nothing is imported on `import assistant.mcp`: `marketbrief --help`
stays light.
"""
