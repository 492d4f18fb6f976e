"""One settings object, read only by the CLI, the HTTP API and the Streamlit app.

Sources, highest priority first: constructor arguments (CLI flags), environment variables
(``POLICYKG_*``; Neo4j also ``NEO4J_URI`` / ``NEO4J_USER`` / ``NEO4J_PASSWORD``), a TOML config file
(``$POLICYKG_CONFIG`` or ``./policykg.toml``), then the defaults below. Library code never reads
``os.environ``: it receives these values as constructor arguments.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

from graph.server import DEFAULT_PASSWORD as DEFAULT_NEO4J_PASSWORD
from ingest.errors import ConfigError
from ingest.readers import DEFAULT_MAX_TEXT_BYTES

GRAPH_BACKENDS = ("networkx", "neo4j")
EMBED_BACKENDS = ("auto", "torch", "onnx", "onnx-int8")


def _default_home() -> Path:
    return Path.home() / ".cache" / "policykg"


def config_file_path() -> Path:
    """The TOML config file consulted: ``$POLICYKG_CONFIG`` or ``./policykg.toml``."""
    return Path(os.environ.get("POLICYKG_CONFIG", "policykg.toml"))


class Settings(BaseSettings):
    """policykg configuration (see README, "Configuration")."""

    model_config = SettingsConfigDict(env_prefix="POLICYKG_", extra="ignore", populate_by_name=True)

    home: Path = Field(default_factory=_default_home, description="root of caches and default stores")
    store: Path | None = Field(default=None, description="store directory (graph + index); default HOME/store")
    graph: Literal["networkx", "neo4j"] = Field(default="networkx", description="graph backend")
    model_path: Path | None = Field(
        default=None, description="a local SentenceTransformer folder; default: the e5 model built into HOME/models"
    )
    model_dir: Path | None = Field(default=None, description="where `policykg model build` writes; default HOME/models")
    query_prefix: str = "query: "
    passage_prefix: str = "passage: "
    embed_backend: Literal["auto", "torch", "onnx", "onnx-int8"] = "auto"
    neo4j_uri: str = Field(
        default="bolt://127.0.0.1:7687", validation_alias=AliasChoices("neo4j_uri", "NEO4J_URI", "POLICYKG_NEO4J_URI")
    )
    neo4j_user: str = Field(
        default="neo4j", validation_alias=AliasChoices("neo4j_user", "NEO4J_USER", "POLICYKG_NEO4J_USER")
    )
    neo4j_password: str = Field(
        default=DEFAULT_NEO4J_PASSWORD,
        validation_alias=AliasChoices("neo4j_password", "NEO4J_PASSWORD", "POLICYKG_NEO4J_PASSWORD"),
    )
    neo4j_database: str = Field(
        default="neo4j", validation_alias=AliasChoices("neo4j_database", "NEO4J_DATABASE", "POLICYKG_NEO4J_DATABASE")
    )
    neo4j_data_dir: Path | None = Field(default=None, description="data dir of `policykg neo4j start`")
    neo4j_retry_s: float = Field(
        default=10.0, ge=0, description="seconds a failed Neo4j transaction is retried before ingest/ask give up"
    )
    max_question_chars: int = Field(
        default=500, ge=1, description="longest question accepted by ask (CLI, API, UI); longer ones get a clear error"
    )
    max_text_bytes: int = Field(
        default=DEFAULT_MAX_TEXT_BYTES, ge=1,
        description="largest extracted text ingested (UTF-8 bytes); larger documents are refused up front",
    )
    write_lock_timeout_s: float = Field(
        default=600.0, ge=0, description="seconds ingest/remove wait for another writer of the same store"
    )
    max_body_bytes: int = Field(
        default=65536, ge=1024, description="largest HTTP request body the API reads; larger ones get 413"
    )
    request_timeout_s: float = Field(
        default=30.0, gt=0, description="time budget of one API request (ask / search / similar); over it: 503"
    )
    api_token: str | None = Field(
        default=None, description="bearer token the API requires (Authorization: Bearer …); none: no login"
    )
    ui_password: str | None = Field(default=None, description="password the UI asks for; none: no login")
    read_mode: Literal["auto", "snapshot", "per_query"] = Field(
        default="auto",
        description="how readers use the store: per_query (Neo4j only: Cypher, vector and full-text indexes per "
        "question, nothing corpus-sized in the process), snapshot (the whole graph and index in memory); auto: "
        "per_query with Neo4j, snapshot with networkx",
    )
    read_cache_clauses: int = Field(
        default=20_000, ge=100, description="per_query mode: clauses a reader caches (and the largest scope ranked whole)"
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Flags > environment > TOML config file > defaults."""
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=config_file_path()))

    @field_validator("graph", mode="before")
    @classmethod
    def _check_graph(cls, value: str) -> str:
        if isinstance(value, str) and value.lower() not in GRAPH_BACKENDS:
            raise ValueError(f"unknown graph backend {value!r}; valid: {', '.join(GRAPH_BACKENDS)}")
        return value.lower() if isinstance(value, str) else value

    # --- derived paths ---------------------------------------------------------------------
    @property
    def store_dir(self) -> Path:
        """The store directory (graph file for networkx, search index for both)."""
        return (self.store or self.home / "store").expanduser()

    @property
    def models_dir(self) -> Path:
        """Where the offline model is built."""
        return (self.model_dir or self.home / "models").expanduser()

    @property
    def neo4j_dir(self) -> Path:
        """Data directory of the bundled Neo4j server."""
        return (self.neo4j_data_dir or self.home / "neo4j").expanduser()


def load_settings(**overrides: object) -> Settings:
    """Build the settings, turning validation errors into a readable ConfigError."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**clean)
    except Exception as e:  # pydantic ValidationError, TOML decode errors
        raise ConfigError(f"配置无效 / invalid configuration ({config_file_path()}): {e}") from e
