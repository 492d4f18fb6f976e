"""Build the library objects (store, embedder, PolicyKG facade) from Settings.

Used by the CLI, the HTTP API and the Streamlit app so that all three behave identically.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ui.config import Settings


def resolve_model_path(settings: Settings, progress: bool = True) -> Path:
    """The SentenceTransformer folder to use: ``settings.model_path`` or the built e5 model.

    Builds the offline e5 model into ``settings.models_dir`` when it is missing (a no-op when built).
    """
    from ingest.errors import ConfigError

    if settings.model_path is not None:
        path = settings.model_path.expanduser()
        if not path.is_dir():
            raise ConfigError(f"{path}: 模型目录不存在 / model folder does not exist (POLICYKG_MODEL_PATH)")
        return path
    from search.model import build_model

    return build_model(settings.models_dir, progress=progress)


def embedder_factory(settings: Settings) -> Callable[[], object]:
    """A zero-argument callable that loads the embedder once, on first use."""

    def load() -> object:
        from search.embedder import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(
            resolve_model_path(settings),
            query_prefix=settings.query_prefix,
            passage_prefix=settings.passage_prefix,
            backend=settings.embed_backend,
        )

    return load


def open_store(settings: Settings):
    """Open the configured graph store (networkx file or Neo4j over Bolt)."""
    from graph.factory import open_store as _open

    return _open(
        settings.graph,
        settings.store_dir,
        neo4j_uri=settings.neo4j_uri,
        neo4j_user=settings.neo4j_user,
        neo4j_password=settings.neo4j_password,
        neo4j_database=settings.neo4j_database,
        neo4j_retry_s=settings.neo4j_retry_s,
    )


def index_dir(settings: Settings) -> Path:
    """The search index folder; one per graph backend so each matches its own store."""
    return settings.store_dir / f"index-{settings.graph}"


def open_policykg(settings: Settings, on_message: Callable[[str], None] | None = None):
    """The PolicyKG facade over the configured store, index folder and (lazily loaded) embedder.

    ``on_message`` receives notes for the user (waiting for another writer, repairing the index).
    """
    from search.service import PolicyKG

    return PolicyKG(
        open_store(settings),
        index_dir(settings),
        embedder_factory(settings),
        max_question_chars=settings.max_question_chars,
        write_lock_timeout=settings.write_lock_timeout_s,
        max_text_bytes=settings.max_text_bytes,
        on_message=on_message,
        read_mode=settings.read_mode,
        read_cache_clauses=settings.read_cache_clauses,
    )


def open_pinned_snapshot(store: Path, graph: str):
    """The PolicyKG facade over ``store`` (``graph`` backend) reading whole snapshots, its engine pinned to the store's
    current generation: the fitting scripts set values on its answerers and ask every question of their sets, and no
    reload may drop what they set."""
    from ui.config import load_settings

    kg = open_policykg(load_settings(store=store, graph=graph, read_mode="snapshot"))
    kg.refresh_if_changed()
    return kg
