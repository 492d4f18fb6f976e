"""The ``policykg`` command line: --help for every command, exit codes, error messages, JSON output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from ui.cli import app

ROOT = Path(__file__).resolve().parent.parent
TAIYUAN = ROOT / "data" / "taiyuan-shisiwu-jienengjianpai.txt"


def _command_paths(group: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, cmd in sorted(group.commands.items()):  # type: ignore[attr-defined]
        paths.append(prefix + (name,))
        if hasattr(cmd, "commands"):  # a command group (typer vendors its own click)
            paths.extend(_command_paths(cmd, prefix + (name,)))
    return paths


COMMANDS = _command_paths(get_command(app))


def _run(*args: str, env: dict[str, str] | None = None, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point in a subprocess (exit codes and stderr as a user sees them)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", "from ui.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=timeout,
    )


def test_every_documented_command_exists() -> None:
    names = {" ".join(p) for p in COMMANDS}
    expected = {"ingest", "ask", "search", "similar", "parse", "report", "stats", "export", "remove", "eval",
                "demo", "ui", "serve", "model", "model build", "model verify", "model path", "neo4j",
                "neo4j start", "neo4j stop", "neo4j status"}
    assert expected <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p))
def test_help_for_every_command(path: tuple[str, ...]) -> None:
    proc = _run(*path, "--help", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "Usage" in proc.stdout


def test_store_commands_take_graph_and_store_options() -> None:
    for name in ("ingest", "ask", "search", "similar", "stats", "export", "remove", "eval", "demo", "ui", "serve"):
        proc = _run(name, "--help", timeout=60)
        assert "--graph" in proc.stdout and "--store" in proc.stdout, name


def test_parse_json_prints_the_records() -> None:
    proc = _run("parse", str(TAIYUAN), "--json", timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["document"]["title"] == "太原市“十四五”节能减排实施方案"
    assert data["document"]["doc_number"] == "并政发〔2023〕15号"
    paths = {c["path"] for c in data["clauses"]}
    assert "三（九）" in paths
    leads = {r["agency"] for r in data["responsibilities"] if r["role"] == "lead" and r["clause_id"].endswith("#三（九）")}
    assert leads == {"太原市生态环境局"}


def test_bad_file_names_the_file_and_exits_non_zero(tmp_path: Path) -> None:
    empty = tmp_path / "空文件.txt"
    empty.write_text("", encoding="utf-8")
    proc = _run("parse", str(empty), timeout=60)
    assert proc.returncode == 1
    assert str(empty) in proc.stderr


def test_report_continues_past_a_bad_file_and_fails(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(TAIYUAN.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4\n garbage, truncated")
    proc = _run("report", str(tmp_path), "--json", timeout=120)
    assert proc.returncode == 1
    rows = {Path(r["file"]).name: r for r in json.loads(proc.stdout) if r["file"] != "TOTAL"}
    assert rows["good.txt"]["ok"] and rows["good.txt"]["clauses"] > 20
    assert not rows["bad.pdf"]["ok"] and rows["bad.pdf"]["error"]


def test_ask_needs_a_question_or_a_file() -> None:
    proc = _run("ask", timeout=60)
    assert proc.returncode == 2
    assert "--file" in proc.stderr


def test_unknown_graph_backend_lists_valid_ones(tmp_path: Path) -> None:
    proc = _run("stats", "--graph", "sqlite", "--store", str(tmp_path), timeout=60)
    assert proc.returncode == 1
    assert "networkx" in proc.stderr and "neo4j" in proc.stderr


def test_unreachable_neo4j_names_the_uri_and_writes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    proc = _run(
        "ingest", str(TAIYUAN), "--graph", "neo4j", "--store", str(store),
        env={"NEO4J_URI": "bolt://127.0.0.1:1", "POLICYKG_HOME": str(tmp_path / "home")},
        timeout=120,
    )
    assert proc.returncode == 1
    assert "bolt://127.0.0.1:1" in proc.stderr
    # nothing was written to an embedded store as a fallback
    assert not (store / "graph.json").exists()
    assert not (tmp_path / "home" / "store" / "graph.json").exists()


@pytest.mark.model
@pytest.mark.slow
def test_cli_end_to_end_ingest_eval_and_ask_file(tmp_path: Path) -> None:
    """The acceptance path as a user runs it: `policykg ingest data/`, `policykg eval`, `policykg ask --file --json`."""
    env = {"POLICYKG_HOME": str(tmp_path / "home")}
    store = str(tmp_path / "store")
    ingest = _run("ingest", str(ROOT / "data"), "--store", store, env=env, timeout=900)
    assert ingest.returncode == 0, ingest.stderr
    assert "added 4" in ingest.stderr

    ev = _run("eval", str(ROOT / "data" / "eval" / "seed_questions.jsonl"), "--store", store, "--json", env=env)
    assert ev.returncode == 0, ev.stdout + ev.stderr
    report = json.loads(ev.stdout)
    assert report["correct"] == report["n"] == 40

    questions = ["太原市挥发性有机物综合整治由哪个部门牵头？", "陕西省挥发性有机物治理由哪个部门牵头？", "晋城新建大型数据中心PUE要降到多少？"]
    qfile = tmp_path / "questions.txt"
    qfile.write_text("\n".join(questions) + "\n", encoding="utf-8")
    asked = _run("ask", "--file", str(qfile), "--json", "--store", store, env=env)
    assert asked.returncode == 0, asked.stderr
    answers = [json.loads(line) for line in asked.stdout.splitlines()]
    assert [a["question"] for a in answers] == questions  # one object per line, in input order
    lead = {"name": "太原市生态环境局", "role": "lead", "region": "太原市", "how": "first_listed", "confidence": 1.0}
    assert lead in answers[0]["agencies"]
    assert answers[1]["found"] is False
    assert any(t["value"] == "1.3" for t in answers[2]["targets"])


def test_ingest_a_missing_path_names_it_and_leaves_no_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    proc = _run("ingest", str(tmp_path / "no-such-dir"), "--store", str(store))
    assert proc.returncode == 2
    assert "no such file or directory" in proc.stderr and "no-such-dir" in proc.stderr
    assert not store.exists()


def test_ingest_a_folder_without_supported_files_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "notes.xlsx").write_bytes(b"not a policy document")
    proc = _run("ingest", str(folder), "--store", str(tmp_path / "store"))
    assert proc.returncode == 1
    assert "nothing to ingest" in proc.stderr and str(folder) in proc.stderr.replace("\n", "")


def test_export_onto_an_existing_folder_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "already-a-folder"
    target.mkdir()
    proc = _run("export", "--format", "json", "--out", str(target), "--store", str(tmp_path / "store"))
    assert proc.returncode == 2
    assert "exists and is not a file" in proc.stderr.replace("\n", "")
    assert "Traceback" not in proc.stderr


def test_neo4j_status_before_the_first_start_reports_the_configured_port(tmp_path: Path) -> None:
    proc = _run(
        "neo4j", "status", "--data-dir", str(tmp_path / "never-started"),
        env={"NEO4J_URI": "bolt://127.0.0.1:7799", "POLICYKG_NEO4J_URI": "bolt://127.0.0.1:7799"},
    )
    assert proc.returncode == 3
    assert "bolt://127.0.0.1:7799" in proc.stdout


def test_ask_an_overlong_question_is_one_clear_line(tmp_path: Path) -> None:
    proc = _run("ask", "节" * 600, "--store", str(tmp_path / "store"), env={"POLICYKG_MAX_QUESTION_CHARS": "500"})
    assert proc.returncode != 0
    assert "question too long: 600 characters (limit 500)" in proc.stderr.replace("\n", "")
    assert "Traceback" not in proc.stderr


@pytest.mark.model
def test_ask_on_an_empty_store_says_it_is_empty(tmp_path: Path) -> None:
    proc = _run("ask", "太原市挥发性有机物综合整治由哪个部门牵头？", "--json", "--store", str(tmp_path / "store"),
                env={"POLICYKG_HOME": str(tmp_path / "home")})
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["found"] is False
    assert "store holds no documents" in answer["answer"] and "未在已收录" not in answer["answer"]
