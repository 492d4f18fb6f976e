"""Open the configured graph store: ``networkx`` (embedded file) or ``neo4j`` (Bolt server)."""

from __future__ import annotations

from pathlib import Path

from graph.store import GraphStore
from ingest.errors import ConfigError

BACKENDS: tuple[str, ...] = ("networkx", "neo4j")
#: the embedded store file in the store folder (JSON, see graph/networkx_store.py; old stores had
#: ``graph.pkl``, converted by ``policykg store migrate``)
NETWORKX_FILE = "graph.json"


def open_store(
    backend: str,
    store_dir: Path,
    neo4j_uri: str = "bolt://127.0.0.1:7687",
    neo4j_user: str = "neo4j",
    neo4j_password: str = "",
    neo4j_database: str = "neo4j",
    neo4j_retry_s: float = 10.0,
) -> GraphStore:
    """Open a graph store.

    Args:
        backend: ``"networkx"`` (file ``store_dir/graph.json``) or ``"neo4j"``.
        store_dir: the store folder (networkx only; created on first write).
        neo4j_uri / neo4j_user / neo4j_password / neo4j_database: Bolt connection (neo4j only).
        neo4j_retry_s: how long a failed Neo4j transaction is retried before the error is raised.

    Returns:
        A ``GraphStore``.

    Raises:
        ConfigError: unknown backend (the message lists the valid ones).
        StoreUnavailableError: the Neo4j server cannot be reached (names the URI).
        LegacyStoreError: (networkx) the folder holds an old ``graph.pkl``; run ``policykg store migrate``.
        GraphStoreError: (networkx) the store file is unreadable or invalid (names the file).
    """
    name = (backend or "").strip().lower()
    if name == "networkx":
        from graph.networkx_store import NetworkxGraphStore

        return NetworkxGraphStore(Path(store_dir) / NETWORKX_FILE)
    if name == "neo4j":
        from graph.neo4j_store import Neo4jGraphStore

        return Neo4jGraphStore(
            neo4j_uri, neo4j_user, neo4j_password, database=neo4j_database, retry_window=neo4j_retry_s
        )
    raise ConfigError(
        f"未知的图存储后端 / unknown graph backend {backend!r}. Valid backends are: {', '.join(BACKENDS)}"
    )
