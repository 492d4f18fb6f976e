"""HTTP API (ui/api.py): every endpoint, the 404s, the error mapping and the /ask JSON contract."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from ingest.errors import (
    ConfigError,
    GraphStoreError,
    IndexNotBuiltError,
    IngestError,
    NotFoundError,
    StoreUnavailableError,
)
from tests.ui_fixtures import (  # noqa: F401  (fixtures)
    SEED_DOCS,
    TAIYUAN,
    VOCS_EVIDENCE,
    VOCS_QUESTION,
    ui_model_dir,
    ui_service,
    ui_settings,
)
from ui.api import create_app

pytestmark = pytest.mark.model

SEEDS = [json.loads(line) for line in (Path(__file__).parent.parent / "data/eval/seed_questions.jsonl").open(encoding="utf-8") if line.strip()]
ANSWER_KEYS = ["question", "intent", "found", "answer", "agencies", "targets", "evidence"]
AGENCY_KEYS = ["name", "role", "region", "how", "confidence"]  # in this order
HOW = {"written", "first_listed", "listed_after", "lower_level", "carry_over", "prose", ""}
TARGET_KEYS = {"indicator", "value", "unit", "year", "region", "qualifier"}
EVIDENCE_KEYS = {"source", "doc_title", "region", "clause_no", "heading", "text", "score", "page", "pages"}
VOCS_CLAUSE = f"{TAIYUAN}#三（九）"


@pytest.fixture(scope="module")
def client(ui_service: Any, ui_settings: Any) -> TestClient:
    with TestClient(create_app(service=ui_service, settings=ui_settings)) as c:
        yield c


def _check_contract(body: dict[str, Any]) -> None:
    assert list(body) == ANSWER_KEYS
    assert isinstance(body["found"], bool) and isinstance(body["answer"], str)
    for a in body["agencies"]:
        assert list(a) == AGENCY_KEYS and a["role"] in ("lead", "co", "implementing")
        assert a["how"] in HOW and (a["confidence"] is None or 0 < a["confidence"] <= 1)
    for t in body["targets"]:
        assert set(t) == TARGET_KEYS
    for e in body["evidence"]:
        assert set(e) == EVIDENCE_KEYS


# ----------------------------------------------------------------------------- meta
def test_health(client: TestClient) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "graph": "networkx", "documents": len(SEED_DOCS)}


def test_stats(client: TestClient) -> None:
    body = client.get("/stats").json()
    assert body["labels"]["Document"] >= len(SEED_DOCS)
    assert body["labels"]["Clause"] > 50
    assert body["relationships"]["LEADS"] > 0


def test_openapi_docs(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/ask", "/search", "/similar", "/agencies/{name}", "/clauses/{clause_id}", "/targets", "/documents", "/health", "/stats"):
        assert p in paths, p


# ----------------------------------------------------------------------------- /ask
def test_ask_get_vocs_lead(client: TestClient, ui_service: Any) -> None:
    r = client.get("/ask", params={"q": VOCS_QUESTION})
    assert r.status_code == 200
    body = r.json()
    _check_contract(body)
    assert body["found"] is True
    leads = [a["name"] for a in body["agencies"] if a["role"] == "lead"]
    assert leads == ["太原市生态环境局"]
    assert any(VOCS_EVIDENCE in e["text"] for e in body["evidence"])
    # exactly the CLI's JSON (policykg ask --json prints Answer.to_json())
    assert body == json.loads(ui_service.ask(VOCS_QUESTION).to_json())


def test_ask_says_how_each_role_was_read(client: TestClient) -> None:
    """Each agency carries how its role was read and the confidence, as the UI's chips show them."""
    agencies = {a["name"]: a for a in client.get("/ask", params={"q": VOCS_QUESTION}).json()["agencies"]}
    # "（市生态环境局、市工信局、市交通局等按职责分工负责）": the first listed leads, by the genre's convention
    assert (agencies["太原市生态环境局"]["how"], agencies["太原市生态环境局"]["confidence"]) == ("first_listed", 1.0)
    assert agencies["太原市工信局"]["how"] == "listed_after"
    # "以下均需县（市、区）政府、开发区管委会配合落实": the carry-over note
    assert (agencies["太原市开发区管委会"]["how"], agencies["太原市开发区管委会"]["confidence"]) == ("carry_over", 0.9)


def test_ask_targets_across_regions_as_a_table(client: TestClient, ui_service: Any) -> None:
    """A target question over several regions: "target_table" holds one row per target, its region the
    document's, with base and target year and the clause; the same in the CLI's JSON."""
    r = client.get("/ask", params={"q": "太原和晋城的单位GDP能耗分别下降多少？"})
    assert r.status_code == 200
    body = r.json()
    assert list(body) == [*ANSWER_KEYS, "target_table", "parts"]
    rows = body["target_table"]
    assert all(list(row) == ["region", "indicator", "value", "base_year", "target_year", "qualifier", "clause_id", "doc_id"]
               for row in rows)
    by_region = {(row["region"], row["value"]): row for row in rows}
    taiyuan = by_region[("太原市", "14.5%")]
    assert (taiyuan["indicator"], taiyuan["target_year"], taiyuan["qualifier"]) == ("单位GDP能耗", 2025, "基本目标")
    assert taiyuan["doc_id"] == TAIYUAN and taiyuan["clause_id"] == f"{TAIYUAN}#二"
    jincheng = next(row for row in rows if row["region"] == "晋城市")
    assert (jincheng["base_year"], jincheng["target_year"]) == (2020, 2025)
    assert body == json.loads(ui_service.ask("太原和晋城的单位GDP能耗分别下降多少？").to_json())


def test_ask_post_equals_get(client: TestClient) -> None:
    got = client.get("/ask", params={"q": VOCS_QUESTION}).json()
    posted = client.post("/ask", json={"question": VOCS_QUESTION})
    assert posted.status_code == 200
    assert posted.json() == got


@pytest.mark.parametrize("seed", SEEDS, ids=[s["id"] for s in SEEDS])
def test_ask_contract_on_seeds(client: TestClient, ui_service: Any, seed: dict[str, Any]) -> None:
    r = client.get("/ask", params={"q": seed["question"]})
    assert r.status_code == 200
    body = r.json()
    _check_contract(body)
    assert body["question"] == seed["question"]
    assert body == json.loads(ui_service.ask(seed["question"]).to_json())


def test_ask_requires_question(client: TestClient) -> None:
    assert client.get("/ask").status_code == 422
    assert client.get("/ask", params={"q": ""}).status_code == 422
    assert client.post("/ask", json={}).status_code == 422


# ----------------------------------------------------------------------------- search / similar
def test_search(client: TestClient) -> None:
    r = client.get("/search", params={"q": "挥发性有机物 源头替代", "region": "太原", "k": 3})
    assert r.status_code == 200
    hits = r.json()
    assert 1 <= len(hits) <= 3
    assert hits[0]["clause_id"].startswith(TAIYUAN + "#")
    assert {"clause_id", "source", "doc_title", "region", "clause_no", "heading", "text", "score", "agencies", "targets"} <= set(hits[0])


def test_search_bad_k(client: TestClient) -> None:
    assert client.get("/search", params={"q": "节能", "k": 0}).status_code == 422


def test_similar_by_clause_excludes_its_document(client: TestClient) -> None:
    r = client.get("/similar", params={"clause_id": VOCS_CLAUSE, "k": 5})
    assert r.status_code == 200, r.text
    hits = r.json()
    assert hits and all(not h["clause_id"].startswith(TAIYUAN + "#") for h in hits)


def test_similar_by_text(client: TestClient) -> None:
    r = client.get("/similar", params={"text": "公共机构节能改造", "k": 3})
    assert r.status_code == 200 and 1 <= len(r.json()) <= 3


def test_similar_needs_exactly_one_input(client: TestClient) -> None:
    assert client.get("/similar").status_code == 422
    assert client.get("/similar", params={"clause_id": VOCS_CLAUSE, "text": "x"}).status_code == 422


def test_similar_unknown_clause_404(client: TestClient) -> None:
    r = client.get("/similar", params={"clause_id": "no-such-doc#一"})
    assert r.status_code == 404
    assert "no-such-doc#一" in r.json()["detail"]


# ----------------------------------------------------------------------------- graph browsing
def test_agency(client: TestClient) -> None:
    r = client.get("/agencies/" + quote("太原市生态环境局"))
    assert r.status_code == 200
    body = r.json()
    assert body["name"] == "太原市生态环境局"
    assert any(d["clause_id"] == VOCS_CLAUSE and d["role"] == "lead" for d in body["duties"])


def test_agency_404(client: TestClient) -> None:
    r = client.get("/agencies/" + quote("火星市能源局"))
    assert r.status_code == 404
    assert "火星市能源局" in r.json()["detail"]


def test_clause_with_hash_and_chinese_in_path(client: TestClient) -> None:
    r = client.get("/clauses/" + quote(VOCS_CLAUSE, safe=""))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["clause_id"] == VOCS_CLAUSE and body["doc_id"] == TAIYUAN
    assert body["path"] == "三（九）" and VOCS_EVIDENCE in body["text"]
    assert [a["name"] for a in body["agencies"] if a["role"] == "lead"] == ["太原市生态环境局"]


def test_clause_404(client: TestClient) -> None:
    r = client.get("/clauses/" + quote(f"{TAIYUAN}#九十九", safe=""))
    assert r.status_code == 404
    assert r.json() == {"detail": r.json()["detail"]} and "九十九" in r.json()["detail"]


def test_targets_filters(client: TestClient) -> None:
    all_targets = client.get("/targets").json()
    assert all_targets
    energy = client.get("/targets", params={"indicator": "单位GDP能耗"}).json()
    assert energy and all(t["indicator"] == "单位GDP能耗" for t in energy)
    taiyuan = client.get("/targets", params={"indicator": "单位GDP能耗", "region": "太原市"}).json()
    assert taiyuan and all(t["region"] == "太原市" for t in taiyuan)
    assert any(t["value"] == "14.5%" for t in taiyuan)
    y2025 = client.get("/targets", params={"year": 2025}).json()
    assert y2025 and all(t["target_year"] == 2025 for t in y2025)
    assert client.get("/targets", params={"year": "abc"}).status_code == 422


def test_documents(client: TestClient) -> None:
    docs = client.get("/documents").json()
    assert sorted(d["source"] for d in docs if not d["doc_id"].startswith("cited:")) == sorted(p.name for p in SEED_DOCS)
    assert any(d["doc_id"] == TAIYUAN and d["region"] == "太原市" for d in docs)


# ----------------------------------------------------------------------------- error mapping
class _Failing:
    """A stand-in service whose every call raises the given error."""

    def __init__(self, error: Exception):
        self.error = error

    def __getattr__(self, name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise self.error

        return fail


@pytest.mark.parametrize(
    "error, status",
    [
        (NotFoundError("文件不存在 / document not found: x"), 404),
        (IngestError("a.pdf", "无法读取 / unreadable"), 422),
        (IndexNotBuiltError("/tmp/store/index-networkx: 索引未建立 / index not built"), 503),
        (StoreUnavailableError("bolt://127.0.0.1:7687: 无法连接 / unreachable"), 503),
        (ConfigError("policykg.toml: invalid"), 500),
        (GraphStoreError("store failed"), 500),
    ],
)
def test_error_mapping(error: Exception, status: int) -> None:
    with TestClient(create_app(service=_Failing(error))) as c:
        r = c.get("/ask", params={"q": "x"})
    assert r.status_code == status
    assert r.json() == {"detail": str(error)}


@pytest.mark.parametrize("question", ["节" * 501, "太原市" + "？" * 600, "（" * 5000 + "牵头"])
def test_ask_refuses_an_overlong_question(client: TestClient, question: str) -> None:
    r = client.post("/ask", json={"question": question})
    assert r.status_code == 413
    assert "question too long" in r.json()["detail"] and "limit 500" in r.json()["detail"]
    # a question at the limit is answered as usual
    assert client.post("/ask", json={"question": question[:500]}).status_code == 200
