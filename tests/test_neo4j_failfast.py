"""A Neo4j server that goes away during an ingest: bounded retries, one clear error, nothing half-written.

A server of its own is started in a temp dir (the session server of conftest.py is shared with the
other tests and must stay up), stopped from the progress callback after the first document, and
started again to check what the store holds.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from graph import server
from graph.neo4j_store import Neo4jGraphStore
from ingest.errors import StoreUnavailableError
from ingest.pipeline import parse_file
from search.service import NOT_INGESTED, PolicyKG
from tests.conftest import NEO4J_TEST_PASSWORD, _free_port

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "data").glob("*.txt"))
RETRY_WINDOW_S = 2.0


def _no_embedder() -> object:
    raise AssertionError("an aborted ingest must not build the search index")


@pytest.fixture
def own_server(tmp_path: Path):
    """A Neo4j server for this test only: (data_dir, port)."""
    if shutil.which("java") is None or shutil.which("mvn") is None:
        pytest.skip("needs java and mvn on PATH")
    data_dir, port = tmp_path / "neo4j", _free_port()
    server.start(data_dir, port=port, auth=True, password=NEO4J_TEST_PASSWORD, timeout=240)
    try:
        yield data_dir, port
    finally:
        server.stop(data_dir, timeout=60)


def test_server_stopped_mid_ingest_fails_fast_and_keeps_whole_documents(own_server, tmp_path: Path) -> None:
    data_dir, port = own_server
    uri = f"bolt://127.0.0.1:{port}"
    store = Neo4jGraphStore(uri, "neo4j", NEO4J_TEST_PASSWORD, retry_window=RETRY_WINDOW_S)
    service = PolicyKG(store, tmp_path / "index", _no_embedder)
    stopped: list[float] = []

    def stop_after_first(done: int, total: int, path: object, status: str, *_: object) -> None:
        if done == 1 and not stopped:
            assert status == "added"
            server.stop(data_dir, timeout=60)
            stopped.append(time.monotonic())

    report = service.ingest(SEEDS, progress=stop_after_first)
    waited = time.monotonic() - stopped[0]
    store.close()

    assert report.added == (parse_file(SEEDS[0]).document.doc_id,)
    assert uri in report.aborted  # one clear error naming the server
    assert [Path(e.path).name for e in report.failed] == [p.name for p in SEEDS[1:]]
    assert all(e.reason == NOT_INGESTED for e in report.failed[1:])  # the rest: reported, not tried
    assert not report.ok and not report.index_rebuilt
    assert "已中止 / stopped" in str(report)
    # one bounded retry window for the whole run, not one per remaining file (the old driver default
    # was 30 s per file); generous bound for a loaded CI machine
    assert waited < RETRY_WINDOW_S * 10

    # started again, the store holds exactly the document that was committed, whole
    server.start(data_dir, port=port, auth=True, password=NEO4J_TEST_PASSWORD, timeout=240)
    store = Neo4jGraphStore(uri, "neo4j", NEO4J_TEST_PASSWORD)
    try:
        expected = parse_file(SEEDS[0])
        assert [d.doc_id for d in store.documents()] == [expected.document.doc_id]
        assert len(store.clauses()) == len(expected.clauses)
    finally:
        store.close()


def test_unreachable_server_is_one_clear_error(tmp_path: Path) -> None:
    uri = f"bolt://127.0.0.1:{_free_port()}"
    with pytest.raises(StoreUnavailableError, match=uri.replace("/", "/")):
        Neo4jGraphStore(uri, "neo4j", NEO4J_TEST_PASSWORD, connection_timeout=2, retry_window=1)
