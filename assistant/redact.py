"""Keeping API keys out of everything a person sees or a file keeps.

A key can reach an output by several roads: an endpoint's error that echoes it ("Incorrect API
key provided: sk-..."), an HTTP error quoting a URL with `?api_key=...`, a base URL with a
password in it, a library's log line. So the edges pass text through `redact`: the CLI's error
line and JSON output, the notices and flags of every Answer, the progress lines, and (through
`install_log_redaction`) every log record. Two nets catch a key:

- the configured secrets themselves, registered when the settings are read, wherever they
  appear and whatever surrounds them;
- shapes that are credentials whatever their value: `sk-...` keys (also OpenAI's half-masked
  echo `sk-abc***xyz`), `Bearer` tokens, `api_key=` / `token=` query parameters, `Authorization:`
  headers and passwords in URLs.

An `sk-` shape is masked only when it looks like a key, not like words: ordinary text has
`sk-` too ("SK hynix" in a news URL: `.../sk-hynix-plunges-nearly-15percent.html`). A key is a
long random run: `sk-` then a hyphen-free piece of 16+ key characters mixing letters and
digits (OpenAI's `sk-proj-…`, `sk-…` legacy and other providers' `sk-ant-api03-…` alike), or of
20+ mixing upper and lower case, or an echo that masks the middle with `***`.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable

MASK = "[redacted]"
MIN_SECRET_CHARS = 8  # shorter values ("test", "local") would mask ordinary words
_SECRETS: set[str] = set()
_LOCK = threading.Lock()
_installed = False

_SK_TOKEN = re.compile(r"\bsk-[A-Za-z0-9_\-*]{8,}")
_KEY_PIECE = re.compile(
    r"(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_]{16,}"  # letters and digits
    r"|(?=.*[a-z])(?=.*[A-Z])[A-Za-z0-9_]{20,}"  # upper and lower case
    r"|[A-Za-z0-9_]*\*{3,}[A-Za-z0-9_]+"  # an echo masking the middle
)


def _mask_key(match: re.Match[str]) -> str:
    """`sk-` and what follows, masked when a hyphen-free piece of it looks like a key."""
    token = match.group(0)
    if any(_KEY_PIECE.fullmatch(piece) for piece in token[3:].split("-")):
        return f"sk-{MASK}"
    return token


_SHAPES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (_SK_TOKEN, _mask_key),
    (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/\-]{8,}=*"), rf"\1 {MASK}"),
    (
        re.compile(
            r"(?i)([?&;](?:api[_-]?key|key|token|access[_-]?token|auth|password|passwd|secret"
            r"|sig|signature|client[_-]?secret)=)[^&#\s'\"]+"
        ),
        rf"\1{MASK}",
    ),
    (
        re.compile(
            r"(?i)\b((?:api[_-]?key|x-api-key|authorization|openai_api_key)[\"']?\s*[:=]\s*"
            r"[\"']?)(?!\[redacted\])[^\s\"',;}]{8,}"
        ),
        rf"\1{MASK}",
    ),
    (re.compile(r"(?i)(\b[a-z][a-z0-9+.\-]*://[^/\s:@\"']+:)[^@/\s\"']+@"), rf"\1{MASK}@"),
)


def register_secret(value: str | None) -> None:
    """Remember a configured secret, so `redact` masks it wherever it turns up."""
    if value and len(value) >= MIN_SECRET_CHARS:
        with _LOCK:
            _SECRETS.add(value)
        install_log_redaction()


def redact(text: str) -> str:
    """The text with every registered secret and every credential-shaped value masked."""
    if not text:
        return text
    for secret in sorted(_SECRETS, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    for pattern, replacement in _SHAPES:
        text = pattern.sub(replacement, text)
    return text


def install_log_redaction() -> None:
    """Mask secrets in every log record, whichever logger or handler it goes to.

    A filter on one handler or logger misses records of loggers that propagate elsewhere;
    wrapping the record factory catches each record as it is made. Installed once.
    """
    global _installed
    with _LOCK:
        if _installed:
            return
        _installed = True
    make_record = logging.getLogRecordFactory()

    def redacting_record(*args: object, **kwargs: object) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        try:
            message = record.getMessage()
        except (TypeError, ValueError, KeyError):  # a bad format string (too few or too many
            return record  # arguments, a bad %-code, a missing %(name)s): logging reports it
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:  # a traceback may quote a key too
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return record

    logging.setLogRecordFactory(redacting_record)
