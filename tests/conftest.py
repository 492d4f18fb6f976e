"""Shared fixtures.

Graph stores: ``store`` is parametrised over ``networkx`` and ``neo4j`` (marker ``neo4j``), so every
contract test runs on both. The Neo4j server comes from env ``NEO4J_URI`` / ``NEO4J_USER`` /
``NEO4J_PASSWORD`` when set, else one is started for the session via ``graph.server.start`` in a
tmp dir on a free port (and stopped at the end). It is skipped only when java/mvn are missing
and ``POLICYKG_REQUIRE_NEO4J`` is not ``1``; with ``POLICYKG_REQUIRE_NEO4J=1`` it fails instead.
Each test gets a cleared store.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REQUIRE_NEO4J = os.environ.get("POLICYKG_REQUIRE_NEO4J") == "1"
NEO4J_TEST_PASSWORD = "policykg-test-pw"


@dataclass(frozen=True)
class Neo4jConn:
    uri: str
    user: str
    password: str
    database: str = "neo4j"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def neo4j_conn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jConn]:
    """Connection settings of a running Neo4j (from env, or a server started for this session)."""
    if os.environ.get("NEO4J_URI"):
        yield Neo4jConn(
            os.environ["NEO4J_URI"],
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE", "neo4j"),
        )
        return
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        msg = f"Neo4j tests need {' and '.join(missing)} on PATH (or env NEO4J_URI)"
        if REQUIRE_NEO4J:
            pytest.fail(f"POLICYKG_REQUIRE_NEO4J=1 but {msg}")
        pytest.skip(msg + "; set POLICYKG_REQUIRE_NEO4J=1 to fail instead")
    from graph import server

    data_dir = tmp_path_factory.mktemp("neo4j-server")
    port = _free_port()
    st = server.start(data_dir, port=port, auth=True, password=NEO4J_TEST_PASSWORD, timeout=240)
    try:
        yield Neo4jConn(st.uri, "neo4j", NEO4J_TEST_PASSWORD)
    finally:
        server.stop(data_dir, timeout=60)


@pytest.fixture
def neo4j_store(neo4j_conn: Neo4jConn):
    """A cleared ``Neo4jGraphStore`` on the session server (jieba index on, to compare analyzers)."""
    from graph.neo4j_store import Neo4jGraphStore

    s = Neo4jGraphStore(neo4j_conn.uri, neo4j_conn.user, neo4j_conn.password, neo4j_conn.database, jieba_index=True)
    s.clear()
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def networkx_store(tmp_path: Path):
    """A fresh ``NetworkxGraphStore`` in a tmp folder."""
    from graph.networkx_store import NetworkxGraphStore

    s = NetworkxGraphStore(tmp_path / "graph.json")
    yield s
    s.close()


@pytest.fixture(params=["networkx", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest):
    """Every contract test runs on both stores, each starting empty."""
    return request.getfixturevalue(f"{request.param}_store")
