"""No open door: listening beyond loopback needs a non-default Neo4j password and a token / password."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from ingest.errors import ConfigError
from tests.ui_fixtures import APP, app_env, ui_model_dir, ui_service, ui_settings  # noqa: F401  (fixtures)
from ui.cli import app
from ui.exposure import DEFAULT_NEO4J_PASSWORD, check_exposure, exposure_problems, is_loopback

SAFE_PW = "a-long-secret-pw"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.0.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("example.org", False), ("", False)],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


# front, host, settings, number of problems
CASES: list[tuple[str, str, dict[str, Any], int]] = [
    ("neo4j", "127.0.0.1", {"neo4j_password": DEFAULT_NEO4J_PASSWORD}, 0),
    ("neo4j", "0.0.0.0", {"neo4j_password": DEFAULT_NEO4J_PASSWORD}, 1),
    ("neo4j", "0.0.0.0", {"neo4j_password": SAFE_PW}, 0),
    ("neo4j", "0.0.0.0", {"neo4j_password": SAFE_PW, "neo4j_auth": False}, 1),
    ("api", "0.0.0.0", {"neo4j_password": DEFAULT_NEO4J_PASSWORD}, 1),  # no token; networkx store
    ("api", "0.0.0.0", {"neo4j_password": DEFAULT_NEO4J_PASSWORD, "api_token": "t"}, 0),
    ("api", "0.0.0.0", {"neo4j_password": DEFAULT_NEO4J_PASSWORD, "graph": "neo4j", "api_token": "t"}, 1),
    ("api", "0.0.0.0", {"neo4j_password": DEFAULT_NEO4J_PASSWORD, "graph": "neo4j"}, 2),
    ("api", "::1", {"neo4j_password": DEFAULT_NEO4J_PASSWORD, "graph": "neo4j"}, 0),
    ("ui", "10.0.0.5", {"neo4j_password": SAFE_PW}, 1),
    ("ui", "10.0.0.5", {"neo4j_password": SAFE_PW, "ui_password": "p", "graph": "neo4j"}, 0),
]


@pytest.mark.parametrize(("front", "host", "settings", "problems"), CASES)
def test_exposure_rule(front: str, host: str, settings: dict[str, Any], problems: int) -> None:
    assert len(exposure_problems(front, host, **settings)) == problems  # type: ignore[arg-type]


def test_refusal_names_address_and_way_out() -> None:
    with pytest.raises(ConfigError) as e:
        check_exposure("api", "0.0.0.0", neo4j_password=DEFAULT_NEO4J_PASSWORD, graph="neo4j")
    msg = str(e.value)
    assert "0.0.0.0" in msg and "POLICYKG_API_TOKEN" in msg and "NEO4J_PASSWORD" in msg and "--insecure" in msg
    warning = check_exposure("api", "0.0.0.0", insecure=True, neo4j_password=DEFAULT_NEO4J_PASSWORD)
    assert warning and warning.startswith("警告 / warning")


@pytest.mark.parametrize("command", [["serve"], ["ui"], ["neo4j", "start"]])
def test_cli_refuses_open_door(command: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    for name in ("POLICYKG_API_TOKEN", "POLICYKG_UI_PASSWORD", "NEO4J_PASSWORD", "POLICYKG_NEO4J_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("POLICYKG_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("POLICYKG_HOME", str(tmp_path))
    result = CliRunner().invoke(app, [*command, "--host", "0.0.0.0"])
    assert isinstance(result.exception, ConfigError), result.output
    assert "0.0.0.0" in str(result.exception)
    assert not (tmp_path / "neo4j").exists()  # refused before anything started


@pytest.mark.model
def test_ui_password_gate(ui_service: Any, ui_settings: Any) -> None:  # noqa: F811
    with app_env(ui_settings.model_copy(update={"ui_password": "open-sesame"})):
        at = AppTest.from_file(APP, default_timeout=180)
        at.run()
        assert not at.exception
        assert not at.radio, "no page before sign-in"
        at.text_input(key="_password").input("wrong").run()
        assert any("wrong password" in e.value for e in at.error)
        assert not at.radio
        at.text_input(key="_password").input("open-sesame").run()
        assert not at.exception and at.radio, "pages after sign-in"
