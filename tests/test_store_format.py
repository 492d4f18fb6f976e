"""The embedded store's file format (graph.json, version 3) and ``policykg store migrate`` from the old pickle.

Real files throughout: the four seeds of data/ are parsed and written, old-format stores are the pickle
the previous code wrote (``{"format": 1, "graph": MultiDiGraph}``), the CLI runs through typer's CliRunner.
"""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph.factory import NETWORKX_FILE, open_store
from graph.networkx_store import FORMAT_NAME, FORMAT_VERSION, LEGACY_FILE, LegacyStoreError, NetworkxGraphStore
from ingest.errors import GraphStoreError
from ingest.records import ParsedDocument
from tests import graph_samples as S
from ui.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data").glob("*.txt"))
TY_LEAD = "taiyuan-shisiwu-jienengjianpai#三（九）"


@pytest.fixture(scope="module")
def seeds() -> list[ParsedDocument]:
    from ingest.pipeline import parse_file

    assert len(SEEDS) == 4, SEEDS
    return [parse_file(p) for p in SEEDS]


@pytest.fixture(scope="module")
def seed_graph(seeds, tmp_path_factory) -> nx.MultiDiGraph:
    """The graph the real ingest of the seeds builds (in memory, as the old code pickled it)."""
    s = NetworkxGraphStore(tmp_path_factory.mktemp("seed") / NETWORKX_FILE)
    with s.bulk():
        for p in seeds:
            s.write_document(p)
    return s.g


def _write_old_store(folder: Path, g: nx.MultiDiGraph) -> Path:
    """An old-format store folder: ``graph.pkl`` exactly as the pickle-based store wrote it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LEGACY_FILE
    with open(path, "wb") as f:
        pickle.dump({"format": 1, "graph": g}, f, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _answers(store) -> dict:
    """Answer-level facts over the seeds (stats, full dump, a lead agency, targets, lineage)."""
    return {
        "stats": store.stats(),
        "dump": store.dump(),
        "lead": [r.agency.name for r in store.agencies_for(clause_id=TY_LEAD, role="lead")],
        "targets": store.targets(region="山西省"),
        "documents": store.documents(),
        "clauses": store.clauses(),
        "lineage": {d.doc_id: store.lineage(d.doc_id) for d in store.documents()},
    }


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _migrate(folder: Path):
    return CliRunner().invoke(app, ["store", "migrate", "--store", str(folder)])


# --- the format ------------------------------------------------------------------------------------


def test_seed_store_round_trips(seeds, tmp_path):
    s = open_store("networkx", tmp_path)
    with s.bulk():
        for p in seeds:
            s.write_document(p)
    assert sorted(p.name for p in tmp_path.iterdir()) == [NETWORKX_FILE]
    before = _answers(s)
    assert before["lead"] == ["太原市生态环境局"]
    again = open_store("networkx", tmp_path)
    assert _answers(again) == before
    assert again.g.number_of_nodes() == s.g.number_of_nodes() > 500
    assert again.g.number_of_edges() == s.g.number_of_edges() > 500


def test_file_is_the_documented_json(seeds, tmp_path):
    s = NetworkxGraphStore(tmp_path / NETWORKX_FILE)
    s.write_document(next(p for p in seeds if p.document.doc_id == TY_LEAD.split("#")[0]))
    data = json.loads((tmp_path / NETWORKX_FILE).read_text(encoding="utf-8"))
    assert set(data) == {"format", "version", "generation", "nodes", "edges"}
    assert data["generation"] == 1  # one write, one generation
    assert (data["format"], data["version"]) == (FORMAT_NAME, FORMAT_VERSION) == ("policykg-graph", 3)
    assert len(data["nodes"]) == s.g.number_of_nodes() and len(data["edges"]) == s.g.number_of_edges()
    assert all(len(n) == 3 and isinstance(n[2], dict) for n in data["nodes"])
    assert all(len(e) == 6 and isinstance(e[5], dict) for e in data["edges"])
    clause = next(n for n in data["nodes"] if n[0] == "Clause" and n[1] == TY_LEAD)
    assert isinstance(clause[2]["sentences"], list)  # tuples are written as lists
    assert "太原市生态环境局" in (tmp_path / NETWORKX_FILE).read_text(encoding="utf-8")  # UTF-8, not \\u escapes


@pytest.fixture
def valid(tmp_path) -> dict:
    """The parsed file of a small real store (the taiyuan sample), to break in one place per test."""
    NetworkxGraphStore(tmp_path / "ok" / NETWORKX_FILE).write_document(S.taiyuan())
    return json.loads((tmp_path / "ok" / NETWORKX_FILE).read_text(encoding="utf-8"))


def _break(data: dict, how: str):
    if how == "format":
        return {**data, "format": "networkx"}
    if how == "version-1":
        return {**data, "version": 1}
    if how == "version-4":
        return {**data, "version": 4}
    if how == "version-str":
        return {**data, "version": "2"}
    if how == "version-bool":
        return {**data, "version": True}
    if how == "no-nodes":
        return {k: v for k, v in data.items() if k != "nodes"}
    if how == "nodes-dict":
        return {**data, "nodes": {}}
    if how == "node-short":
        return {**data, "nodes": [data["nodes"][0][:2], *data["nodes"][1:]]}
    if how == "node-label":
        n = data["nodes"][0]
        return {**data, "nodes": [["Person", n[1], n[2]], *data["nodes"][1:]]}
    if how == "node-label-list":
        n = data["nodes"][0]
        return {**data, "nodes": [[["Clause"], n[1], n[2]], *data["nodes"][1:]]}
    if how == "node-key":
        n = data["nodes"][0]
        return {**data, "nodes": [[n[0], n[1] + "x", n[2]], *data["nodes"][1:]]}
    if how == "node-props":
        n = data["nodes"][0]
        return {**data, "nodes": [[n[0], n[1], [1, 2]], *data["nodes"][1:]]}
    if how == "node-dup":
        return {**data, "nodes": [*data["nodes"], data["nodes"][0]]}
    if how == "edge-type":
        e = data["edges"][0]
        return {**data, "edges": [[*e[:4], "KNOWS", e[5]], *data["edges"][1:]]}
    if how == "edge-dangling":
        e = data["edges"][0]
        return {**data, "edges": [[e[0], "nowhere", *e[2:]], *data["edges"][1:]]}
    if how == "edge-unhashable":
        e = data["edges"][0]
        return {**data, "edges": [[e[0], {"a": 1}, *e[2:]], *data["edges"][1:]]}
    if how == "edge-dup":
        return {**data, "edges": [*data["edges"], data["edges"][0]]}
    raise AssertionError(how)


BROKEN = [
    ("format", "expected \"format\": \"policykg-graph\""),
    ("version-1", "unsupported version 1"),
    ("version-4", "newer policykg"),
    ("version-str", "unsupported version '2'"),
    ("version-bool", "unsupported version True"),
    ("no-nodes", "must be lists"),
    ("nodes-dict", "must be lists"),
    ("node-short", r"nodes\[0\] is not \[label, key, props\]"),
    ("node-label", r"nodes\[0\].*known label"),
    ("node-label-list", r"nodes\[0\].*known label"),
    ("node-key", r"nodes\[0\]: key .* differs"),
    ("node-props", r"nodes\[0\]"),
    ("node-dup", "duplicate node"),
    ("edge-type", r"edges\[0\] has an unknown relationship type"),
    ("edge-dangling", r"edges\[0\] joins a node that is not listed"),
    ("edge-unhashable", r"edges\[0\] joins a node that is not listed"),
    ("edge-dup", "duplicate .* edge"),
]


@pytest.mark.parametrize("how, reason", BROKEN, ids=[b[0] for b in BROKEN])
def test_invalid_file_names_the_file_and_the_reason(valid, tmp_path, how, reason):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / NETWORKX_FILE).write_text(json.dumps(_break(valid, how), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GraphStoreError) as e:
        open_store("networkx", folder)
    assert not isinstance(e.value, LegacyStoreError)
    assert str(folder / NETWORKX_FILE) in str(e.value)
    assert re.search(reason, str(e.value)), str(e.value)


@pytest.mark.parametrize(
    "raw", [b"", b"not json at all", b"\xff\xfe\x00garbage", b'{"format": "policykg-graph", "version": 2, "no', b"[" * 100_000]
)
def test_garbage_file_is_a_graph_store_error(tmp_path, raw):
    (tmp_path / NETWORKX_FILE).write_bytes(raw)
    with pytest.raises(GraphStoreError, match=re.escape(str(tmp_path / NETWORKX_FILE)) + ".*not valid JSON"):
        open_store("networkx", tmp_path)


def test_valid_base_file_loads(valid, tmp_path):
    """The files the invalid-file tests break are themselves valid (each test breaks exactly one thing)."""
    (tmp_path / "again").mkdir()
    (tmp_path / "again" / NETWORKX_FILE).write_text(json.dumps(valid), encoding="utf-8")
    assert open_store("networkx", tmp_path / "again").document(S.TY) is not None


# --- old pickle stores ---------------------------------------------------------------------------------


def test_folder_with_only_graph_pkl_says_run_migrate(seed_graph, tmp_path):
    _write_old_store(tmp_path, seed_graph)
    before = _snapshot(tmp_path)
    with pytest.raises(LegacyStoreError, match=r"policykg store migrate --store " + re.escape(str(tmp_path))) as e:
        open_store("networkx", tmp_path)
    assert "pickle" in str(e.value) and LEGACY_FILE in str(e.value)
    assert _snapshot(tmp_path) == before  # nothing written, nothing renamed


def test_pickle_under_the_new_name_is_not_loaded(seed_graph, tmp_path):
    _write_old_store(tmp_path, seed_graph).rename(tmp_path / NETWORKX_FILE)
    with pytest.raises(LegacyStoreError, match="policykg store migrate"):
        open_store("networkx", tmp_path)


def test_store_migrate_converts_a_real_old_store(seed_graph, tmp_path):
    old = _write_old_store(tmp_path / "store", seed_graph)
    old_bytes = old.read_bytes()
    expected = NetworkxGraphStore(tmp_path / "ref" / NETWORKX_FILE, autosave=False)
    expected.g = seed_graph
    result = _migrate(tmp_path / "store")
    assert result.exit_code == 0, result.output
    n, m = seed_graph.number_of_nodes(), seed_graph.number_of_edges()
    assert f"{n} nodes, {m} edges" in result.stdout
    assert sorted(p.name for p in (tmp_path / "store").iterdir()) == [NETWORKX_FILE, LEGACY_FILE + ".migrated"]
    assert (tmp_path / "store" / (LEGACY_FILE + ".migrated")).read_bytes() == old_bytes  # kept as it was
    migrated = open_store("networkx", tmp_path / "store")
    assert (migrated.g.number_of_nodes(), migrated.g.number_of_edges()) == (n, m)
    assert _answers(migrated) == _answers(expected)
    # and it is an ordinary store again: a second run has nothing to do
    again = _migrate(tmp_path / "store")
    assert again.exit_code == 0 and "nothing to migrate" in again.stdout
    assert "already in the current format" in again.stdout


def test_store_migrate_with_nothing_to_migrate(tmp_path):
    result = _migrate(tmp_path)
    assert result.exit_code == 0, result.output
    assert "nothing to migrate" in result.stdout and str(tmp_path) in result.stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "raw",
    [
        b"not a pickle",
        pickle.dumps({"format": 1, "graph": nx.MultiDiGraph()})[:-10],  # truncated
        pickle.dumps({"format": 7, "graph": nx.MultiDiGraph()}),  # not the old store format
        pickle.dumps([1, 2, 3]),
    ],
    ids=["garbage", "truncated", "wrong-format", "foreign"],
)
def test_store_migrate_corrupt_pickle_exits_1_and_changes_nothing(tmp_path, raw):
    (tmp_path / LEGACY_FILE).write_bytes(raw)
    result = _migrate(tmp_path)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(tmp_path / LEGACY_FILE) in lines[0], result.stderr
    assert _snapshot(tmp_path) == {LEGACY_FILE: raw}


class _RunsCode:
    """A pickle payload that would create a file when unpickled by a plain ``pickle.load``."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_store_migrate_never_runs_code_from_the_pickle(tmp_path):
    marker = tmp_path / "pwned"
    store = tmp_path / "store"
    store.mkdir()
    (store / LEGACY_FILE).write_bytes(pickle.dumps({"format": 1, "graph": _RunsCode(marker)}))
    result = _migrate(store)
    assert result.exit_code == 1
    assert re.search(r"refusing to load \S*open \(not a networkx graph class\)", result.stderr), result.stderr
    assert not marker.exists()
    assert sorted(p.name for p in store.iterdir()) == [LEGACY_FILE]


def test_store_migrate_refuses_when_both_files_exist(seed_graph, tmp_path):
    NetworkxGraphStore(tmp_path / NETWORKX_FILE).write_document(S.taiyuan())
    _write_old_store(tmp_path, seed_graph)
    before = _snapshot(tmp_path)
    result = _migrate(tmp_path)
    assert result.exit_code == 1
    assert "holds both" in result.stderr
    assert _snapshot(tmp_path) == before


def test_store_migrate_is_listed_in_help():
    result = CliRunner().invoke(app, ["store", "--help"])
    assert result.exit_code == 0 and "migrate" in result.stdout
