"""One relationship type, one meaning (issue 14, item 4): agency role IMPLEMENTS vs document lineage
IMPLEMENTS_DOCUMENT, and the migration of stores written with lineage typed IMPLEMENTS (both stores)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph import cypher as Q
from graph.common import LINEAGE_TYPE, REL_TYPES, ROLE_TYPES
from graph.factory import NETWORKX_FILE
from graph.migrate import migrate_store
from graph.networkx_store import FORMAT_VERSION, NetworkxGraphStore, read_graph
from ingest.errors import GraphStoreError
from tests import graph_samples as S
from ui.cli import app


def test_types_say_one_thing_each():
    assert ROLE_TYPES["implementing"] == "IMPLEMENTS"
    assert LINEAGE_TYPE == "IMPLEMENTS_DOCUMENT"
    assert LINEAGE_TYPE not in ROLE_TYPES.values() and LINEAGE_TYPE in REL_TYPES
    # every lineage statement uses the lineage type; responsibility statements the role types
    for name in ("MERGE_LINEAGE", "DELETE_LINEAGE", "AFFECTED_LINEAGE", "STUB_TITLES", "LINEAGE_UP", "LINEAGE_DOWN",
                 "GC_STUBS", "GET_DOCUMENT_FOR_REMOVAL", "DELETE_DOC_OUT_EDGES"):
        q = getattr(Q, name)
        assert "IMPLEMENTS_DOCUMENT" in q and "[r:IMPLEMENTS]" not in q and "[:IMPLEMENTS]" not in q, name
    assert "IMPLEMENTS_DOCUMENT" not in Q.SELECT_RESPONSIBILITIES + Q.CLAUSE_RESPONSIBILITIES + Q.GC_AGENCIES


def test_cypher_migration_is_pinned():
    assert Q.MIGRATE_LINEAGE_TYPE == (
        "MATCH (a:Document)-[r:IMPLEMENTS]->(b:Document) "
        "CREATE (a)-[n:IMPLEMENTS_DOCUMENT]->(b) SET n = properties(r) DELETE r "
        "RETURN count(n) AS migrated"
    )
    assert Q.COUNT_OLD_LINEAGE == "MATCH (:Document)-[r:IMPLEMENTS]->(:Document) RETURN count(r) AS n"


def test_both_types_in_a_store(store):
    store.write_document(S.taiyuan())
    rels = store.stats()["relationships"]
    assert rels["IMPLEMENTS"] == 1 and rels["IMPLEMENTS_DOCUMENT"] == 1
    edges = {(t, a[0], b[0]) for t, a, b, _ in store.dump().edges if t.startswith("IMPLEMENTS")}
    assert edges == {("IMPLEMENTS", "Agency", "Clause"), ("IMPLEMENTS_DOCUMENT", "Document", "Document")}


def _as_version_2(path: Path) -> dict:
    """Rewrite a current store file the way version 2 wrote it: lineage typed IMPLEMENTS."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = 2
    data["edges"] = [[*e[:4], "IMPLEMENTS" if e[4] == LINEAGE_TYPE else e[4], e[5]] for e in data["edges"]]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return data


@pytest.fixture
def v2_store(tmp_path) -> tuple[Path, NetworkxGraphStore]:
    """A store folder whose graph.json is a version-2 file (all samples), and the same graph as written now."""
    current = NetworkxGraphStore(tmp_path / "now" / NETWORKX_FILE)
    for p in S.all_samples():
        current.write_document(p)
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / NETWORKX_FILE).write_bytes((tmp_path / "now" / NETWORKX_FILE).read_bytes())
    old = _as_version_2(folder / NETWORKX_FILE)
    assert sum(1 for e in old["edges"] if e[4] == "IMPLEMENTS" and e[0] == "Document") >= 2
    return folder, current


def test_version_2_file_is_read_with_lineage_renamed(v2_store):
    folder, current = v2_store
    s = NetworkxGraphStore(folder / NETWORKX_FILE)
    assert s.dump() == current.dump()
    assert [d.doc_id for d in s.lineage(S.TY)] == [d.doc_id for d in current.lineage(S.TY)] != []
    # the next write saves version 3
    s.write_document(S.qingxu())
    assert json.loads((folder / NETWORKX_FILE).read_text(encoding="utf-8"))["version"] == FORMAT_VERSION == 3


def test_store_migrate_rewrites_a_version_2_file(v2_store):
    folder, current = v2_store
    old_bytes = (folder / NETWORKX_FILE).read_bytes()
    result = migrate_store(folder)
    assert result.migrated and "version 2 to 3" in result.message
    assert (folder / f"{NETWORKX_FILE}.v2.migrated").read_bytes() == old_bytes
    data = json.loads((folder / NETWORKX_FILE).read_text(encoding="utf-8"))
    assert data["version"] == 3
    assert not any(e[4] == "IMPLEMENTS" and e[0] == "Document" for e in data["edges"])
    assert NetworkxGraphStore(folder / NETWORKX_FILE).dump() == current.dump()
    again = CliRunner().invoke(app, ["store", "migrate", "--store", str(folder)])
    assert again.exit_code == 0 and "nothing to migrate" in again.stdout


def test_version_3_file_with_old_lineage_is_refused(tmp_path):
    s = NetworkxGraphStore(tmp_path / NETWORKX_FILE)
    s.write_document(S.taiyuan())
    data = json.loads((tmp_path / NETWORKX_FILE).read_text(encoding="utf-8"))
    data["edges"] = [[*e[:4], "IMPLEMENTS" if e[4] == LINEAGE_TYPE else e[4], e[5]] for e in data["edges"]]
    (tmp_path / NETWORKX_FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GraphStoreError, match="lineage is IMPLEMENTS_DOCUMENT since version 3"):
        read_graph(tmp_path / NETWORKX_FILE)


@pytest.mark.neo4j
def test_neo4j_migrates_old_lineage_edges_on_open(neo4j_store, neo4j_conn, networkx_store):
    from graph.neo4j_store import Neo4jGraphStore

    for s in (neo4j_store, networkx_store):
        for p in S.all_samples():
            s.write_document(p)
    # turn the lineage edges back into the old type, as an older policykg wrote them
    with neo4j_store._session() as session:
        session.run(
            "MATCH (a:Document)-[r:IMPLEMENTS_DOCUMENT]->(b:Document) "
            "CREATE (a)-[n:IMPLEMENTS]->(b) SET n = properties(r) DELETE r"
        ).consume()
    assert neo4j_store.stats()["relationships"]["IMPLEMENTS_DOCUMENT"] == 0
    before = neo4j_store.generation()
    reopened = Neo4jGraphStore(neo4j_conn.uri, neo4j_conn.user, neo4j_conn.password, neo4j_conn.database)
    try:
        assert reopened.generation() == before + 1
        assert reopened.dump() == networkx_store.dump()
        assert reopened.lineage(S.TY) == networkx_store.lineage(S.TY)
        assert reopened.migrate() == 0  # idempotent
    finally:
        reopened.close()
