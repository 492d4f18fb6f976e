"""A real Neo4j 5.26 server (graph/neo4j_launcher) started and stopped through graph.server.

Skipped only when java or mvn is missing — and never when POLICYKG_REQUIRE_NEO4J=1 (then it fails).
One start, one stop, one restart: about 30-60 s on 2 cores (plus a Maven build the first time).
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from graph import server

REQUIRE = os.environ.get("POLICYKG_REQUIRE_NEO4J") == "1"
MISSING = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
if MISSING and not REQUIRE:
    pytest.skip(
        f"Neo4j server tests need {' and '.join(MISSING)} on PATH (set POLICYKG_REQUIRE_NEO4J=1 to fail instead)",
        allow_module_level=True,
    )

PASSWORD = "test-password-123"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("neo4j")


@pytest.fixture(scope="module")
def port() -> int:
    return _free_port()


@pytest.fixture(scope="module")
def running(data_dir: Path, port: int):
    """The server, started once for the module (stopped at the end whatever happens)."""
    if MISSING:  # only reached with POLICYKG_REQUIRE_NEO4J=1
        pytest.fail(f"POLICYKG_REQUIRE_NEO4J=1 but {' and '.join(MISSING)} not on PATH")
    st = server.start(data_dir, port=port, auth=True, password=PASSWORD, timeout=180)
    yield st
    server.stop(data_dir)


def _driver(uri: str, password: str = PASSWORD):
    from neo4j import GraphDatabase

    return GraphDatabase.driver(uri, auth=("neo4j", password))


def test_start_reports_running(running: server.ServerStatus, data_dir: Path, port: int) -> None:
    assert running.running
    assert running.pid and running.pid > 0
    assert running.uri == f"bolt://127.0.0.1:{port}"
    assert (data_dir / "neo4j.pid").read_text().strip() == str(running.pid)
    st = server.status(data_dir)  # host/port come from the recorded address
    assert st.running and st.pid == running.pid


def test_second_start_is_noop(running: server.ServerStatus, data_dir: Path, port: int) -> None:
    again = server.start(data_dir, port=port, auth=True, password=PASSWORD, timeout=30)
    assert again.running and again.pid == running.pid


def test_port_taken_by_other_data_dir(running: server.ServerStatus, tmp_path: Path, port: int) -> None:
    with pytest.raises(server.Neo4jServerError, match="port"):
        server.start(tmp_path / "other", port=port, password=PASSWORD, timeout=30)
    assert not (tmp_path / "other" / "neo4j.pid").exists()


def test_error_is_a_graph_store_error() -> None:
    from ingest.errors import GraphStoreError

    assert issubclass(server.Neo4jServerError, GraphStoreError)


def test_cypher_round_trip_and_indexes(running: server.ServerStatus) -> None:
    with _driver(running.uri) as driver, driver.session() as session:
        session.run(
            "CREATE (:Policy {id: $id, title: $title, year: $year})",
            id="p-1", title="“十四五”节能减排综合工作方案", year=2021,
        ).consume()
        rec = session.run("MATCH (p:Policy {id: $id}) RETURN p.title AS title, p.year AS year", id="p-1").single()
        assert rec is not None
        assert rec["title"] == "“十四五”节能减排综合工作方案" and rec["year"] == 2021

        # built-in Community indexes: full-text with the CJK analyzer, and vector
        analyzers = {r["analyzer"] for r in session.run(
            "CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer RETURN analyzer")}
        assert "cjk" in analyzers
        session.run(
            "CREATE FULLTEXT INDEX policy_title IF NOT EXISTS FOR (p:Policy) ON EACH [p.title] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}").consume()
        session.run(
            "CREATE VECTOR INDEX policy_vec IF NOT EXISTS FOR (p:Policy) ON (p.embedding) "
            "OPTIONS {indexConfig: {`vector.dimensions`: 3, `vector.similarity_function`: 'cosine'}}").consume()
        session.run("CALL db.awaitIndexes(60)").consume()
        session.run("MATCH (p:Policy {id: 'p-1'}) SET p.embedding = [0.1, 0.2, 0.3]").consume()
        hits = session.run(
            "CALL db.index.fulltext.queryNodes('policy_title', '节能') YIELD node RETURN node.id AS id").value()
        assert hits == ["p-1"]
        near = session.run(
            "CALL db.index.vector.queryNodes('policy_vec', 1, [0.1, 0.2, 0.31]) YIELD node RETURN node.id AS id"
        ).value()
        assert near == ["p-1"]


def test_wrong_password_is_rejected(running: server.ServerStatus) -> None:
    from neo4j.exceptions import AuthError

    with _driver(running.uri, "not-the-password") as driver, pytest.raises(AuthError):
        driver.verify_connectivity()


def test_stop_then_restart_keeps_data(running: server.ServerStatus, data_dir: Path, port: int) -> None:
    # runs last in this module (pytest keeps file order)
    assert server.stop(data_dir, timeout=60) is True
    st = server.status(data_dir, port=port)
    assert not st.running and st.pid is None
    assert not (data_dir / "neo4j.pid").exists()
    assert server.stop(data_dir) is False  # nothing left to stop

    again = server.start(data_dir, port=port, auth=True, password=PASSWORD, timeout=180)
    assert again.running and again.pid != running.pid
    with _driver(again.uri) as driver, driver.session() as session:
        title = session.run("MATCH (p:Policy {id: 'p-1'}) RETURN p.title AS t").single()["t"]
    assert title == "“十四五”节能减排综合工作方案"
    # the module fixture's teardown stops this second server
