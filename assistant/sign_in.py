"""What OpenID Connect sign-in needs from the settings, checked, and the `[auth]` secrets
Streamlit's `st.login` reads, built from them (`marketbrief ui` writes them to a private file;
the browser app names what is missing)."""

from __future__ import annotations

from pydantic import SecretStr

from assistant.errors import ConfigError
from assistant.settings import Settings

# OIDC sign-in: Streamlit's [auth] key -> the setting that fills it.
OIDC_SETTINGS: dict[str, str] = {
    "client_id": "oidc_client_id",
    "client_secret": "oidc_client_secret",
    "server_metadata_url": "oidc_server_metadata_url",
    "redirect_uri": "oidc_redirect_uri",
    "cookie_secret": "oidc_cookie_secret",
}
CALLBACK_PATH = "/oauth2callback"  # where Streamlit receives the provider's answer
# The cookie secret signs the identity cookie: a guessable one lets anyone forge a sign-in.
MIN_COOKIE_SECRET = 32


def _variable(field: str) -> str:
    return f"MARKETBRIEF_{field.upper()}"


def _value(settings: Settings, field: str) -> str:
    value = getattr(settings, field)
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    return value.strip() if isinstance(value, str) else ""


def oidc_problems(settings: Settings) -> list[str]:
    """What keeps OIDC sign-in from working, naming the variables (never a value); empty when
    the settings are complete. The browser app shows the same lines (`ui.auth`)."""
    missing = [_variable(f) for f in OIDC_SETTINGS.values() if not _value(settings, f)]
    problems = [f"{', '.join(missing)} not set"] if missing else []
    redirect = _value(settings, "oidc_redirect_uri")
    if redirect and not redirect.endswith(CALLBACK_PATH):
        problems.append(
            f"{_variable('oidc_redirect_uri')} must be the app's own address ending in "
            f"{CALLBACK_PATH} (https://marketbrief.example.com{CALLBACK_PATH})"
        )
    cookie_secret = _value(settings, "oidc_cookie_secret")
    if cookie_secret and len(cookie_secret) < MIN_COOKIE_SECRET:
        problems.append(
            f"{_variable('oidc_cookie_secret')} is too short: use at least {MIN_COOKIE_SECRET} "
            "random characters (openssl rand -hex 32)"
        )
    return problems


def _toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    escaped = "".join(
        f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F else c
        for c in text.replace("\\", "\\\\").replace('"', '\\"')
    )
    return f'"{escaped}"'


def secrets_toml(settings: Settings) -> str:
    """Streamlit's `[auth]` secrets for OIDC sign-in, from the settings (complete ones: see
    `oidc_problems`). It holds secrets: write it only to a private file, never to output."""
    if problems := oidc_problems(settings):
        raise ConfigError("MARKETBRIEF_AUTH is oidc, but " + "; ".join(problems))
    lines = ["[auth]"]
    for key, field in OIDC_SETTINGS.items():
        lines.append(f"{key} = {_toml_string(_value(settings, field))}")
    return "\n".join(lines) + "\n"
