"""One settings object for the whole product, read from the environment and `.env`.

Names: `MARKETBRIEF_*` for our own settings, plus the standard `OPENAI_API_KEY` and
`OPENAI_BASE_URL` so an existing OpenAI-compatible setup works unchanged. Secrets are
`SecretStr`, so printing the settings never shows a key.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, BeforeValidator, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from assistant.answer.cost import ModelPrice, parse_prices
from assistant.datadir import CHROMA_FOLDER, DEFAULT_COLLECTION, default_home
from assistant.errors import ConfigError
from assistant.redact import register_secret
from ingest.database.url import check_database_url, url_password
from ingest.errors import IngestError


class Settings(BaseSettings):
    """Everything configurable, with defaults that need no set-up."""

    model_config = SettingsConfigDict(
        env_prefix="MARKETBRIEF_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    home: Path = Field(default_factory=default_home, description="The data directory.")

    # LLM: an OpenAI-compatible chat endpoint. With neither a key nor a base URL the
    # assistant runs in offline mode.
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "MARKETBRIEF_OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("OPENAI_BASE_URL", "MARKETBRIEF_OPENAI_BASE_URL"),
    )
    model: str = "gpt-4o-mini"
    # Each model call: a timeout, and a few retries (429, 5xx, connection) with backoff.
    llm_timeout_s: float = Field(default=60.0, gt=0, le=600)
    llm_max_retries: int = Field(default=2, ge=0, le=5)
    # Every agent run is bounded: model calls (steps), tool calls, wall-clock time and tokens.
    # At the last allowed step or past the token budget the model must answer without tools.
    llm_max_model_calls: int = Field(default=6, ge=1)
    llm_max_tool_calls: int = Field(default=12, ge=0)
    llm_run_timeout_s: float = Field(default=180.0, gt=0)
    llm_token_budget: int = Field(default=60_000, ge=1_000)
    llm_max_output_tokens: int = Field(default=2_500, ge=64)
    # Ask the endpoint for token usage while streaming (turn off for servers that reject it).
    llm_stream_usage: bool = True
    # How the model answers: "agent" (it calls the tools), "writer" (code gathers the figures
    # and passages, one model call writes the sections under a JSON schema), or "auto" (the
    # agent first, moving down to the writer, then offline, for a model that fails a rung).
    llm_strategy: Literal["agent", "writer", "auto"] = "auto"
    # With no token from the model this long after a call starts, the rung is given up.
    llm_first_token_timeout_s: float = Field(default=30.0, gt=0, le=600)
    # The model's sampling temperature; None leaves the endpoint's default. 0 makes answers
    # repeatable, but sends very small local models into loops of one phrase.
    llm_temperature: float | None = Field(default=None, ge=0, le=2)
    # Prices per model, USD per million tokens, as JSON: {"gpt-4o-mini": {"prompt": 0.15,
    # "completion": 0.60}}. An answer's cost is estimated only for a model priced here.
    llm_prices: Annotated[dict[str, ModelPrice], NoDecode, BeforeValidator(parse_prices)] = {}

    # Shared state: with a PostgreSQL URL (postgresql://user:pass@host/db) the catalog,
    # conversations, research runs and prices live in that database and the vectors on the
    # Chroma server (chroma_host), so any number of processes on any machines share them.
    # Without it everything is embedded in the data directory (SQLite, local Chroma, Parquet).
    database_url: SecretStr | None = None
    # Who may use the browser app. "local": nobody signs in (the embedded default, for one
    # person on localhost); "oidc": Streamlit's sign-in with an OpenID Connect provider (the
    # oidc_* settings); "proxy": a reverse proxy signs people in and passes their address in
    # `auth_header`. A shared deployment (database_url set) defaults to "oidc" and refuses "local".
    auth: Literal["local", "oidc", "proxy"] | None = None
    auth_header: str = "X-Forwarded-Email"
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_server_metadata_url: str | None = None
    oidc_redirect_uri: str | None = None
    oidc_cookie_secret: SecretStr | None = None

    # A research run whose worker has not been heard from for this long (killed, machine
    # gone) is taken over by another worker.
    research_lease_s: float = Field(default=60.0, ge=1, le=3600)

    # Vector store: a local PersistentClient unless a Chroma server is named.
    chroma_host: str | None = None
    chroma_port: int = 8000
    collection: str = DEFAULT_COLLECTION

    # Embeddings: "local" needs no download; "openai" uses the configured endpoint.
    embedding: Literal["local", "openai"] = "local"
    embedding_model: str = "text-embedding-3-small"

    # Network: every outside call runs under this deadline (yfinance alone can hang for minutes).
    network_timeout_s: float = Field(default=10.0, gt=0)
    # URL ingest fetches public addresses only; loopback, link-local and private ones (this
    # machine, the local network, cloud metadata endpoints) only when this is set (SSRF).
    allow_private_urls: bool = False
    # Stored prices older than this are refreshed from yfinance when the network answers.
    price_refresh_after_hours: float = Field(default=12.0, ge=0)

    # `marketbrief mcp --port`: the bearer token a client must send when the server listens on
    # anything but loopback (on loopback it is optional; set, it is required there too).
    mcp_token: SecretStr | None = None

    # Watch briefs: the local times of day ("07:30,18:00") the scheduler writes one, or empty
    # for none (then `marketbrief watch run`, e.g. from cron, is the schedule).
    watch_times: str = "07:30"

    def model_post_init(self, context: object, /) -> None:
        """Register the secrets for redaction as soon as they are read, so no output can show
        them; refuse a shared deployment that would be missing its shared parts."""
        secrets = (
            self.openai_api_key,
            self.oidc_client_secret,
            self.oidc_cookie_secret,
            self.mcp_token,
        )
        for secret in secrets:
            if secret:
                register_secret(secret.get_secret_value())
        if self.database_url:
            url = self.database_url.get_secret_value()
            register_secret(url)
            if password := url_password(url):
                register_secret(password)
            try:
                check_database_url(url)
            except IngestError as error:
                raise ConfigError(str(error)) from None
            if not self.chroma_host:
                raise ConfigError(
                    "MARKETBRIEF_DATABASE_URL needs MARKETBRIEF_CHROMA_HOST too: in a shared "
                    "deployment the vectors must be on a Chroma server every process reaches"
                )
            if self.auth == "local":
                raise ConfigError(
                    "a shared deployment (MARKETBRIEF_DATABASE_URL) requires sign-in: set "
                    "MARKETBRIEF_AUTH to oidc or proxy"
                )

    @property
    def shared(self) -> bool:
        """True when the state lives in shared engines (PostgreSQL and a Chroma server)."""
        return self.database_url is not None

    @property
    def sign_in(self) -> Literal["local", "oidc", "proxy"]:
        """How the browser app admits people (see `auth`)."""
        return self.auth or ("oidc" if self.shared else "local")

    @property
    def app_database(self) -> str:
        """The SQLAlchemy URL of the product's database: PostgreSQL when shared, else the
        SQLite file in the data directory."""
        if self.database_url:
            return check_database_url(self.database_url.get_secret_value())
        return f"sqlite:///{self.db_path}"

    @property
    def llm_configured(self) -> bool:
        """True when an endpoint is configured: a key, a base URL, or both."""
        return bool(self.openai_api_key) or bool(self.openai_base_url)

    @cached_property
    def prices_dir(self) -> Path:
        return self.home / "prices"

    @cached_property
    def chroma_dir(self) -> Path:
        return self.home / CHROMA_FOLDER

    @cached_property
    def db_path(self) -> Path:
        return self.home / "marketbrief.sqlite3"

    def describe(self) -> dict[str, object]:
        """The settings as a person may see them: secrets reduced to whether they are set."""
        secrets = ("openai_api_key", "database_url", "oidc_client_secret", "oidc_cookie_secret")
        shown = self.model_dump(mode="json", exclude=set(secrets))
        for name in secrets:
            shown[name] = "set" if getattr(self, name) else "not set"
        return shown


def load_settings(**overrides: object) -> Settings:
    """Read the settings now (environment and `.env`), with explicit overrides on top.

    A bad value becomes one `ConfigError` line naming the variable, not a pydantic report.
    """
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "settings"
        variable = f"MARKETBRIEF_{field.upper()}"
        raise ConfigError(f"bad setting {variable}: {first['msg']}") from None
