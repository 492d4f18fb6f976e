"""Open the configured graph store: ``networkx`` (embedded file) or ``neo4j`` (Bolt server)."""

from __future__ import annotations

from pathlib import Path

from graph.store import GraphStore
from ingest.errors import ConfigError

BACKENDS: tuple[str, ...] = ("networkx", "neo4j")
NETWORKX_FILE = "graph.pkl"


def open_store(
    backend: str,
    store_dir: Path,
    neo4j_uri: str = "bolt://127.0.0.1:7687",
    neo4j_user: str = "neo4j",
    neo4j_password: str = "",
    neo4j_database: str = "neo4j",
) -> GraphStore:
    """Open a graph store.

    Args:
        backend: ``"networkx"`` (file ``store_dir/graph.pkl``) or ``"neo4j"``.
        store_dir: the store folder (networkx only; created on first write).
        neo4j_uri / neo4j_user / neo4j_password / neo4j_database: Bolt connection (neo4j only).

    Returns:
        A ``GraphStore``.

    Raises:
        ConfigError: unknown backend (the message lists the valid ones).
        StoreUnavailableError: the Neo4j server cannot be reached (names the URI).
    """
    name = (backend or "").strip().lower()
    if name == "networkx":
        from graph.networkx_store import NetworkxGraphStore

        return NetworkxGraphStore(Path(store_dir) / NETWORKX_FILE)
    if name == "neo4j":
        from graph.neo4j_store import Neo4jGraphStore

        return Neo4jGraphStore(neo4j_uri, neo4j_user, neo4j_password, database=neo4j_database)
    raise ConfigError(
        f"未知的图存储后端 / unknown graph backend {backend!r}. Valid backends are: {', '.join(BACKENDS)}"
    )
