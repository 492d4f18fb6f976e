"""Neo4j mode is stateless for the reader: per-query Cypher, the vector and full-text indexes.

One real Neo4j (the session server of ``tests/conftest.py``) holds the four seed documents. A
``snapshot`` service (whole graph and file index in memory) and a ``per_query`` service
(:class:`search.querymodel.StoreReadModel` + :class:`search.store_index.StoreSearchIndex`) read
the same database; the per-query one must answer the seed questions as well as the snapshot does,
hold only what its questions touched, and follow every write (the search copy is replaced with its
document and dropped with it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from graph.networkx_store import NetworkxGraphStore
from ingest.errors import ConfigError
from search.embedder import load_default_embedder
from search.eval import evaluate, load_gold
from search.index import SearchIndex
from search.querymodel import StoreReadModel
from search.service import PolicyKG
from tests.ui_fixtures import private_cache_copy
from search.store_index import StoreSearchIndex

pytestmark = [pytest.mark.neo4j, pytest.mark.model]

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
GOLD = DATA / "eval" / "seed_questions.jsonl"
TAIYUAN = "taiyuan-shisiwu-jienengjianpai"


@pytest.fixture(scope="module")
def embedder():
    return load_default_embedder()


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return private_cache_copy(tmp_path_factory.mktemp("pq-embcache") / "embcache.sqlite")


def _open(neo4j_conn):
    from graph.neo4j_store import Neo4jGraphStore

    return Neo4jGraphStore(neo4j_conn.uri, neo4j_conn.user, neo4j_conn.password, neo4j_conn.database)


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory, neo4j_conn, embedder, cache: Path) -> Iterator[tuple[PolicyKG, PolicyKG]]:
    """(snapshot service, per-query service) over one Neo4j database holding the seeds."""
    index_dir = tmp_path_factory.mktemp("pq-store") / "index"
    writer_store = _open(neo4j_conn)
    writer_store.clear()
    snap = PolicyKG(writer_store, index_dir, lambda: embedder, embedding_cache=cache, read_mode="snapshot")
    report = snap.ingest(sorted(DATA.glob("*.txt")))
    assert report.ok and len(report.added) == 4, str(report)
    pq = PolicyKG(_open(neo4j_conn), index_dir, lambda: embedder, embedding_cache=cache, read_mode="per_query")
    try:
        yield snap, pq
    finally:
        writer_store.clear()
        pq.close()
        snap.close()


def test_auto_mode_is_per_query_on_neo4j_and_snapshot_on_networkx(neo4j_conn, tmp_path: Path, embedder) -> None:
    store = _open(neo4j_conn)
    try:
        assert PolicyKG(store, tmp_path / "i", lambda: embedder).read_mode == "per_query"
    finally:
        store.close()
    nx = NetworkxGraphStore(tmp_path / "graph.json")
    assert PolicyKG(nx, tmp_path / "j", lambda: embedder).read_mode == "snapshot"
    with pytest.raises(ConfigError, match="per_query"):
        PolicyKG(nx, tmp_path / "j", lambda: embedder, read_mode="per_query")


def test_the_writer_keeps_a_search_copy_beside_the_graph(services: tuple[PolicyKG, PolicyKG]) -> None:
    snap, _pq = services
    store = snap.store
    counts = store.clause_counts()
    assert store.search_copy_docs() == counts  # every clause has its terms, per document
    assert store.passage_count() >= sum(counts.values())  # a vector per clause, plus its sentences
    assert store.copy_block_docs() == set(counts)  # and each document's vectors in one block
    blocks = store.copy_vectors(sorted(counts))
    assert {d: len(ids) for d, (ids, _rows) in blocks.items()} == store.passage_counts()
    # the copy is bookkeeping for search, not part of the graph: stats and dumps leave it out
    labels = store.stats()["labels"]
    assert not {"Passage", "ClauseTerms", "CopyBlock"} & set(labels)
    assert not any(label in ("Passage", "ClauseTerms", "CopyBlock") for label, _k, _p in store.dump().nodes)


def test_per_query_reader_answers_the_seed_questions(services: tuple[PolicyKG, PolicyKG], tmp_path: Path) -> None:
    _snap, pq = services
    report = evaluate(GOLD, pq)
    report.write_json(tmp_path / "eval-per-query.json")
    assert isinstance(pq.engine.model, StoreReadModel)
    assert isinstance(pq.index, StoreSearchIndex) and not isinstance(pq.index, SearchIndex)
    assert report.correct == len(report.items) == 40, report.table()
    assert report.evidence_at_3 == 1.0, report.table()


def _essence(answer) -> tuple:
    """What the user is told: found, agencies with roles, target figures, the first cited clause."""
    agencies = tuple((a.name, a.role) for a in answer.agencies)
    targets = tuple((t.indicator, t.value, t.year) for t in answer.targets)
    first = answer.evidence[0].clause_id if answer.evidence else None
    return bool(answer.found), agencies, targets, first


def test_per_query_and_snapshot_give_the_same_answers(services: tuple[PolicyKG, PolicyKG]) -> None:
    snap, pq = services
    questions = [g["question"] for g in load_gold(GOLD)]
    differing = [
        f"{q}\n  snapshot:  {a}\n  per_query: {b}"
        for q in questions
        if (a := _essence(snap.ask(q))) != (b := _essence(pq.ask(q)))
    ]
    assert not differing, "\n".join(differing)


def test_a_region_question_loads_only_that_regions_clauses(neo4j_conn, services, embedder, cache: Path) -> None:
    snap, _pq = services
    fresh = PolicyKG(_open(neo4j_conn), snap.index_dir, lambda: embedder, embedding_cache=cache, read_mode="per_query")
    try:
        answer = fresh.ask("太原市挥发性有机物综合整治由哪个部门牵头？")
        assert answer.found and answer.evidence[0].clause_id.startswith(TAIYUAN)
        model = fresh.engine.model
        total = sum(snap.store.clause_counts().values())
        assert model.cached_clauses == len(snap.store.clauses(TAIYUAN)) < total
    finally:
        fresh.close()


def test_a_small_cache_narrows_wide_scopes_and_stays_bounded(neo4j_conn, services, embedder, cache: Path) -> None:
    snap, pq = services
    counts = snap.store.clause_counts()
    cap = sum(sorted(counts.values())[-2:])  # two documents' worth: every all-documents question is narrowed
    assert cap < sum(counts.values())
    small = PolicyKG(_open(neo4j_conn), snap.index_dir, lambda: embedder, embedding_cache=cache,
                     read_mode="per_query", read_cache_clauses=cap)
    try:
        for q in ("淘汰落后产能由哪个部门负责？", "哪个部门负责推进挥发性有机物综合整治？", "机动车污染防治由谁牵头？"):
            wide, narrow = pq.ask(q), small.ask(q)
            assert _essence(narrow) == _essence(wide), q
            assert small.engine.model.cached_clauses <= cap + max(counts.values())
    finally:
        small.close()


def test_dense_search_in_neo4j_equals_the_file_index(services: tuple[PolicyKG, PolicyKG], embedder) -> None:
    snap, pq = services
    file_index = snap.index
    assert isinstance(file_index, SearchIndex)
    store_index = pq.index
    queries = ["淘汰落后产能", "新能源汽车推广", "建筑节能改造", "挥发性有机物治理", "煤炭消费总量控制"]
    for q in queries:
        a = [h.clause_id for h in file_index.search(q, k=10, mode="dense")]
        b = [h.clause_id for h in store_index.search(q, k=10, mode="dense")]
        assert a == b, q
    # the vector index (approximate) against the exact ranking: recall@10
    ann = StoreSearchIndex(pq.store, embedder, store_index.tokenizer, store_index.doc_meta, exact_max_passages=0,
                           max_cached_vectors=0)  # no vector blocks: the database's own paths
    found = total = 0
    for q in queries:
        exact = {h.clause_id for h in file_index.search(q, k=10, mode="dense")}
        found += len(exact & {h.clause_id for h in ann.search(q, k=10, mode="dense")})
        total += len(exact)
    assert found / total >= 0.9
    # a scope the vector index would have to over-fetch beyond its own size (one plan among many) is
    # scanned exactly instead, whatever exact_max_passages says: the file index's exact ranking
    vec = embedder.embed_queries(["挥发性有机物治理"])[0]
    a = [h.clause_id for h in file_index.search_vector(vec, k=100, doc_ids=[TAIYUAN])]
    b = [h.clause_id for h in ann.search_vector(vec, k=100, doc_ids=[TAIYUAN])]
    assert a and a == b


def test_vector_blocks_rank_as_the_database_scan_does(services: tuple[PolicyKG, PolicyKG], embedder) -> None:
    """The reader's exact cosine over the documents' vector blocks equals Cypher's exact scan of the
    same passages: the same clauses in the same order, the same scores."""
    _snap, pq = services
    store_index = pq.index
    docs = sorted(pq.store.clause_counts())
    scan = StoreSearchIndex(pq.store, embedder, store_index.tokenizer, store_index.doc_meta, max_cached_vectors=0)
    blocks = StoreSearchIndex(pq.store, embedder, store_index.tokenizer, store_index.doc_meta)
    for q, scope in (("挥发性有机物治理", docs), ("新能源汽车推广", [TAIYUAN]), ("建筑节能改造", docs[:2])):
        vec = embedder.embed_queries([q])[0]
        a = scan._dense_ranking(vec, set(scope), 30)
        b = blocks._dense_ranking(vec, set(scope), 30)
        assert [c for c, _ in a] == [c for c, _ in b], q
        assert all(abs(x - y) < 1e-5 for (_, x), (_, y) in zip(a, b, strict=True)), q
        # the clause's own vector and the pooled score of given clauses read from the blocks as from the database
        top = b[0][0]
        assert np.allclose(blocks.clause_vector(top), scan.clause_vector(top), atol=1e-6)
        assert abs(float(np.linalg.norm(scan.clause_vector(top))) - 1.0) < 1e-5
        got = blocks._dense_for([float(x) for x in vec], vec, [c for c, _ in a[:5]])
        assert got.keys() == {c for c, _ in a[:5]} and all(abs(got[c] - s) < 1e-5 for c, s in a[:5])
    assert 0 < blocks.cached_vectors <= sum(pq.store.passage_counts().values())
    # documents named by an iterator are scoped as by a list (the iterator is read once)
    assert blocks._allowed(iter([TAIYUAN])) == blocks._allowed([TAIYUAN]) == {TAIYUAN}


def test_the_vector_block_cache_stays_bounded(services: tuple[PolicyKG, PolicyKG], embedder) -> None:
    _snap, pq = services
    counts = pq.store.passage_counts()
    cap = max(counts.values())  # one document's worth
    small = StoreSearchIndex(pq.store, embedder, pq.index.tokenizer, pq.index.doc_meta, max_cached_vectors=cap)
    vec = embedder.embed_queries(["淘汰落后产能"])[0]
    for doc_id in sorted(counts):
        assert small._dense_ranking(vec, {doc_id}, 5)
        assert small.cached_vectors <= cap
    assert len(small._blocks) < len(counts)  # earlier documents were evicted


def test_a_copy_without_vector_blocks_is_read_from_the_database_and_repaired(
    neo4j_conn, services, embedder, cache: Path
) -> None:
    """A copy written before documents carried a vector block: the reader falls back to the database's
    scan (same answer), the state says the copy is behind, and a write command adds the block alone."""
    snap, pq = services
    store = snap.store
    q = "太原市挥发性有机物综合整治由哪个部门牵头？"
    before = pq.ask(q)
    passages = store.passage_counts()
    # as an older writer left it: no block, and so nothing of the document in the bigram counts
    from graph import cypher as Q

    def drop_block(tx) -> None:
        tx.run(Q.SUBTRACT_COPY_BLOCK, {"doc_id": TAIYUAN}).consume()
        tx.run("MATCH (v:CopyBlock {doc_id: $d}) DELETE v", {"d": TAIYUAN}).consume()

    store._write(drop_block)
    assert TAIYUAN not in store.copy_block_docs()
    fresh = PolicyKG(_open(neo4j_conn), snap.index_dir, lambda: embedder, embedding_cache=cache, read_mode="per_query")
    try:
        assert _essence(fresh.ask(q)) == _essence(before)
        assert TAIYUAN in fresh.index._unblocked
        state = fresh.index_state()
        assert state["behind"] and state["missing"] == [TAIYUAN]
        fresh.reindex()
    finally:
        fresh.close()
    assert TAIYUAN in store.copy_block_docs()
    assert store.passage_counts() == passages  # the passages were not rewritten
    ids, rows = store.copy_vectors([TAIYUAN])[TAIYUAN]
    assert len(ids) == rows.shape[0] == passages[TAIYUAN]
    probe = _bigrams_of(store, TAIYUAN)  # the block brought the document's bigrams back into the counts
    scanned = store.count_containing_many(probe)
    assert store.bigram_counts(probe) == {t: scanned.get(t, 0) for t in probe}
    assert not pq.index_state()["behind"]


def _bigrams_of(store, doc_id: str, n: int = 60) -> list[str]:
    text = "".join(c.text for c in store.clauses(doc_id))
    found = sorted({text[i : i + 2] for i in range(len(text) - 1)} - {""})
    return [b for b in found if len(b) == 2][:: max(1, len(found) // n)]


def test_bigram_counts_equal_the_text_scan_through_every_write(neo4j_conn, services, embedder, cache: Path) -> None:
    """The store-wide bigram counts (what two-character IDF terms are read from) equal a scan of the
    clauses' plain text after each write: ingest, remove, ingest again."""
    snap, pq = services
    store = snap.store
    probe = _bigrams_of(store, TAIYUAN) + ["太原", "晋城", "能耗", "zz"]

    def counts_agree() -> None:
        scanned = store.count_containing_many(probe)
        assert store.bigram_counts(probe) == {t: scanned.get(t, 0) for t in probe}

    counts_agree()
    fresh = PolicyKG(_open(neo4j_conn), snap.index_dir, lambda: embedder, embedding_cache=cache, read_mode="per_query")
    try:
        model = fresh.engine.model
        assert [model.df(t) for t in probe[:10]] == [store.count_containing(t) for t in probe[:10]]
        assert fresh.remove(TAIYUAN)
        counts_agree()
        assert store.bigram_counts(["太原"])["太原"] < len(store.clauses())  # its own clauses left the counts
        report = fresh.ingest([DATA / f"{TAIYUAN}.txt"])
        assert report.added == (TAIYUAN,), str(report)
        counts_agree()
    finally:
        fresh.close()


def test_the_search_copy_follows_remove_and_repair(neo4j_conn, services, embedder, cache: Path) -> None:
    snap, pq = services
    store = snap.store
    q = "太原市挥发性有机物综合整治由哪个部门牵头？"
    assert pq.ask(q).found
    assert pq.remove(TAIYUAN)
    assert TAIYUAN not in store.search_copy_docs() and TAIYUAN not in store.copy_block_docs()
    assert not pq.ask(q).found  # the reader saw the new generation
    report = pq.ingest([DATA / f"{TAIYUAN}.txt"])
    assert report.added == (TAIYUAN,), str(report)
    assert store.search_copy_docs().get(TAIYUAN) == len(store.clauses(TAIYUAN))
    assert pq.ask(q).found
    # a copy lost (an interrupted writer): the state says so, a write command repairs exactly it
    store.delete_search_copy(TAIYUAN)
    state = pq.index_state()
    assert state["behind"] and state["missing"] == [TAIYUAN]
    pq.reindex()
    assert store.search_copy_docs() == store.clause_counts()
    assert not pq.index_state()["behind"]


def test_document_horizons_come_from_the_copy(services: tuple[PolicyKG, PolicyKG]) -> None:
    snap, pq = services
    pq.ask("太原市挥发性有机物综合整治由哪个部门牵头？")  # builds the per-query model
    model, snapshot = pq.engine.model, snap.engine.model
    horizons = pq.store.document_horizons()
    assert set(horizons) == set(snap.store.clause_counts())
    for doc_id in horizons:  # one query for every document, equal to reading every clause
        assert model.doc_horizon(doc_id) == snapshot.doc_horizon(doc_id) > 2000


def test_a_document_list_reads_openings_not_whole_documents(neo4j_conn, services, embedder, cache: Path) -> None:
    snap, _pq = services
    fresh = PolicyKG(_open(neo4j_conn), snap.index_dir, lambda: embedder, embedding_cache=cache, read_mode="per_query")
    try:
        q = "山西省有哪些节能减排文件？"
        a, b = fresh.ask(q), snap.ask(q)
        assert a.found and [(e.source, e.text) for e in a.evidence] == [(e.source, e.text) for e in b.evidence]
        assert fresh.engine.model.cached_clauses == 0  # only the openings were read
    finally:
        fresh.close()


def test_bundled_plans_and_a_units_division_read_alike_in_both_modes(
    services: tuple[PolicyKG, PolicyKG], tmp_path: Path
) -> None:
    """The plans a document bundles (their titles read from the preambles of the document's own clauses) and a unit's
    division leading in its department's place (read from the unit's annotation) come from the read model: the per-query
    reader, which loads a document's clauses on demand, answers as the snapshot does."""
    from tests.test_qa import FUJIAN_BUNDLED_PLANS, LIAONING_DIVISIONS_PLAN

    snap, pq = services
    files = []
    for title, body in {**FUJIAN_BUNDLED_PLANS, **LIAONING_DIVISIONS_PLAN}.items():
        path = tmp_path / f"{title}.txt"
        path.write_text(f"{title}\n{body}", encoding="utf-8")
        files.append(path)
    report = snap.ingest(files)
    assert report.ok and len(report.added) == 2, str(report)
    try:
        for q in (
            "福建建材行业这边，能效低于行业基准水平的存量项目要在哪一年之前完成改造升级？",
            "辽宁建立污染地块联动监管和安全利用月报制度，自然资源厅哪个处室负责？和哪个部门共同推进？",
        ):
            a, b = pq.ask(q), snap.ask(q)
            assert a.found and b.found
            assert a.answer == b.answer
            assert [(x.name, x.role) for x in a.agencies] == [(x.name, x.role) for x in b.agencies]
        assert "于2023年前完成改造升级" in pq.ask("福建建材行业这边，能效低于行业基准水平的存量项目要在哪一年之前完成改造升级？").answer
        assert list(pq.ask("辽宁建立污染地块联动监管和安全利用月报制度，自然资源厅哪个处室负责？和哪个部门共同推进？").lead) == [
            "辽宁省自然资源厅国土空间用途管制处"
        ]
    finally:
        for doc_id in report.added:
            snap.remove(doc_id)
