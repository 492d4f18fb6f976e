"""The QA acceptance of tests/test_qa.py on the Neo4j store, and store parity.

Two ``PolicyKG`` services over the four seed documents (``data/*.txt``), sharing one real
embedding model and one embedding cache: one on a ``NetworkxGraphStore`` in a tmp dir, one on a
``Neo4jGraphStore`` on the session Neo4j server of ``tests/conftest.py`` (its database is cleared
first: other tests share the server). The acceptance bar is 40/40 on
``data/eval/seed_questions.jsonl`` through :func:`search.eval.evaluate` on Neo4j, and every gold
question's ``ask()`` answer must be identical (``to_dict()``) on both stores.

The embedding cache is a private snapshot of the one test_qa.py shares across runs: the cached
vectors make the index builds fast, and no other process can replace a vector between the two
builds (onnx-int8 vectors depend slightly on the batch a text was embedded in, so a concurrent
writer of the shared cache could make the two indexes differ by a few 1e-3 in scores).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.networkx_store import NetworkxGraphStore
from search.embedder import load_default_embedder
from search.eval import evaluate, load_gold
from search.service import PolicyKG
from tests.ui_fixtures import private_cache_copy

pytestmark = [pytest.mark.neo4j, pytest.mark.model]

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
GOLD = DATA / "eval" / "seed_questions.jsonl"


@pytest.fixture(scope="module")
def embedder():
    """One real model for both services (loaded once)."""
    return load_default_embedder()


@pytest.fixture(scope="module")
def embedding_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A consistent private copy of the shared embedding cache (empty if there is none yet)."""
    return private_cache_copy(tmp_path_factory.mktemp("qa-embcache") / "embcache.sqlite")


def _service(store, index_dir: Path, embedder, cache: Path) -> PolicyKG:
    # both in snapshot mode: the same code answers from both stores (per-query mode: test_per_query.py)
    service = PolicyKG(store, index_dir, lambda: embedder, embedding_cache=cache, read_mode="snapshot")
    report = service.ingest(sorted(DATA.glob("*.txt")))
    assert report.ok, str(report)
    assert len(report.added) == 4, str(report)
    service.warm_up()
    return service


@pytest.fixture(scope="module")
def nx_kg(tmp_path_factory: pytest.TempPathFactory, embedder, embedding_cache: Path) -> Iterator[PolicyKG]:
    store_dir = tmp_path_factory.mktemp("qa-nx-store")
    service = _service(NetworkxGraphStore(store_dir / "graph.json"), store_dir / "index", embedder, embedding_cache)
    yield service
    service.close()


@pytest.fixture(scope="module")
def neo4j_kg(
    tmp_path_factory: pytest.TempPathFactory, neo4j_conn, embedder, embedding_cache: Path
) -> Iterator[PolicyKG]:
    from graph.neo4j_store import Neo4jGraphStore

    store = Neo4jGraphStore(neo4j_conn.uri, neo4j_conn.user, neo4j_conn.password, neo4j_conn.database)
    store.clear()  # the server is shared with the other neo4j tests
    assert store.documents() == []
    service = _service(store, tmp_path_factory.mktemp("qa-neo4j-store") / "index", embedder, embedding_cache)
    try:
        yield service
    finally:
        store.clear()
        service.close()


def test_neo4j_holds_the_same_graph(nx_kg: PolicyKG, neo4j_kg: PolicyKG) -> None:
    assert neo4j_kg.store.stats() == nx_kg.store.stats()
    assert neo4j_kg.store.dump() == nx_kg.store.dump()


def test_seed_questions_40_of_40_on_neo4j(neo4j_kg: PolicyKG, tmp_path: Path) -> None:
    report = evaluate(GOLD, neo4j_kg)
    report.write_json(tmp_path / "eval-neo4j.json")
    print(report.table())
    assert report.correct == len(report.items) == 40, report.table()
    assert report.evidence_at_3 == 1.0, report.table()


def test_both_stores_answer_identically(nx_kg: PolicyKG, neo4j_kg: PolicyKG) -> None:
    questions = [g["question"] for g in load_gold(GOLD)]
    assert len(questions) == 40
    differing = []
    for q in questions:
        a, b = nx_kg.ask(q).to_dict(), neo4j_kg.ask(q).to_dict()
        if a != b:
            keys = [k for k in a if a[k] != b.get(k)]
            differing.append(
                f"{q}: differs in {keys}\n  networkx: {[a[k] for k in keys]}\n  neo4j:    {[b[k] for k in keys]}"
            )
    assert not differing, f"{len(differing)} of {len(questions)} answers differ:\n" + "\n".join(differing)
