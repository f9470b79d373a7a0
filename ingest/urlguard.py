"""Which URLs an ingest may fetch: http(s) to public addresses, unless private ones are allowed.

Ingesting a URL makes this machine send a request wherever the URL points. Unguarded, a link
(or a redirect) could make it read a service on the machine itself, on the private network or
a cloud metadata endpoint (169.254.169.254), and index the answer for anyone who can search the
library (server-side request forgery). So:

- only http and https (never file://, ftp://, ...);
- the host is resolved and *every* address it resolves to must be public: loopback
  (127.0.0.0/8, ::1, localhost), link-local (169.254/16, fe80::/10), private (10/8,
  172.16/12, 192.168/16, fc00::/7) and other non-global ranges are refused;
- each redirect hop is checked the same way before it is followed;
- the address actually connected to is checked again, which catches a DNS answer that changes
  between the check and the connection (DNS rebinding). Behind an HTTP proxy that check is the
  proxy's business, since the connection goes to the proxy.

A person who means to ingest from their own network says so: MARKETBRIEF_ALLOW_PRIVATE_URLS=true
or `marketbrief ingest --allow-private`. A refusal states the facts and names its remedy
(`URLRefused.remedy`); the CLI and the browser each tell their reader how to apply it.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from ingest.errors import URLRefused

ALLOWED_SCHEMES = ("http", "https")
Resolver = Callable[..., Sequence[tuple[Any, ...]]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def has_scheme(source: str) -> bool:
    """True for anything written as a URL (`scheme://...`), whatever the scheme."""
    scheme, sep, _ = source.partition("://")
    return bool(sep) and len(scheme) > 1 and scheme.replace("+", "").isalnum()


def check_scheme(url: str) -> None:
    """URLRefused unless the URL is http or https."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"{scheme}://" if scheme else "a URL without a scheme"
        raise URLRefused(
            f"refused: {shown} URLs are not fetched, only http and https",
            remedy="add_file" if scheme == "file" else None,
        )


def refusal(address: IPAddress) -> str | None:
    """Why this address may not be fetched by default (None: it is a public address)."""
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_private:
        return "a private address"
    if not address.is_global:
        return "not a public address"
    return None


def check_address(host: str, address: str) -> None:
    """URLRefused when `address` (one that `host` resolved or connected to) is not public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    why = refusal(ip)
    if why is not None:
        shown = host if host.strip("[]") == str(ip) else f"{host} ({ip})"
        raise URLRefused(f"refused: {shown} is {why}", remedy="allow_private")


def check_url(url: str, *, allow_private: bool, resolve: Resolver | None = None) -> None:
    """Refuse a URL before any byte is sent: a scheme other than http(s), or (unless
    `allow_private`) a host that is, or resolves to, any non-public address. A host that does
    not resolve is left to the fetch, which reports it as unreachable."""
    check_scheme(url)
    if allow_private:
        return
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise URLRefused("refused: the URL names no host")
    if host == "localhost" or host.endswith(".localhost"):
        raise URLRefused(f"refused: {host} is a loopback address", remedy="allow_private")
    for address in resolved(host, parts.port, resolve or socket.getaddrinfo):
        check_address(host, address)


def resolved(host: str, port: int | None, resolve: Resolver) -> list[str]:
    """Every address `host` resolves to (an IP literal is its own answer)."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    try:
        infos = resolve(host, port or 80, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []  # does not resolve: the fetch says "unreachable"
    return list(dict.fromkeys(str(info[4][0]) for info in infos))
