"""Implementation map (issue 14, item 2) on real corpus documents: the national 关于严格能效约束推动重点领域
节能降碳的若干意见 (发改产业〔2021〕1464号) and the provincial and city plans that take it up."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.networkx_store import NetworkxGraphStore
from ingest.errors import NotFoundError
from ingest.pipeline import parse_file
from ingest.records import Target
from search.implmap import build_map, compare_target, compare_targets

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "corpus"
NATIONAL = "169、关于严格能效约束推动重点领域节能降碳的若干意见"
CHONGQING = "100、重庆市严格能效约束推动重点领域节能降碳实施方案"  # cites it with its number: lineage
ZHEJIANG = "205、浙江省关于严格能效约束推动重点领域节能降碳工作的实施方案"  # cites the title only: similarity
HEBEI = "134、河北省重点领域严格能效约束推进节能降碳实施方案"
ANHUI = "207、安徽省关于严格能效约束推动重点领域节能降碳的通知"  # a short notice: mostly gaps
HEFEI = "116、合肥市重点领域节能降碳技术改造实施方案"
UNRELATED = ["356、武汉市加快建立健全绿色低碳循环发展经济体系实施方案", "244、2021年推动碳达峰、碳中和工作计划"]
DOCS = [NATIONAL, CHONGQING, ZHEJIANG, HEBEI, ANHUI, HEFEI, *UNRELATED]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = NetworkxGraphStore(tmp_path_factory.mktemp("map") / "graph.json")
    with s.bulk():
        for name in DOCS:
            s.write_document(parse_file(CORPUS / f"{name}.pdf"))
    return s


@pytest.fixture(scope="module")
def imap(store):
    return build_map(store, NATIONAL)


def _row(imap, path):
    return next(r for r in imap.rows if r.measure.path == path)


def test_columns_lineage_and_similarity(imap):
    cols = {c.doc_id: c for c in imap.columns}
    assert set(cols) == {CHONGQING, ZHEJIANG, HEBEI, ANHUI, HEFEI}  # never the unrelated plans
    assert cols[CHONGQING].lineage and cols[CHONGQING].via == "lineage+similarity"  # cites 发改产业〔2021〕1464号
    assert cols[HEFEI].lineage  # cites it as 国家发展改革委等部门关于…
    assert not cols[ZHEJIANG].lineage and cols[ZHEJIANG].via == "similarity"
    # national -> provincial -> city, then region
    assert [c.level for c in imap.columns] == sorted((c.level for c in imap.columns), key=["provincial", "city"].index)


def test_a_national_measure_and_its_provincial_echoes(imap):
    """二（七）加强数据中心绿色高质量发展 (PUE ≤ 1.3 new, ≤ 1.5 by 2025), read in each plan."""
    row = _row(imap, "二（七）")
    zj, cq = row.cells[ZHEJIANG], row.cells[CHONGQING]
    assert (zj.path, zj.lead, zj.lead_from) == ("三（六）", ("浙江省发展改革委",), "own")
    assert (cq.path, cq.lead) == ("二（八）", ("重庆市大数据发展局",))  # （市大数据发展局、市发展改革委、市经济信息委）
    for cell in (zj, cq):
        assert [(t.indicator, t.higher.value, t.lower.value, t.verdict) for t in cell.targets] == [
            ("PUE", "1.3", "1.3", "same"),
            ("PUE", "1.5", "1.5", "same"),
        ]
    # the 安徽 notice has no data-centre measure: a gap
    assert row.cells[ANHUI] is None and ANHUI in [c.doc_id for c in row.gaps(list(imap.columns))]


def test_supervision_measure_in_three_provinces(imap):
    row = _row(imap, "三（二）")  # 加大监督管理力度
    assert {d: row.cells[d].path for d in (HEBEI, ZHEJIANG, CHONGQING)} == {
        HEBEI: "四（二）",  # 加大监管力度
        ZHEJIANG: "四（三）",  # 加大监督管理力度
        CHONGQING: "三（三）",  # 完善监督管理体系
    }
    assert row.cells[HEBEI].lead == ("河北省发展改革委",)


def test_boilerplate_sections_are_not_rows(imap):
    headings = [r.measure.heading for r in imap.rows]
    assert "指导思想" not in headings and "基本原则" not in headings and "主要目标" in headings


@pytest.mark.parametrize(
    "higher, lower, verdict",
    [
        (("下降", 13.5, "%", ""), ("下降", 14.5, "%", ""), "tightened"),  # national -13.5 %, province -14.5 %
        (("下降", 13.5, "%", ""), ("下降", 13.5, "%", ""), "same"),
        (("下降", 13.5, "%", ""), ("下降", 11.0, "%", ""), "looser"),
        (("不超过", 1.3, "", ""), ("不超过", 1.25, "", ""), "tightened"),  # PUE: a ceiling
        (("不超过", 1.3, "", ""), ("降至", 1.5, "", ""), "looser"),
        (("达到", 30.0, "%", ""), ("达到", 25.0, "%", "以下"), "not comparable"),  # a floor against a ceiling
        (("达到", 30.0, "%", ""), ("超过", 35.0, "%", ""), "tightened"),
        (("保持在", 90.0, "%", ""), ("保持在", 92.0, "%", ""), "not comparable"),  # direction unknown
        (("下降", 13.5, "%", ""), ("下降", 14.5, "万吨", ""), "not comparable"),
    ],
)
def test_compare_target(higher, lower, verdict):
    def t(spec):
        comparator, number, unit, qualifier = spec
        return Target("x#t1", "x", "单位GDP能耗", "", f"{number:g}{unit}", number, unit, comparator, None, 2025, qualifier)

    assert compare_target(t(higher), t(lower)) == verdict


def test_targets_pair_one_to_one():
    def t(v, q=""):
        return Target(f"x#{v}", "x", "PUE", "PUE", str(v), v, "", "不超过", None, 2025, q)

    got = compare_targets((t(1.3), t(1.5)), (t(1.25), t(1.5)))
    assert [(c.higher.number, c.lower.number, c.verdict) for c in got] == [(1.3, 1.25, "tightened"), (1.5, 1.5, "same")]


def test_csv_and_excel(imap, tmp_path):
    from openpyxl import load_workbook

    header, body = imap.table()
    assert header[:4] == ["条款 / clause", "措施 / measure", "牵头 / lead", "目标 / targets"]
    assert len(header) == 4 + len(imap.columns) and len(body) == len(imap.rows)
    path = imap.write_csv(tmp_path / "map.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == header and rows[1:] == body
    data_centres = next(r for r in rows if r[0] == "二（七）")
    col = header.index(next(c.label for c in imap.columns if c.doc_id == ZHEJIANG))
    assert data_centres[col].startswith("✓ 浙江省发展改革委（三（六））")
    assert data_centres[header.index(next(c.label for c in imap.columns if c.doc_id == ANHUI))] == "—"
    wb = load_workbook(imap.write_xlsx(tmp_path / "map.xlsx"))
    ws = wb["实施图 map"]
    assert [c.value for c in ws[1]] == header
    assert [[c.value or "" for c in r] for r in ws.iter_rows(min_row=2)] == body
    assert [c.value for c in wb["文件 documents"][1]] == ["doc_id", "title", "region", "level", "via", "matched"]


def test_json_and_unknown_document(imap, store):
    data = json.loads(json.dumps(imap.to_dict(), ensure_ascii=False))
    assert data["document"]["doc_id"] == NATIONAL and len(data["columns"]) == len(imap.columns)
    row = next(r for r in data["rows"] if r["clause_no"] == "二（七）")
    assert row["cells"][ZHEJIANG]["lead"] == ["浙江省发展改革委"] and row["cells"][ANHUI] is None
    assert {"doc_id": ANHUI, "region": "安徽省"} in row["gaps"]
    with pytest.raises(NotFoundError, match="document not found: nope"):
        build_map(store, "nope")


def test_a_document_nothing_implements(store):
    m = build_map(store, UNRELATED[0])  # a city plan: no lower level in the store
    assert m.columns == () and m.rows


def test_api_and_cli(store, tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    import ui.cli as cli
    from search.service import PolicyKG
    from ui.api import create_app

    kg = PolicyKG(store, tmp_path / "index", lambda: None)
    with TestClient(create_app(service=kg)) as client:
        r = client.get(f"/map/{NATIONAL}")
        assert r.status_code == 200 and r.json()["document"]["doc_id"] == NATIONAL
        assert client.get("/map/nope").status_code == 404
    monkeypatch.setattr(cli, "_service", lambda graph, st: kg)
    monkeypatch.setattr(kg, "close", lambda: None)
    result = CliRunner().invoke(cli.app, ["map", NATIONAL, "--csv", str(tmp_path / "m.csv"), "--xlsx", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "m.csv").stat().st_size > 0 and (tmp_path / "m.xlsx").stat().st_size > 0
    as_json = CliRunner().invoke(cli.app, ["map", NATIONAL, "--json"])
    assert json.loads(as_json.stdout)["document"]["doc_id"] == NATIONAL
    text = CliRunner().invoke(cli.app, ["map", NATIONAL])
    assert "浙江省" in text.stdout and "— 缺 / gap" in text.stdout
