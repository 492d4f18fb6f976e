"""Bounded work per request, against a real ``policykg serve`` process (and the time budget in-process).

The server runs on the seed store of tests/ui_fixtures.py with a small body limit and a bearer
token; requests go over real HTTP (urllib), so uvicorn's own handling of bodies is part of the test.
"""

from __future__ import annotations

import http.client
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.ui_fixtures import VOCS_QUESTION, start_serve, ui_model_dir, ui_service, ui_settings  # noqa: F401  (fixtures)
from ui.api import create_app
from ui.launch import settings_env

pytestmark = [pytest.mark.model, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
TOKEN = "test-token-7d1f"
BODY_LIMIT = 4096
ADVERSARIAL = {
    "run of one character": "节" * 500,
    "regex-hostile punctuation": ("（（【〔“《(((]]]**??++..\\\\||{{}}》”〕】））" * 20)[:500],
    "many regions": ("太原市、大同市、山西省、江苏省、成都市、武汉市、合肥市、" * 20)[:499] + "？",
    "real question repeated": (VOCS_QUESTION * 30)[:500],
    "control characters": "太原市\x00\x01\x7f挥发性有机物\u200b\ufeff由哪个部门牵头？",
}


@pytest.fixture(scope="module")
def api_server(ui_service: Any, ui_settings: Any):  # noqa: F811
    """``policykg serve`` on the seed store: (base URL, process)."""
    env = {**os.environ, **settings_env(ui_settings), "POLICYKG_MAX_BODY_BYTES": str(BODY_LIMIT),
           "POLICYKG_API_TOKEN": TOKEN, "PYTHONPATH": str(REPO)}
    base, proc = start_serve(env)
    try:
        yield base, proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _request(base: str, path: str, body: bytes | None = None, token: str | None = TOKEN,
             headers: dict[str, str] | None = None) -> tuple[int, Any]:
    req = urllib.request.Request(base + path, data=body, method="POST" if body is not None else "GET")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def test_token_required(api_server) -> None:
    base, _ = api_server
    assert _request(base, "/stats", token=None)[0] == 401
    status, body = _request(base, "/stats", token="wrong")
    assert status == 401 and "token" in body["detail"]
    assert _request(base, "/stats")[0] == 200


def test_one_megabyte_body_is_refused_unread(api_server) -> None:
    """A declared 1 MB body gets 413 before the client has sent a byte of it."""
    base, _ = api_server
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    conn.putrequest("POST", "/ask")
    for name, value in (("Authorization", f"Bearer {TOKEN}"), ("Content-Type", "application/json"),
                        ("Content-Length", str(1_000_000))):
        conn.putheader(name, value)
    conn.endheaders()  # headers only: the body is never sent
    resp = conn.getresponse()
    assert resp.status == 413 and str(BODY_LIMIT) in json.loads(resp.read())["detail"]
    conn.close()


def test_chunked_body_over_the_limit_is_refused(api_server) -> None:
    base, _ = api_server
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)

    def chunks():
        for _ in range(10):
            yield b'{"question": "' + "节".encode() * 1000

    conn.request("POST", "/ask", body=chunks(), headers={"Authorization": f"Bearer {TOKEN}",
                                                         "Content-Type": "application/json"},
                 encode_chunked=True)
    resp = conn.getresponse()
    assert resp.status == 413
    conn.close()


def test_question_over_the_length_limit(api_server) -> None:
    base, _ = api_server
    status, body = _request(base, "/ask", body=json.dumps({"question": "太原" * 300}).encode())
    assert status == 413 and "600" in body["detail"] and "500" in body["detail"]


@pytest.mark.parametrize("shape", list(ADVERSARIAL))
def test_adversarial_questions_get_a_clean_answer(api_server, shape: str) -> None:
    base, _ = api_server
    status, body = _request(base, "/ask", body=json.dumps({"question": ADVERSARIAL[shape]}).encode())
    assert status == 200, body
    assert isinstance(body["found"], bool) and body["answer"]
    if shape == "regex-hostile punctuation":  # nothing to look up: said so, never a confident answer
        assert body["found"] is False and "no words to look up" in body["answer"]


def test_a_normal_question_still_answers(api_server) -> None:
    base, _ = api_server
    status, body = _request(base, "/ask?q=" + urllib.parse.quote(VOCS_QUESTION))
    assert status == 200 and body["found"] and body["agencies"][0]["name"] == "太原市生态环境局"


def test_time_budget_answers_503(ui_service: Any, ui_settings: Any) -> None:  # noqa: F811
    settings = ui_settings.model_copy(update={"request_timeout_s": 1e-6})
    with TestClient(create_app(service=ui_service, settings=settings)) as client:
        r = client.get("/ask", params={"q": VOCS_QUESTION})
    assert r.status_code == 503 and "time budget" in r.json()["detail"]
