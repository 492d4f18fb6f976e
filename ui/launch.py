"""``policykg ui``: run the Streamlit app (ui/app.py) with the given settings.

The app reads its settings only through :class:`ui.config.Settings`, which reads ``POLICYKG_*``
environment variables, so the settings are handed over as environment variables of the
``streamlit run`` process.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ui.config import Settings

APP_PATH = Path(__file__).with_name("app.py")

def settings_env(settings: Settings) -> dict[str, str]:
    """The environment variables that reproduce ``settings`` in a child process.

    Args:
        settings: the resolved settings (CLI flags > env > TOML > defaults).
    Returns:
        ``{"POLICYKG_HOME": ..., "POLICYKG_GRAPH": ..., ...}``; unset optional paths are left out.
    """
    env: dict[str, str] = {}
    for name, value in settings.model_dump().items():
        if value is None:
            continue
        env[f"POLICYKG_{name.upper()}"] = str(value)  # Neo4j fields accept POLICYKG_NEO4J_* too
    return env


def streamlit_command(port: int = 8501, headless: bool = True, address: str | None = None) -> list[str]:
    """The ``streamlit run ui/app.py`` command line (with this interpreter)."""
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_PATH),
        "--server.port",
        str(port),
        "--server.headless",
        "true" if headless else "false",
        "--browser.gatherUsageStats",
        "false",
        "--global.developmentMode",
        "false",
        # no "Deploy" button or developer menu: the app is a tool, not a Streamlit project
        "--client.toolbarMode",
        "minimal",
    ]
    if address:
        cmd += ["--server.address", address]
    return cmd


def run_ui(settings: Settings, port: int = 8501, headless: bool = True, address: str | None = None) -> None:
    """Replace this process with ``streamlit run ui/app.py`` configured by ``settings``.

    Args:
        settings: passed to the app as ``POLICYKG_*`` environment variables.
        port: HTTP port of the Streamlit server.
        headless: do not try to open a browser.
        address: listen address (Streamlit's default when None).
    """
    env = {**os.environ, **settings_env(settings)}
    # the app imports the project packages (ui, search, ingest, graph) from the repository root
    root = str(APP_PATH.parent.parent)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    cmd = streamlit_command(port, headless, address)
    os.execvpe(cmd[0], cmd, env)
