"""Session fixtures for the UI / API tests (imported by test_api, test_app, test_xss, test_browser).

Kept out of conftest.py on purpose (other engineers own it). Import the fixtures you use::

    from tests.ui_fixtures import ui_service, ui_settings, ui_model_dir  # noqa: F401

* ``ui_model_dir``: the real offline e5 model (``search.model.build_model``; a no-op when built),
  folder from ``$POLICYKG_MODEL_DIR`` or ``~/.cache/policykg/models``.
* ``ui_settings`` / ``ui_service``: a networkx store in a temp dir with the seed documents of
  ``data/`` ingested; store and index folders are those ``ui.factory.open_policykg(settings)``
  (used by the app and the API) opens. Clause vectors come from a persistent embedding cache
  shared with tests/test_qa.py, so only the first run pays for embedding the seeds.
* ``xss_settings`` / ``xss_service``: a store holding one seed plus a document whose text,
  headings and annotation contain ``<script>`` and HTML-like tags.
* ``app_env(settings)``: a context manager pointing ``POLICYKG_*`` at a store, so
  ``streamlit.testing.v1.AppTest`` runs of ``ui/app.py`` open it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ui.config import Settings

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
APP = str(REPO / "ui" / "app.py")
SEED_DOCS = sorted(DATA.glob("*.txt"))
TAIYUAN = "taiyuan-shisiwu-jienengjianpai"
VOCS_QUESTION = "太原市挥发性有机物综合整治由哪个部门牵头？"
VOCS_EVIDENCE = "推进源头清洁替代"

XSS_FILE_NAME = "xss-ceshi-jienengjianpai.txt"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_BOLD = "<b>加粗</b>"
XSS_TEXT = f"""太原市人民政府关于印发太原市节能减排测试方案{XSS_SCRIPT}的通知
并政发〔2024〕99号
太原市节能减排测试方案{XSS_SCRIPT}
为贯彻落实《山西省“十四五”节能减排实施方案》（晋政发〔2022〕25号），制定本方案。
一、主要目标
到2025年，全市单位地区生产总值能耗下降14.5%。{XSS_BOLD}
二、重点工程
（一）挥发性有机物{XSS_BOLD}综合整治工程。推进源头清洁替代{XSS_SCRIPT}，使用低VOCs含量的涂料，<img src=x onerror=alert(2)>削减VOCs排放。（市生态环境局牵头，市工信局、市交通局配合）
（二）公共机构能效提升工程{XSS_SCRIPT}。推进公共机构既有建筑节能改造{XSS_BOLD}。（市机关事务局、市住建局按职责分工负责）
三、保障措施
（一）加强组织领导。各部门要<i>认真</i>落实{XSS_SCRIPT}。（市发展改革委负责）
"""


# pytest registers an imported fixture once per importing module, so a "session" fixture imported
# by four test modules would run four times; the expensive objects are memoised here instead.
_ONCE: dict[str, Any] = {}


def _model_dir() -> Path:
    return Path(os.environ.get("POLICYKG_MODEL_DIR", Path.home() / ".cache" / "policykg" / "models"))


@pytest.fixture(scope="session")
def ui_model_dir() -> Path:
    """The real embedding model folder (built once; a no-op when already built)."""
    from search.model import build_model

    if "model" not in _ONCE:
        _ONCE["model"] = Path(build_model(_model_dir(), progress=False))
    return _ONCE["model"]


def _embedding_cache() -> Path:
    """Shared across runs and with tests/test_qa.py (vectors are keyed by model, prefix and text)."""
    return Path(os.environ.get("POLICYKG_TEST_EMBCACHE", Path.home() / ".cache" / "policykg" / "test-embcache.sqlite"))


def _open(settings: Settings, embedder_factory: Any = None) -> Any:
    """PolicyKG over the settings' store and index folder, exactly where the app and API look."""
    from search.service import PolicyKG
    from ui.factory import embedder_factory as default_factory
    from ui.factory import index_dir, open_store

    return PolicyKG(
        open_store(settings),
        index_dir(settings),
        embedder_factory or default_factory(settings),
        embedding_cache=_embedding_cache(),
    )


def _settings(home: Path, model_path: Path) -> Settings:
    return Settings(home=home, store=home / "store", graph="networkx", model_path=model_path, model_dir=_model_dir())


@pytest.fixture(scope="session")
def ui_settings(tmp_path_factory: pytest.TempPathFactory, ui_model_dir: Path) -> Settings:
    if "ui_settings" not in _ONCE:
        _ONCE["ui_settings"] = _settings(tmp_path_factory.mktemp("ui-home"), ui_model_dir)
    return _ONCE["ui_settings"]


@pytest.fixture(scope="session")
def ui_service(ui_settings: Settings) -> Iterator[Any]:
    """PolicyKG over a store with the seed documents ingested (real model)."""
    if "ui_service" in _ONCE:
        yield _ONCE["ui_service"]
        return
    kg = _open(ui_settings)
    report = kg.ingest(SEED_DOCS)
    assert not report.failed, report
    _ONCE["ui_service"] = kg
    yield kg
    _ONCE.pop("ui_service", None)
    kg.close()


@pytest.fixture(scope="session")
def xss_settings(tmp_path_factory: pytest.TempPathFactory, ui_model_dir: Path) -> Settings:
    if "xss_settings" not in _ONCE:
        _ONCE["xss_settings"] = _settings(tmp_path_factory.mktemp("xss-home"), ui_model_dir)
    return _ONCE["xss_settings"]


@pytest.fixture(scope="session")
def xss_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if "xss_file" not in _ONCE:
        path = tmp_path_factory.mktemp("xss-doc") / XSS_FILE_NAME
        path.write_text(XSS_TEXT, encoding="utf-8")
        _ONCE["xss_file"] = path
    return _ONCE["xss_file"]


@pytest.fixture(scope="session")
def xss_service(xss_settings: Settings, xss_file: Path, ui_service: Any) -> Iterator[Any]:
    """A store with one seed and the HTML-laden document (the model is shared with ui_service)."""
    if "xss_service" in _ONCE:
        yield _ONCE["xss_service"]
        return
    kg = _open(xss_settings, lambda: ui_service.embedder)
    report = kg.ingest([DATA / f"{TAIYUAN}.txt", xss_file])
    assert not report.failed, report
    _ONCE["xss_service"] = kg
    yield kg
    _ONCE.pop("xss_service", None)
    kg.close()


@contextlib.contextmanager
def app_env(settings: Settings) -> Iterator[None]:
    """Point the app's Settings (POLICYKG_* variables) at ``settings`` for the duration."""
    from ui.launch import settings_env

    with pytest.MonkeyPatch.context() as mp:
        for name in [n for n in os.environ if n.startswith("POLICYKG_") or n.startswith("NEO4J_")]:
            mp.delenv(name)
        for name, value in settings_env(settings).items():
            mp.setenv(name, value)
        mp.setenv("POLICYKG_CONFIG", str(REPO / "tests" / "no-such-policykg.toml"))
        yield


def start_serve(env: dict[str, str], *args: str) -> tuple[str, Any]:
    """A real ``policykg serve`` child (extra ``args``) on a free port with ``env``: (base URL, process), once
    /openapi.json answers.

    Raises:
        AssertionError: the process exited (its output in the message) or did not answer within 120 s.
    """
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    from tests.conftest import _free_port

    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "serve", "--port", str(port), *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/openapi.json", timeout=2)
            return base, proc
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None:
                raise AssertionError(f"serve exited: {proc.stdout.read()}")
            time.sleep(0.3)
    proc.kill()
    raise AssertionError("serve did not come up")


def private_cache_copy(path: Path) -> Path:
    """A consistent copy of the embedding cache the test suite shares across runs, at ``path`` (empty when
    there is none yet): cached vectors make index builds fast, and no other process can change them mid-test."""
    import sqlite3

    shared = _embedding_cache()
    if shared.is_file():
        src, dst = sqlite3.connect(shared), sqlite3.connect(path)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
    return path
