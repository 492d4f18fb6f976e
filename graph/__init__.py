"""policykg graph layer: one ``GraphStore`` protocol, an embedded networkx store and a Neo4j store.

Public API (imported lazily)::

    from graph import GraphStore, NetworkxGraphStore, Neo4jGraphStore, open_store, export_graph
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "GraphStore": "graph.store",
    "AgencyRole": "graph.store",
    "Subgraph": "graph.store",
    "NetworkxGraphStore": "graph.networkx_store",
    "Neo4jGraphStore": "graph.neo4j_store",
    "open_store": "graph.factory",
    "export_graph": "graph.export",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
