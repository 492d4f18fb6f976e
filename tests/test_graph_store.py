"""The GraphStore contract, run on both stores (fixture ``store``: networkx and neo4j).

Hand-built documents (tests/graph_samples.py, real sentences of the seeds) cover each query;
the seed tests ingest data/*.txt with ``ingest.pipeline.parse_file`` once that exists.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import re
import socket
from pathlib import Path
from typing import Any

import pytest

from graph.common import LABELS, REL_TYPES, prepare_document
from graph.export import cypher_string, export_graph, to_cypher
from graph.factory import open_store
from graph.networkx_store import NetworkxGraphStore
from graph.store import GraphStore
from ingest.errors import ConfigError, GraphStoreError, StoreUnavailableError
from ingest.records import ParsedDocument
from tests import graph_samples as S

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data").glob("*.txt"))


def write_all(store: GraphStore, docs: list[ParsedDocument] | None = None) -> None:
    for p in docs if docs is not None else S.all_samples():
        store.write_document(p)


def ids(docs) -> list[str]:
    return [d.doc_id for d in docs]


# --- basics ------------------------------------------------------------------------------------


def test_store_satisfies_protocol(store):
    assert isinstance(store, GraphStore)


def test_empty_store(store):
    st = store.stats()
    assert st["labels"] == {label: 0 for label in LABELS}
    assert st["relationships"] == {t: 0 for t in REL_TYPES}
    assert store.documents() == [] and store.clauses() == [] and store.regions() == []
    assert store.document("nope") is None and store.clause("nope#一") is None
    assert store.content_hash("nope") is None
    assert store.remove_document("nope") is False


def test_records_round_trip_exactly(store):
    p = S.taiyuan()
    store.write_document(p)
    assert store.document(S.TY) == p.document
    assert store.clauses(S.TY) == sorted(p.clauses, key=lambda c: c.order)
    for c in p.clauses:
        got = store.clause(c.clause_id)
        assert got == c
        assert isinstance(got.sentences, tuple) and isinstance(got.topics, tuple)
    assert store.clause(f"{S.TY}#前言").parent_id is None
    assert store.targets(doc_id=S.TY) == sorted(p.targets, key=lambda t: t.target_id)
    assert store.targets(clause_id=f"{S.TY}#二")[0].base_year is None
    assert store.agencies() == sorted(
        [*p.agencies, dataclasses.replace(S.TY_STHJ, name="太原市环境保护局", canonical="太原市环境保护局", agency_type="", region="")],
        key=lambda a: a.name,
    )
    assert store.regions() == sorted(p.regions, key=lambda r: r.name)
    assert store.content_hash(S.TY) == "sha256:taiyuan-v1"


def test_stats_count_labels_and_types(store):
    store.write_document(S.taiyuan())
    st = store.stats()
    assert st["labels"]["Document"] == 2  # the document + the stub of the plan it cites
    assert st["labels"]["Clause"] == 7
    assert st["labels"]["Target"] == 3 and st["labels"]["Indicator"] == 2
    assert st["labels"]["Agency"] == 6  # 5 named + the predecessor of 太原市生态环境局
    assert st["relationships"]["HAS_SECTION"] == 4  # 前言, 二, 三, 结尾
    assert st["relationships"]["HAS_CLAUSE"] == 3
    assert st["relationships"]["LEADS"] == 3 and st["relationships"]["CO_RESPONSIBLE"] == 5
    assert st["relationships"]["IMPLEMENTS"] == 1  # the agency edge (implementing role)
    assert st["relationships"]["IMPLEMENTS_DOCUMENT"] == 1  # the lineage edge
    assert st["relationships"]["SUCCEEDED_BY"] == 1
    assert st["relationships"]["WITHIN"] == 3


# --- queries -------------------------------------------------------------------------------------


def test_responsibilities_sorted_by_role_then_document_order(store):
    store.write_document(S.taiyuan())
    got = [(r.agency.name, r.responsibility.role) for r in store.responsibilities(f"{S.TY}#三（二）")]
    assert got == [
        ("太原市工信局", "lead"),
        ("太原市生态环境局", "co"),
        ("太原市发展改革委", "co"),
        ("太原市能源局", "co"),
    ]
    first = store.responsibilities(f"{S.TY}#三（二）")[0]
    assert first.agency == S.TY_GXJ
    assert first.responsibility == S.taiyuan().responsibilities[0]
    assert store.responsibilities("nope") == []


def test_agencies_for_region_includes_sub_regions(store):
    write_all(store)
    taiyuan = store.agencies_for(region="太原市")
    names = {r.agency.name for r in taiyuan}
    assert "清徐县工信局" in names and "太原市工信局" in names
    assert "山西省发展改革委" not in names
    assert {r.agency.name for r in store.agencies_for(region="清徐县")} == {"清徐县工信局"}
    assert {r.agency.name for r in store.agencies_for(region="山西省")} >= names | {"山西省发展改革委"}
    keys = [(r.responsibility.clause_id, ["lead", "co", "implementing"].index(r.responsibility.role), r.agency.name) for r in taiyuan]
    assert keys == sorted(keys)
    assert store.agencies_for(region="海南省") == []


def test_agencies_for_topic_role_clause(store):
    write_all(store)
    vocs = store.agencies_for(topic="vocs")
    assert {r.responsibility.clause_id for r in vocs} == {f"{S.TY}#三（九）", f"{S.TY}#三（九）1"}
    assert store.agencies_for(topic="挥发性有机物") == vocs  # topic name works too
    leads = store.agencies_for(role="lead", region="太原市")
    assert {r.responsibility.role for r in leads} == {"lead"}
    assert [r.agency.name for r in store.agencies_for(clause_id=f"{S.TY}#三（九）", role="co")] == ["太原市交通局", "太原市工信局"]
    water = store.agencies_for(topic="wastewater", region="清徐县")
    assert [r.agency.name for r in water] == ["清徐县工信局"]


def test_clauses_of_agency_matches_name_or_canonical(store):
    write_all(store)
    by_name = store.clauses_of_agency("太原市工信局")
    by_canonical = store.clauses_of_agency("太原市工业和信息化局")
    assert by_name == by_canonical
    assert [(c.path, r.role) for c, r in by_name] == [("三（二）", "lead"), ("三（九）", "co")]
    assert [c.path for c, _ in store.clauses_of_agency("太原市生态环境局", role="implementing")] == ["三（九）1"]
    assert store.clauses_of_agency("不存在的局") == []


def test_agencies_of_region(store):
    write_all(store)
    assert [a.name for a in store.agencies(region="清徐县")] == ["清徐县工信局"]
    assert "清徐县工信局" in [a.name for a in store.agencies(region="太原市")]
    names = [a.name for a in store.agencies()]
    assert names == sorted(names)


def test_targets_filters(store):
    write_all(store)
    gdp = store.targets(indicator="单位GDP能耗")
    assert [t.target_id for t in gdp] == sorted(t.target_id for t in gdp) and len(gdp) == 5
    assert len(store.targets(indicator="单位地区生产总值能耗强度")) == 2  # raw indicator name works too
    # a target without its own region applies to its document's region; sub-regions included
    assert [t.target_id for t in store.targets(region="太原市", indicator="单位GDP能耗")] == [
        "qingxu-sample#一#t1",
        f"{S.TY}#二#t1",
        f"{S.TY}#二#t2",
    ]
    assert [t.value for t in store.targets(region="晋城市")] == ["15.5%"]
    assert len(store.targets(year=2025)) == 6 and store.targets(year=2030) == []
    assert [t.value for t in store.targets(clause_id=f"{S.TY}#二", indicator="挥发性有机物重点工程减排量")] == ["1160吨"]
    assert store.targets(doc_id="shanxi-shisiwu-sample")[0].base_year == 2020


def test_documents_of_region_include_sub_regions(store):
    write_all(store)
    assert ids(store.documents()) == sorted(p.document.doc_id for p in S.all_samples())
    assert ids(store.documents(region="太原市")) == ["qingxu-sample", S.TY]
    assert ids(store.documents(region="清徐县")) == ["qingxu-sample"]
    assert len(store.documents(region="山西省")) == 4
    assert store.documents(region="辽宁省") == []


def test_candidate_clauses_by_topic_and_region(store):
    write_all(store)
    got = store.candidate_clauses(topic="wastewater", region="太原市")
    assert [c.clause_id for c in got] == ["qingxu-sample#一", f"{S.TY}#三（二）"]
    assert [c.clause_id for c in store.candidate_clauses(topic="energy_intensity", region="晋城市")] == [
        "jincheng-shisiwu-jienengjianpai#二"
    ]
    assert len(store.candidate_clauses(topic="vocs")) == 3
    assert len(store.candidate_clauses()) == len(store.clauses())


def test_lineage_links_stored_documents_and_keeps_stubs(store):
    store.write_document(S.taiyuan())
    up = store.lineage(S.TY, "up")
    assert ids(up) == ["cited:晋政发〔2022〕25号"]
    assert up[0].title == "山西省“十四五”节能减排实施方案" and up[0].doc_number == "晋政发〔2022〕25号"
    assert store.document("cited:晋政发〔2022〕25号") is None  # stubs are not documents
    # the cited plan arrives: the stub is replaced by the real document
    store.write_document(S.shanxi())
    assert ids(store.lineage(S.TY, "up")) == ["cited:国发〔2021〕33号", "shanxi-shisiwu-sample"]
    store.write_document(S.qingxu())
    store.write_document(S.jincheng())
    assert ids(store.lineage("shanxi-shisiwu-sample", "down")) == [
        "jincheng-shisiwu-jienengjianpai",
        "qingxu-sample",
        S.TY,
    ]
    assert ids(store.lineage("qingxu-sample", "up")) == ["cited:国发〔2021〕33号", "shanxi-shisiwu-sample", S.TY]
    # removing a cited document turns it back into a stub: lineage still shows
    assert store.remove_document("shanxi-shisiwu-sample") is True
    assert ids(store.lineage(S.TY, "up")) == ["cited:晋政发〔2022〕25号"]
    assert ids(store.lineage("jincheng-shisiwu-jienengjianpai", "up")) == ["cited:国发〔2021〕33号", "cited:晋政发〔2022〕25号"]
    with pytest.raises(ValueError):
        store.lineage(S.TY, "sideways")


def test_subgraph_for_visualisation(store):
    write_all(store)
    sg = store.subgraph(region="太原市")
    labels = {n.label for n in sg.nodes}
    assert labels == {"Agency", "Clause", "Topic", "Target"}
    assert [n.id for n in sg.nodes] == sorted(n.id for n in sg.nodes)
    node_ids = {n.id for n in sg.nodes}
    assert all(e.source in node_ids and e.target in node_ids for e in sg.edges)
    assert {e.type for e in sg.edges} >= {"LEADS", "CO_RESPONSIBLE", "ABOUT"}
    small = store.subgraph(agency="太原市工业和信息化局", limit=4)
    assert len(small.nodes) <= 4 and any(n.id == "Agency:太原市工信局" for n in small.nodes)
    assert store.subgraph(region="海南省").nodes == ()


# --- replacement, idempotency, removal -------------------------------------------------------------


def test_rewrite_is_idempotent(store):
    write_all(store)
    before, dump = store.stats(), store.dump()
    write_all(store)
    assert store.stats() == before
    assert store.dump() == dump


def _drop_last_clause(p: ParsedDocument) -> ParsedDocument:
    last = max(p.clauses, key=lambda c: c.order)
    return dataclasses.replace(
        p,
        document=dataclasses.replace(p.document, content_hash="sha256:taiyuan-v2"),
        clauses=tuple(c for c in p.clauses if c is not last),
        responsibilities=tuple(r for r in p.responsibilities if r.clause_id != last.clause_id),
        targets=tuple(t for t in p.targets if t.clause_id != last.clause_id),
    )


def test_replacement_leaves_no_orphans(store, tmp_path):
    write_all(store)
    v2 = _drop_last_clause(S.taiyuan())
    store.write_document(v2)
    assert store.clause(f"{S.TY}#结尾") is None
    assert store.content_hash(S.TY) == "sha256:taiyuan-v2"
    assert [c for c, _ in store.clauses_of_agency("太原市发展改革委")] == [store.clause(f"{S.TY}#三（二）")]
    # identical to a store that only ever saw v2
    fresh = NetworkxGraphStore(tmp_path / "fresh.json")
    write_all(fresh, [v2, S.shanxi(), S.qingxu(), S.jincheng()])
    assert store.stats() == fresh.stats()
    assert store.dump() == fresh.dump()


def test_replacement_drops_unreferenced_agencies_and_indicators(store):
    p = S.taiyuan()
    store.write_document(p)
    v2 = dataclasses.replace(
        p,
        responsibilities=tuple(r for r in p.responsibilities if r.agency != "太原市交通局"),
        targets=p.targets[:2],
    )
    store.write_document(v2)
    assert "太原市交通局" not in [a.name for a in store.agencies()]
    assert store.stats()["labels"]["Indicator"] == 1
    assert store.stats()["labels"]["Agency"] == 5


def test_remove_document(store, tmp_path):
    write_all(store)
    assert store.remove_document("qingxu-sample") is True
    assert store.remove_document("qingxu-sample") is False
    assert store.document("qingxu-sample") is None
    assert store.clauses("qingxu-sample") == []
    assert "清徐县工信局" not in [a.name for a in store.agencies()]
    fresh = NetworkxGraphStore(tmp_path / "fresh.json")
    write_all(fresh, [S.taiyuan(), S.shanxi(), S.jincheng()])
    assert store.dump() == fresh.dump()
    for doc_id in [p.document.doc_id for p in S.all_samples() if p.document.doc_id != "qingxu-sample"]:
        assert store.remove_document(doc_id) is True
    assert store.stats() == open_store("networkx", tmp_path / "empty").stats()


def test_clear(store):
    write_all(store)
    store.clear()
    assert sum(store.stats()["labels"].values()) == 0


def test_inconsistent_document_is_rejected(store):
    p = S.taiyuan()
    bad = dataclasses.replace(p, targets=(dataclasses.replace(p.targets[0], clause_id=f"{S.TY}#九十九"),))
    with pytest.raises(GraphStoreError, match="九十九"):
        store.write_document(bad)
    assert store.document(S.TY) is None  # nothing half-written


# --- export ------------------------------------------------------------------------------------------


def test_export_formats(store, tmp_path):
    write_all(store)
    for fmt, name in [("json", "g.json"), ("graphml", "g.graphml"), ("cypher", "g.cypher"), ("csv", "csv")]:
        files = export_graph(store, fmt, tmp_path / name)
        assert all(f.stat().st_size > 0 for f in files)
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == sum(store.stats()["labels"].values())
    assert len(data["edges"]) == sum(store.stats()["relationships"].values())
    import networkx as nx

    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.number_of_nodes() == len(data["nodes"])
    with pytest.raises(ConfigError, match="graphml, csv, json, cypher"):
        export_graph(store, "xlsx", tmp_path / "g.xlsx")


@pytest.mark.parametrize(
    "raw, literal",
    [
        ("太原市", "'太原市'"),
        ("it's", "'it\\'s'"),
        ("a\\b", "'a\\\\b'"),
        ("end\\", "'end\\\\'"),
        ("\\'", "'\\\\\\''"),
        ("line1\nline2\t", "'line1\\nline2\\t'"),
    ],
)
def test_cypher_string_escaping(raw, literal):
    assert cypher_string(raw) == literal


# --- factory / errors --------------------------------------------------------------------------------


def test_open_store_unknown_backend(tmp_path):
    with pytest.raises(ConfigError, match="Valid backends are: networkx, neo4j"):
        open_store("sqlite", tmp_path)


def test_open_store_networkx_persists(tmp_path):
    s = open_store("networkx", tmp_path)
    s.write_document(S.taiyuan())
    assert (tmp_path / "graph.json").is_file()
    again = open_store("networkx", tmp_path)
    assert again.dump() == s.dump()


def test_unreadable_networkx_file(tmp_path):
    (tmp_path / "graph.json").write_bytes(b"not a graph")
    with pytest.raises(GraphStoreError, match="graph.json"):
        open_store("networkx", tmp_path)


def test_unreachable_neo4j_names_the_uri():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, not listening: nothing answers
        uri = f"bolt://127.0.0.1:{port}"
        with pytest.raises(StoreUnavailableError, match=re.escape(uri)) as e:
            open_store("neo4j", Path("."), neo4j_uri=uri, neo4j_password="whatever-pw")
    assert "无法连接 Neo4j" in str(e.value) and "cannot reach Neo4j" in str(e.value)


# --- Neo4j only ----------------------------------------------------------------------------------------


@pytest.mark.neo4j
def test_parity_networkx_vs_neo4j_samples(networkx_store, neo4j_store):
    for s in (networkx_store, neo4j_store):
        write_all(s)
    assert all_queries(networkx_store) == all_queries(neo4j_store)
    assert networkx_store.dump() == neo4j_store.dump()


@pytest.mark.neo4j
def test_cypher_export_replays_into_neo4j(networkx_store, neo4j_store):
    p = S.taiyuan()
    tricky = "引号' 双引号\" 反斜杠\\ 换行\n结束\\"
    clauses = tuple(dataclasses.replace(c, text=c.text + tricky) if c.kind == "closing" else c for c in p.clauses)
    networkx_store.write_document(dataclasses.replace(p, clauses=clauses))
    script = to_cypher(networkx_store.dump())
    with neo4j_store._driver.session(database=neo4j_store.database) as session:
        for line in script.splitlines():
            if line and not line.startswith("//"):
                session.run(line).consume()
    got = neo4j_store.dump()
    assert got == networkx_store.dump()
    assert neo4j_store.clause(f"{S.TY}#结尾").text.endswith(tricky)


@pytest.mark.neo4j
def test_fulltext_search(neo4j_store):
    write_all(neo4j_store)
    assert neo4j_store.fulltext_analyzer == "cjk"
    hits = neo4j_store.fulltext_search("挥发性有机物综合治理", limit=5)
    assert hits and hits[0][0] == f"{S.TY}#三（九）"
    assert all(isinstance(score, float) for _, score in hits)
    seg = neo4j_store.fulltext_search("挥发性有机物综合治理", limit=5, analyzer="jieba")
    assert seg and seg[0][0] in {f"{S.TY}#三（九）", f"{S.TY}#三（九）1"}
    assert neo4j_store.fulltext_search("污水 AND (OR", limit=3) is not None  # Lucene syntax is escaped
    assert neo4j_store.fulltext_search("   ", limit=3) == []


# --- every protocol query, for parity checks -------------------------------------------------------------


def all_queries(store: GraphStore) -> dict[str, Any]:
    """Every protocol query over every value present in the store."""
    docs = store.documents()
    clauses = store.clauses()
    regions = [r.name for r in store.regions()]
    agencies = store.agencies()
    topics = sorted({t for c in clauses for t in c.topics})
    indicators = sorted({t.indicator for t in store.targets()})
    years = sorted({t.target_year for t in store.targets() if t.target_year is not None})
    out: dict[str, Any] = {
        "stats": store.stats(),
        "documents": docs,
        "clauses": clauses,
        "regions": store.regions(),
        "agencies": agencies,
        "targets": store.targets(),
        "agencies_for": store.agencies_for(),
        "candidate_clauses": store.candidate_clauses(),
        "subgraph": store.subgraph(),
    }
    for d in docs:
        out[f"document/{d.doc_id}"] = store.document(d.doc_id)
        out[f"content_hash/{d.doc_id}"] = store.content_hash(d.doc_id)
        out[f"clauses/{d.doc_id}"] = store.clauses(d.doc_id)
        out[f"targets/doc/{d.doc_id}"] = store.targets(doc_id=d.doc_id)
        for direction in ("up", "down"):
            out[f"lineage/{direction}/{d.doc_id}"] = store.lineage(d.doc_id, direction)
    for c in clauses:
        out[f"clause/{c.clause_id}"] = store.clause(c.clause_id)
        out[f"responsibilities/{c.clause_id}"] = store.responsibilities(c.clause_id)
        out[f"agencies_for/clause/{c.clause_id}"] = store.agencies_for(clause_id=c.clause_id)
        out[f"targets/clause/{c.clause_id}"] = store.targets(clause_id=c.clause_id)
    for r in regions:
        out[f"documents/{r}"] = store.documents(region=r)
        out[f"agencies/{r}"] = store.agencies(region=r)
        out[f"targets/region/{r}"] = store.targets(region=r)
        out[f"candidate_clauses/{r}"] = store.candidate_clauses(region=r)
        out[f"subgraph/{r}"] = store.subgraph(region=r, limit=60)
        for role in ("lead", "co", "implementing"):
            out[f"agencies_for/{r}/{role}"] = store.agencies_for(region=r, role=role)
        for t in topics:
            out[f"agencies_for/{r}/{t}"] = store.agencies_for(region=r, topic=t)
            out[f"candidate_clauses/{r}/{t}"] = store.candidate_clauses(topic=t, region=r)
    for a in agencies:
        for name in {a.name, a.canonical}:
            out[f"clauses_of_agency/{name}"] = store.clauses_of_agency(name)
            out[f"subgraph/agency/{name}"] = store.subgraph(agency=name)
        out[f"clauses_of_agency/{a.name}/lead"] = store.clauses_of_agency(a.name, role="lead")
    for t in topics:
        out[f"agencies_for/topic/{t}"] = store.agencies_for(topic=t)
        out[f"subgraph/topic/{t}"] = store.subgraph(topic=t)
    for i in indicators:
        out[f"targets/indicator/{i}"] = store.targets(indicator=i)
    for y in years:
        out[f"targets/year/{y}"] = store.targets(year=y)
    return out


# --- the four seeds, through ingest.pipeline.parse_file ----------------------------------------------------


def _parse_file():
    if importlib.util.find_spec("ingest.pipeline") is None:
        pytest.skip("ingest.pipeline.parse_file is not written yet")
    from ingest.pipeline import parse_file

    return parse_file


@pytest.fixture(scope="module")
def seeds() -> list[ParsedDocument]:
    parse_file = _parse_file()
    assert len(SEEDS) == 4, SEEDS
    return [parse_file(p) for p in SEEDS]


def test_seeds_ingest(store, seeds):
    write_all(store, seeds)
    st = store.stats()
    assert st["labels"]["Clause"] == sum(len(p.clauses) for p in seeds)
    assert st["labels"]["Target"] == sum(len({t.target_id for t in p.targets}) for p in seeds)
    for p in seeds:
        assert store.document(p.document.doc_id) == p.document
        assert store.clauses(p.document.doc_id) == sorted(p.clauses, key=lambda c: (c.order, c.clause_id))


def test_seeds_idempotent(store, seeds):
    write_all(store, seeds)
    before, dump = store.stats(), store.dump()
    write_all(store, seeds)
    assert store.stats() == before and store.dump() == dump


def test_seeds_replacement_and_removal(store, seeds, tmp_path):
    write_all(store, seeds)
    changed = dataclasses.replace(seeds[0])
    last = max(changed.clauses, key=lambda c: c.order)
    # drop the last clause (and its sub-clauses, targets, responsibilities)
    gone = {last.clause_id}
    changed = dataclasses.replace(
        changed,
        clauses=tuple(c for c in changed.clauses if c.clause_id not in gone),
        responsibilities=tuple(r for r in changed.responsibilities if r.clause_id not in gone),
        targets=tuple(t for t in changed.targets if t.clause_id not in gone),
    )
    store.write_document(changed)
    assert store.clause(last.clause_id) is None
    fresh = NetworkxGraphStore(tmp_path / "fresh.json")
    write_all(fresh, [changed, *seeds[1:]])
    assert store.dump() == fresh.dump()
    assert store.remove_document(seeds[1].document.doc_id) is True
    fresh2 = NetworkxGraphStore(tmp_path / "fresh2.json")
    write_all(fresh2, [changed, *seeds[2:]])
    assert store.stats() == fresh2.stats()
    assert store.dump() == fresh2.dump()


@pytest.mark.neo4j
def test_seeds_parity_networkx_vs_neo4j(networkx_store, neo4j_store, seeds):
    for s in (networkx_store, neo4j_store):
        write_all(s, seeds)
    assert networkx_store.stats() == neo4j_store.stats()
    a, b = all_queries(networkx_store), all_queries(neo4j_store)
    assert a.keys() == b.keys()
    for k in a:
        assert a[k] == b[k], k
    assert networkx_store.dump() == neo4j_store.dump()


def test_prepare_document_rows():
    rows = prepare_document(S.taiyuan())
    assert rows.count() > len(S.taiyuan().clauses)
    assert [r["clause_id"] for r in rows.sections] == [f"{S.TY}#前言", f"{S.TY}#二", f"{S.TY}#三", f"{S.TY}#结尾"]
