"""Several real processes on one store: a running API sees other processes' writes, writers wait for
each other, and a writer killed with SIGKILL at any stage is repaired by the next normal ingest.

Every process here is a real ``python`` child (``policykg serve``, ``policykg ingest`` / ``remove``,
or a child that kills itself with SIGKILL at a chosen point of ``PolicyKG.ingest``).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.ui_fixtures import SEED_DOCS, start_serve, ui_model_dir  # noqa: F401  (fixtures)
from ui.config import Settings
from ui.launch import settings_env

pytestmark = [pytest.mark.model, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
JINCHENG = next(p for p in SEED_DOCS if p.stem.startswith("jincheng"))
TAIYUAN = next(p for p in SEED_DOCS if p.stem.startswith("taiyuan"))
JINCHENG_Q = "晋城新建大型数据中心PUE要降到多少？"
TAIYUAN_Q = "太原市挥发性有机物综合整治由哪个部门牵头？"


def _env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POLICYKG_", "NEO4J_"))}
    env.update(settings_env(settings))
    env.update(PYTHONPATH=str(REPO), POLICYKG_CONFIG=str(REPO / "tests" / "no-such-policykg.toml"), **extra)
    return env


def _cli(settings: Settings, *args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ui.cli", *args], cwd=REPO, env=_env(settings),
                          capture_output=True, text=True, timeout=timeout)


def _settings(tmp: Path, model: Path, graph: str = "networkx", **neo4j: str) -> Settings:
    return Settings(home=tmp / "home", store=tmp / "store", graph=graph, model_path=model, **neo4j)


def _get(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path, timeout=120) as r:
        return json.loads(r.read())


def _serve(settings: Settings):
    return start_serve(_env(settings))


def _ask(base: str, question: str) -> dict[str, Any]:
    return _get(base, "/ask?q=" + urllib.parse.quote(question))


# ----------------------------------------------------------------------------- generations
@pytest.fixture(params=["networkx", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def live_settings(request, tmp_path: Path, ui_model_dir: Path) -> Settings:  # noqa: F811
    if request.param == "networkx":
        return _settings(tmp_path, ui_model_dir)
    conn = request.getfixturevalue("neo4j_conn")
    from graph.neo4j_store import Neo4jGraphStore

    store = Neo4jGraphStore(conn.uri, conn.user, conn.password, conn.database)
    store.clear()
    store.close()
    return _settings(tmp_path, ui_model_dir, "neo4j", neo4j_uri=conn.uri, neo4j_user=conn.user,
                     neo4j_password=conn.password, neo4j_database=conn.database)


def test_running_api_sees_ingest_and_remove_of_another_process(live_settings: Settings) -> None:
    first = _cli(live_settings, "ingest", str(TAIYUAN))
    assert first.returncode == 0, first.stderr
    base, proc = _serve(live_settings)
    try:
        assert _ask(base, TAIYUAN_Q)["found"]
        assert not _ask(base, JINCHENG_Q)["found"]
        assert _get(base, "/stats")["documents"] == 1

        added = _cli(live_settings, "ingest", str(JINCHENG))
        assert added.returncode == 0, added.stderr
        answer = _ask(base, JINCHENG_Q)  # the same server process, no restart
        assert answer["found"] and any(t["value"] == "1.3" for t in answer["targets"])
        assert _get(base, "/stats")["documents"] == 2

        removed = _cli(live_settings, "remove", JINCHENG.stem)
        assert removed.returncode == 0, removed.stderr
        assert not _ask(base, JINCHENG_Q)["found"]
        assert _get(base, "/stats")["documents"] == 1
        assert _ask(base, TAIYUAN_Q)["found"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


@pytest.mark.neo4j
def test_several_api_workers_share_one_neo4j(tmp_path: Path, ui_model_dir: Path, neo4j_conn) -> None:  # noqa: F811
    from graph.neo4j_store import Neo4jGraphStore

    store = Neo4jGraphStore(neo4j_conn.uri, neo4j_conn.user, neo4j_conn.password, neo4j_conn.database)
    store.clear()
    store.close()
    settings = _settings(tmp_path, ui_model_dir, "neo4j", neo4j_uri=neo4j_conn.uri, neo4j_user=neo4j_conn.user,
                         neo4j_password=neo4j_conn.password, neo4j_database=neo4j_conn.database)
    first = _cli(settings, "ingest", str(TAIYUAN))
    assert first.returncode == 0, first.stderr
    base, proc = start_serve(_env(settings), "--workers", "2")
    try:
        workers = _children(proc.pid)
        assert len(workers) >= 2, workers  # uvicorn's worker processes (and its resource tracker, if any)
        for _ in range(6):  # requests land on either worker
            assert _ask(base, TAIYUAN_Q)["found"]
        added = _cli(settings, "ingest", str(JINCHENG))
        assert added.returncode == 0, added.stderr
        for _ in range(6):  # every worker reads the database per question: none is behind
            answer = _ask(base, JINCHENG_Q)
            assert answer["found"] and any(t["value"] == "1.3" for t in answer["targets"])
    finally:
        proc.terminate()
        proc.wait(timeout=60)


# ----------------------------------------------------------------------------- writers
def test_two_ingests_started_together_lose_nothing(tmp_path: Path, ui_model_dir: Path) -> None:  # noqa: F811
    settings = _settings(tmp_path, ui_model_dir)
    halves = [SEED_DOCS[:2], SEED_DOCS[2:]]
    procs = [subprocess.Popen([sys.executable, "-m", "ui.cli", "ingest", *map(str, half)], cwd=REPO,
                              env=_env(settings), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for half in halves]
    outputs = [p.communicate(timeout=900) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert all("added 2" in err for _, err in outputs), outputs
    stats = _cli(settings, "stats", "--json")
    assert json.loads(stats.stdout)["documents"] == 4
    state = _cli(settings, "reindex", "--json")
    assert json.loads(state.stdout)["behind"] is False  # the index holds all four as well


# ----------------------------------------------------------------------------- kill -9
# Code run in a child process: PolicyKG.ingest of all seeds, with one function replaced by a
# wrapper that SIGKILLs the process at the chosen stage (after `after` calls went through).
KILL_CHILD = textwrap.dedent(
    """
    import os, signal, sys
    import {module} as target
    from ui.config import load_settings
    from ui.factory import open_policykg

    original = {getter}
    calls = []

    def killing(*args, **kwargs):
        calls.append(1)
        if len(calls) > {after}:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)

    {setter}
    open_policykg(load_settings()).ingest(sys.argv[1:])
    print("NOT KILLED")
    """
)
STAGES = {
    # the graph file's temp copy is written, killed before it is synced and renamed (graph: nothing stored)
    "graph save": ("graph.networkx_store", "target.os.fsync", "target.os.fsync = killing", 0),
    # all documents stored, the index build never starts
    "before index": ("search.service", "target.PolicyKG._rebuild_index",
                     "target.PolicyKG._rebuild_index = killing", 0),
    # part of the texts embedded (and cached), then killed
    "embedding": ("search.embedder", "target.SentenceTransformerEmbedder.embed_passages",
                  "target.SentenceTransformerEmbedder.embed_passages = killing", 2),
    # the new index folder half written under a temp name (no manifest), the rename never happens
    "index save": ("search.index", "target._write_json", "target._write_json = killing", 3),
}


def _snapshot(settings: Settings) -> tuple[Any, dict[str, str], list[str], int]:
    """Graph dump, indexed document hashes, indexed clause ids and vector count of a store."""
    from ui.factory import index_dir, open_store

    store = open_store(settings)
    try:
        dump = store.dump()
    finally:
        store.close()
    folder = index_dir(settings)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    ids = sorted(json.loads((folder / "ids.json").read_text(encoding="utf-8")))
    return dump, manifest["doc_hashes"], ids, manifest["vectors"]


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory: pytest.TempPathFactory, ui_model_dir: Path) -> tuple[Any, ...]:  # noqa: F811
    settings = _settings(tmp_path_factory.mktemp("clean"), ui_model_dir)
    done = _cli(settings, "ingest", *map(str, SEED_DOCS))
    assert done.returncode == 0, done.stderr
    return _snapshot(settings)


@pytest.mark.parametrize("stage", list(STAGES))
def test_kill_9_at_each_stage_then_ingest_equals_a_clean_build(
    stage: str, clean_build: tuple[Any, ...], tmp_path: Path, ui_model_dir: Path  # noqa: F811
) -> None:
    settings = _settings(tmp_path, ui_model_dir)
    module, getter, setter, after = STAGES[stage]
    code = KILL_CHILD.format(module=module, getter=getter, setter=setter, after=after)
    child = subprocess.run([sys.executable, "-c", code, *map(str, SEED_DOCS)], cwd=REPO, env=_env(settings),
                           capture_output=True, text=True, timeout=900)
    assert child.returncode == -signal.SIGKILL, child.stdout + child.stderr
    killed_leftovers = [p.name for p in settings.store_dir.iterdir() if p.name.startswith(".")]

    again = _cli(settings, "ingest", *map(str, SEED_DOCS))
    assert again.returncode == 0, again.stderr
    if stage != "graph save":  # documents were stored but not indexed: the user is told it is repaired
        assert "repairing the index" in again.stderr
    assert _snapshot(settings) == clean_build
    store_dir = settings.store_dir
    leftovers = [p.name for p in store_dir.iterdir() if p.name.startswith(".")]
    if stage in ("graph save", "index save"):
        assert killed_leftovers, "the killed writer left its temp file / folder (else the stage was missed)"
    assert leftovers == [], leftovers  # temp files of the killed writer are gone
