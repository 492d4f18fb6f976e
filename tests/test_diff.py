"""What changed between two plans (issue 14, item 3): 江苏's 2021 and 2022 work plans from the corpus, a
revised seed file ingested again under the same name (the earlier version kept), renamed agencies, and the
CLI / API on top."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.networkx_store import NetworkxGraphStore
from ingest.errors import NotFoundError
from ingest.pipeline import parse_file
from ingest.records import Agency, Responsibility, Succession
from search.diff import compare_targets, diff_documents, diff_parsed, measures

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
JS_2021 = CORPUS / "244、2021年推动碳达峰、碳中和工作计划.pdf"
JS_2022 = CORPUS / "55、江苏省2022年推动碳达峰碳中和工作计划.pdf"
TAIYUAN = ROOT / "data" / "taiyuan-shisiwu-jienengjianpai.txt"
NEW_MEASURE = "（十一）氢能示范应用工程。在公交、物流领域开展氢燃料电池汽车示范应用，到2025年建成加氢站5座。（市发展改革委牵头，市交通局配合）"


def _paths(items) -> set[tuple[str, str]]:
    return {(c.a.path, c.b.path) for c in items}


@pytest.fixture(scope="module")
def jiangsu(tmp_path_factory):
    store = NetworkxGraphStore(tmp_path_factory.mktemp("js") / "graph.json")
    a, b = parse_file(JS_2021), parse_file(JS_2022)
    store.write_document(a)
    store.write_document(b)
    return store, a.document.doc_id, b.document.doc_id


def test_jiangsu_2021_to_2022(jiangsu):
    store, a, b = jiangsu
    d = diff_documents(store, a, b)
    # carried over, checked by reading both plans: the same subject under a new number and wording
    assert {
        ("二（十）", "三（十七）"),  # 推进公共机构节能降碳示范创建 → 推进公共机构节能低碳示范创建
        ("四（十三）", "五（二十一）"),  # 应对气候变化立法调研
        ("四（十七）", "五（二十三）"),  # 生态系统碳汇 / 生态碳汇提升
        ("五（十八）", "六（二十六）"),  # 纳入督察体系
        ("五（二十）", "六（二十八）"),  # 国际合作 / 国际交流合作
        ("五（二十二）", "六（二十七）"),  # 宣传力度
        ("三（十一）", "四（十九）"),  # 温室气体排放监测 / 试点监测
        ("二（四）", "一（三）"),  # 减碳与大气污染防治 / 大气污染防治领域协同控制
    } <= _paths(d.carried_over)
    added = {m.heading for m in d.added}
    dropped = {m.heading for m in d.dropped}
    assert {"加强甲烷排放管控", "分步推进碳普惠体系建设"} <= added  # new in 2022 (no 甲烷 / 碳普惠 in 2021)
    assert {"开展“绿屋顶”“绿车轮”研究", "开展碳捕集和利用试点"} <= dropped  # gone in 2022
    # every measure is accounted for exactly once
    assert len(d.added) + len(d.carried_over) == len(measures(_parsed(store, b)))
    assert len(d.dropped) + len(d.carried_over) == len(measures(_parsed(store, a)))
    # 碳汇: 自然处 and 海洋处 led in 2021, 自然处 alone in 2022; 自然湿地保护率 59% rolled over to 2022
    sink = next(c for c in d.carried_over if c.a.path == "四（十七）")
    assert sink.lead_changed and sink.a.lead == ("江苏省生态环境厅自然处", "江苏省生态环境厅海洋处")
    assert sink.b.lead == ("江苏省生态环境厅自然处",)
    (change,) = sink.targets_changed
    assert change.indicator == "自然湿地保护率" and (change.old.target_year, change.new.target_year) == (2021, 2022)
    assert not change.value_changed and change.describe() == "不低于59%（2021年） → 不低于59%（2022年）"
    # 2022 names no lead for most measures: that is "not stated", never a change of lead (应对气候变化立法调研; 公共机构示范
    # 创建 does name one in 2022: "联合省机关事务管理局，落实…" — the 厅 acting with it)
    law = next(c for c in d.carried_over if c.a.path == "四（十三）")
    assert law.a.lead and not law.b.lead and not law.lead_changed
    # two: 碳汇 (自然处 and 海洋处 → 自然处) and 公共机构示范创建 (气候处 → the 厅 itself, acting 联合 with 机关事务管理局)
    assert d.summary()["lead_changed"] == 2


def _parsed(store, doc_id):
    from graph.common import parsed_from_store

    return parsed_from_store(store, doc_id)


def test_json_is_plain_data(jiangsu):
    store, a, b = jiangsu
    data = json.loads(json.dumps(diff_documents(store, a, b).to_dict(), ensure_ascii=False))
    assert set(data) == {"a", "b", "summary", "added", "dropped", "carried_over", "renamed_agencies"}
    assert data["a"]["doc_id"] == a and data["b"]["doc_id"] == b and data["a"]["version"] is None
    item = data["carried_over"][0]
    assert {"a", "b", "similarity", "lead_before", "lead_after", "lead_changed", "targets_changed"} <= set(item)


def _revise(tmp_path: Path) -> Path:
    """The taiyuan seed revised: basic energy-intensity target 14.5% -> 15%, one measure added to 三."""
    text = TAIYUAN.read_text(encoding="utf-8")
    assert text.count("下降14.5%") == 1
    text = text.replace("下降14.5%", "下降15%")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("(十)环境基础设施水平提升工程"))
    lines.insert(at + 1, NEW_MEASURE)
    revised = tmp_path / "revised" / TAIYUAN.name  # same file name: same doc_id
    revised.parent.mkdir()
    revised.write_text("\n".join(lines), encoding="utf-8")
    return revised


@pytest.fixture
def versions(tmp_path):
    """The seed ingested, then its revised file ingested under the same name, through the facade."""
    from search.service import PolicyKG

    kg = PolicyKG(NetworkxGraphStore(tmp_path / "store" / "graph.json"), tmp_path / "store" / "index", lambda: None)
    v1 = parse_file(TAIYUAN)
    assert kg.record_revision(v1) is None  # nothing stored yet
    kg.store.write_document(v1)
    assert kg.record_revision(v1) is None  # the same content: not a revision
    v2 = parse_file(_revise(tmp_path))
    assert v2.document.doc_id == v1.document.doc_id
    vid = kg.record_revision(v2, superseded_at="2024-05-01T08:00:00+00:00")
    kg.store.write_document(v2)
    yield kg, v1, v2, vid
    kg.close()


def test_revised_file_keeps_the_earlier_version(versions):
    kg, v1, v2, vid = versions
    doc_id = v1.document.doc_id
    assert vid == f"{doc_id}@v1"
    (kept,) = kg.document_versions(doc_id)
    assert (kept.version_id, kept.version, kept.superseded_by) == (vid, 1, doc_id)
    assert kept.superseded_at == "2024-05-01T08:00:00+00:00" and kept.valid_from == v1.document.date
    assert kept.content_hash == v1.document.content_hash != v2.document.content_hash
    # answers use the current version only: the kept one is no document, clause or target of the store
    assert [d.doc_id for d in kg.store.documents()] == [doc_id]
    assert kg.store.document(doc_id).content_hash == v2.document.content_hash
    assert not any("@v" in c.clause_id for c in kg.store.clauses())
    assert not any("@v" in t.target_id for t in kg.store.targets())
    # the kept version reads back whole, under versioned ids
    old = kg.store.document_version(vid)
    assert old.document.doc_id == vid and len(old.clauses) == len(v1.clauses)
    assert all(c.clause_id.startswith(vid + "#") for c in old.clauses)
    assert {(r.agency, r.role) for r in old.responsibilities} == {(r.agency, r.role) for r in v1.responsibilities}
    assert sorted(t.value for t in old.targets) == sorted(t.value for t in v1.targets)


def test_diff_of_a_revised_file(versions):
    kg, v1, _, vid = versions
    doc_id = v1.document.doc_id
    d = kg.diff(vid, doc_id)
    assert [m.path for m in d.added] == ["三（十一）"]
    assert d.added[0].lead == ("太原市发展改革委",)
    assert d.dropped == ()
    changed = [(t.indicator, t.old.value, t.new.value) for c in d.carried_over for t in c.targets_changed]
    assert changed == [("单位GDP能耗", "14.5%", "15%")]
    assert [c.b.path for c in d.target_changed] == ["二"]
    # numbering matched: every other measure carried over unchanged under its own number
    assert all(c.a.path == c.b.path for c in d.carried_over)
    assert sum(1 for c in d.carried_over if c.changed) == 1
    assert d.a["version"] == 1 and d.b["version"] is None


def test_second_revision_chains_versions(versions, tmp_path):
    kg, v1, v2, vid = versions
    doc_id = v1.document.doc_id
    v3 = dataclasses.replace(v2, document=dataclasses.replace(v2.document, content_hash="v3", file_hash="f3"))
    vid2 = kg.record_revision(v3, superseded_at="2024-06-01T08:00:00+00:00")
    kg.store.write_document(v3)
    assert vid2 == f"{doc_id}@v2"
    first, second = kg.document_versions(doc_id)
    assert first.superseded_by == vid2 and second.superseded_by == doc_id
    # removing the document removes its versions too
    assert kg.store.remove_document(doc_id)
    assert kg.store.document_versions(doc_id) == []


def test_unknown_ids(versions):
    kg, v1, _, _ = versions
    with pytest.raises(NotFoundError, match="kept versions of .*@v1"):
        kg.diff(f"{v1.document.doc_id}@v7", v1.document.doc_id)
    with pytest.raises(NotFoundError, match="document not found: nope"):
        kg.diff("nope", v1.document.doc_id)
    with pytest.raises(NotFoundError):
        kg.document_versions("nope")


def test_renamed_agency_is_not_a_change_of_lead():
    """辽宁省环保厅 → 辽宁省生态环境厅 (2018): the same lead under its new name."""
    base = parse_file(TAIYUAN)
    cid = next(c.clause_id for c in base.clauses if c.path == "三（九）")
    old_name, new_name = "太原市环境保护局", "太原市生态环境局"

    def with_lead(p, name):
        resp = tuple(r for r in p.responsibilities if not (r.clause_id == cid and r.role == "lead"))
        agencies = tuple(a for a in p.agencies if a.name != name) + (Agency(name, name, "生态环境局", "太原市"),)
        return dataclasses.replace(p, responsibilities=resp + (Responsibility(cid, name, "lead"),), agencies=agencies)

    a = with_lead(base, old_name)
    b = with_lead(base, new_name)
    plain = diff_parsed(a, b)
    vocs = next(c for c in plain.carried_over if c.a.path == "三（九）")
    assert vocs.lead_changed  # without the reform on record it is a change
    reformed = diff_parsed(a, b, [Succession(old_name, new_name, 2019)])
    vocs = next(c for c in reformed.carried_over if c.a.path == "三（九）")
    assert not vocs.lead_changed
    assert [(s.predecessor, s.successor, s.year) for s in reformed.renamed_agencies] == [(old_name, new_name, 2019)]
    assert "renamed: 太原市环境保护局 → 太原市生态环境局（2019）" in reformed.format_text()


def test_compare_targets_pairs_by_indicator():
    from ingest.records import Target

    def t(ind, num, year=2025, q=""):
        return Target(f"x#{ind}{q}", "x", ind, ind, f"{num}%", num, "%", "下降", None, year, q)

    changed, added, dropped = compare_targets(
        (t("单位GDP能耗", 14.5, q="基本目标"), t("单位GDP能耗", 16.5, q="激励目标"), t("煤炭消费", 5)),
        (t("单位GDP能耗", 16.5, q="激励目标"), t("单位GDP能耗", 15, q="基本目标"), t("可再生能源", 20)),
    )
    assert [(c.old.number, c.new.number) for c in changed] == [(14.5, 15)]
    assert [x.indicator for x in added] == ["可再生能源"] and [x.indicator for x in dropped] == ["煤炭消费"]


def test_cli_and_api(versions):
    from fastapi.testclient import TestClient

    from ui.api import create_app

    kg, v1, _, vid = versions
    doc_id = v1.document.doc_id
    with TestClient(create_app(service=kg)) as client:
        r = client.get("/diff", params={"a": vid, "b": doc_id})
        assert r.status_code == 200
        body = r.json()
        assert body["summary"]["added"] == 1 and body["summary"]["target_changed"] == 1
        assert client.get("/diff", params={"a": "nope", "b": doc_id}).status_code == 404
        listed = client.get(f"/documents/{doc_id}/versions").json()
        assert [v["version_id"] for v in listed] == [vid]


def test_cli_diff_command(versions, monkeypatch):
    import ui.cli as cli

    kg, v1, _, vid = versions
    monkeypatch.setattr(cli, "_service", lambda graph, store: kg)
    monkeypatch.setattr(kg, "close", lambda: None)
    result = CliRunner().invoke(cli.app, ["diff", vid, v1.document.doc_id, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["added"] == 1
    text = CliRunner().invoke(cli.app, ["diff", vid, v1.document.doc_id])
    assert "单位GDP能耗: 下降14.5% → 下降15%" in text.stdout and "+ 三（十一） 氢能示范应用工程" in text.stdout
    listed = CliRunner().invoke(cli.app, ["versions", v1.document.doc_id])
    assert vid in listed.stdout


# --- the store contract for versions and successions (both stores) ------------------------------


def test_versions_and_successions_on_both_stores(store):
    from graph.common import rebase
    from tests import graph_samples as S

    p = S.taiyuan()
    store.write_document(p)
    assert store.archive_document("nope") is None
    assert store.successions() == [Succession("太原市环境保护局", "太原市生态环境局", 2019)]
    assert store.successions("太原市生态环境局") == store.successions() and store.successions("x") == []
    before = store.stats()
    vid = store.archive_document(S.TY, superseded_at="2024-01-01T00:00:00+00:00", valid_from="2022-03-01")
    assert vid == f"{S.TY}@v1"
    assert store.stats()["labels"]["DocumentVersion"] == 1 == before["labels"]["DocumentVersion"] + 1
    v2 = dataclasses.replace(p, document=dataclasses.replace(p.document, content_hash="sha256:taiyuan-v2"))
    store.write_document(v2)
    (kept,) = store.document_versions(S.TY)
    assert (kept.valid_from, kept.superseded_at, kept.superseded_by) == ("2022-03-01", "2024-01-01T00:00:00+00:00", S.TY)
    old = store.document_version(vid)
    want = rebase(p, vid)
    assert old.document == want.document
    assert sorted(old.clauses, key=lambda c: c.order) == sorted(want.clauses, key=lambda c: c.order)
    assert sorted(old.targets, key=lambda t: t.target_id) == sorted(want.targets, key=lambda t: t.target_id)
    assert sorted(old.responsibilities, key=lambda r: (r.clause_id, r.agency, r.role)) == sorted(
        want.responsibilities, key=lambda r: (r.clause_id, r.agency, r.role)
    )
    assert old.successions == p.successions
    assert store.document_version(f"{S.TY}@v9") is None
    # the kept version is invisible to every document query
    assert [d.doc_id for d in store.documents()] == [S.TY] and store.document(vid) is None
    assert store.clauses(vid) == [] and store.targets(doc_id=vid) == []
    assert store.remove_document(S.TY) and store.document_versions(S.TY) == []
    assert store.stats()["labels"]["DocumentVersion"] == 0


def test_ingest_keeps_the_earlier_version_and_the_original(tmp_path):
    """The whole path a user takes: `ingest` a plan, `ingest` its revised file under the same name, `remove`."""
    from search.embedder import HashingEmbedder
    from search.service import PolicyKG

    store_dir = tmp_path / "store"
    kg = PolicyKG(NetworkxGraphStore(store_dir / "graph.json"), store_dir / "index", HashingEmbedder)
    doc_id = TAIYUAN.stem
    assert kg.ingest([TAIYUAN]).added == (doc_id,)
    assert [p.name for p in (store_dir / "originals").iterdir()] == [TAIYUAN.name]
    revised = _revise(tmp_path)
    report = kg.ingest([revised])
    assert report.updated == (doc_id,)
    (kept,) = kg.document_versions(doc_id)
    assert kept.version_id == f"{doc_id}@v1"
    changed = [(t.indicator, t.old.value, t.new.value) for c in kg.diff(kept.version_id, doc_id).carried_over
               for t in c.targets_changed]
    assert changed == [("单位GDP能耗", "14.5%", "15%")]
    assert "下降15%" in (store_dir / "originals" / TAIYUAN.name).read_text(encoding="utf-8")  # the current file
    assert kg.ingest([revised], force=True).updated == (doc_id,)  # the same file re-parsed
    assert len(kg.document_versions(doc_id)) == 1  # is not a revision
    assert kg.remove(doc_id)
    assert list((store_dir / "originals").iterdir()) == []
    kg.close()
