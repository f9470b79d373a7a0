"""The server's resources: the library's articles and the saved research briefs.

    marketbrief://articles          every article (JSON)
    marketbrief://articles/{id}     one article as Markdown (an id or a unique prefix)
    marketbrief://briefs            the saved briefs, newest first (JSON)
    marketbrief://briefs/{id}       one brief as Markdown

An id that names nothing is the SDK's "not found" (a protocol error naming the URI); another
failure the product expects is a resource error with its one line; a bug is the SDK's generic
error, its traceback in the server's log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from mcp.server.mcpserver.exceptions import ResourceError, ResourceNotFoundError

from assistant.errors import InputError
from assistant.llm.failures import EXPECTED_ERRORS
from assistant.mcp import describe
from assistant.mcp.backend import Backend, one_line
from assistant.mcp.results import ARTICLES_URI, BRIEFS_URI, json_text
from assistant.redact import redact

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

MARKDOWN = "text/markdown"
JSON = "application/json"


@contextmanager
def _read() -> Iterator[None]:
    from ingest.errors import UnknownArticle

    try:
        yield
    except (UnknownArticle, InputError) as missing:  # what the library and the store say
        raise ResourceNotFoundError(one_line(str(missing))) from missing
    except EXPECTED_ERRORS as error:
        raise ResourceError(one_line(str(error))) from error


def _readers(backend: Backend) -> dict[str, Callable[..., str]]:
    def articles() -> str:
        with _read():
            return json_text(backend.index().list_articles())

    def article(id: str) -> str:
        with _read():
            return redact(backend.index().get_article(id).markdown())

    def briefs() -> str:
        with _read():
            return json_text(backend.research().list_briefs())

    def brief(id: str) -> str:
        with _read():
            return redact(backend.research().get_brief(id).markdown())

    return {"articles": articles, "article": article, "briefs": briefs, "brief": brief}


def register_resources(server: MCPServer[Any], backend: Backend) -> None:
    readers = _readers(backend)
    where = {
        "articles": (ARTICLES_URI, JSON),
        "article": (ARTICLES_URI + "/{id}", MARKDOWN),
        "briefs": (BRIEFS_URI, JSON),
        "brief": (BRIEFS_URI + "/{id}", MARKDOWN),
    }
    for name, (uri, mime_type) in where.items():
        server.resource(uri, name=name, description=describe.resource(name), mime_type=mime_type)(
            readers[name]
        )
