"""Settings for the sign-in tests: a complete OIDC set-up in the environment, and a look at
everything a page put on screen.

How the tests drive `st.user`: AppTest seeds it from `AppTest.user` (Streamlit 1.67). A real
session with Streamlit's `[auth]` secrets always has `is_logged_in` (False until the person signs
in), so the tests set it explicitly; a user dict without it is a server started without the
secrets. Request headers cannot be seeded in AppTest: proxy-mode tests replace
`ui.auth.header_values`, the one seam the app has for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

CLIENT_SECRET = "oidc-client-secret-5b1f0c7e9d2a4e36b8"
COOKIE_SECRET = "cookie-secret-4f0d8a1c6e2b9f7355a1d0c3e8b6f2a9"
OIDC_ENV = {
    "MARKETBRIEF_AUTH": "oidc",
    "MARKETBRIEF_OIDC_CLIENT_ID": "marketbrief-test-client",
    "MARKETBRIEF_OIDC_CLIENT_SECRET": CLIENT_SECRET,
    "MARKETBRIEF_OIDC_SERVER_METADATA_URL": "https://id.example.com/.well-known/openid-configuration",
    "MARKETBRIEF_OIDC_REDIRECT_URI": "http://localhost:8501/oauth2callback",
    "MARKETBRIEF_OIDC_COOKIE_SECRET": COOKIE_SECRET,
}


@pytest.fixture
def oidc_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A complete OIDC sign-in set-up (no database: sign-in works in any deployment)."""
    for name, value in OIDC_ENV.items():
        monkeypatch.setenv(name, value)
    return dict(OIDC_ENV)


def _nodes(node: Any) -> Iterator[Any]:
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _nodes(child)


def rendered(app: AppTest) -> str:
    """Every element and block the run sent to the browser, as protobuf text: values, labels,
    placeholders and help texts included, for checks that something is on screen nowhere."""
    return "\n".join(str(n.proto) for n in _nodes(app._tree) if getattr(n, "proto", None))
